package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several openers of one SQLite file migrating it at the same moment (a server starting while an
 * operator command runs, as the README's walk-through did): each waits for the others' migrations
 * instead of failing with {@code SQLITE_BUSY_SNAPSHOT}, and every one ends on the same, current
 * schema, with each migration recorded once in the schema history (migration 9 used to run outside
 * a transaction on SQLite too, and two openers could both record it: CI of stop 24; and an opener
 * could fail with {@code SQLITE_BUSY} opening its connection: CI of stop 25).
 */
class ConcurrentMigrationTest {
  private static final int OPENERS = 4;
  private static final int ROUNDS = 10;

  @TempDir Path dir;

  @Test
  void storesOpenedTogetherOnAFreshFileAllMigrateWithoutABusyError() throws Exception {
    Path reference = dir.resolve("alone.db");
    new SqliteStore(reference, 1).close();
    ExecutorService pool = Executors.newFixedThreadPool(OPENERS);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        Path file = dir.resolve("round-" + round + ".db");
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> opened = new ArrayList<>();
        for (int i = 0; i < OPENERS; i++) {
          opened.add(
              pool.submit(
                  () -> {
                    go.await();
                    try (SqliteStore store = new SqliteStore(file, 1)) {
                      return store.read(repos -> repos.workspaces().any());
                    }
                  }));
        }
        go.countDown();
        for (Future<Boolean> f : opened) {
          // Throws (failing the test) with the opener's exception, e.g. SQLITE_BUSY_SNAPSHOT.
          assertThat(f.get(120, TimeUnit.SECONDS)).as("a fresh store holds no workspace").isFalse();
        }
        assertThat(appliedVersions(file))
            .as("each migration applied once")
            .isEqualTo(appliedVersions(reference));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The versions in the schema history, in order, one entry per applied migration. */
  private static List<String> appliedVersions(Path file) {
    try (SqliteStore store = new SqliteStore(file, 1)) {
      return store.read(
          repos ->
              ((SqlRepositories) repos)
                  .handle()
                  .createQuery(
                      "SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS"
                          + " NOT NULL ORDER BY installed_rank")
                  .mapTo(String.class)
                  .list());
    }
  }
}
