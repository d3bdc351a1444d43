package dev.parley.store.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration 9, "no content in planner statistics": on PostgreSQL, every column that can hold
 * content gets a statistics target of 0, and the statistics already gathered for it are dropped; on
 * SQLite it changes nothing (parley never runs {@code ANALYZE} there, so SQLite keeps no statistics
 * tables).
 *
 * <p>Why: {@code ANALYZE} (parley's own, {@link dev.parley.store.PlannerStatistics}, or
 * autovacuum's) copies a sample of each column's values into {@code pg_statistic}: most common
 * values and histogram bounds. For a body, a title or a search word that is content, and it stays
 * there after the conversation is erased, until the next ANALYZE replaces it (and then as a dead
 * tuple of {@code pg_statistic}). A column whose target is 0 is skipped by ANALYZE. The planner
 * still has statistics for what it plans with: ids, workspaces, timestamps, states, assignees.
 * Statistics gathered before this migration are removed by a same-type {@code ALTER COLUMN ...
 * TYPE}, which drops a column's {@code pg_statistic} row without rewriting the table or rebuilding
 * its indexes; their old tuples, dead in {@code pg_statistic}, are removed by the {@code VACUUM
 * pg_statistic} that ends the migration. That VACUUM cannot run in a transaction, so on PostgreSQL
 * this migration runs without one (Flyway's advisory lock still keeps a second process out); each
 * statement is one that a second run repeats harmlessly. On SQLite it runs in a transaction like
 * every other migration: there Flyway has no lock of its own, and only a transaction's write lock
 * ({@code BEGIN IMMEDIATE}) keeps two openers of a fresh file from both recording it. PostgreSQL
 * lets only the database's owner (or a superuser) vacuum a catalogue; for anyone else it skips it
 * with a warning, and docs/erasure.md tells operators to run it.
 */
final class ContentStatisticsMigration extends RecordedJavaMigration {
  /**
   * @param postgres whether the store is PostgreSQL: only there does the migration run outside a
   *     transaction
   */
  ContentStatisticsMigration(boolean postgres) {
    super("9", "no content in planner statistics", 9_0001, !postgres);
  }

  private static final Logger LOG = LoggerFactory.getLogger(ContentStatisticsMigration.class);

  /**
   * The columns that can hold content, by table: text a user or a client wrote (bodies, titles,
   * subjects, attribute values, names, emails, links, search words), and the random keys of
   * uploads. Every later migration that adds such a column sets its target to 0 too.
   */
  static final Map<String, List<String>> CONTENT_COLUMNS = contentColumns();

  private static Map<String, List<String>> contentColumns() {
    Map<String, List<String>> columns = new LinkedHashMap<>();
    columns.put(
        "conversations",
        List.of("title", "custom_attributes", "source_subject", "source_body", "source_url"));
    columns.put("conversation_parts", List.of("body", "metadata"));
    columns.put("conversation_words", List.of("word"));
    columns.put("uploads", List.of("name", "content_type", "blob_key", "url_token", "url"));
    columns.put(
        "contacts",
        List.of("email", "external_id", "name", "phone", "avatar", "custom_attributes"));
    columns.put("tags", List.of("name", "name_key"));
    return java.util.Collections.unmodifiableMap(columns);
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    if (!isPostgres(connection)) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      for (Map.Entry<String, List<String>> table : CONTENT_COLUMNS.entrySet()) {
        List<String> columns = table.getValue();
        statement.execute(
            "ALTER TABLE "
                + table.getKey()
                + " "
                + String.join(
                    ", ",
                    columns.stream().map(c -> "ALTER COLUMN " + c + " SET STATISTICS 0").toList()));
        // Same type: no rewrite, indexes kept; PostgreSQL drops the column's statistics.
        statement.execute(
            "ALTER TABLE "
                + table.getKey()
                + " "
                + String.join(
                    ", ", columns.stream().map(c -> "ALTER COLUMN " + c + " TYPE TEXT").toList()));
      }
      statement.execute("VACUUM pg_statistic");
      for (var warning = statement.getWarnings();
          warning != null;
          warning = warning.getNextWarning()) {
        LOG.warn(
            "migration 9: VACUUM pg_statistic: PostgreSQL says: {} ({})",
            warning.getMessage(),
            warning.getSQLState());
      }
    }
  }
}
