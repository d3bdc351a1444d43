package dev.parley.store;

import dev.parley.domain.note.Note;
import dev.parley.domain.note.NoteRepository;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@link NoteRepository} in SQL: {@code contact_notes}. */
record SqlNoteRepository(Handle handle) implements NoteRepository {
  static final RowMapper<Note> NOTE =
      (rs, ctx) ->
          new Note(
              rs.getLong("workspace_id"),
              rs.getLong("id"),
              rs.getString("contact_id"),
              Rows.nullableLong(rs, "admin_id"),
              rs.getString("body"),
              rs.getLong("created_at"));

  @Override
  public void insert(Note note) {
    handle
        .createUpdate(
            "INSERT INTO contact_notes (workspace_id, id, contact_id, admin_id, body, created_at)"
                + " VALUES (:workspaceId, :id, :contactId, :adminId, :body, :createdAt)")
        .bindMethods(note)
        .execute();
  }

  @Override
  public Optional<Note> find(long workspaceId, long noteId) {
    return Rows.byId(handle, "contact_notes", workspaceId, noteId, NOTE);
  }

  @Override
  public List<Note> ofContact(long workspaceId, String contactId, long offset, int limit) {
    return handle
        .createQuery(
            "SELECT * FROM contact_notes WHERE workspace_id = :ws AND contact_id = :contact"
                + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
        .bind("ws", workspaceId)
        .bind("contact", contactId)
        .bind("limit", limit)
        .bind("offset", offset)
        .map(NOTE)
        .list();
  }

  @Override
  public long count(long workspaceId, String contactId) {
    return handle
        .createQuery(
            "SELECT COUNT(*) FROM contact_notes WHERE workspace_id = :ws AND contact_id = :contact")
        .bind("ws", workspaceId)
        .bind("contact", contactId)
        .mapTo(Long.class)
        .one();
  }

  @Override
  public Map<String, List<Long>> idsByContact(long workspaceId, Collection<String> contactIds) {
    Map<String, List<Long>> ids = new LinkedHashMap<>();
    if (contactIds.isEmpty()) {
      return ids;
    }
    handle
        .createQuery(
            "SELECT contact_id, id FROM contact_notes WHERE workspace_id = :ws AND contact_id IN"
                + " (<contacts>) ORDER BY contact_id, created_at DESC, id DESC")
        .bind("ws", workspaceId)
        .bindList("contacts", List.copyOf(contactIds))
        .map((rs, ctx) -> Map.entry(rs.getString("contact_id"), rs.getLong("id")))
        .forEach(e -> ids.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return ids;
  }

  @Override
  public int deleteOfContact(long workspaceId, String contactId) {
    return handle
        .createUpdate(
            "DELETE FROM contact_notes WHERE workspace_id = :ws AND contact_id = :contact")
        .bind("ws", workspaceId)
        .bind("contact", contactId)
        .execute();
  }
}
