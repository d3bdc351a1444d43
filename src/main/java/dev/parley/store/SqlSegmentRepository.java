package dev.parley.store;

import dev.parley.domain.segment.Segment;
import dev.parley.domain.segment.SegmentRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@link SegmentRepository} in SQL: {@code segments} and {@code contact_segments}. */
record SqlSegmentRepository(Handle handle) implements SegmentRepository {
  private static final RowMapper<Segment> SEGMENT =
      (rs, ctx) ->
          new Segment(
              rs.getLong("workspace_id"),
              rs.getLong("id"),
              rs.getString("name"),
              rs.getString("person_type"),
              rs.getLong("created_at"),
              rs.getLong("updated_at"));

  @Override
  public void insert(Segment segment) {
    handle
        .createUpdate(
            "INSERT INTO segments (workspace_id, id, name, person_type, created_at, updated_at)"
                + " VALUES (:workspaceId, :id, :name, :personType, :createdAt, :updatedAt)")
        .bindMethods(segment)
        .execute();
  }

  @Override
  public Optional<Segment> find(long workspaceId, long segmentId) {
    return Rows.byId(handle, "segments", workspaceId, segmentId, SEGMENT);
  }

  @Override
  public List<Segment> list(long workspaceId) {
    return handle
        .createQuery("SELECT * FROM segments WHERE workspace_id = :ws ORDER BY id")
        .bind("ws", workspaceId)
        .map(SEGMENT)
        .list();
  }

  @Override
  public Map<Long, Long> counts(long workspaceId) {
    Map<Long, Long> counts = new LinkedHashMap<>();
    handle
        .createQuery(
            "SELECT segment_id, COUNT(*) AS n FROM contact_segments WHERE workspace_id = :ws"
                + " GROUP BY segment_id")
        .bind("ws", workspaceId)
        .map((rs, ctx) -> Map.entry(rs.getLong("segment_id"), rs.getLong("n")))
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }

  @Override
  public boolean delete(long workspaceId, long segmentId) {
    handle
        .createUpdate("DELETE FROM contact_segments WHERE workspace_id = :ws AND segment_id = :id")
        .bind("ws", workspaceId)
        .bind("id", segmentId)
        .execute();
    return handle
            .createUpdate("DELETE FROM segments WHERE workspace_id = :ws AND id = :id")
            .bind("ws", workspaceId)
            .bind("id", segmentId)
            .execute()
        > 0;
  }

  @Override
  public boolean addContact(long workspaceId, long segmentId, String contactId, long addedAt) {
    boolean in =
        handle
            .createQuery(
                "SELECT 1 FROM contact_segments WHERE workspace_id = :ws AND contact_id = :contact"
                    + " AND segment_id = :segment")
            .bind("ws", workspaceId)
            .bind("contact", contactId)
            .bind("segment", segmentId)
            .mapTo(Integer.class)
            .findOne()
            .isPresent();
    if (in) {
      return false;
    }
    handle
        .createUpdate(
            "INSERT INTO contact_segments (workspace_id, contact_id, segment_id, added_at)"
                + " VALUES (:ws, :contact, :segment, :at)")
        .bind("ws", workspaceId)
        .bind("contact", contactId)
        .bind("segment", segmentId)
        .bind("at", addedAt)
        .execute();
    return true;
  }

  @Override
  public boolean removeContact(long workspaceId, long segmentId, String contactId) {
    return handle
            .createUpdate(
                "DELETE FROM contact_segments WHERE workspace_id = :ws AND contact_id = :contact"
                    + " AND segment_id = :segment")
            .bind("ws", workspaceId)
            .bind("contact", contactId)
            .bind("segment", segmentId)
            .execute()
        > 0;
  }

  @Override
  public List<Segment> ofContact(long workspaceId, String contactId) {
    return handle
        .createQuery(
            "SELECT s.* FROM contact_segments cs JOIN segments s ON s.workspace_id ="
                + " cs.workspace_id AND s.id = cs.segment_id WHERE cs.workspace_id = :ws AND"
                + " cs.contact_id = :contact ORDER BY s.id")
        .bind("ws", workspaceId)
        .bind("contact", contactId)
        .map(SEGMENT)
        .list();
  }

  @Override
  public int deleteOfContact(long workspaceId, String contactId) {
    return handle
        .createUpdate(
            "DELETE FROM contact_segments WHERE workspace_id = :ws AND contact_id = :contact")
        .bind("ws", workspaceId)
        .bind("contact", contactId)
        .execute();
  }
}
