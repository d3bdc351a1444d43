package dev.parley.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Cli;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestStore;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema migrations on PostgreSQL: {@code parley migrate} on an empty database creates the schema,
 * a second run and a start of {@code serve} change nothing, and two processes started at the same
 * moment on an empty database both come up (Flyway's lock) with one schema and one bootstrap.
 */
class MigrationTest {
  @TempDir Path root;

  @Test
  void migrateOnAnEmptyDatabaseCreatesTheSchemaAndASecondRunOrAStartChangesNothing() {
    String url = TestStore.freshPostgresDatabase();
    Cli.Result first = Cli.run(root.resolve("cli"), url, "migrate");
    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(first.output()).contains("schema is up to date (postgresql)");

    List<List<Object>> history;
    List<List<Object>> schema;
    try (TestDatabase db = TestDatabase.postgres(url)) {
      history = history(db);
      schema = schema(db);
      assertThat(history)
          .extracting(row -> row.get(1))
          .containsExactlyElementsOf(expectedVersions());
      assertThat(history).allMatch(row -> Boolean.TRUE.equals(row.get(4)));
      assertThat(schema)
          .extracting(row -> row.get(0))
          .contains(
              "conversations",
              "conversation_parts",
              "uploads",
              "conversation_metrics",
              "erasures",
              "blob_deletions",
              "id_counters",
              "ids_conversation",
              "ids_erasure",
              "ids_part",
              "ids_upload");
      assertThat(db.number("SELECT COUNT(*) FROM id_counters"))
          .as("counters replaced by sequences")
          .isZero();
      // Every table keyed by workspace but the blob deletion queue references its workspace
      // (migration 24), a table added later by a migration of its own.
      List<Object> unreferenced =
          db
              .rows(
                  "SELECT c.table_name FROM information_schema.columns c WHERE c.table_schema ="
                      + " 'public' AND c.column_name = 'workspace_id' AND c.table_name NOT IN"
                      + " ('blob_deletions', 'workspaces') AND NOT EXISTS (SELECT 1 FROM"
                      + " information_schema.table_constraints t WHERE t.table_schema = 'public'"
                      + " AND t.table_name = c.table_name AND t.constraint_type = 'FOREIGN KEY'"
                      + " AND t.constraint_name = c.table_name || '_workspace_fk') ORDER BY 1")
              .stream()
              .map(row -> row.get(0))
              .toList();
      assertThat(unreferenced).as("tables with workspace_id and no foreign key").isEmpty();
    }

    Cli.Result second = Cli.run(root.resolve("cli"), url, "migrate");
    assertThat(second.exitCode()).as(second.output()).isZero();
    try (TestDatabase db = TestDatabase.postgres(url)) {
      assertThat(history(db)).isEqualTo(history);
      assertThat(schema(db)).isEqualTo(schema);
    }

    ParleyProcess parley = ParleyProcess.in(root.resolve("serve")).databaseUrl(url).start();
    try {
      String id = new Scenario(parley.api()).conversation("<p>after the migrations</p>");
      assertThat(parley.api().get("/conversations/" + id).status()).isEqualTo(200);
    } finally {
      parley.stop();
    }
    try (TestDatabase db = TestDatabase.postgres(url)) {
      assertThat(history(db)).isEqualTo(history);
      assertThat(schema(db)).isEqualTo(schema);
    }
  }

  @Test
  void twoProcessesStartingTogetherOnAnEmptyDatabaseBothComeUpWithOneSchemaAndOneWorkspace()
      throws Exception {
    SharedDatabase shared = new SharedDatabase(root);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<ParleyProcess> started = new ArrayList<>();
    try {
      Future<ParleyProcess> a = pool.submit(() -> shared.start("a"));
      Future<ParleyProcess> b = pool.submit(() -> shared.start("b"));
      started.add(a.get());
      started.add(b.get());
      for (ParleyProcess parley : started) {
        assertThat(parley.api().get("/healthz").status()).isEqualTo(200);
        assertThat(parley.api().get("/me").status())
            .as("the shared bootstrap token on %s", parley.baseUrl())
            .isEqualTo(200);
      }
      String id = new Scenario(started.get(0).api()).conversation("<p>on a</p>");
      assertThat(started.get(1).api().get("/conversations/" + id).status()).isEqualTo(200);
      try (TestDatabase db = TestDatabase.postgres(shared.url)) {
        assertThat(history(db))
            .extracting(row -> row.get(1))
            .containsExactlyElementsOf(expectedVersions());
        assertThat(db.number("SELECT COUNT(*) FROM workspaces")).isEqualTo(1);
        assertThat(db.number("SELECT COUNT(*) FROM admins")).isEqualTo(1);
        assertThat(db.number("SELECT COUNT(*) FROM access_tokens")).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
      started.forEach(ParleyProcess::stop);
    }
  }

  /**
   * Every migration version, in order: the SQL files ({@code V<version>__...sql}) under {@code
   * db/migration} and the Java migrations of {@code dev.parley.store.migration}: 4.1 ({@code
   * ConversationWordsMigration}), 6 ({@code IdSequencesMigration}), 9 ({@code
   * ContentStatisticsMigration}), 10.1 ({@code WebhookIdSequencesMigration}), 11 ({@code
   * WebhookEventKeysMigration}), 14 ({@code SnapshotsMigration}), 15.1 ({@code
   * ContactNotesMigration}), 16.1, 18.1, 20.1, 21.1, 23.1 and 25.1 ({@code
   * IdKindSequencesMigration}), 19.1 ({@code DataEventsMigration}), 24 ({@code
   * WorkspaceForeignKeysMigration}) and 32 ({@code TicketAdminIndexMigration}). Versions like
   * {@code 4_1} are Flyway's {@code 4.1}.
   */
  private static List<String> expectedVersions() {
    try (Stream<Path> files =
        Files.list(Path.of(MigrationTest.class.getResource("/db/migration").toURI()))) {
      Set<String> versions = new TreeSet<>(MigrationTest::compareVersions);
      versions.add("4.1"); // ConversationWordsMigration
      versions.add("6"); // IdSequencesMigration
      versions.add("9"); // ContentStatisticsMigration
      versions.add("10.1"); // WebhookIdSequencesMigration
      versions.add("11"); // WebhookEventKeysMigration
      versions.add("14"); // SnapshotsMigration
      versions.add("16.1"); // IdKindSequencesMigration (ticket id kinds)
      versions.add("15.1"); // ContactNotesMigration
      versions.add("18.1"); // IdKindSequencesMigration (ticket numbers)
      versions.add("19.1"); // DataEventsMigration
      versions.add("20.1"); // IdKindSequencesMigration (away status reason ids)
      versions.add("21.1"); // IdKindSequencesMigration (data attribute ids)
      versions.add("23.1"); // IdKindSequencesMigration (segment and subscription type ids)
      versions.add("24"); // WorkspaceForeignKeysMigration
      versions.add("25.1"); // IdKindSequencesMigration (job ids)
      versions.add("32"); // TicketAdminIndexMigration
      files
          .map(file -> file.getFileName().toString())
          .map(name -> Pattern.compile("V(\\d+(?:_\\d+)*)__[^$]*\\.(sql|class)").matcher(name))
          .filter(Matcher::matches)
          .forEach(m -> versions.add(m.group(1).replace('_', '.')));
      assertThat(versions).contains("1", "6", "9");
      return List.copyOf(versions);
    } catch (IOException | URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  private static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int left = i < x.length ? Integer.parseInt(x[i]) : 0;
      int right = i < y.length ? Integer.parseInt(y[i]) : 0;
      if (left != right) {
        return Integer.compare(left, right);
      }
    }
    return Integer.compare(x.length, y.length);
  }

  /** Flyway's schema history: rank, version, description, checksum, success, installed_on. */
  private static List<List<Object>> history(TestDatabase db) {
    return db.rows(
        "SELECT installed_rank, version, description, checksum, success, installed_on"
            + " FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank");
  }

  /** Every table, index and sequence of the schema with its kind, and every column. */
  private static List<List<Object>> schema(TestDatabase db) {
    List<List<Object>> objects =
        new ArrayList<>(
            db.rows(
                "SELECT c.relname, c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid ="
                    + " c.relnamespace WHERE n.nspname = current_schema() ORDER BY c.relname"));
    objects.addAll(
        db.rows(
            "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"));
    return objects;
  }
}
