package dev.parley.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Which store the tests run on: SQLite (default) or PostgreSQL when the system property {@code
 * parley.test.store} is {@code postgresql}. On PostgreSQL every started parley gets a fresh
 * database on {@code 127.0.0.1:5432} (user {@code postgres}, trust auth; override with {@code
 * parley.test.pg.url}).
 */
public final class TestStore {
  private TestStore() {}

  public static boolean postgres() {
    return "postgresql"
        .equals(System.getProperty("parley.test.store", "sqlite").toLowerCase(Locale.ROOT));
  }

  /** The server URL without a database, e.g. {@code jdbc:postgresql://127.0.0.1:5432/}. */
  public static String pgServer() {
    return System.getProperty("parley.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/");
  }

  public static String pgUser() {
    return System.getProperty("parley.test.pg.user", "postgres");
  }

  /**
   * Creates a new empty database and returns its JDBC URL. When no PostgreSQL answers, the test is
   * skipped with a loud message, or fails when {@code parley.test.requirePostgres} is {@code true}
   * (as in CI).
   */
  public static String freshPostgresDatabase() {
    String name = "parley_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(pgServer() + "postgres", pgUser(), null);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      if (Boolean.getBoolean("parley.test.requirePostgres")) {
        throw new IllegalStateException(
            "PostgreSQL is required but " + pgServer() + " does not answer", e);
      }
      String message =
          "SKIPPED: no PostgreSQL at "
              + pgServer()
              + " ("
              + e.getMessage()
              + "); the PostgreSQL suite did not run";
      System.err.println("*** " + message);
      Assumptions.abort(message);
    }
    return pgServer() + name;
  }
}
