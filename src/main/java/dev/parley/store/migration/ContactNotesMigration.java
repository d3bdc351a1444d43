package dev.parley.store.migration;

import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 15.1, "contact notes on postgresql": on PostgreSQL, the id kind V15 added to {@code
 * id_counters} ({@code note}) becomes a sequence, as migration 6 ({@link IdSequencesMigration}) did
 * for the kinds before it, and the content column {@code contact_notes.body} gets a statistics
 * target of 0, as migration 9 ({@link ContentStatisticsMigration}) did for the content columns
 * before it, so that {@code ANALYZE} never copies a note's text into {@code pg_statistic}; on
 * SQLite it changes nothing.
 */
public final class ContactNotesMigration extends RecordedJavaMigration {
  ContactNotesMigration() {
    super("15.1", "contact notes on postgresql", 15_0101, true);
  }

  @Override
  public void migrate(Context context) throws SQLException {
    if (!isPostgres(context.getConnection())) {
      return;
    }
    IdSequencesMigration.countersToSequences(context.getConnection());
    try (Statement statement = context.getConnection().createStatement()) {
      statement.execute("ALTER TABLE contact_notes ALTER COLUMN body SET STATISTICS 0");
    }
  }
}
