package dev.parley.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps PostgreSQL's planner statistics current on parley's tables, whether or not autovacuum runs
 * (docs/scaling.md, "Planner statistics").
 *
 * <p>Without statistics the planner guesses row counts, and a search over a large table can pick a
 * nested loop that reads every row (issue 12: searches of 17-39 s). Every {@code intervalSeconds} a
 * background thread asks {@code pg_stat_user_tables} which of the schema's tables changed enough
 * since their last ANALYZE (by anyone: this process, another parley process, autovacuum) and runs
 * {@code VACUUM (ANALYZE)} on those: a table is due when its {@code n_mod_since_analyze} (rows
 * inserted, updated or deleted since) reaches {@value #THRESHOLD_ROWS} plus {@value
 * #THRESHOLD_FRACTION} of its rows, autoanalyze's own defaults. A bulk change (a load, a burst of
 * erasures) is thus analyzed within one interval; a quiet store costs one catalogue query per
 * interval. The VACUUM is for the visibility map: without it (autovacuum off) every index-only
 * scan, such as a search's count of a word's conversations, visits the table too (measured: 1.1 s
 * instead of 0.15 s for a word in 52,000 of 100,000 conversations).
 *
 * <p>ANALYZE copies samples of column values into {@code pg_statistic}; columns that hold content
 * have a statistics target of 0 ({@code migration.ContentStatisticsMigration}), so it samples ids,
 * workspaces, timestamps and states only. It runs on a pooled connection of its own in autocommit
 * mode, never inside a request's transaction. VACUUM and ANALYZE need the tables' owner: parley's
 * database user, when it ran the migrations; PostgreSQL's warnings are logged.
 */
final class PlannerStatistics implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PlannerStatistics.class);
  static final int THRESHOLD_ROWS = 50;
  static final double THRESHOLD_FRACTION = 0.1;

  private final DataSource pool;
  private final ScheduledExecutorService thread;

  /**
   * Starts the background thread; its first look is one second after the start.
   *
   * @param intervalSeconds seconds between looks at the tables' change counts (at least 1)
   */
  PlannerStatistics(DataSource pool, int intervalSeconds) {
    if (intervalSeconds < 1) {
      throw new IllegalArgumentException("intervalSeconds must be at least 1");
    }
    this.pool = pool;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "parley-analyze");
              t.setDaemon(true);
              return t;
            });
    thread.scheduleWithFixedDelay(this::analyzeChanged, 1, intervalSeconds, TimeUnit.SECONDS);
  }

  private void analyzeChanged() {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(true);
      List<String> due = dueTables(connection);
      if (due.isEmpty()) {
        return;
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("VACUUM (ANALYZE) " + String.join(", ", due));
        for (var warning = statement.getWarnings();
            warning != null;
            warning = warning.getNextWarning()) {
          LOG.warn(
              "analyze: PostgreSQL says: {} ({})", warning.getMessage(), warning.getSQLState());
        }
      }
      LOG.debug("analyze: {}", due);
    } catch (SQLException | RuntimeException e) {
      LOG.warn(
          "analyze failed ({} {}); will look again",
          e.getClass().getSimpleName(),
          e instanceof SQLException sql ? sql.getSQLState() : "");
    }
  }

  /** The schema's tables whose changes since their last ANALYZE pass the threshold. */
  private static List<String> dueTables(Connection connection) throws SQLException {
    String sql =
        "SELECT quote_ident(s.relname) FROM pg_stat_user_tables s JOIN pg_class c ON c.oid ="
            + " s.relid WHERE s.schemaname = current_schema() AND s.n_mod_since_analyze >= "
            + THRESHOLD_ROWS
            + " + "
            + THRESHOLD_FRACTION
            + " * GREATEST(c.reltuples, 0) ORDER BY s.relname";
    List<String> due = new ArrayList<>();
    try (Statement query = connection.createStatement();
        ResultSet rs = query.executeQuery(sql)) {
      while (rs.next()) {
        due.add(rs.getString(1));
      }
    }
    return due;
  }

  /** Stops the thread; an ANALYZE in progress is left to finish on the server. */
  @Override
  public void close() {
    thread.shutdownNow();
  }
}
