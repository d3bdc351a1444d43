package dev.parley.store;

import dev.parley.domain.reporting.ConversationReportRow;
import dev.parley.domain.reporting.ReportingRepository;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * {@link ReportingRepository} in SQL: the reporting record ({@code conversation_metrics})
 * left-joined with the live conversation, read by keyset over the
 * {@code (workspace_id, created_at, conversation_id)} index, one bounded slice per call.
 */
final class SqlReportingRepository implements ReportingRepository {
  private final Handle handle;

  SqlReportingRepository(Handle handle) {
    this.handle = handle;
  }

  @Override
  public List<ConversationReportRow> conversationRows(
      long workspaceId, long startTime, long endTime, long afterStartedAt, long afterId, int limit) {
    // The lower bound moves with the keyset, so each slice starts where the last one ended in
    // the index instead of scanning the range again from its start.
    return handle
        .createQuery(
            "SELECT m.*, c.id AS live_id, c.title AS live_title, c.priority AS live_priority,"
                + " c.custom_attributes AS live_custom_attributes"
                + " FROM conversation_metrics m LEFT JOIN conversations c"
                + " ON c.workspace_id = m.workspace_id AND c.id = m.conversation_id"
                + " WHERE m.workspace_id = :ws AND m.created_at >= :start AND m.created_at <= :end"
                + " AND m.created_at >= :afterAt"
                + " AND (m.created_at > :afterAt OR m.conversation_id > :afterId)"
                + " ORDER BY m.created_at, m.conversation_id LIMIT :limit")
        .bind("ws", workspaceId)
        .bind("start", startTime)
        .bind("end", endTime)
        .bind("afterAt", afterStartedAt)
        .bind("afterId", afterId)
        .bind("limit", limit)
        .setFetchSize(limit)
        .map(
            (rs, ctx) -> {
              boolean live = Rows.nullableLong(rs, "live_id") != null;
              return new ConversationReportRow(
                  SqlMetricsRepository.METRICS.map(rs, ctx),
                  live,
                  live ? rs.getString("live_title") : null,
                  live ? rs.getString("live_priority") : null,
                  live ? rs.getString("live_custom_attributes") : null);
            })
        .list();
  }
}
