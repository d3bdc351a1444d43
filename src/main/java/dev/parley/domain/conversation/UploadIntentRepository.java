package dev.parley.domain.conversation;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Upload bytes being written for a reply that has not committed yet: the {@code upload_intents}
 * table. A reply with files records its blob keys here, in a transaction of their own, before it
 * writes the bytes, and removes them in the transaction that inserts the upload rows; so at any
 * moment every upload file is named by an upload row, an intent or a blob deletion queue item (see
 * {@link UploadRecovery}).
 */
public interface UploadIntentRepository {

  /**
   * Records that bytes are about to be written under each of {@code blobKeys}.
   *
   * @param createdAt Unix seconds
   */
  void record(long workspaceId, Collection<String> blobKeys, long createdAt);

  /**
   * Removes the intents of {@code blobKeys}, in the transaction that inserts their upload rows.
   *
   * @return how many of them were still recorded; fewer than asked means the drain took some as
   *     abandoned (and removed their bytes), so the transaction must not commit
   */
  int settle(Collection<String> blobKeys);

  /**
   * Removes and returns up to {@code limit} intents recorded at or before {@code cutoff} (Unix
   * seconds), oldest first. On PostgreSQL the rows are locked ({@code FOR UPDATE SKIP LOCKED})
   * first, so a reply settling one of them at the same moment either settles it before (and it is
   * not returned) or finds it gone.
   */
  List<Intent> takeAbandoned(long cutoff, int limit);

  /**
   * Which of {@code blobKeys} some row names: an upload row, an intent, or a blob deletion queue
   * item (whose drain removes the bytes). Read in one snapshot.
   */
  Set<String> owned(Collection<String> blobKeys);

  /** How many intents are recorded. */
  long count();

  /**
   * One recorded intent.
   *
   * @param createdAt Unix seconds
   */
  record Intent(long workspaceId, String blobKey, long createdAt) {}
}
