package dev.parley.domain.operator;

import java.util.List;
import java.util.Optional;

/**
 * Workspace snapshots in the store (issue 17, "Snapshots"; docs/testing-with-parley.md, "Snapshots
 * and restores"). A snapshot holds one row per object it saved, keyed {@code conversation:<id>},
 * {@code contact:<id>} or {@code tag:<id>}, whose content is a copy of that object's rows (a
 * conversation's with its parts, its contact and tag links and its reporting record). Erasures
 * reach these copies in their own transaction through {@link #eraseObject}, {@link #eraseContact}
 * and {@link #redact}.
 */
public interface SnapshotRepository {

  /**
   * A saved snapshot.
   *
   * @param createdAt Unix seconds
   * @param objects how many objects it holds now (erasures remove some)
   */
  record Info(String name, long createdAt, int objects) {}

  /** The workspace's snapshots, by name. */
  List<Info> list(long workspaceId);

  /** One snapshot. */
  Optional<Info> find(long workspaceId, String name);

  /**
   * Saves the workspace's contacts, tags and conversations (with parts, links and reporting
   * records) as snapshot {@code name}, replacing a snapshot of that name.
   *
   * @param createdAt Unix seconds
   */
  Info save(long workspaceId, String name, long createdAt);

  /**
   * Replaces the workspace's contacts, tags and conversations with those of snapshot {@code name},
   * with the same ids; rebuilds their search words. Uploads are not in snapshots: the rows of the
   * uploads whose conversation (and part) the restore keeps stay; the others are deleted.
   *
   * @return the blob keys of the deleted uploads, to queue for removal
   */
  Restored restore(long workspaceId, String name);

  /**
   * What a restore replaced.
   *
   * @param droppedKeys the keys of the objects that were there before the restore (their pending
   *     notifications are to be dropped)
   * @param blobKeys blob keys of the uploads deleted
   */
  record Restored(List<String> droppedKeys, List<String> blobKeys, int objects) {}

  /** Deletes a snapshot; false when there was none of that name. */
  boolean delete(long workspaceId, String name);

  /** Erasure: deletes object {@code key} (such as {@code conversation:17}) from every snapshot. */
  int eraseObject(long workspaceId, String key);

  /**
   * Erasure of a contact ({@code DeleteContact}), applied to every snapshot as it is to the live
   * rows: the contact's object goes; a saved conversation whose only contact it is goes; a saved
   * conversation with other contacts loses its link to it.
   */
  void eraseContact(long workspaceId, String contactId);

  /**
   * Redaction ({@code redactConversation}) applied to every snapshot's copy of the conversation:
   * the part (or, for a null {@code partId}, the source message) gets {@code placeholder} as its
   * body, no quick reply options (no subject for a source), and {@code redacted} true.
   *
   * @param at Unix seconds of the redaction
   */
  void redact(long workspaceId, long conversationId, Long partId, String placeholder, long at);
}
