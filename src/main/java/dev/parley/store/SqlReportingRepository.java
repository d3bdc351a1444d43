package dev.parley.store;

import dev.parley.domain.conversation.ConversationMetrics;
import dev.parley.domain.conversation.ConversationState;
import dev.parley.domain.reporting.ConversationReportRow;
import dev.parley.domain.reporting.ReportingRepository;
import dev.parley.domain.reporting.TicketReportRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * {@link ReportingRepository} in SQL: the reporting record ({@code conversation_metrics})
 * left-joined with the live conversation (the conversation dataset) or with the ticket type and
 * state its ticket facts name (the ticket dataset, only records with a {@code ticket_type_id}),
 * read by keyset over the {@code (workspace_id, created_at, conversation_id)} index, one bounded
 * slice per call. Tags and contacts come from correlated subqueries, which both planners run as one
 * primary-key lookup per row (a join over the slice let PostgreSQL choose to scan every tag link of
 * the workspace for each slice).
 */
record SqlReportingRepository(Handle handle, Dialect dialect) implements ReportingRepository {
  /** The reporting record's columns, positions 1 to {@value #METRICS_COLUMNS} of every slice. */
  private static final String METRICS =
      "m.workspace_id, m.conversation_id, m.created_at, m.updated_at, m.state, m.source_type,"
          + " m.source_delivered_as, m.admin_assignee_id, m.team_assignee_id,"
          + " m.first_contact_reply_at, m.first_assignment_at, m.first_admin_reply_at,"
          + " m.first_close_at, m.last_assignment_at, m.last_assignment_admin_reply_at,"
          + " m.last_contact_reply_at, m.last_admin_reply_at, m.last_close_at, m.last_closed_by_id,"
          + " m.count_parts, m.count_reopens, m.count_assignments, m.deleted_at";

  private static final int METRICS_COLUMNS = 23;

  private static final String COLUMNS =
      METRICS + ", c.id, c.title, c.priority, c.custom_attributes";

  /** The ticket facts of the record (migration 30) and the names of its type and state. */
  private static final String TICKET_COLUMNS =
      METRICS
          + ", m.ticket_number, m.ticket_type_id, tt.name, m.ticket_category, m.ticket_state_id,"
          + " m.ticket_state_category, ts.internal_label, m.ticket_state_updated_at,"
          + " m.ticket_first_resolved_at, m.ticket_last_resolved_at";

  /**
   * The keyset slice's condition and order, over the {@code (workspace_id, created_at, ...)} index.
   */
  private static final String SLICE =
      " m.workspace_id = :ws AND m.created_at >= :from AND m.created_at <= :end"
          + " AND (m.created_at > :afterAt OR m.conversation_id > :afterId)"
          + " ORDER BY m.created_at, m.conversation_id LIMIT :limit";

  @Override
  public List<ConversationReportRow> conversationRows(
      long workspaceId,
      long startTime,
      long endTime,
      long afterStartedAt,
      long afterId,
      int limit,
      boolean withTags,
      boolean withContacts) {
    String tags =
        withTags
            ? "(SELECT "
                + dialect.jsonArrayAgg("t.name", "ct.applied_at, t.id")
                + " FROM conversation_tags ct JOIN tags t ON t.workspace_id = ct.workspace_id AND"
                + " t.id = ct.tag_id WHERE ct.workspace_id = m.workspace_id AND ct.conversation_id"
                + " = m.conversation_id)"
            : "NULL";
    String contacts =
        withContacts
            ? "(SELECT "
                + dialect.jsonArrayAgg("cc.contact_id", "cc.position")
                + " FROM conversation_contacts cc WHERE cc.workspace_id = m.workspace_id AND"
                + " cc.conversation_id = m.conversation_id)"
            : "NULL";
    return slice(
            "SELECT "
                + COLUMNS
                + ", "
                + tags
                + ", "
                + contacts
                + " FROM conversation_metrics m LEFT JOIN conversations c"
                + " ON c.workspace_id = m.workspace_id AND c.id = m.conversation_id WHERE",
            workspaceId,
            startTime,
            endTime,
            afterStartedAt,
            afterId,
            limit)
        .map(
            (rs, ctx) -> {
              // By position, in the order of COLUMNS: the export reads millions of these.
              boolean live = nullableLong(rs, 24) != null;
              return new ConversationReportRow(
                  metrics(rs),
                  live,
                  live ? rs.getString(25) : null,
                  live ? rs.getString(26) : null,
                  live ? rs.getString(27) : null,
                  live ? rs.getString(28) : null,
                  live ? rs.getString(29) : null);
            })
        .list();
  }

  @Override
  public List<TicketReportRow> ticketRows(
      long workspaceId,
      long startTime,
      long endTime,
      long afterStartedAt,
      long afterId,
      int limit) {
    return slice(
            "SELECT "
                + TICKET_COLUMNS
                + " FROM conversation_metrics m LEFT JOIN ticket_types tt ON tt.workspace_id ="
                + " m.workspace_id AND tt.id = m.ticket_type_id LEFT JOIN ticket_states ts ON"
                + " ts.workspace_id = m.workspace_id AND ts.id = m.ticket_state_id WHERE"
                + " m.ticket_type_id IS NOT NULL AND",
            workspaceId,
            startTime,
            endTime,
            afterStartedAt,
            afterId,
            limit)
        .map(
            (rs, ctx) -> {
              int at = METRICS_COLUMNS;
              return new TicketReportRow(
                  metrics(rs),
                  rs.getLong(at + 1),
                  rs.getLong(at + 2),
                  rs.getString(at + 3),
                  rs.getString(at + 4),
                  nullableLong(rs, at + 5),
                  rs.getString(at + 6),
                  rs.getString(at + 7),
                  nullableLong(rs, at + 8),
                  nullableLong(rs, at + 9),
                  nullableLong(rs, at + 10));
            })
        .list();
  }

  /** {@code select} (ending in WHERE or AND) with the keyset slice's condition, bound. */
  private Query slice(
      String select,
      long workspaceId,
      long startTime,
      long endTime,
      long afterStartedAt,
      long afterId,
      int limit) {
    return handle
        .createQuery(select + SLICE)
        .bind("ws", workspaceId)
        // One lower bound, which moves with the keyset: each slice starts in the index where
        // the last one ended instead of scanning the range again from its start.
        .bind("from", Math.max(startTime, afterStartedAt))
        .bind("end", endTime)
        .bind("afterAt", afterStartedAt)
        .bind("afterId", afterId)
        .bind("limit", limit)
        .setFetchSize(limit);
  }

  /** The reporting record of a slice's row: its first {@value #METRICS_COLUMNS} columns. */
  private static ConversationMetrics metrics(ResultSet rs) throws SQLException {
    return new ConversationMetrics(
        rs.getLong(1),
        rs.getLong(2),
        rs.getLong(3),
        rs.getLong(4),
        ConversationState.fromWire(rs.getString(5)),
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
        nullableLong(rs, 23));
  }

  private static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }
}
