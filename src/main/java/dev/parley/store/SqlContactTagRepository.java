package dev.parley.store;

import dev.parley.domain.contact.ContactTagRepository;
import dev.parley.domain.conversation.AppliedTag;
import dev.parley.domain.tag.Tag;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@link ContactTagRepository} in SQL: {@code contact_tags}, joined to {@code tags}. */
record SqlContactTagRepository(Handle handle) implements ContactTagRepository {
  private static final String SELECT =
      "SELECT t.workspace_id, t.id, t.name, t.created_at, ct.applied_at, ct.admin_id"
          + " FROM contact_tags ct JOIN tags t"
          + " ON t.workspace_id = ct.workspace_id AND t.id = ct.tag_id"
          + " WHERE ct.workspace_id = :ws AND ct.contact_id = :contact";

  private static final RowMapper<AppliedTag> APPLIED =
      (rs, ctx) ->
          new AppliedTag(
              new Tag(
                  rs.getLong("workspace_id"),
                  rs.getLong("id"),
                  rs.getString("name"),
                  rs.getLong("created_at")),
              rs.getLong("applied_at"),
              Rows.nullableLong(rs, "admin_id"));

  @Override
  public boolean insert(
      long workspaceId, String contactId, long tagId, long appliedAt, Long adminId) {
    if (find(workspaceId, contactId, tagId).isPresent()) {
      return false;
    }
    handle
        .createUpdate(
            "INSERT INTO contact_tags (workspace_id, contact_id, tag_id, admin_id, applied_at)"
                + " VALUES (:ws, :contact, :tag, :admin, :at)")
        .bind("ws", workspaceId)
        .bind("contact", contactId)
        .bind("tag", tagId)
        .bind("admin", adminId)
        .bind("at", appliedAt)
        .execute();
    return true;
  }

  @Override
  public Optional<AppliedTag> find(long workspaceId, String contactId, long tagId) {
    return handle
        .createQuery(SELECT + " AND ct.tag_id = :tag")
        .bind("ws", workspaceId)
        .bind("contact", contactId)
        .bind("tag", tagId)
        .map(APPLIED)
        .findOne();
  }

  @Override
  public List<AppliedTag> ofContact(long workspaceId, String contactId) {
    return handle
        .createQuery(SELECT + " ORDER BY t.id")
        .bind("ws", workspaceId)
        .bind("contact", contactId)
        .map(APPLIED)
        .list();
  }

  @Override
  public Map<String, List<Long>> idsByContact(long workspaceId, Collection<String> contactIds) {
    Map<String, List<Long>> ids = new LinkedHashMap<>();
    if (contactIds.isEmpty()) {
      return ids;
    }
    handle
        .createQuery(
            "SELECT contact_id, tag_id FROM contact_tags WHERE workspace_id = :ws AND contact_id IN"
                + " (<contacts>) ORDER BY contact_id, tag_id")
        .bind("ws", workspaceId)
        .bindList("contacts", List.copyOf(contactIds))
        .map((rs, ctx) -> Map.entry(rs.getString("contact_id"), rs.getLong("tag_id")))
        .forEach(e -> ids.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return ids;
  }

  @Override
  public boolean delete(long workspaceId, String contactId, long tagId) {
    return handle
            .createUpdate(
                "DELETE FROM contact_tags WHERE workspace_id = :ws AND contact_id = :contact"
                    + " AND tag_id = :tag")
            .bind("ws", workspaceId)
            .bind("contact", contactId)
            .bind("tag", tagId)
            .execute()
        > 0;
  }

  @Override
  public int deleteOfContact(long workspaceId, String contactId) {
    return handle
        .createUpdate("DELETE FROM contact_tags WHERE workspace_id = :ws AND contact_id = :contact")
        .bind("ws", workspaceId)
        .bind("contact", contactId)
        .execute();
  }
}
