package dev.parley.store.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 14, "workspace snapshots": {@code snapshots}, one row per saved state of a workspace
 * ({@code POST /_parley/workspaces/{name}/snapshots}, issue 17), and {@code snapshot_objects}, one
 * row per object it saved: its key ({@code conversation:17}, {@code contact:<id>}, {@code tag:5})
 * and its rows as JSON ({@code content}, which holds content: bodies, names, emails). Erasures find
 * an object's copies in every snapshot through the {@code (workspace_id, object_key)} index. On
 * PostgreSQL {@code content} gets a statistics target of 0, as migration 9 gave every content
 * column ({@link ContentStatisticsMigration}), so that no ANALYZE copies it into {@code
 * pg_statistic}; SQLite keeps no statistics.
 */
final class SnapshotsMigration extends RecordedJavaMigration {
  SnapshotsMigration() {
    super("14", "workspace snapshots", 14_0000, true);
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    try (Statement ddl = connection.createStatement()) {
      ddl.execute(
          "CREATE TABLE snapshots (workspace_id BIGINT NOT NULL, name TEXT NOT NULL, created_at"
              + " BIGINT NOT NULL, PRIMARY KEY (workspace_id, name))");
      ddl.execute(
          "CREATE TABLE snapshot_objects (workspace_id BIGINT NOT NULL, snapshot TEXT NOT NULL,"
              + " object_key TEXT NOT NULL, content TEXT NOT NULL, PRIMARY KEY (workspace_id,"
              + " snapshot, object_key))");
      ddl.execute(
          "CREATE INDEX snapshot_objects_key ON snapshot_objects (workspace_id, object_key)");
      if (isPostgres(connection)) {
        ddl.execute("ALTER TABLE snapshot_objects ALTER COLUMN content SET STATISTICS 0");
      }
    }
  }
}
