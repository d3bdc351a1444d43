package dev.parley.domain.conversation;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Repositories;
import dev.parley.domain.Store;
import dev.parley.domain.admin.Admin;
import dev.parley.domain.webhook.Outbox;
import dev.parley.domain.webhook.Topic;
import dev.parley.domain.workspace.Caller;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Outbound messages from an admin to contacts ({@code createMessage}, Intercom's "Messages" in the
 * REST API 2.14; docs/messages.md).
 *
 * <p>Intercom stores an admin's message as the first part of a conversation that appears in the
 * inbox when the contact replies, or at once with {@code
 * create_conversation_without_contact_reply}. parley writes that conversation in the message's
 * transaction, so the message's content lives in one place that erasure already reaches: {@code
 * DELETE /conversations/{id}} erases the message with its conversation, and {@code DELETE
 * /contacts/{id}} erases it when the contact was its only one. The conversation is admin-initiated
 * ({@code source.delivered_as} "admin_initiated", the admin as {@code source.author}); it starts
 * closed, and the contact's first reply opens it (as any contact reply opens a closed
 * conversation), unless it was opened at once.
 */
public final class MessageService {
  private final Store store;
  private final Clock clock;
  private final Outbox outbox;

  /**
   * @param clock the server clock (Unix seconds of a message without {@code created_at})
   * @param outbox raises {@code conversation.admin.single.created}
   */
  public MessageService(Store store, Clock clock, Outbox outbox) {
    this.store = store;
    this.clock = clock;
    this.outbox = outbox;
  }

  /**
   * Sends {@code message}: one conversation whose contacts are the {@code to} then {@code cc}
   * contacts, in order and without repeats, and whose source is the message. Raises {@code
   * conversation.admin.single.created}.
   *
   * @throws ApiException 404 {@code admin_not_found} for an unknown admin; 404 {@code not_found}
   *     "User Not Found" for a recipient that is no contact of the caller's workspace
   */
  public MessageSent send(Caller caller, NewMessage message) {
    long ws = caller.workspaceId();
    long at = message.createdAt() != null ? message.createdAt() : clock.instant().getEpochSecond();
    return store.write(repos -> sendWithin(repos, ws, message, at));
  }

  private MessageSent sendWithin(Repositories repos, long ws, NewMessage message, long at) {
    Admin admin = ConversationService.requireAdmin(repos, ws, message.adminId());
    Set<String> participants = new LinkedHashSet<>();
    participants.addAll(message.to());
    participants.addAll(message.cc());
    for (String contactId : participants) {
      // Locked, so that a contact deletion racing this message waits for it (PostgreSQL) and then
      // erases the conversation with the contact, or wins and this message answers 404.
      if (repos.contacts().lock(ws, contactId).isEmpty()) {
        throw new ApiException(ErrorCode.USER_NOT_FOUND);
      }
    }
    for (String contactId : message.bcc()) {
      if (repos.contacts().find(ws, contactId).isEmpty()) {
        throw new ApiException(ErrorCode.USER_NOT_FOUND);
      }
    }
    long id = repos.nextId("conversation");
    long messageId = repos.nextId("part");
    Conversation.Source source =
        new Conversation.Source(
            messageId,
            message.messageType().sourceType(),
            "admin_initiated",
            message.subject() == null ? "" : message.subject(),
            message.body(),
            AuthorType.ADMIN,
            Long.toString(admin.id()),
            null,
            false);
    ConversationState state =
        message.openWithoutReply() ? ConversationState.OPEN : ConversationState.CLOSED;
    Conversation conversation =
        new Conversation(
            ws,
            id,
            at,
            at,
            null,
            state,
            true,
            Priority.NOT_PRIORITY,
            null,
            null,
            null,
            null,
            new LinkedHashMap<>(),
            source,
            null);
    repos.conversations().insert(conversation);
    int position = 0;
    for (String contactId : participants) {
      repos.conversationLinks().insertContact(ws, id, contactId, position++);
    }
    repos
        .metrics()
        .insert(
            ConversationMetrics.sentByAdmin(ws, id, at, source.type(), message.openWithoutReply()));
    ConversationNotifications.raise(
        outbox, repos, conversation, Topic.CONVERSATION_ADMIN_SINGLE_CREATED, List.of());
    return new MessageSent(
        messageId,
        id,
        at,
        message.messageType() == NewMessage.MessageType.EMAIL ? message.subject() : null,
        message.body(),
        message.messageType(),
        admin,
        message.openWithoutReply());
  }
}
