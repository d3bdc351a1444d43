package dev.parley.store;

import dev.parley.domain.conversation.ConversationMetrics;
import dev.parley.domain.conversation.ConversationState;
import dev.parley.domain.conversation.MetricsRepository;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Update;

/** {@link MetricsRepository} in SQL: the {@code conversation_metrics} table. */
record SqlMetricsRepository(Handle handle) implements MetricsRepository {
  static final RowMapper<ConversationMetrics> METRICS =
      (rs, ctx) ->
          new ConversationMetrics(
              rs.getLong("workspace_id"),
              rs.getLong("conversation_id"),
              rs.getLong("created_at"),
              rs.getLong("updated_at"),
              ConversationState.fromWire(rs.getString("state")),
              rs.getString("source_type"),
              rs.getString("source_delivered_as"),
              Rows.nullableLong(rs, "admin_assignee_id"),
              Rows.nullableLong(rs, "team_assignee_id"),
              Rows.nullableLong(rs, "first_contact_reply_at"),
              Rows.nullableLong(rs, "first_assignment_at"),
              Rows.nullableLong(rs, "first_admin_reply_at"),
              Rows.nullableLong(rs, "first_close_at"),
              Rows.nullableLong(rs, "last_assignment_at"),
              Rows.nullableLong(rs, "last_assignment_admin_reply_at"),
              Rows.nullableLong(rs, "last_contact_reply_at"),
              Rows.nullableLong(rs, "last_admin_reply_at"),
              Rows.nullableLong(rs, "last_close_at"),
              Rows.nullableLong(rs, "last_closed_by_id"),
              rs.getInt("count_parts"),
              rs.getInt("count_reopens"),
              rs.getInt("count_assignments"),
              Rows.nullableLong(rs, "deleted_at"));

  private static final String COLUMNS =
      "updated_at = :updatedAt, state = :state, admin_assignee_id = :adminAssignee,"
          + " team_assignee_id = :teamAssignee, first_contact_reply_at = :firstContactReply,"
          + " first_assignment_at = :firstAssignment, first_admin_reply_at = :firstAdminReply,"
          + " first_close_at = :firstClose, last_assignment_at = :lastAssignment,"
          + " last_assignment_admin_reply_at = :lastAssignmentAdminReply,"
          + " last_contact_reply_at = :lastContactReply, last_admin_reply_at = :lastAdminReply,"
          + " last_close_at = :lastClose, last_closed_by_id = :lastClosedBy,"
          + " count_parts = :countParts, count_reopens = :countReopens,"
          + " count_assignments = :countAssignments, deleted_at = :deletedAt";

  @Override
  public void insert(ConversationMetrics m) {
    bind(
            handle.createUpdate(
                "INSERT INTO conversation_metrics (workspace_id, conversation_id, created_at,"
                    + " updated_at, state, source_type, source_delivered_as, admin_assignee_id,"
                    + " team_assignee_id, first_contact_reply_at, first_assignment_at,"
                    + " first_admin_reply_at, first_close_at, last_assignment_at,"
                    + " last_assignment_admin_reply_at, last_contact_reply_at, last_admin_reply_at,"
                    + " last_close_at, last_closed_by_id, count_parts, count_reopens,"
                    + " count_assignments, deleted_at) VALUES (:ws, :conversation, :createdAt,"
                    + " :updatedAt, :state, :sourceType, :deliveredAs, :adminAssignee,"
                    + " :teamAssignee, :firstContactReply, :firstAssignment, :firstAdminReply,"
                    + " :firstClose, :lastAssignment, :lastAssignmentAdminReply, :lastContactReply,"
                    + " :lastAdminReply, :lastClose, :lastClosedBy, :countParts, :countReopens,"
                    + " :countAssignments, :deletedAt)"),
            m)
        .bind("createdAt", m.createdAt())
        .bind("sourceType", m.sourceType())
        .bind("deliveredAs", m.sourceDeliveredAs())
        .execute();
  }

  @Override
  public void update(ConversationMetrics m) {
    bind(
            handle.createUpdate(
                "UPDATE conversation_metrics SET "
                    + COLUMNS
                    + " WHERE workspace_id = :ws AND conversation_id = :conversation"),
            m)
        .execute();
  }

  private static Update bind(Update update, ConversationMetrics m) {
    return update
        .bind("ws", m.workspaceId())
        .bind("conversation", m.conversationId())
        .bind("updatedAt", m.updatedAt())
        .bind("state", m.state().wireValue())
        .bind("adminAssignee", m.adminAssigneeId())
        .bind("teamAssignee", m.teamAssigneeId())
        .bind("firstContactReply", m.firstContactReplyAt())
        .bind("firstAssignment", m.firstAssignmentAt())
        .bind("firstAdminReply", m.firstAdminReplyAt())
        .bind("firstClose", m.firstCloseAt())
        .bind("lastAssignment", m.lastAssignmentAt())
        .bind("lastAssignmentAdminReply", m.lastAssignmentAdminReplyAt())
        .bind("lastContactReply", m.lastContactReplyAt())
        .bind("lastAdminReply", m.lastAdminReplyAt())
        .bind("lastClose", m.lastCloseAt())
        .bind("lastClosedBy", m.lastClosedById())
        .bind("countParts", m.countParts())
        .bind("countReopens", m.countReopens())
        .bind("countAssignments", m.countAssignments())
        .bind("deletedAt", m.deletedAt());
  }

  @Override
  public Optional<ConversationMetrics> find(long workspaceId, long conversationId) {
    return handle
        .createQuery(
            "SELECT * FROM conversation_metrics WHERE workspace_id = :ws AND conversation_id = :id")
        .bind("ws", workspaceId)
        .bind("id", conversationId)
        .map(METRICS)
        .findOne();
  }

  @Override
  public Map<Long, ConversationMetrics> findAll(
      long workspaceId, Collection<Long> conversationIds) {
    Map<Long, ConversationMetrics> result = new LinkedHashMap<>();
    if (conversationIds.isEmpty()) {
      return result;
    }
    handle
        .createQuery(
            "SELECT * FROM conversation_metrics WHERE workspace_id = :ws AND conversation_id IN"
                + " (<ids>)")
        .bind("ws", workspaceId)
        .bindList("ids", List.copyOf(conversationIds))
        .map(METRICS)
        .forEach(m -> result.put(m.conversationId(), m));
    return result;
  }

  @Override
  public boolean markErased(long workspaceId, long conversationId, long at) {
    return handle
            .createUpdate(
                "UPDATE conversation_metrics SET deleted_at = :at, updated_at = :at"
                    + " WHERE workspace_id = :ws AND conversation_id = :id")
            .bind("at", at)
            .bind("ws", workspaceId)
            .bind("id", conversationId)
            .execute()
        > 0;
  }

  @Override
  public boolean delete(long workspaceId, long conversationId) {
    return handle
            .createUpdate(
                "DELETE FROM conversation_metrics WHERE workspace_id = :ws AND conversation_id ="
                    + " :id")
            .bind("ws", workspaceId)
            .bind("id", conversationId)
            .execute()
        > 0;
  }
}
