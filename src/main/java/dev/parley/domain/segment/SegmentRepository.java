package dev.parley.domain.segment;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Segments and the contacts in them ({@code segments}, {@code contact_segments}). All lookups are
 * confined to {@code workspaceId}.
 */
public interface SegmentRepository {
  void insert(Segment segment);

  Optional<Segment> find(long workspaceId, long segmentId);

  /** Every segment of the workspace, in id order (the order they were added). */
  List<Segment> list(long workspaceId);

  /** How many contacts each segment of the workspace holds; a segment without any is absent. */
  Map<Long, Long> counts(long workspaceId);

  /**
   * Deletes a segment and its contact links.
   *
   * @return false when there was no such segment
   */
  boolean delete(long workspaceId, long segmentId);

  /**
   * Puts a contact in a segment.
   *
   * @param addedAt Unix seconds
   * @return false when it was in it already (nothing changes)
   */
  boolean addContact(long workspaceId, long segmentId, String contactId, long addedAt);

  /**
   * Takes a contact out of a segment.
   *
   * @return false when it was not in it
   */
  boolean removeContact(long workspaceId, long segmentId, String contactId);

  /** The segments a contact is in, in segment id order. */
  List<Segment> ofContact(long workspaceId, String contactId);

  /**
   * Takes a contact out of every segment (its erasure).
   *
   * @return how many memberships were deleted
   */
  int deleteOfContact(long workspaceId, String contactId);
}
