package dev.parley.domain.conversation;

import dev.parley.blob.BlobStore;
import dev.parley.domain.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure no upload bytes outlive a crash without an owner (issue 12, "Orphan upload files after
 * a crash during a reply").
 *
 * <p>A reply with files records each blob key as an intent ({@link UploadIntentRepository}) in a
 * short transaction of its own, then writes the bytes, then inserts the upload rows and removes the
 * intents in its own transaction; a reply that fails removes its bytes, then its intents. So every
 * upload file is named at all times by an upload row, an intent or a blob deletion queue item. A
 * process killed between the bytes and the reply's commit leaves intents: {@link #abandonIntents}
 * moves those recorded at or before a cutoff into the blob deletion queue, whose drain ({@link
 * ErasureService#drainQueue()}) removes the bytes.
 *
 * <p>A second line of defence, for files written before intents existed or by a store whose rows
 * were restored from an older backup: {@link #sweep} removes every file that no row names and that
 * was last written at or before a cutoff.
 */
public final class UploadRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(UploadRecovery.class);
  private static final int BATCH = 500;

  private final Store store;
  private final BlobStore blobs;

  public UploadRecovery(Store store, BlobStore blobs) {
    this.store = store;
    this.blobs = blobs;
  }

  /**
   * Moves every intent recorded at or before {@code cutoff} (Unix seconds) into the blob deletion
   * queue, in batches; a reply that has not committed yet and settles one of them afterwards fails
   * instead of committing an upload without bytes.
   *
   * @return how many intents were abandoned
   */
  public int abandonIntents(long cutoff) {
    int abandoned = 0;
    while (true) {
      int moved =
          store.write(
              repos -> {
                List<UploadIntentRepository.Intent> taken =
                    repos.uploadIntents().takeAbandoned(cutoff, BATCH);
                for (UploadIntentRepository.Intent intent : taken) {
                  repos.blobDeletions().enqueue(intent.workspaceId(), intent.blobKey(), cutoff);
                }
                return taken.size();
              });
      abandoned += moved;
      if (moved < BATCH) {
        if (abandoned > 0) {
          LOG.info(
              "uploads: {} upload(s) whose reply never committed queued for removal", abandoned);
        }
        return abandoned;
      }
    }
  }

  /**
   * Removes the bytes of every key in the blob store that no upload row, intent or deletion queue
   * item names, and that was last written at or before {@code cutoff} (Unix seconds). Safe while
   * replies run: a reply records its intent before it writes a byte. Reads the store in batches of
   * {@value #BATCH} keys.
   *
   * @return how many keys' bytes were removed
   * @throws UncheckedIOException when the blob store cannot be listed
   */
  public int sweep(long cutoff) {
    int[] removedAndFailed = new int[2];
    try (Stream<BlobStore.Stored> stored = blobs.list()) {
      Iterator<BlobStore.Stored> it = stored.iterator();
      List<String> batch = new ArrayList<>(BATCH);
      while (it.hasNext()) {
        BlobStore.Stored next = it.next();
        if (next.modifiedAt() <= cutoff) {
          batch.add(next.key());
        }
        if (batch.size() == BATCH) {
          sweepBatch(batch, removedAndFailed);
        }
      }
      sweepBatch(batch, removedAndFailed);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the upload directory", e);
    }
    if (removedAndFailed[0] > 0 || removedAndFailed[1] > 0) {
      LOG.warn(
          "uploads: removed {} upload file(s) that no row named; {} could not be removed",
          removedAndFailed[0],
          removedAndFailed[1]);
    }
    return removedAndFailed[0];
  }

  /**
   * Removes the keys of {@code batch} that no row names, counting into {@code counts}; clears it.
   */
  private void sweepBatch(List<String> batch, int[] counts) {
    if (batch.isEmpty()) {
      return;
    }
    List<String> keys = batch.stream().distinct().toList();
    Set<String> owned = store.read(repos -> repos.uploadIntents().owned(keys));
    for (String key : keys) {
      if (owned.contains(key)) {
        continue;
      }
      try {
        blobs.delete(key);
        counts[0]++;
      } catch (IOException | RuntimeException e) {
        counts[1]++;
      }
    }
    batch.clear();
  }
}
