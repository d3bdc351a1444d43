package dev.parley.domain.note;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Notes on contacts. All lookups are confined to {@code workspaceId}. */
public interface NoteRepository {
  void insert(Note note);

  Optional<Note> find(long workspaceId, long noteId);

  /**
   * One page of the notes of a contact, newest first (by {@code created_at}, then id).
   *
   * @param offset notes skipped
   * @param limit notes at the most
   */
  List<Note> ofContact(long workspaceId, String contactId, long offset, int limit);

  /** How many notes a contact has. */
  long count(long workspaceId, String contactId);

  /**
   * The note ids of each of these contacts, newest first; a contact without notes is absent. For
   * the {@code notes} summary of a rendered contact.
   */
  Map<String, List<Long>> idsByContact(long workspaceId, Collection<String> contactIds);

  /**
   * Deletes every note of a contact (its erasure).
   *
   * @return how many were deleted
   */
  int deleteOfContact(long workspaceId, String contactId);
}
