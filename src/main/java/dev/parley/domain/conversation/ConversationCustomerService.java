package dev.parley.domain.conversation;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Repositories;
import dev.parley.domain.Store;
import dev.parley.domain.contact.Contact;
import dev.parley.domain.contact.ContactLinks;
import dev.parley.domain.contact.ContactService;
import dev.parley.domain.webhook.Outbox;
import dev.parley.domain.webhook.Topic;
import dev.parley.domain.workspace.Caller;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The contacts taking part in a conversation: Intercom's {@code POST /conversations/{id}/customers}
 * ({@code attachContactToConversation}) and {@code DELETE
 * /conversations/{id}/customers/{contact_id}} ({@code detachContactFromConversation}), REST API
 * 2.14.
 *
 * <p>Both answer the conversation with its parts. Neither adds a part (the description shows none)
 * nor touches the reporting record; both set the conversation's {@code updated_at}.
 */
public final class ConversationCustomerService {
  private final Store store;
  private final Clock clock;
  private final Outbox outbox;

  public ConversationCustomerService(Store store, Clock clock) {
    this(store, clock, Outbox.none());
  }

  /**
   * @param outbox raises {@code conversation.contact.attached} and {@code .detached}
   */
  public ConversationCustomerService(Store store, Clock clock, Outbox outbox) {
    this.store = store;
    this.clock = clock;
    this.outbox = outbox;
  }

  /**
   * Adds a contact to a conversation, on behalf of an admin or of another contact. A contact named
   * by an email that matches no contact is created as a lead with that email, as the description
   * says. Adding a contact that already takes part changes nothing.
   *
   * @param adminId the admin adding the contact, or null when {@code actingContact} is given
   * @param customer the contact to add
   * @param actingContact the contact adding it (the request's nested {@code customer}), or null
   * @throws ApiException 404 {@code not_found} "Resource Not Found" for an unknown conversation;
   *     404 {@code admin_not_found} for an unknown admin; 404 {@code not_found} "User Not Found"
   *     for an unknown contact (by id or external id) or acting contact
   */
  public ConversationDetails attach(
      Caller caller,
      ConversationId id,
      Long adminId,
      Reply.ContactRef customer,
      Reply.ContactRef actingContact) {
    long conversationId = id.value();
    long ws = caller.workspaceId();
    long at = clock.instant().getEpochSecond();
    return store.write(
        repos -> {
          Conversation c =
              repos.conversations().lock(ws, conversationId).orElseThrow(ApiException::notFound);
          if (adminId != null) {
            ConversationService.requireAdmin(repos, ws, adminId);
          }
          if (actingContact != null) {
            ConversationService.findContact(repos, ws, actingContact);
          }
          Found found = findOrCreateLead(repos, ws, customer, at);
          Contact contact = found.contact();
          if (found.created()) {
            outbox.raise(
                repos,
                ws,
                Topic.CONTACT_LEAD_CREATED,
                Outbox.contactKey(contact.id()),
                List.of(),
                () -> outbox.items().contact(caller.workspace(), contact, ContactLinks.NONE));
          }
          if (!repos.conversationLinks().appendContact(ws, c.id(), contact.id())) {
            return ConversationViews.details(repos, c);
          }
          Conversation updated = touched(c, at);
          repos.conversations().update(updated);
          ConversationNotifications.raise(
              outbox, repos, updated, Topic.CONVERSATION_CONTACT_ATTACHED, List.of());
          return ConversationViews.details(repos, updated);
        });
  }

  /**
   * Removes a contact from a conversation, on behalf of an admin. The last contact cannot be
   * removed.
   *
   * @throws ApiException 404 {@code not_found} "Resource Not Found" for an unknown conversation;
   *     404 {@code admin_not_found} for an unknown admin; 404 {@code not_found} "User Not Found"
   *     for a contact that does not exist or does not take part; 422 {@code parameter_invalid}
   *     "Removing the last customer is not allowed"
   */
  public ConversationDetails detach(
      Caller caller, ConversationId id, String contactId, long adminId) {
    long conversationId = id.value();
    long ws = caller.workspaceId();
    long at = clock.instant().getEpochSecond();
    return store.write(
        repos -> {
          Conversation c =
              repos.conversations().lock(ws, conversationId).orElseThrow(ApiException::notFound);
          ConversationService.requireAdmin(repos, ws, adminId);
          List<String> contacts =
              repos
                  .conversationLinks()
                  .contactIds(ws, List.of(c.id()))
                  .getOrDefault(c.id(), List.of());
          if (!contacts.contains(contactId)) {
            throw new ApiException(ErrorCode.USER_NOT_FOUND);
          }
          if (contacts.size() == 1) {
            throw new ApiException(ErrorCode.LAST_CUSTOMER);
          }
          repos.conversationLinks().deleteContact(ws, c.id(), contactId);
          Conversation updated = touched(c, at);
          repos.conversations().update(updated);
          ConversationNotifications.raise(
              outbox, repos, updated, Topic.CONVERSATION_CONTACT_DETACHED, List.of());
          return ConversationViews.details(repos, updated);
        });
  }

  /** A contact found, or created as a lead just now. */
  private record Found(Contact contact, boolean created) {}

  private static Found findOrCreateLead(
      Repositories repos, long ws, Reply.ContactRef ref, long at) {
    if (ref.intercomUserId() != null || ref.userId() != null) {
      return new Found(ConversationService.findContact(repos, ws, ref), false);
    }
    return repos
        .contacts()
        .findByEmail(ws, ref.email())
        .map(existing -> new Found(existing, false))
        .orElseGet(
            () -> {
              Contact lead =
                  new Contact(
                      ws,
                      ContactService.newContactId(),
                      "lead",
                      ref.email(),
                      null,
                      null,
                      null,
                      null,
                      null,
                      false,
                      new LinkedHashMap<>(),
                      null,
                      null,
                      null,
                      false,
                      at,
                      at);
              repos.contacts().insert(lead);
              return new Found(lead, true);
            });
  }

  private static Conversation touched(Conversation c, long at) {
    return c.withUpdatedAt(Math.max(at, c.updatedAt()));
  }
}
