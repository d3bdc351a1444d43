package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** {@link SqliteStatementCache} on a real SQLite file: reuse, isolation, no lingering reads. */
class SqliteStatementCacheTest {
  @TempDir Path dir;
  Jdbi jdbi;
  final List<Statement> executed = new ArrayList<>();

  @BeforeEach
  void open() {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + dir.resolve("cache.db"));
    jdbi = Jdbi.create(source).setStatementBuilderFactory(new SqliteStatementCache());
    jdbi.getConfig(org.jdbi.v3.core.statement.SqlStatements.class)
        .addCustomizer(
            new StatementCustomizer() {
              @Override
              public void beforeExecution(PreparedStatement stmt, StatementContext ctx) {
                executed.add(stmt);
              }
            });
    jdbi.useHandle(
        h -> {
          h.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
          for (int i = 1; i <= 5; i++) {
            h.createUpdate("INSERT INTO t (id, v) VALUES (:id, :v)")
                .bind("id", i)
                .bind("v", "v" + i)
                .execute();
          }
        });
    executed.clear();
  }

  @AfterEach
  void close() {
    executed.clear();
  }

  @Test
  void aStatementRunAgainOnTheSameConnectionIsReusedWithFreshParameters() {
    try (Handle h = jdbi.open()) {
      String first =
          h.createQuery("SELECT v FROM t WHERE id = :id").bind("id", 2).mapTo(String.class).one();
      String second =
          h.createQuery("SELECT v FROM t WHERE id = :id").bind("id", 4).mapTo(String.class).one();
      h.createQuery("SELECT COUNT(*) FROM t").mapTo(Long.class).one();

      assertThat(first).isEqualTo("v2");
      assertThat(second).isEqualTo("v4");
      assertThat(executed).hasSize(3);
      assertThat(executed.get(1)).isSameAs(executed.get(0));
      assertThat(executed.get(2)).isNotSameAs(executed.get(0));
    }
  }

  @Test
  void theSameQueryOpenTwiceAtOnceGetsTwoStatements() {
    try (Handle h = jdbi.open()) {
      List<String> pairs = new ArrayList<>();
      h.createQuery("SELECT id FROM t WHERE id <= :max ORDER BY id")
          .bind("max", 2)
          .mapTo(Integer.class)
          .forEach(
              outer ->
                  h.createQuery("SELECT id FROM t WHERE id <= :max ORDER BY id")
                      .bind("max", 2)
                      .mapTo(Integer.class)
                      .forEach(inner -> pairs.add(outer + ":" + inner)));

      assertThat(pairs).containsExactly("1:1", "1:2", "2:1", "2:2");
      assertThat(executed.get(1)).isNotSameAs(executed.get(0));
    }
  }

  @Test
  void aQueryLeftAfterItsFirstRowHoldsNoSnapshotThatBlocksATruncatingCheckpoint() {
    try (Handle reader = jdbi.open();
        Handle writer = jdbi.open()) {
      // findFirst stops after one row; the cached statement must still be reset.
      assertThat(reader.createQuery("SELECT v FROM t ORDER BY id").mapTo(String.class).findFirst())
          .contains("v1");
      writer.createUpdate("UPDATE t SET v = 'changed' WHERE id = 1").execute();

      int busy =
          writer
              .createQuery("PRAGMA wal_checkpoint(TRUNCATE)")
              .map((rs, ctx) -> rs.getInt(1))
              .one();

      assertThat(busy).isZero();
      assertThat(dir.resolve("cache.db-wal")).isEmptyFile();
      assertThat(reader.createQuery("SELECT v FROM t WHERE id = 1").mapTo(String.class).one())
          .isEqualTo("changed");
    }
  }

  @Test
  void statementsAreNotSharedAcrossConnections() {
    try (Handle a = jdbi.open();
        Handle b = jdbi.open()) {
      a.createQuery("SELECT v FROM t WHERE id = :id").bind("id", 1).mapTo(String.class).one();
      b.createQuery("SELECT v FROM t WHERE id = :id").bind("id", 1).mapTo(String.class).one();

      assertThat(executed).hasSize(2);
      assertThat(executed.get(1)).isNotSameAs(executed.get(0));
    }
  }
}
