package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testing.TestStore;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL reads run on their own pool, whose connections are set once to REPEATABLE READ and
 * read-only: a read sees one snapshot and cannot write, while writes keep READ COMMITTED. Runs on
 * PostgreSQL in both executions of the suite (it needs no parley process).
 */
class PostgresReadTransactionTest {
  private static Handle handle(dev.parley.domain.Repositories repos) {
    return ((SqlRepositories) repos).handle();
  }

  @Test
  void theStoreHoldsAtMostPoolSizeConnectionsSplitBetweenWritesAndReads() throws Exception {
    String url = TestStore.freshPostgresDatabase();
    String database = url.substring(url.lastIndexOf('/') + 1);
    try (PostgresStore store = new PostgresStore(url, TestStore.pgUser(), null, 6);
        PostgresStore observer =
            new PostgresStore(TestStore.pgServer() + "postgres", TestStore.pgUser(), null, 1)) {
      java.util.function.LongSupplier connections =
          () ->
              observer.read(
                  repos ->
                      handle(repos)
                          .createQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = :db")
                          .bind("db", database)
                          .mapTo(Long.class)
                          .one());
      long most = 0;
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(16);
      try {
        for (int round = 0; round < 20; round++) {
          List<java.util.concurrent.Future<?>> work = new ArrayList<>();
          for (int i = 0; i < 16; i++) {
            boolean write = i % 2 == 0;
            work.add(
                pool.submit(
                    () ->
                        write
                            ? store.write(
                                repos ->
                                    handle(repos)
                                        .select("SELECT pg_sleep(0.01)")
                                        .mapTo(String.class)
                                        .one())
                            : store.read(
                                repos ->
                                    handle(repos)
                                        .select("SELECT pg_sleep(0.01)")
                                        .mapTo(String.class)
                                        .one())));
          }
          most = Math.max(most, connections.getAsLong());
          for (java.util.concurrent.Future<?> f : work) {
            f.get();
          }
        }
      } finally {
        pool.shutdownNow();
      }
      // three for writes and three for reads were all in use at once, and never more
      assertThat(most).isEqualTo(6);
    }
  }

  @Test
  void readsAreRepeatableReadAndReadOnlyWhileWritesAreReadCommitted() {
    try (PostgresStore store =
        new PostgresStore(TestStore.freshPostgresDatabase(), TestStore.pgUser(), null, 2)) {
      String readLevel =
          store.read(
              repos ->
                  handle(repos)
                      .createQuery("SHOW transaction_isolation")
                      .mapTo(String.class)
                      .one());
      String readOnly =
          store.read(
              repos ->
                  handle(repos)
                      .createQuery("SHOW transaction_read_only")
                      .mapTo(String.class)
                      .one());
      String writeLevel =
          store.write(
              repos ->
                  handle(repos)
                      .createQuery("SHOW transaction_isolation")
                      .mapTo(String.class)
                      .one());
      assertThat(readLevel).isEqualTo("repeatable read");
      assertThat(readOnly).isEqualTo("on");
      assertThat(writeLevel).isEqualTo("read committed");

      assertThatThrownBy(
              () -> store.read(repos -> handle(repos).execute("CREATE TABLE refused (id BIGINT)")))
          .hasMessageContaining("read-only transaction");
      long tables =
          store.write(
              repos ->
                  handle(repos)
                      .createQuery(
                          "SELECT COUNT(*) FROM information_schema.tables WHERE table_name ="
                              + " 'refused'")
                      .mapTo(Long.class)
                      .one());
      assertThat(tables).isZero();
    }
  }
}
