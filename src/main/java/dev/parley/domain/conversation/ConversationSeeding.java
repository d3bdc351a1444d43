package dev.parley.domain.conversation;

import dev.parley.domain.Repositories;
import dev.parley.domain.webhook.Outbox;
import java.util.List;

/**
 * The steps of a conversation's life as the services take them, run inside a transaction that
 * seeding ({@link dev.parley.domain.operator.SeedService}) has already opened, so that a whole
 * fixture is one transaction and a seeded conversation holds the same rows (parts, links, reporting
 * record, search words) as one built through the API. Each step takes its own time ({@code at},
 * Unix seconds, in the past) and raises no webhook notification.
 */
public final class ConversationSeeding {
  private ConversationSeeding() {}

  /**
   * Starts a conversation from a contact's message at {@code request.createdAt()}, as {@code
   * createConversation} does.
   *
   * @return the new conversation's id
   */
  public static long start(Repositories repos, long ws, NewConversation request) {
    return ConversationService.createWithin(repos, Outbox.none(), ws, request, request.createdAt())
        .conversationId();
  }

  /**
   * Adds a reply or a note at {@code reply.createdAt()}, as {@code replyConversation} does (a
   * contact's reply reopens a closed conversation, an admin comment ends the contact's wait).
   */
  public static void reply(Repositories repos, long ws, long conversationId, Reply reply) {
    var unused =
        ConversationService.replyWithin(
            repos,
            Outbox.none(),
            ws,
            new ConversationId(conversationId),
            reply,
            List.of(),
            reply.createdAt());
  }

  /** Applies a state change or an assignment at {@code at}, as {@code manageConversation} does. */
  public static void manage(
      Repositories repos, long ws, long conversationId, StateChange change, long at) {
    var unused =
        ConversationStateService.manageWithin(repos, Outbox.none(), ws, conversationId, change, at);
  }

  /** Applies a tag at {@code at} by an admin, as {@code attachTagToConversation} does. */
  public static void tag(
      Repositories repos, long ws, long conversationId, long tagId, long adminId, long at) {
    repos.conversationLinks().insertTag(ws, conversationId, tagId, at, adminId);
  }
}
