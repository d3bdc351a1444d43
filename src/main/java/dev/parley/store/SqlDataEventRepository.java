package dev.parley.store;

import dev.parley.domain.event.DataEvent;
import dev.parley.domain.event.DataEventRepository;
import dev.parley.domain.event.EventSummary;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * {@link DataEventRepository} in SQL: {@code contact_events} (metadata as a JSON object) and {@code
 * contact_event_summaries}.
 */
record SqlDataEventRepository(Handle handle) implements DataEventRepository {
  private static final RowMapper<DataEvent> EVENT =
      (rs, ctx) ->
          new DataEvent(
              rs.getLong("workspace_id"),
              rs.getString("contact_id"),
              rs.getString("event_name"),
              rs.getLong("created_at"),
              Rows.jsonMap(rs.getString("metadata")));

  private static final RowMapper<EventSummary> SUMMARY =
      (rs, ctx) ->
          new EventSummary(
              rs.getString("event_name"),
              rs.getLong("count"),
              rs.getLong("first_at"),
              rs.getLong("last_at"));

  @Override
  public boolean insert(DataEvent event) {
    return handle
            .createUpdate(
                "INSERT INTO contact_events (workspace_id, contact_id, event_name, created_at,"
                    + " metadata) VALUES (:ws, :contact, :name, :at, :metadata)"
                    + " ON CONFLICT (workspace_id, contact_id, event_name, created_at) DO NOTHING")
            .bind("ws", event.workspaceId())
            .bind("contact", event.contactId())
            .bind("name", event.eventName())
            .bind("at", event.createdAt())
            .bind("metadata", Rows.json(event.metadata()))
            .execute()
        == 1;
  }

  @Override
  public List<DataEvent> ofContact(
      long workspaceId, String contactId, Long beforeCreatedAt, String beforeName, int limit) {
    String after =
        beforeCreatedAt == null
            ? ""
            : " AND (created_at < :beforeAt OR (created_at = :beforeAt AND event_name <"
                + " :beforeName))";
    var query =
        handle
            .createQuery(
                "SELECT * FROM contact_events WHERE workspace_id = :ws AND contact_id = :contact"
                    + after
                    + " ORDER BY created_at DESC, event_name DESC LIMIT :limit")
            .bind("ws", workspaceId)
            .bind("contact", contactId)
            .bind("limit", limit);
    if (beforeCreatedAt != null) {
      query.bind("beforeAt", beforeCreatedAt).bind("beforeName", beforeName);
    }
    return query.map(EVENT).list();
  }

  @Override
  public Optional<EventSummary> summary(long workspaceId, String contactId, String eventName) {
    return handle
        .createQuery(
            "SELECT * FROM contact_event_summaries WHERE workspace_id = :ws AND contact_id ="
                + " :contact AND event_name = :name")
        .bind("ws", workspaceId)
        .bind("contact", contactId)
        .bind("name", eventName)
        .map(SUMMARY)
        .findOne();
  }

  @Override
  public void saveSummary(long workspaceId, String contactId, EventSummary summary) {
    handle
        .createUpdate(
            "INSERT INTO contact_event_summaries (workspace_id, contact_id, event_name, count,"
                + " first_at, last_at) VALUES (:ws, :contact, :name, :count, :first, :last)"
                + " ON CONFLICT (workspace_id, contact_id, event_name) DO UPDATE SET count ="
                + " excluded.count, first_at = excluded.first_at, last_at = excluded.last_at")
        .bind("ws", workspaceId)
        .bind("contact", contactId)
        .bind("name", summary.eventName())
        .bind("count", summary.count())
        .bind("first", summary.firstAt())
        .bind("last", summary.lastAt())
        .execute();
  }

  @Override
  public List<EventSummary> summaries(long workspaceId, String contactId) {
    return handle
        .createQuery(
            "SELECT * FROM contact_event_summaries WHERE workspace_id = :ws AND contact_id ="
                + " :contact ORDER BY event_name")
        .bind("ws", workspaceId)
        .bind("contact", contactId)
        .map(SUMMARY)
        .list();
  }

  @Override
  public int deleteOfContact(long workspaceId, String contactId) {
    int deleted = 0;
    for (String table : List.of("contact_events", "contact_event_summaries")) {
      deleted +=
          handle
              .createUpdate(
                  "DELETE FROM " + table + " WHERE workspace_id = :ws AND contact_id = :contact")
              .bind("ws", workspaceId)
              .bind("contact", contactId)
              .execute();
    }
    return deleted;
  }
}
