package dev.parley.domain.conversation;

import java.util.List;

/**
 * The durable blob deletion queue: keys of upload bytes whose rows were deleted. An item is written
 * in the transaction that deletes the rows, and removed once the bytes are gone.
 */
public interface BlobDeletionRepository {

  /** Queues a blob key; queuing the same key twice keeps one item. */
  void enqueue(long workspaceId, String blobKey, long enqueuedAt);

  /** Up to {@code limit} queued items, oldest first. */
  List<Item> pending(int limit);

  /**
   * Claims up to {@code limit} items for one drainer: on PostgreSQL it locks them ({@code FOR
   * UPDATE SKIP LOCKED}) so that each is drained by one process at a time.
   */
  List<Item> claim(int limit);

  /** Removes an item once its bytes are gone. */
  void remove(long workspaceId, String blobKey);

  /** Counts a failed attempt. */
  void recordFailure(long workspaceId, String blobKey);

  long count();

  /**
   * One queued blob.
   *
   * @param enqueuedAt Unix seconds
   * @param attempts failed removal attempts so far
   */
  record Item(long workspaceId, String blobKey, long enqueuedAt, int attempts) {}
}
