package dev.parley.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The targeted {@code VACUUM} that follows erasures on PostgreSQL (docs/erasure.md, "PostgreSQL").
 *
 * <p>A PostgreSQL {@code DELETE} only marks rows dead: their tuples stay in the table's pages (and
 * TOAST pages), visible to tools that read pages, until a {@code VACUUM} removes them. After a
 * committed erasure the store calls {@link #erased()}; a background thread then runs {@code VACUUM
 * (INDEX_CLEANUP ON)} on the tables erasure deletes from ({@link
 * SqlConversationRepository#ERASED_TABLES}), at most once every {@code intervalSeconds}, so a burst
 * of erasures shares one VACUUM. {@code INDEX_CLEANUP ON} because a plain VACUUM skips the indexes
 * when few pages hold dead rows (PostgreSQL 14+), which leaves an erased conversation's entries in
 * {@code conversation_words_pkey}, whose keys are its words. VACUUM cannot run inside a transaction
 * block, so it runs on its own pooled connection in autocommit mode, never in a request's
 * transaction.
 *
 * <p>VACUUM cannot remove tuples that an open snapshot may still see (a long transaction, a
 * replica's {@code hot_standby_feedback}). When the touched tables still report dead tuples after
 * the VACUUM ({@code pg_stat_all_tables.n_dead_tup}, their TOAST tables included), it runs again at
 * the next interval, for up to {@value #RETRY_WINDOW_SECONDS} seconds after the last erasure.
 * VACUUM needs the tables' owner: parley's database user, when it ran the migrations; any warning
 * PostgreSQL sends back (a table skipped) is logged.
 */
final class ErasureVacuum implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ErasureVacuum.class);
  static final long RETRY_WINDOW_SECONDS = 3600;

  private final DataSource pool;
  private final List<String> tables;
  private final AtomicBoolean pending = new AtomicBoolean();
  private final AtomicLong lastErasureNanos = new AtomicLong();
  private final ScheduledExecutorService thread;

  /**
   * Starts the background thread.
   *
   * @param intervalSeconds seconds between VACUUMs (at least 1)
   */
  ErasureVacuum(DataSource pool, List<String> tables, int intervalSeconds) {
    if (intervalSeconds < 1) {
      throw new IllegalArgumentException("intervalSeconds must be at least 1");
    }
    this.pool = pool;
    this.tables = List.copyOf(tables);
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "parley-vacuum");
              t.setDaemon(true);
              return t;
            });
    thread.scheduleWithFixedDelay(
        this::runIfPending, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
  }

  /** Records a committed erasure: a VACUUM is due. Cheap; no I/O. */
  void erased() {
    lastErasureNanos.set(System.nanoTime());
    pending.set(true);
  }

  private void runIfPending() {
    if (!pending.getAndSet(false)) {
      return;
    }
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("VACUUM (INDEX_CLEANUP ON) " + String.join(", ", tables));
        // e.g. a table parley's database user does not own is skipped with a warning only
        for (SQLWarning warning = statement.getWarnings();
            warning != null;
            warning = warning.getNextWarning()) {
          LOG.warn(
              "vacuum after erasure: PostgreSQL says: {} ({})",
              warning.getMessage(),
              warning.getSQLState());
        }
      }
      long dead = deadTuples(connection);
      long sinceErasure =
          TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - lastErasureNanos.get());
      if (dead > 0 && sinceErasure < RETRY_WINDOW_SECONDS) {
        pending.set(true);
        LOG.debug("vacuum after erasure: {} dead tuple(s) not yet removable; will run again", dead);
      } else {
        LOG.debug("vacuum after erasure: done");
      }
    } catch (SQLException | RuntimeException e) {
      pending.set(true);
      LOG.warn(
          "vacuum after erasure failed ({} {}); will run again",
          e.getClass().getSimpleName(),
          e instanceof SQLException sql ? sql.getSQLState() : "");
    }
  }

  /** Dead tuples the statistics report in the tables and their TOAST tables. */
  private long deadTuples(Connection connection) throws SQLException {
    String sql =
        "SELECT COALESCE(SUM(s.n_dead_tup), 0) FROM pg_stat_all_tables s WHERE s.relid IN ( SELECT"
            + " to_regclass(t)::oid FROM unnest(?) t UNION SELECT c.reltoastrelid FROM pg_class c"
            + " WHERE c.oid IN (SELECT to_regclass(t)::oid FROM unnest(?) t) AND c.reltoastrelid <>"
            + " 0)";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      Array names = connection.createArrayOf("text", tables.toArray());
      query.setArray(1, names);
      query.setArray(2, names);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Stops the thread; a VACUUM in progress is left to finish on the server. */
  @Override
  public void close() {
    thread.shutdownNow();
  }
}
