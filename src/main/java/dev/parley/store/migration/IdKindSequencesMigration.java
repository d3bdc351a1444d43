package dev.parley.store.migration;

import java.sql.SQLException;
import org.flywaydb.core.api.migration.Context;

/**
 * A migration that follows a SQL migration adding id kinds to {@code id_counters}: on PostgreSQL,
 * those kinds become sequences, as migration 6 ({@link IdSequencesMigration}) did for the kinds
 * before them, so that transactions taking ids do not wait for each other's commits on a counter
 * row; on SQLite it changes nothing. One instance per such SQL migration, versioned right after it
 * ({@code "16.1"} after {@code V16__ticket_types.sql}).
 */
final class IdKindSequencesMigration extends RecordedJavaMigration {
  /**
   * @param version the SQL migration's version with {@code .1}
   * @param description what the kinds are for, e.g. {@code "ticket id sequences"}
   * @param checksum recorded in Flyway's history; any fixed number, never changed afterwards
   */
  IdKindSequencesMigration(String version, String description, int checksum) {
    super(version, description, checksum, true);
  }

  @Override
  public void migrate(Context context) throws SQLException {
    if (isPostgres(context.getConnection())) {
      IdSequencesMigration.countersToSequences(context.getConnection());
    }
  }
}
