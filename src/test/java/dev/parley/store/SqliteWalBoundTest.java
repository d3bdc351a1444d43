package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, "SQLite WAL growth": under sustained writes with readers always present and no erasure,
 * SQLite's passive checkpoints could never restart the WAL, which grew without end (190 MB against
 * a 12.7 MB database). With {@code --sqlite-wal-limit 1} the WAL file must stay within 1 MiB plus
 * one group commit's pages (docs/scaling.md), sampled all along.
 */
class SqliteWalBoundTest {
  private static final long LIMIT = 1024 * 1024;

  /** One group commit of the test's writers (8 replies or creates at most) stays far below this. */
  private static final long ONE_GROUP = 1024 * 1024;

  private static final int WRITERS = 8;
  private static final int REPLIES_PER_WRITER = 300;

  @TempDir Path root;

  @Test
  void theWalStaysWithinItsLimitUnderThousandsOfRepliesWithReadersAndNoErasure() throws Exception {
    Assumptions.assumeFalse(TestStore.postgres(), "the write-ahead log bound is SQLite's");
    ParleyProcess parley =
        ParleyProcess.in(root)
            .arg("--sqlite-wal-limit", "1")
            // Thousands of replies in seconds: more than Intercom's rate limit lets a workspace
            // send.
            .arg("--rate-limit-per-minute", "0")
            .start();
    Path wal = parley.dataDir().resolve("parley.db-wal");
    Api api = parley.api();
    Scenario s = new Scenario(api);
    String admin = s.adminId();
    List<String> conversations = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      conversations.add(
          s.conversation(s.contact("wal" + i + "@example.com"), "wal conversation " + i));
    }

    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong largest = new AtomicLong();
    AtomicInteger samples = new AtomicInteger();
    Thread sampler =
        new Thread(
            () -> {
              while (writing.get()) {
                largest.accumulateAndGet(size(wal), Math::max);
                samples.incrementAndGet();
                try {
                  Thread.sleep(
                      1); // a sample per millisecond, without taking a core from the server
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.start();
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 4);
    List<Future<?>> writers = new ArrayList<>();
    AtomicInteger replies = new AtomicInteger();
    for (int w = 0; w < WRITERS; w++) {
      String conversation = conversations.get(w);
      int writer = w;
      writers.add(
          pool.submit(
              () -> {
                for (int r = 0; r < REPLIES_PER_WRITER; r++) {
                  Map<String, Object> body = new LinkedHashMap<>();
                  body.put("message_type", "comment");
                  body.put("type", "admin");
                  body.put("admin_id", admin);
                  body.put(
                      "body", "reply " + r + " of writer " + writer + " " + "words ".repeat(300));
                  assertThat(api.post("/conversations/" + conversation + "/reply", body).status())
                      .isEqualTo(200);
                  replies.incrementAndGet();
                }
                return null;
              }));
    }
    for (int r = 0; r < 4; r++) {
      int reader = r;
      pool.submit(
          () -> {
            for (int i = 0; writing.get(); i++) {
              api.get("/conversations/" + conversations.get((reader + i) % conversations.size()));
            }
            return null;
          });
    }
    for (Future<?> writer : writers) {
      writer.get();
    }
    writing.set(false);
    sampler.join();
    pool.shutdown();
    long after = size(wal);
    long database = size(parley.dataDir().resolve("parley.db"));
    parley.stop();

    System.out.printf(
        "%d replies: largest WAL %d bytes in %d samples, %d bytes after; database %d bytes%n",
        replies.get(), largest.get(), samples.get(), after, database);
    assertThat(replies.get()).isEqualTo(WRITERS * REPLIES_PER_WRITER);
    assertThat(database).as("the load outgrew the limit several times").isGreaterThan(2 * LIMIT);
    assertThat(largest.get())
        .as("largest WAL sampled during the load")
        .isLessThanOrEqualTo(LIMIT + ONE_GROUP);
    assertThat(after).as("WAL after the load").isLessThanOrEqualTo(LIMIT + ONE_GROUP);
    assertThat(parley.log()).doesNotContain("status=500");
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
