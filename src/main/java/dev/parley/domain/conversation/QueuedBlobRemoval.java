package dev.parley.domain.conversation;

import dev.parley.blob.BlobStore;
import dev.parley.domain.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes, before the caller hears back, the bytes of uploads whose rows a committed
 * transaction deleted and whose blob keys it queued in the blob deletion queue (erasure of a
 * conversation, redaction of a part or source). Keys whose bytes are gone leave the queue;
 * keys that fail stay queued, with the attempt counted, for {@link ErasureService#drainQueue()}.
 */
final class QueuedBlobRemoval {
  private static final Logger LOG = LoggerFactory.getLogger(QueuedBlobRemoval.class);

  private final Store store;
  private final BlobStore blobs;

  QueuedBlobRemoval(Store store, BlobStore blobs) {
    this.store = store;
    this.blobs = blobs;
  }

  /** Removes the bytes of {@code keys} (queued in workspace {@code ws}) now. */
  void removeNow(long ws, List<String> keys) {
    if (keys.isEmpty()) {
      return;
    }
    List<String> removed = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (String key : keys) {
      try {
        blobs.delete(key);
        removed.add(key);
      } catch (IOException | RuntimeException e) {
        failed.add(key);
      }
    }
    store.write(
        repos -> {
          removed.forEach(key -> repos.blobDeletions().remove(ws, key));
          failed.forEach(key -> repos.blobDeletions().recordFailure(ws, key));
          return null;
        });
    if (!failed.isEmpty()) {
      LOG.warn(
          "{} erased upload(s) could not be removed now; they stay queued for the next drain",
          failed.size());
    }
  }
}
