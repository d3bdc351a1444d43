package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testing.TestStore;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL reads run on their own pool, whose connections are set once to REPEATABLE READ
 * and read-only: a read sees one snapshot and cannot write, while writes keep READ COMMITTED.
 * Runs on PostgreSQL in both executions of the suite (it needs no parley process).
 */
class PostgresReadTransactionTest {
  private static Handle handle(dev.parley.domain.Repositories repos) {
    return ((SqlRepositories) repos).handle();
  }

  @Test
  void readsAreRepeatableReadAndReadOnlyWhileWritesAreReadCommitted() {
    try (PostgresStore store = new PostgresStore(TestStore.freshPostgresDatabase(), TestStore.pgUser(), null, 2)) {
      String readLevel =
          store.read(repos -> handle(repos).createQuery("SHOW transaction_isolation").mapTo(String.class).one());
      String readOnly =
          store.read(repos -> handle(repos).createQuery("SHOW transaction_read_only").mapTo(String.class).one());
      String writeLevel =
          store.write(repos -> handle(repos).createQuery("SHOW transaction_isolation").mapTo(String.class).one());
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
                      .createQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'refused'")
                      .mapTo(Long.class)
                      .one());
      assertThat(tables).isZero();
    }
  }
}
