package dev.parley.store;

import dev.parley.domain.conversation.ConversationMetrics;
import dev.parley.domain.reporting.ConversationReportRow;
import dev.parley.domain.reporting.ReportingRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * {@link ReportingRepository} in SQL: the reporting record ({@code conversation_metrics})
 * left-joined with the live conversation, read by keyset over the
 * {@code (workspace_id, created_at, conversation_id)} index, one bounded slice per call.
 */
final class SqlReportingRepository implements ReportingRepository {
  /** The records of one slice: after the keyset (afterAt, afterId), up to (toAt, toId). */
  private static final String WINDOW =
      " WHERE m.workspace_id = :ws AND m.created_at >= :afterAt AND m.created_at <= :toAt"
          + " AND (m.created_at > :afterAt OR m.conversation_id > :afterId)"
          + " AND (m.created_at < :toAt OR m.conversation_id <= :toId)";

  private static final String COLUMNS =
      "m.workspace_id, m.conversation_id, m.created_at, m.updated_at, m.state, m.source_type,"
          + " m.source_delivered_as, m.admin_assignee_id, m.team_assignee_id,"
          + " m.first_contact_reply_at, m.first_assignment_at, m.first_admin_reply_at,"
          + " m.first_close_at, m.last_assignment_at, m.last_assignment_admin_reply_at,"
          + " m.last_contact_reply_at, m.last_admin_reply_at, m.last_close_at, m.last_closed_by_id,"
          + " m.count_parts, m.count_reopens, m.count_assignments, m.deleted_at, c.id, c.title,"
          + " c.priority, c.custom_attributes";

  private final Handle handle;

  SqlReportingRepository(Handle handle) {
    this.handle = handle;
  }

  @Override
  public List<ConversationReportRow> conversationRows(
      long workspaceId, long startTime, long endTime, long afterStartedAt, long afterId, int limit) {
    return handle
        .createQuery(
            "SELECT " + COLUMNS + " FROM conversation_metrics m LEFT JOIN conversations c"
                + " ON c.workspace_id = m.workspace_id AND c.id = m.conversation_id"
                + " WHERE m.workspace_id = :ws AND m.created_at >= :from AND m.created_at <= :end"
                + " AND (m.created_at > :afterAt OR m.conversation_id > :afterId)"
                + " ORDER BY m.created_at, m.conversation_id LIMIT :limit")
        .bind("ws", workspaceId)
        // One lower bound, which moves with the keyset: each slice starts in the index where
        // the last one ended instead of scanning the range again from its start.
        .bind("from", Math.max(startTime, afterStartedAt))
        .bind("end", endTime)
        .bind("afterAt", afterStartedAt)
        .bind("afterId", afterId)
        .bind("limit", limit)
        .setFetchSize(limit)
        .map(
            (rs, ctx) -> {
              // By position, in the order of COLUMNS: the export reads millions of these.
              boolean live = nullableLong(rs, 24) != null;
              return new ConversationReportRow(
                  new ConversationMetrics(
                      rs.getLong(1),
                      rs.getLong(2),
                      rs.getLong(3),
                      rs.getLong(4),
                      rs.getString(5),
                      rs.getString(6),
                      rs.getString(7),
                      nullableLong(rs, 8),
                      nullableLong(rs, 9),
                      nullableLong(rs, 10),
                      nullableLong(rs, 11),
                      nullableLong(rs, 12),
                      nullableLong(rs, 13),
                      nullableLong(rs, 14),
                      nullableLong(rs, 15),
                      nullableLong(rs, 16),
                      nullableLong(rs, 17),
                      nullableLong(rs, 18),
                      nullableLong(rs, 19),
                      rs.getInt(20),
                      rs.getInt(21),
                      rs.getInt(22),
                      nullableLong(rs, 23)),
                  live,
                  live ? rs.getString(25) : null,
                  live ? rs.getString(26) : null,
                  live ? rs.getString(27) : null);
            })
        .list();
  }

  @Override
  public Map<Long, List<String>> tagNames(
      long workspaceId, long afterStartedAt, long afterId, long toStartedAt, long toId) {
    return window(
        // CROSS JOIN: SQLite then walks the window of the metrics index first (its planner
        // would otherwise start from every tag link of the workspace); for PostgreSQL it is an
        // inner join like any other.
        "SELECT ct.conversation_id, t.name FROM conversation_metrics m"
            + " CROSS JOIN conversation_tags ct"
            + " JOIN tags t ON t.workspace_id = ct.workspace_id AND t.id = ct.tag_id"
            + WINDOW
            + " AND ct.workspace_id = m.workspace_id AND ct.conversation_id = m.conversation_id"
            + " ORDER BY m.created_at, m.conversation_id, ct.applied_at, t.id",
        workspaceId, afterStartedAt, afterId, toStartedAt, toId);
  }

  @Override
  public Map<Long, List<String>> contactIds(
      long workspaceId, long afterStartedAt, long afterId, long toStartedAt, long toId) {
    return window(
        "SELECT cc.conversation_id, cc.contact_id FROM conversation_metrics m"
            + " CROSS JOIN conversation_contacts cc"
            + WINDOW
            + " AND cc.workspace_id = m.workspace_id AND cc.conversation_id = m.conversation_id"
            + " ORDER BY m.created_at, m.conversation_id, cc.position",
        workspaceId, afterStartedAt, afterId, toStartedAt, toId);
  }

  /** Pairs (conversation id, text) of one keyset window, grouped by conversation. */
  private Map<Long, List<String>> window(
      String sql, long workspaceId, long afterStartedAt, long afterId, long toStartedAt, long toId) {
    Map<Long, List<String>> result = new HashMap<>();
    handle
        .createQuery(sql)
        .bind("ws", workspaceId)
        .bind("afterAt", afterStartedAt)
        .bind("afterId", afterId)
        .bind("toAt", toStartedAt)
        .bind("toId", toId)
        .setFetchSize(1000)
        .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
        .forEach(e -> result.computeIfAbsent(e.getKey(), k -> new ArrayList<>(2)).add(e.getValue()));
    return result;
  }

  private static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }
}
