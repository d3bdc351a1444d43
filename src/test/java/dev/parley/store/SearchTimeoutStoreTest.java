package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Store;
import dev.parley.testing.TestStore;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Store#search} on the suite's store (docs/search.md, "Bounds"): a search past the timeout
 * is cancelled by the store itself (PostgreSQL: {@code statement_timeout}; SQLite: a progress
 * handler) and becomes 408 {@code request_timeout}; a search that finds no free search slot within
 * the timeout is not run; reads keep their connections meanwhile.
 */
class SearchTimeoutStoreTest {
  @TempDir Path dir;

  /** A store of two read connections (one search slot) and a search timeout of 1 s. */
  private Store open() {
    if (TestStore.postgres()) {
      return new PostgresStore(
          TestStore.freshPostgresDatabase(), TestStore.pgUser(), null, 4, 0, 1);
    }
    return new SqliteStore(dir.resolve("parley.db"), 2, 1);
  }

  /** A query that runs far longer than the timeout and returns 1 if it ever ends. */
  private static String endless() {
    return TestStore.postgres()
        ? "SELECT 1 FROM pg_sleep(600)"
        : "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 100000000000)"
            + " SELECT MIN(x) FROM n";
  }

  private static long query(dev.parley.domain.Repositories repos, String sql) {
    return ((SqlRepositories) repos).handle().createQuery(sql).mapTo(Long.class).one();
  }

  @Test
  void aSearchPastTheTimeoutAnswers408RequestTimeoutAndTheConnectionServesAgain() {
    try (Store store = open()) {
      assertThatThrownBy(() -> store.search(repos -> query(repos, endless())))
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.errorCode()).isEqualTo(ErrorCode.SEARCH_TIMEOUT);
                assertThat(e.errorCode().status()).isEqualTo(408);
                assertThat(e.errorCode().code()).isEqualTo("request_timeout");
                assertThat(e.getMessage())
                    .isEqualTo(
                        "The search took longer than 1 second; narrow the query or retry later");
              });
      long next = store.search(repos -> query(repos, "SELECT 7"));
      long read = store.read(repos -> query(repos, "SELECT 8"));
      assertThat(next).as("the next search").isEqualTo(7);
      assertThat(read).as("a read").isEqualTo(8);
    }
  }

  @Test
  void aSearchThatFindsNoFreeSlotAnswers408WhileReadsGoOn() throws Exception {
    try (Store store = open()) {
      CountDownLatch running = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Long> holder =
          CompletableFuture.supplyAsync(
              () ->
                  store.search(
                      repos -> {
                        running.countDown();
                        try {
                          release.await();
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        return 5L;
                      }));
      running.await();
      long read = store.read(repos -> query(repos, "SELECT 3"));
      assertThat(read).as("a read while the only search slot is taken").isEqualTo(3);
      assertThatThrownBy(() -> store.search(repos -> query(repos, "SELECT 4")))
          .as("a search waiting longer than the timeout for the slot")
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SEARCH_TIMEOUT));
      release.countDown();
      assertThat(holder.get()).isEqualTo(5);
      long after = store.search(repos -> query(repos, "SELECT 6"));
      assertThat(after).as("a search once the slot is free").isEqualTo(6);
    }
  }
}
