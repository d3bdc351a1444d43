package dev.parley.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.blob.BlobStore;
import dev.parley.domain.conversation.ErasureService;
import dev.parley.store.PostgresStore;
import dev.parley.testing.TestStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The durable blob deletion queue drained by several processes at once: each item is removed
 * by exactly one of them, once, even when removals fail and are retried. Two
 * {@link PostgresStore}s on one database stand for two processes (their own pools, their own
 * connections); the upload store is a test double that counts every removal per key, fails
 * the first attempt of each, and notices two removals of one key at the same time.
 */
class BlobDeletionQueueTest {
  private static final int ITEMS = 600;
  private static final long WORKSPACE = 1;

  @Test
  void twoProcessesDrainingTogetherRemoveEveryQueuedItemExactlyOnce() throws Exception {
    String url = TestStore.freshPostgresDatabase();
    CountingBlobStore blobs = new CountingBlobStore();
    try (PostgresStore first = new PostgresStore(url, TestStore.pgUser(), null, 4);
        PostgresStore second = new PostgresStore(url, TestStore.pgUser(), null, 4)) {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < ITEMS; i++) {
        keys.add("queued-" + i);
      }
      first.write(
          repos -> {
            keys.forEach(key -> repos.blobDeletions().enqueue(WORKSPACE, key, 1_700_000_000L));
            return null;
          });
      List<ErasureService> drainers =
          List.of(
              new ErasureService(first, blobs, Clock.systemUTC()),
              new ErasureService(first, blobs, Clock.systemUTC()),
              new ErasureService(second, blobs, Clock.systemUTC()),
              new ErasureService(second, blobs, Clock.systemUTC()));
      int[] removedBy = new int[drainers.size()];

      ExecutorService pool = Executors.newFixedThreadPool(drainers.size());
      try {
        int passes = 0;
        while (first.<Long>read(repos -> repos.blobDeletions().count()) > 0) {
          assertThat(++passes).as("drain passes").isLessThan(20);
          CyclicBarrier together = new CyclicBarrier(drainers.size());
          List<Future<Integer>> runs = new ArrayList<>();
          for (ErasureService drainer : drainers) {
            runs.add(
                pool.submit(
                    () -> {
                      together.await();
                      return drainer.drainQueue();
                    }));
          }
          for (int i = 0; i < runs.size(); i++) {
            removedBy[i] += runs.get(i).get();
          }
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(blobs.overlaps).as("two removals of one key at the same time").isEmpty();
      for (String key : keys) {
        assertThat(blobs.failures.getOrDefault(key, new AtomicInteger()).get()).as("failed removals of %s", key).isEqualTo(1);
        assertThat(blobs.removals.getOrDefault(key, new AtomicInteger()).get()).as("removals of %s", key).isEqualTo(1);
      }
      assertThat(blobs.removals.keySet()).containsExactlyInAnyOrderElementsOf(keys);
      assertThat(removedBy[0] + removedBy[1] + removedBy[2] + removedBy[3]).isEqualTo(ITEMS);
      assertThat(removedBy[0] + removedBy[1]).as("items the first process removed").isPositive();
      assertThat(removedBy[2] + removedBy[3]).as("items the second process removed").isPositive();
      long left = second.read(repos -> repos.blobDeletions().count());
      assertThat(left).isZero();
    }
  }

  /**
   * An upload store that only counts: the first removal of each key fails, later ones succeed
   * and are counted; a removal that starts while another of the same key runs is recorded.
   */
  static final class CountingBlobStore implements BlobStore {
    final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> removals = new ConcurrentHashMap<>();
    final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    final Set<String> overlaps = ConcurrentHashMap.newKeySet();

    @Override
    public void put(String key, byte[] bytes) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<InputStream> open(String key) {
      return Optional.empty();
    }

    @Override
    public boolean exists(String key) {
      return false;
    }

    @Override
    public void delete(String key) throws IOException {
      if (!inFlight.add(key)) {
        overlaps.add(key);
      }
      try {
        Thread.sleep(1);
        if (attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() == 1) {
          failures.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
          throw new IOException("the first removal of every key fails");
        }
        removals.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      } finally {
        inFlight.remove(key);
      }
    }
  }
}
