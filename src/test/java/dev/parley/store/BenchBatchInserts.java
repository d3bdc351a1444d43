package dev.parley.store;

import dev.parley.domain.Repositories;
import dev.parley.domain.conversation.Conversation;
import dev.parley.domain.conversation.ConversationMetrics;
import dev.parley.domain.conversation.ConversationPart;
import dev.parley.domain.ticket.Ticket;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Batched inserts for the bench loaders (test sources, {@code dev.parley.bench}): the rows that
 * {@code conversations().insert}, {@code tickets().save}, {@code
 * conversationLinks().insertContact}, {@code conversationParts().insertPart} and {@code
 * metrics().insert} write one statement at a time, written here as one JDBC batch per table inside
 * the caller's {@link dev.parley.domain.Store#write} transaction. On PostgreSQL a batch is one
 * round trip instead of one per row; on SQLite it only saves Jdbi's per-statement work. The columns
 * and values are those of the repositories' statements (SqlConversationRepository,
 * SqlTicketRepository, SqlConversationLinks, SqlConversationParts, SqlMetricsRepository), except
 * that a ticket's columns go into its conversation's INSERT instead of a following UPDATE; source
 * bodies must be empty, since their search words ({@code conversation_words}) are not written here.
 */
public final class BenchBatchInserts {
  private BenchBatchInserts() {}

  /** One ticket as the loaders make it: its conversation, author, parts and reporting record. */
  public record TicketRows(
      Conversation conversation,
      Ticket ticket,
      String contactId,
      List<ConversationPart> parts,
      ConversationMetrics metrics) {}

  /**
   * Inserts the rows of {@code tickets} in the transaction of {@code repos} (a {@link
   * dev.parley.domain.Store#write} of a SQL store): four batches, one per table.
   *
   * @throws IllegalArgumentException if a conversation's source has a body
   */
  public static void insertTickets(Repositories repos, List<TicketRows> tickets) {
    Handle handle = ((SqlRepositories) repos).handle();
    PreparedBatch conversations =
        handle.prepareBatch(
            "INSERT INTO conversations (workspace_id, id, created_at, updated_at, title, state,"
                + " is_read, priority, admin_assignee_id, team_assignee_id, snoozed_until,"
                + " waiting_since, custom_attributes, source_id, source_type, source_delivered_as,"
                + " source_subject, source_body, source_author_type, source_author_id, source_url,"
                + " source_redacted, first_contact_reply_at, ticket_type_id, ticket_state_id,"
                + " ticket_category, ticket_number, ticket_attributes, ticket_is_shared) VALUES"
                + " (:workspaceId, :id, :createdAt, :updatedAt, :title, :state, :read, :priority,"
                + " :adminAssigneeId, :teamAssigneeId, :snoozedUntil, :waitingSince, :attributes,"
                + " :source.id, :sourceType, :deliveredAs, :source.subject, :source.body,"
                + " :authorType, :source.authorId, :source.url, :source.redacted,"
                + " :firstContactReplyAt, :ticket.ticketTypeId, :ticket.ticketStateId,"
                + " :ticket.category, :ticket.number, :ticketAttributes, :ticket.shared)");
    PreparedBatch contacts =
        handle.prepareBatch(
            "INSERT INTO conversation_contacts (workspace_id, conversation_id, contact_id,"
                + " position) VALUES (:ws, :conversation, :contact, 0)");
    PreparedBatch parts =
        handle.prepareBatch(
            "INSERT INTO conversation_parts (workspace_id, id, conversation_id, part_type, body,"
                + " created_at, updated_at, notified_at, author_type, author_id, assigned_to_type,"
                + " assigned_to_id, metadata, state, redacted) VALUES (:workspaceId, :id,"
                + " :conversationId, :partType, :body, :createdAt, :updatedAt, :notifiedAt,"
                + " :authorType, :authorId, :assignedToType, :assignedToId, :metadata, :state,"
                + " :redacted)");
    PreparedBatch metrics =
        handle.prepareBatch(
            "INSERT INTO conversation_metrics (workspace_id, conversation_id, created_at,"
                + " updated_at, state, source_type, source_delivered_as, admin_assignee_id,"
                + " team_assignee_id, first_contact_reply_at, first_assignment_at,"
                + " first_admin_reply_at, first_close_at, last_assignment_at,"
                + " last_assignment_admin_reply_at, last_contact_reply_at, last_admin_reply_at,"
                + " last_close_at, last_closed_by_id, count_parts, count_reopens,"
                + " count_assignments, deleted_at) VALUES (:workspaceId, :conversationId,"
                + " :createdAt, :updatedAt, :stateValue, :sourceType, :sourceDeliveredAs,"
                + " :adminAssigneeId, :teamAssigneeId, :firstContactReplyAt, :firstAssignmentAt,"
                + " :firstAdminReplyAt, :firstCloseAt, :lastAssignmentAt,"
                + " :lastAssignmentAdminReplyAt, :lastContactReplyAt, :lastAdminReplyAt,"
                + " :lastCloseAt, :lastClosedById, :countParts, :countReopens,"
                + " :countAssignments, :deletedAt)");
    for (TicketRows t : tickets) {
      Conversation c = t.conversation();
      if (c.source().body() != null && !c.source().body().isEmpty()) {
        throw new IllegalArgumentException("a source body needs its search words: not here");
      }
      conversations
          .bindMethods(c)
          .bindMethods("source", c.source())
          .bindMethods("ticket", t.ticket())
          .bind("state", c.state().wireValue())
          .bind("priority", c.priority().wireValue())
          .bind("attributes", Rows.json(c.customAttributes()))
          .bind("sourceType", c.source().type())
          .bind("deliveredAs", c.source().deliveredAs())
          .bind("authorType", c.source().authorType().wireValue())
          .bind("ticketAttributes", Rows.json(t.ticket().attributes()))
          .add();
      contacts
          .bind("ws", c.workspaceId())
          .bind("conversation", c.id())
          .bind("contact", t.contactId())
          .add();
      for (ConversationPart p : t.parts()) {
        parts
            .bindMethods(p)
            .bind("partType", p.partType().wireValue())
            .bind("authorType", p.authorType().wireValue())
            .bind(
                "assignedToType",
                p.assignedToType() == null ? null : p.assignedToType().wireValue())
            .bind(
                "metadata",
                p.quickReplyOptions().isEmpty() ? null : Rows.json(p.quickReplyOptions()))
            .bind("state", p.state().wireValue())
            .add();
      }
      metrics.bindMethods(t.metrics()).bind("stateValue", t.metrics().state().wireValue()).add();
    }
    for (PreparedBatch batch : List.of(conversations, contacts, parts, metrics)) {
      if (batch.size() > 0) {
        batch.execute();
      }
    }
  }
}
