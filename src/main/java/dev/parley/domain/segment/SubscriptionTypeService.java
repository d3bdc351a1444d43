package dev.parley.domain.segment;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Repositories;
import dev.parley.domain.Store;
import dev.parley.domain.webhook.Outbox;
import dev.parley.domain.webhook.Topic;
import dev.parley.domain.workspace.Caller;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Subscription types: Intercom's {@code listSubscriptionTypes}, {@code
 * listSubscriptionsForAContact}, {@code attachSubscriptionTypeToContact} and {@code
 * detachSubscriptionTypeToContact}, and the operator's side (the CLI's {@code subscription-type}
 * command): adding, archiving and deleting types, as an admin edits them in Intercom's settings.
 * Operator methods take a workspace id and throw {@link IllegalArgumentException}.
 */
public final class SubscriptionTypeService {
  private final Store store;
  private final Clock clock;
  private final Outbox outbox;

  public SubscriptionTypeService(Store store, Clock clock) {
    this(store, clock, Outbox.none());
  }

  /**
   * @param outbox raises {@code contact.subscribed} and {@code contact.unsubscribed} when a
   *     contact's choice changes (docs/webhooks.md)
   */
  public SubscriptionTypeService(Store store, Clock clock, Outbox outbox) {
    this.store = store;
    this.clock = clock;
    this.outbox = outbox;
  }

  /** Every subscription type of the workspace, archived ones included, in the order added. */
  public List<SubscriptionType> list(Caller caller) {
    return store.read(repos -> repos.subscriptionTypes().list(caller.workspaceId()));
  }

  /**
   * The types a contact has made an explicit choice about ({@code listSubscriptionsForAContact}):
   * opted in to an opt-in type or out of an opt-out one, in type order. A type the contact made no
   * choice about (its default) is not listed, as the description says.
   *
   * @throws ApiException 404 {@code not_found} "User Not Found" for an unknown contact
   */
  public List<SubscriptionType> ofContact(Caller caller, String contactId) {
    long ws = caller.workspaceId();
    return store.read(
        repos -> {
          requireContact(repos, ws, contactId);
          return repos.subscriptionTypes().ofContact(ws, contactId);
        });
  }

  /**
   * Records a contact's choice ({@code attachSubscriptionTypeToContact}): attaching an opt-out type
   * opts the contact out of its messages ({@code contact.unsubscribed}), an opt-in type opts it in
   * ({@code contact.subscribed}). Attaching twice changes nothing and raises nothing.
   *
   * @param typeId the type's id, or null for an id that is no integer (no such type can exist)
   * @param consentType {@code opt_in} or {@code opt_out}: the type's own consent type
   * @return the type
   * @throws ApiException 404 {@code not_found} "User Not Found" for an unknown contact, then 404
   *     "Resource Not Found" for an unknown type; 400 {@code parameter_invalid} naming {@code
   *     consent_type} for another value or one that is not the type's, naming {@code id} for an
   *     archived type
   */
  public SubscriptionType attach(Caller caller, String contactId, Long typeId, String consentType) {
    long ws = caller.workspaceId();
    long at = clock.instant().getEpochSecond();
    if (!SubscriptionType.CONSENT_TYPES.contains(consentType)) {
      throw ApiException.invalid("consent_type", "consent_type must be opt_in or opt_out");
    }
    return store.write(
        repos -> {
          lockContact(repos, ws, contactId);
          SubscriptionType type = requireType(repos, ws, typeId);
          if (!type.consentType().equals(consentType)) {
            throw ApiException.invalid(
                "consent_type",
                "Subscription type "
                    + type.id()
                    + " is "
                    + type.consentType()
                    + ", not "
                    + consentType);
          }
          if (type.archived()) {
            throw ApiException.invalid("id", "Subscription type " + type.id() + " is archived");
          }
          if (repos.subscriptionTypes().attach(ws, contactId, type.id(), at)) {
            raise(repos, caller, contactId, optIn(type));
          }
          return type;
        });
  }

  /**
   * Forgets a contact's choice about a type ({@code detachSubscriptionTypeToContact}): the contact
   * is back at the type's default: no longer opted in to an opt-in type ({@code
   * contact.unsubscribed}), no longer opted out of an opt-out one ({@code contact.subscribed}).
   *
   * @param typeId the type's id, or null for an id that is no integer
   * @return the type
   * @throws ApiException 404 {@code not_found} "User Not Found" for an unknown contact, then 404
   *     "Resource Not Found" for an unknown type or one the contact made no choice about
   */
  public SubscriptionType detach(Caller caller, String contactId, Long typeId) {
    long ws = caller.workspaceId();
    return store.write(
        repos -> {
          lockContact(repos, ws, contactId);
          SubscriptionType type = requireType(repos, ws, typeId);
          if (!repos.subscriptionTypes().detach(ws, contactId, type.id())) {
            throw ApiException.notFound();
          }
          raise(repos, caller, contactId, !optIn(type));
          return type;
        });
  }

  /**
   * Adds a live subscription type to a workspace.
   *
   * @param name 1 to 255 characters, unique among the workspace's types
   * @param description at most 1,000 characters; null for none
   * @param consentType {@code opt_in} or {@code opt_out}; null for {@code opt_out} (Intercom's
   *     default)
   * @param contentTypes {@code email} and/or {@code sms_message}; empty for {@code email}
   * @throws IllegalArgumentException for a blank or taken name, or another consent or content type
   */
  public SubscriptionType create(
      long workspaceId,
      String name,
      String description,
      String consentType,
      List<String> contentTypes) {
    String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty() || trimmed.length() > 255) {
      throw new IllegalArgumentException("a subscription type name must be 1 to 255 characters");
    }
    String about = description == null ? "" : description.strip();
    if (about.length() > 1000) {
      throw new IllegalArgumentException("a description is at most 1000 characters");
    }
    String consent = consentType == null ? "opt_out" : consentType;
    if (!SubscriptionType.CONSENT_TYPES.contains(consent)) {
      throw new IllegalArgumentException("a consent type is opt_in or opt_out");
    }
    Set<String> content = new LinkedHashSet<>(contentTypes);
    for (String c : content) {
      if (!SubscriptionType.CONTENT_TYPES.contains(c)) {
        throw new IllegalArgumentException("a content type is email or sms_message, not " + c);
      }
    }
    List<String> ordered =
        content.isEmpty()
            ? List.of("email")
            : SubscriptionType.CONTENT_TYPES.stream().filter(content::contains).toList();
    long at = clock.instant().getEpochSecond();
    return store.write(
        repos -> {
          if (repos.subscriptionTypes().list(workspaceId).stream()
              .anyMatch(t -> t.name().equals(trimmed))) {
            throw new IllegalArgumentException(
                "the workspace already has a subscription type named " + trimmed);
          }
          SubscriptionType type =
              new SubscriptionType(
                  workspaceId,
                  repos.nextId("subscription_type"),
                  trimmed,
                  about,
                  consent,
                  ordered,
                  "live",
                  at,
                  at);
          repos.subscriptionTypes().insert(type);
          return type;
        });
  }

  /**
   * Archives a type, as Intercom's settings do: it stays listed with state {@code archived}, and
   * the choices contacts made stay; it can no longer be attached.
   *
   * @throws IllegalArgumentException for an unknown type
   */
  public SubscriptionType archive(long workspaceId, long typeId) {
    long at = clock.instant().getEpochSecond();
    return store.write(
        repos -> {
          if (!repos.subscriptionTypes().archive(workspaceId, typeId, at)) {
            throw new IllegalArgumentException("the workspace has no subscription type " + typeId);
          }
          return repos.subscriptionTypes().find(workspaceId, typeId).orElseThrow();
        });
  }

  /**
   * Deletes a type and every contact's choice about it.
   *
   * @throws IllegalArgumentException for an unknown type
   */
  public void delete(long workspaceId, long typeId) {
    store.write(
        repos -> {
          if (!repos.subscriptionTypes().delete(workspaceId, typeId)) {
            throw new IllegalArgumentException("the workspace has no subscription type " + typeId);
          }
          return null;
        });
  }

  private static boolean optIn(SubscriptionType type) {
    return "opt_in".equals(type.consentType());
  }

  /**
   * Raises {@code contact.subscribed} (when the contact now receives the type's messages) or {@code
   * contact.unsubscribed}, the contact as the API renders it after the change.
   */
  private void raise(Repositories repos, Caller caller, String contactId, boolean subscribed) {
    outbox.raiseContact(
        repos,
        caller,
        repos.contacts().find(caller.workspaceId(), contactId).orElseThrow(),
        subscribed ? Topic.CONTACT_SUBSCRIBED : Topic.CONTACT_UNSUBSCRIBED);
  }

  private static void requireContact(Repositories repos, long ws, String contactId) {
    if (repos.contacts().find(ws, contactId).isEmpty()) {
      throw new ApiException(ErrorCode.USER_NOT_FOUND);
    }
  }

  /** Locks the contact, so that its erasure and a new choice of it never interleave. */
  private static void lockContact(Repositories repos, long ws, String contactId) {
    if (repos.contacts().lock(ws, contactId).isEmpty()) {
      throw new ApiException(ErrorCode.USER_NOT_FOUND);
    }
  }

  private static SubscriptionType requireType(Repositories repos, long ws, Long typeId) {
    if (typeId == null) {
      throw ApiException.notFound();
    }
    return repos.subscriptionTypes().find(ws, typeId).orElseThrow(ApiException::notFound);
  }
}
