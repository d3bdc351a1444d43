package dev.parley.domain.contact;

import dev.parley.domain.conversation.AppliedTag;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tags applied to contacts ({@code contact_tags}). All lookups are confined to a workspace. */
public interface ContactTagRepository {
  /**
   * Applies a tag to a contact; a tag already applied keeps its first application.
   *
   * @param adminId the admin who applied it, or null
   * @return true when it was not applied before
   */
  boolean insert(long workspaceId, String contactId, long tagId, long appliedAt, Long adminId);

  /** The application of one tag to one contact, with the tag. */
  Optional<AppliedTag> find(long workspaceId, String contactId, long tagId);

  /** The tags applied to a contact, in tag id order. */
  List<AppliedTag> ofContact(long workspaceId, String contactId);

  /**
   * The tag ids of each of these contacts, in tag id order; a contact without tags is absent. For
   * the {@code tags} summary of a rendered contact.
   */
  Map<String, List<Long>> idsByContact(long workspaceId, Collection<String> contactIds);

  /**
   * Removes a tag from a contact.
   *
   * @return false when it was not applied
   */
  boolean delete(long workspaceId, String contactId, long tagId);

  /**
   * Removes every tag of a contact (its erasure).
   *
   * @return how many links were removed
   */
  int deleteOfContact(long workspaceId, String contactId);
}
