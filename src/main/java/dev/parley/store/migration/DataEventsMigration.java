package dev.parley.store.migration;

import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 19.1, "data events on postgresql": on PostgreSQL, the content columns V19 added ({@code
 * contact_events.event_name} and {@code metadata}, {@code contact_event_summaries.event_name}) get
 * a statistics target of 0, as migration 9 ({@link ContentStatisticsMigration}) did for the content
 * columns before them, so that {@code ANALYZE} never copies an event's metadata into {@code
 * pg_statistic}; on SQLite it changes nothing.
 */
public final class DataEventsMigration extends RecordedJavaMigration {
  DataEventsMigration() {
    super("19.1", "data events on postgresql", 19_0101, true);
  }

  @Override
  public void migrate(Context context) throws SQLException {
    if (!isPostgres(context.getConnection())) {
      return;
    }
    try (Statement statement = context.getConnection().createStatement()) {
      statement.execute("ALTER TABLE contact_events ALTER COLUMN event_name SET STATISTICS 0");
      statement.execute("ALTER TABLE contact_events ALTER COLUMN metadata SET STATISTICS 0");
      statement.execute(
          "ALTER TABLE contact_event_summaries ALTER COLUMN event_name SET STATISTICS 0");
    }
  }
}
