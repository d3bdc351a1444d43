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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The durable blob deletion queue drained by several processes at once: each item is removed by
 * exactly one of them, once, even when removals fail and are retried. Two {@link PostgresStore}s on
 * one database stand for two processes (their own pools, their own connections); their upload
 * stores are test doubles that count every removal per key, fail the first attempt of each, notice
 * two removals of one key at the same time, and hold each process's first removal until the other
 * process is removing too.
 */
class BlobDeletionQueueTest {
  private static final int ITEMS = 600;
  private static final long WORKSPACE = 1;

  @Test
  void twoProcessesDrainingTogetherRemoveEveryQueuedItemExactlyOnce() throws Exception {
    String url = TestStore.freshPostgresDatabase();
    Removals removals = new Removals();
    CountingBlobStore blobsOfFirst = new CountingBlobStore(removals);
    CountingBlobStore blobsOfSecond = new CountingBlobStore(removals);
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
              new ErasureService(first, blobsOfFirst, Clock.systemUTC()),
              new ErasureService(first, blobsOfFirst, Clock.systemUTC()),
              new ErasureService(second, blobsOfSecond, Clock.systemUTC()),
              new ErasureService(second, blobsOfSecond, Clock.systemUTC()));
      int removed = 0;

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
          for (Future<Integer> run : runs) {
            removed += run.get();
          }
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(removals.bothDraining.getCount())
          .as("both processes were removing items at the same moment, each from its own claim")
          .isZero();
      assertThat(removals.overlaps).as("two removals of one key at the same time").isEmpty();
      for (String key : keys) {
        assertThat(removals.failures.getOrDefault(key, new AtomicInteger()).get())
            .as("failed removals of %s", key)
            .isEqualTo(1);
        assertThat(removals.done.getOrDefault(key, new AtomicInteger()).get())
            .as("removals of %s", key)
            .isEqualTo(1);
      }
      assertThat(removals.done.keySet()).containsExactlyInAnyOrderElementsOf(keys);
      assertThat(removed).isEqualTo(ITEMS);
      long left = second.read(repos -> repos.blobDeletions().count());
      assertThat(left).isZero();
    }
  }

  /** What the upload stores of both processes saw, per key. */
  static final class Removals {
    final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> done = new ConcurrentHashMap<>();
    final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    final Set<String> overlaps = ConcurrentHashMap.newKeySet();

    /** Counted down by each process's first removal, which then waits for the other's. */
    final CountDownLatch bothDraining = new CountDownLatch(2);
  }

  /**
   * One process's upload store, which only counts: the first removal of each key fails, later ones
   * succeed; a removal that starts while another of the same key runs is recorded. The process's
   * first removal waits (up to 30 s) until the other process is removing too: it holds its claimed
   * items meanwhile, so the other can only proceed by skipping them.
   */
  static final class CountingBlobStore implements BlobStore {
    private final Removals removals;
    private final AtomicBoolean started = new AtomicBoolean();

    CountingBlobStore(Removals removals) {
      this.removals = removals;
    }

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
    public java.util.stream.Stream<Stored> list() {
      return java.util.stream.Stream.empty();
    }

    @Override
    public void delete(String key) throws IOException {
      if (!removals.inFlight.add(key)) {
        removals.overlaps.add(key);
      }
      try {
        if (started.compareAndSet(false, true)) {
          removals.bothDraining.countDown();
          removals.bothDraining.await(30, TimeUnit.SECONDS);
        }
        Thread.sleep(1);
        if (removals.attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet()
            == 1) {
          removals.failures.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
          throw new IOException("the first removal of every key fails");
        }
        removals.done.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      } finally {
        removals.inFlight.remove(key);
      }
    }
  }
}
