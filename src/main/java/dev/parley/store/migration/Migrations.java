package dev.parley.store.migration;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.sqlite.SQLiteDataSource;

/**
 * Applies parley's versioned, forward-only migrations with Flyway: the SQL files under {@code
 * db/migration} and the Java migrations of this package (listed, in their order, in {@code
 * package-info.java}). On PostgreSQL Flyway holds an advisory lock while it migrates, so processes
 * that start together do not race. On SQLite Flyway has no lock: every migration runs in a
 * transaction that takes the write lock when it begins ({@code BEGIN IMMEDIATE}), so openers of one
 * file wait for each other and re-read the schema history before they apply anything. A second run
 * changes nothing.
 */
public final class Migrations {
  private Migrations() {}

  /** How many times Flyway retries opening its connection to an SQLite file. */
  static final int SQLITE_CONNECT_RETRIES = 10;

  /** The longest wait between those tries, seconds. */
  static final int SQLITE_CONNECT_RETRY_SECONDS = 4;

  /**
   * Flyway configured with every migration of parley, on {@code dataSource}: the SQL files of
   * {@code classpath:db/migration} and the Java migrations registered here (not found by a
   * classpath scan). A {@link SQLiteDataSource} is an SQLite store; any other {@code dataSource} is
   * PostgreSQL.
   *
   * <p>On SQLite, Flyway retries opening its connection (up to {@link #SQLITE_CONNECT_RETRIES}
   * times, waiting 1, 2, 4, then at most {@link #SQLITE_CONNECT_RETRY_SECONDS} seconds between
   * tries): a connection's {@code PRAGMA journal_mode = WAL} on a fresh file that another opener is
   * converting at the same moment can fail with {@code SQLITE_BUSY} at once, without waiting for
   * the busy timeout, because SQLite does not wait where waiting could deadlock (CI of stop 25,
   * {@code ConcurrentMigrationTest}).
   */
  public static FluentConfiguration configure(DataSource dataSource) {
    boolean postgres = !(dataSource instanceof SQLiteDataSource);
    return Flyway.configure()
        .dataSource(dataSource)
        .connectRetries(postgres ? 0 : SQLITE_CONNECT_RETRIES)
        .connectRetriesInterval(SQLITE_CONNECT_RETRY_SECONDS)
        .locations("classpath:db/migration")
        .javaMigrations(
            new ConversationWordsMigration(),
            new IdSequencesMigration(),
            new ContentStatisticsMigration(postgres),
            new WebhookIdSequencesMigration(),
            new WebhookEventKeysMigration(),
            new SnapshotsMigration(),
            new ContactNotesMigration(),
            new IdKindSequencesMigration("16.1", "ticket id sequences", 16_0101),
            new IdKindSequencesMigration("18.1", "ticket number sequence", 18_0101),
            new DataEventsMigration(),
            new IdKindSequencesMigration("20.1", "away status reason id sequences", 20_0101),
            new IdKindSequencesMigration("21.1", "data attribute id sequences", 21_0101),
            new IdKindSequencesMigration(
                "23.1", "segment and subscription type id sequences", 23_0101),
            new WorkspaceForeignKeysMigration(),
            new IdKindSequencesMigration("25.1", "job id sequences", 25_0101),
            new TicketAdminIndexMigration())
        .loggers("slf4j");
  }

  /**
   * Brings the schema up to date. A schema already current (the usual case for an operator command
   * beside a running server) is only read: no lock is taken, so the command never waits for the
   * server's writes.
   *
   * @return how many migrations were applied now (0 when it was already current)
   */
  public static int migrate(DataSource dataSource) {
    Flyway flyway = configure(dataSource).load();
    if (flyway.info().pending().length == 0) {
      return 0;
    }
    MigrateResult result = flyway.migrate();
    return result.migrationsExecuted;
  }
}
