package dev.parley.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the versioned, forward-only migrations under {@code db/migration} with Flyway, and
 * the Java ones listed here (where SQLite and PostgreSQL need different statements). On
 * PostgreSQL Flyway holds an advisory lock while it migrates, so processes that start
 * together do not race; a second run changes nothing.
 */
public final class Migrations {
  private Migrations() {}

  /**
   * Brings the schema up to date. A schema already current (the usual case for an operator
   * command beside a running server) is only read: no lock is taken, so the command never
   * waits for the server's writes.
   *
   * @return how many migrations were applied now (0 when it was already current)
   */
  public static int migrate(DataSource dataSource) {
    Flyway flyway =
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .javaMigrations(new IdSequencesMigration(), new ContentStatisticsMigration())
            .loggers("slf4j")
            .load();
    if (flyway.info().pending().length == 0) {
      return 0;
    }
    MigrateResult result = flyway.migrate();
    return result.migrationsExecuted;
  }
}
