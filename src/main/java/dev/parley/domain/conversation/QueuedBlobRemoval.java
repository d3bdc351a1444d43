package dev.parley.domain.conversation;

import dev.parley.blob.BlobStore;
import dev.parley.domain.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the bytes of uploads whose rows a committed transaction deleted and whose blob keys it
 * queued in the blob deletion queue (erasure of a conversation, redaction of a part or source).
 *
 * <p>{@link #removeNow} removes the bytes before the caller hears back. Their queue rows are
 * cleared a moment later (about {@link #ROUND_MILLIS} ms plus one write; a backlog of more than a
 * round's {@code MAX_BATCH} keys takes a round per batch), in the background and for the removals
 * of a whole round at once: first the removals are made durable ({@link BlobStore#syncRemovals}:
 * each directory synced once for the round), then the rows leave the queue in one write. Until then
 * the rows stay queued, so a power cut or a crash in between leaves them for {@link
 * ErasureService#drainQueue()} at the next start, which finds the bytes gone and clears them. Keys
 * whose removal failed stay queued with the attempt counted.
 */
public final class QueuedBlobRemoval implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QueuedBlobRemoval.class);
  private static final int MAX_BATCH = 1000;

  /**
   * A round gathers the removals made in this many milliseconds after its first one, so that a
   * directory that lost several files is synced once. A backlog of {@code MAX_BATCH} or more (one
   * erasure of thousands of uploads) is cleared in rounds that follow each other without waiting.
   * Measured with bench/run.sh's DELETE load: clearing after every handful of removals synced about
   * one directory per erasure (uploads are spread over 256 directories), and those syncs cost a
   * disk flush each; rounds of 250 ms took erasures from about 1,300/s to about 1,600/s, with 0.6
   * disk flushes each instead of 0.9.
   */
  static final long ROUND_MILLIS = 250;

  private final Store store;
  private final BlobStore blobs;
  private final BlockingQueue<Settled> settled = new LinkedBlockingQueue<>();
  private final Thread clearer;
  private volatile boolean running = true;

  /** Starts the background thread that clears queue rows; {@link #close} stops it. */
  public QueuedBlobRemoval(Store store, BlobStore blobs) {
    this.store = store;
    this.blobs = blobs;
    this.clearer = new Thread(this::clearLoop, "parley-blob-queue");
    clearer.setDaemon(true);
    clearer.start();
  }

  /**
   * Removes the bytes of {@code keys} (queued in workspace {@code ws}) now; their queue rows are
   * cleared in the background. An I/O failure leaves the key queued for the drain.
   */
  void removeNow(long ws, List<String> keys) {
    int failed = 0;
    for (String key : keys) {
      boolean removed;
      try {
        blobs.removeNow(key);
        removed = true;
      } catch (IOException | RuntimeException e) {
        removed = false;
        failed++;
      }
      settled.add(new Settled(ws, key, removed));
    }
    if (failed > 0) {
      LOG.warn(
          "{} erased upload(s) could not be removed now; they stay queued for the next drain",
          failed);
    }
  }

  private void clearLoop() {
    List<Settled> batch = new ArrayList<>();
    while (running || !settled.isEmpty()) {
      try {
        Settled first = settled.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        if (running && settled.size() < MAX_BATCH) {
          Thread.sleep(ROUND_MILLIS);
        }
        settled.drainTo(batch, MAX_BATCH - 1);
        clear(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warn(
            "blob deletion queue: rows not cleared now ({}); the drain will",
            e.getClass().getSimpleName());
      } finally {
        batch.clear();
      }
    }
  }

  private void clear(List<Settled> batch) {
    List<String> removed = batch.stream().filter(Settled::removed).map(Settled::key).toList();
    try {
      blobs.syncRemovals(removed);
    } catch (IOException e) {
      LOG.warn(
          "blob deletion queue: removals not synced ({}); the drain will redo them",
          e.getClass().getSimpleName());
      return;
    }
    store.write(
        repos -> {
          for (Settled item : batch) {
            if (item.removed()) {
              repos.blobDeletions().remove(item.workspaceId(), item.key());
            } else {
              repos.blobDeletions().recordFailure(item.workspaceId(), item.key());
            }
          }
          return null;
        });
  }

  /** Clears the rows of every removal made so far, then stops; call before closing the store. */
  @Override
  public void close() {
    running = false;
    try {
      clearer.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A key whose removal was attempted; {@code removed} false when it failed. */
  private record Settled(long workspaceId, String key, boolean removed) {}
}
