package dev.parley.store.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 24, "workspace foreign keys on postgresql": on PostgreSQL, every table with a {@code
 * workspace_id} column but the blob deletion queue gets a foreign key to {@code workspaces}, named
 * {@code <table>_workspace_fk} ({@link #FOREIGN_KEY_SUFFIX}), so that no row can be written under
 * the id of a workspace that is gone: a write another process accepted with a token it still
 * trusted after {@code DELETE /_parley/workspaces/{name}} (issue 17) fails there instead of leaving
 * rows that no token reaches (docs/testing-with-parley.md, "While a delete runs"). {@code
 * blob_deletions} keeps none: the queue outlives the workspace whose upload bytes it removes.
 *
 * <p>Before adding them it erases what earlier races left: rows under a workspace id that has no
 * workspace row. The upload bytes of such {@code uploads} and {@code upload_intents} are queued in
 * {@code blob_deletions}, which the server drains at start-up. On SQLite it changes nothing: one
 * process serves an SQLite store, and its own gate keeps a deleted workspace's requests out ({@code
 * WorkspaceGate}).
 */
public final class WorkspaceForeignKeysMigration extends RecordedJavaMigration {
  /**
   * The end of the name of each foreign key to {@code workspaces}: {@code contacts_workspace_fk}.
   */
  public static final String FOREIGN_KEY_SUFFIX = "_workspace_fk";

  /**
   * The content tables with a {@code workspace_id} as migration 24 found them, children before
   * parents, {@code uploads} and {@code upload_intents} apart. Frozen history: migration 24 adds
   * its foreign keys to exactly these, so this list never changes. A workspace's erasure deletes
   * these and the content tables added later ({@code SqlWorkspaceErasureRepository}).
   */
  public static final List<String> CONTENT_TABLES_OF_24 =
      List.of(
          "conversation_parts",
          "conversation_words",
          "conversation_tags",
          "conversation_contacts",
          "conversations",
          "contact_notes",
          "contact_tags",
          "contact_events",
          "contact_event_summaries",
          "contact_segments",
          "contact_subscriptions",
          "contact_companies",
          "companies",
          "contacts",
          "tags",
          "ticket_type_attributes",
          "ticket_types",
          "ticket_states",
          "data_attributes",
          "conversation_metrics",
          "erasures",
          "admin_activity_logs",
          "export_jobs",
          "webhook_event_keys",
          "webhook_notifications",
          "webhook_events",
          "snapshot_objects",
          "snapshots");

  /**
   * The set-up tables with a {@code workspace_id} as migration 24 found them, children before
   * parents. Frozen history, as {@link #CONTENT_TABLES_OF_24}.
   */
  public static final List<String> SETUP_TABLES_OF_24 =
      List.of(
          "away_status_reasons",
          "segments",
          "subscription_types",
          "team_members",
          "teams",
          "admins",
          "access_tokens",
          "webhook_subscriptions",
          "rate_limit_windows");

  /** The tables that get a foreign key, children before parents (the order erasing them takes). */
  static final List<String> TABLES =
      Stream.of(List.of("uploads", "upload_intents"), CONTENT_TABLES_OF_24, SETUP_TABLES_OF_24)
          .flatMap(List::stream)
          .toList();

  WorkspaceForeignKeysMigration() {
    super("24", "workspace foreign keys on postgresql", 24_0000, true);
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    if (!isPostgres(connection)) {
      return;
    }
    long now = Instant.now().getEpochSecond();
    for (String table : List.of("uploads", "upload_intents")) {
      try (PreparedStatement queue =
          connection.prepareStatement(
              "INSERT INTO blob_deletions (workspace_id, blob_key, enqueued_at, attempts) SELECT"
                  + " t.workspace_id, t.blob_key, ?, 0 FROM "
                  + table
                  + " t WHERE t.blob_key IS NOT NULL AND "
                  + orphan("t")
                  + " ON CONFLICT DO NOTHING")) {
        queue.setLong(1, now);
        queue.executeUpdate();
      }
    }
    try (Statement ddl = connection.createStatement()) {
      for (String table : TABLES) {
        ddl.executeUpdate("DELETE FROM " + table + " t WHERE " + orphan("t"));
        ddl.execute(
            "ALTER TABLE "
                + table
                + " ADD CONSTRAINT "
                + table
                + FOREIGN_KEY_SUFFIX
                + " FOREIGN KEY (workspace_id) REFERENCES workspaces (workspace_id)");
      }
    }
  }

  /** The condition that the row aliased {@code alias} has no workspace any more. */
  private static String orphan(String alias) {
    return "NOT EXISTS (SELECT 1 FROM workspaces w WHERE w.workspace_id = "
        + alias
        + ".workspace_id)";
  }
}
