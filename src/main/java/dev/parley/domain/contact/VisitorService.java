package dev.parley.domain.contact;

import dev.parley.domain.ApiException;
import dev.parley.domain.CustomAttributes;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Repositories;
import dev.parley.domain.Store;
import dev.parley.domain.attribute.DataAttributeService;
import dev.parley.domain.contact.ContactRepository.VisitorKey;
import dev.parley.domain.conversation.ErasureService;
import dev.parley.domain.workspace.Caller;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Visitors (Intercom's {@code visitor}): anonymous people the Messenger saw, which Intercom's API
 * reads ({@code retrieveVisitorWithUserId}), updates ({@code updateVisitor}) and converts into a
 * lead or a user ({@code convertVisitor}) but never creates. A visitor is a contact row of role
 * {@code visitor} that the contact operations do not see ({@link ContactRepository}); operators add
 * them with {@link #create} (the CLI's {@code visitor create}). Operator methods take a workspace
 * id and throw {@link IllegalArgumentException}. See docs/visitors.md.
 */
public final class VisitorService {
  private final Store store;
  private final Clock clock;
  private final ErasureService erasures;

  /**
   * @param erasures merges a visitor into an existing user ({@link ErasureService#mergeWithin});
   *     null for an operator's service that only {@link #create}s
   */
  public VisitorService(Store store, Clock clock, ErasureService erasures) {
    this.store = store;
    this.clock = clock;
    this.erasures = erasures;
  }

  /**
   * The identifiers of a {@code convertVisitor} request's {@code visitor} or {@code user}: any of
   * them may be null.
   *
   * @param id a contact id (24 hex characters)
   * @param userId a {@code user_id} (a contact's {@code external_id})
   * @param email an email
   */
  public record Identifiers(String id, String userId, String email) {}

  /**
   * Adds a visitor, as the Messenger does in Intercom (an operator's seeding).
   *
   * @param userId its {@code user_id}; null for a new random UUID, as Intercom generates one
   * @param name its name, or null
   * @param email its email, or null
   * @throws IllegalArgumentException for a blank user id or name, an email without {@code @}, or a
   *     user id another visitor of the workspace has
   */
  public Contact create(long workspaceId, String userId, String name, String email) {
    if (userId != null && userId.isBlank()) {
      throw new IllegalArgumentException("the user id must not be blank");
    }
    if (name != null && name.isBlank()) {
      throw new IllegalArgumentException("the name must not be blank");
    }
    if (email != null && !email.contains("@")) {
      throw new IllegalArgumentException("the email is not an address: " + email);
    }
    String user = userId == null ? UUID.randomUUID().toString() : userId;
    long now = clock.instant().getEpochSecond();
    Contact visitor =
        new Contact(
            workspaceId,
            ContactService.newContactId(),
            "visitor",
            email == null ? null : email.toLowerCase(Locale.ROOT),
            user,
            name,
            null,
            null,
            null,
            false,
            new LinkedHashMap<>(),
            null,
            null,
            null,
            false,
            now,
            now);
    return store.write(
        repos -> {
          if (repos
              .contacts()
              .findVisitor(workspaceId, VisitorKey.USER_ID, user, true)
              .isPresent()) {
            throw new IllegalArgumentException("a visitor has the user id " + user);
          }
          repos.contacts().insert(visitor);
          return visitor;
        });
  }

  /**
   * The visitor with this {@code user_id} ({@code retrieveVisitorWithUserId}).
   *
   * @throws ApiException 404 {@code not_found} "Visitor Not Found" when no visitor has it
   */
  public Contact findByUserId(Caller caller, String userId) {
    return store.read(
        repos ->
            repos
                .contacts()
                .findVisitor(caller.workspaceId(), VisitorKey.USER_ID, userId, false)
                .orElseThrow(() -> new ApiException(ErrorCode.VISITOR_NOT_FOUND)));
  }

  /**
   * Updates a visitor ({@code updateVisitor}), found by its id when {@code id} is given, else by
   * its {@code user_id}: its name (when {@code name} is not null) and its custom attributes (merged
   * in, a null value removing one; checked against the contact attributes' definitions as a
   * contact's are); {@code updated_at} becomes now.
   *
   * @throws ApiException 404 {@code not_found} "Visitor Not Found"; 400 {@code parameter_invalid}
   *     naming a custom attribute whose value is not of its declared type
   */
  public Contact update(
      Caller caller, String id, String userId, String name, Map<String, Object> attributes) {
    long ws = caller.workspaceId();
    long now = clock.instant().getEpochSecond();
    return store.write(
        repos -> {
          Contact v =
              visitor(repos, ws, new Identifiers(id, id == null ? userId : null, null), true);
          DataAttributeService.check(repos, ws, "contact", attributes);
          Contact updated =
              with(
                  v,
                  v.role(),
                  v.email(),
                  v.externalId(),
                  name == null ? v.name() : name,
                  CustomAttributes.merge(v.customAttributes(), attributes),
                  Math.max(now, v.updatedAt()));
          repos.contacts().update(updated);
          return updated;
        });
  }

  /**
   * Converts a visitor ({@code convertVisitor}), in one erasure transaction. {@code type} {@code
   * user}: when a user has {@code user.id} (or, without it, {@code user.user_id}), the visitor is
   * merged into that user as a lead is by {@code MergeContact} ({@link ErasureService#mergeWithin}:
   * its links move, its row is erased) and the user is answered; otherwise the visitor itself
   * becomes a user whose {@code external_id} is {@code user.user_id} (a {@code user.id} that names
   * no user is 404). {@code type} {@code lead}: the visitor becomes a lead, keeping its {@code
   * user_id} unless {@code user.user_id} replaces it. Either way {@code user.email}, when given,
   * becomes the contact's email unless the contact already has one.
   *
   * @param type {@code user} or {@code lead}
   * @throws ApiException 400 {@code parameter_invalid} naming {@code type} for another type; 404
   *     {@code not_found} "Visitor Not Found" for no such visitor; 404 "User Not Found" for a
   *     {@code user.id} that names no user
   */
  public Contact convert(Caller caller, String type, Identifiers user, Identifiers visitor) {
    if (!"user".equals(type) && !"lead".equals(type)) {
      throw ApiException.invalid("type", "type must be user or lead");
    }
    long ws = caller.workspaceId();
    long at = clock.instant().getEpochSecond();
    Contact converted =
        store.erase(
            repos -> {
              Contact v = visitor(repos, ws, visitor, true);
              String email = v.email() != null ? v.email() : lower(user.email());
              if ("lead".equals(type)) {
                return convert(repos, v, "lead", user.userId(), email, at);
              }
              ContactRepository contacts = repos.contacts();
              Contact existing =
                  user.id() != null
                      ? contacts
                          .find(ws, user.id())
                          .filter(c -> "user".equals(c.role()))
                          .orElseThrow(() -> new ApiException(ErrorCode.USER_NOT_FOUND))
                      : contacts.findUserByExternalId(ws, user.userId()).orElse(null);
              if (existing == null) {
                return convert(repos, v, "user", user.userId(), email, at);
              }
              Contact merged = erasures.mergeWithin(repos, caller, v, existing.id(), at);
              if (merged.email() == null && user.email() != null) {
                merged =
                    with(
                        merged,
                        merged.role(),
                        lower(user.email()),
                        merged.externalId(),
                        merged.name(),
                        merged.customAttributes(),
                        merged.updatedAt());
                contacts.update(merged);
              }
              return merged;
            });
    erasures.afterCommit(ws, List.of(), List.of());
    return converted;
  }

  /** Gives visitor {@code v} its new role, user id (when not null) and email, and writes it. */
  private static Contact convert(
      Repositories repos, Contact v, String role, String userId, String email, long at) {
    Contact c =
        with(
            v,
            role,
            email,
            userId != null ? userId : v.externalId(),
            v.name(),
            v.customAttributes(),
            Math.max(at, v.updatedAt()));
    repos.contacts().update(c);
    return c;
  }

  /**
   * The visitor the identifiers name, by id, else user id, else email (locked when {@code lock}).
   *
   * @throws ApiException 404 {@code not_found} "Visitor Not Found"
   */
  private static Contact visitor(Repositories repos, long ws, Identifiers by, boolean lock) {
    VisitorKey key =
        by.id() != null
            ? VisitorKey.ID
            : by.userId() != null ? VisitorKey.USER_ID : VisitorKey.EMAIL;
    String value = by.id() != null ? by.id() : by.userId() != null ? by.userId() : by.email();
    if (value == null) {
      throw new ApiException(ErrorCode.VISITOR_NOT_FOUND);
    }
    return repos
        .contacts()
        .findVisitor(ws, key, value, lock)
        .orElseThrow(() -> new ApiException(ErrorCode.VISITOR_NOT_FOUND));
  }

  private static String lower(String email) {
    return email == null ? null : email.toLowerCase(Locale.ROOT);
  }

  /** {@code c} with these fields changed. */
  private static Contact with(
      Contact c,
      String role,
      String email,
      String externalId,
      String name,
      Map<String, Object> attributes,
      long updatedAt) {
    return new Contact(
        c.workspaceId(),
        c.id(),
        role,
        email,
        externalId,
        name,
        c.phone(),
        c.avatar(),
        c.ownerId(),
        c.unsubscribedFromEmails(),
        attributes,
        c.signedUpAt(),
        c.lastSeenAt(),
        c.lastRepliedAt(),
        c.archived(),
        c.createdAt(),
        updatedAt);
  }
}
