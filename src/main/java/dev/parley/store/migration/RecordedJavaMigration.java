package dev.parley.store.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A Java migration whose version, description and checksum are given as recorded in Flyway's schema
 * history ({@code flyway_schema_history}), so that they never change with the class's name or
 * package: Flyway refuses to open a store whose applied migrations differ in any of them.
 */
abstract class RecordedJavaMigration implements JavaMigration {
  private final MigrationVersion version;
  private final String description;
  private final Integer checksum;
  private final boolean inTransaction;

  /**
   * @param version Flyway's version, such as {@code "4.1"}
   * @param description as recorded in the schema history
   * @param checksum as recorded (null: none)
   * @param inTransaction whether Flyway may run it in a transaction
   */
  RecordedJavaMigration(
      String version, String description, Integer checksum, boolean inTransaction) {
    this.version = MigrationVersion.fromVersion(version);
    this.description = description;
    this.checksum = checksum;
    this.inTransaction = inTransaction;
  }

  @Override
  public final MigrationVersion getVersion() {
    return version;
  }

  @Override
  public final String getDescription() {
    return description;
  }

  @Override
  public final Integer getChecksum() {
    return checksum;
  }

  @Override
  public final boolean canExecuteInTransaction() {
    return inTransaction;
  }

  /** Whether {@code connection} is to PostgreSQL (else SQLite). */
  static boolean isPostgres(Connection connection) throws SQLException {
    return connection
        .getMetaData()
        .getDatabaseProductName()
        .toLowerCase(Locale.ROOT)
        .contains("postgresql");
  }
}
