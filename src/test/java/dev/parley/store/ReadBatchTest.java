package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testing.TestStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * {@link ReadBatch} on the store the suite runs on: every query's rows reach its own reader, in
 * order, with the shared binds applied to each; an empty result in the middle does not shift the
 * others; PostgreSQL gets the batch as one statement (one round trip), SQLite as one statement per
 * query.
 */
class ReadBatchTest {
  @TempDir Path dir;

  private DataSource dataSource() {
    if (TestStore.postgres()) {
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setUrl(TestStore.freshPostgresDatabase());
      pg.setUser(TestStore.pgUser());
      return pg;
    }
    SQLiteDataSource sqlite = new SQLiteDataSource();
    sqlite.setUrl("jdbc:sqlite:" + dir.resolve("batch.db"));
    return sqlite;
  }

  private static Dialect dialect() {
    return TestStore.postgres() ? Dialect.POSTGRESQL : Dialect.SQLITE;
  }

  @Test
  void eachQueryOfTheBatchIsReadByItsOwnReaderInOrder() {
    List<String> executed = new ArrayList<>();
    Jdbi jdbi = Jdbi.create(dataSource());
    jdbi.setSqlLogger(
        new SqlLogger() {
          @Override
          public void logAfterExecution(StatementContext context) {
            executed.add(context.getRenderedSql());
          }
        });
    try (Handle handle = jdbi.open()) {
      handle.execute(
          "CREATE TABLE items (ws BIGINT NOT NULL, id BIGINT NOT NULL, name TEXT NOT NULL)");
      handle.execute(
          "INSERT INTO items (ws, id, name) VALUES (1, 1, 'a'), (1, 2, 'b'), (1, 3, 'c'), (2, 2,"
              + " 'other')");
      executed.clear();

      List<String> names = new ArrayList<>();
      List<Long> none = new ArrayList<>();
      List<Long> count = new ArrayList<>();
      new ReadBatch(handle, dialect())
          .bind("ws", 1L)
          .bind("id", 2L)
          .add(
              "SELECT name FROM items WHERE ws = :ws AND id >= :id ORDER BY id",
              (rs, ctx) -> {
                while (rs.next()) {
                  names.add(rs.getString("name"));
                }
              })
          .add(
              "SELECT id FROM items WHERE ws = :ws AND id > :id + 100",
              (rs, ctx) -> {
                while (rs.next()) {
                  none.add(rs.getLong("id"));
                }
              })
          .add(
              "SELECT COUNT(*) AS n FROM items WHERE ws <> :ws AND id = :id",
              (rs, ctx) -> {
                while (rs.next()) {
                  count.add(rs.getLong("n"));
                }
              })
          .run();

      assertThat(names).containsExactly("b", "c");
      assertThat(none).isEmpty();
      assertThat(count).containsExactly(1L);
      assertThat(executed).hasSize(TestStore.postgres() ? 1 : 3);
    }
  }

  @Test
  void theStatementsOfABatchAreClosedWhenItReturnsNotWhenTheHandleCloses() {
    Set<Statement> open = Collections.newSetFromMap(new IdentityHashMap<>());
    Jdbi jdbi = Jdbi.create(dataSource());
    jdbi.setStatementBuilderFactory(
        connection ->
            new DefaultStatementBuilder() {
              @Override
              public PreparedStatement create(Connection c, String sql, StatementContext ctx)
                  throws SQLException {
                PreparedStatement statement = super.create(c, sql, ctx);
                open.add(statement);
                return statement;
              }

              @Override
              public void close(Connection c, String sql, Statement statement) throws SQLException {
                open.remove(statement);
                super.close(c, sql, statement);
              }
            });
    try (Handle handle = jdbi.open()) {
      for (int round = 0; round < 3; round++) {
        List<Long> seen = new ArrayList<>();
        new ReadBatch(handle, dialect())
            .bind("n", 7L)
            .add("SELECT :n AS a", (rs, ctx) -> seen.add(rs.next() ? rs.getLong("a") : -1))
            .add("SELECT :n + 1 AS b", (rs, ctx) -> seen.add(rs.next() ? rs.getLong("b") : -1))
            .run();
        assertThat(seen).containsExactly(7L, 8L);
        assertThat(open).as("statements left open after round %d", round).isEmpty();
      }
    }
  }

  @Test
  void aQueryWithASemicolonOfItsOwnIsRefused() {
    try (Handle handle = Jdbi.create(dataSource()).open()) {
      ReadBatch batch = new ReadBatch(handle, dialect());
      assertThatThrownBy(() -> batch.add("SELECT 1; SELECT 2", (rs, ctx) -> {}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("semicolon");
    }
  }
}
