package dev.parley.store.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 6, "id sequences": on PostgreSQL, one sequence per id kind replaces its row in {@code
 * id_counters}; on SQLite it changes nothing (one writer, no contention).
 *
 * <p>Why: allocating an id with {@code UPDATE id_counters ... RETURNING} locks the kind's row until
 * the transaction commits, so on PostgreSQL every transaction that allocates an id of one kind
 * (every erasure: its erasure log id; every reply: its part id) waited for the previous one's
 * commit, and commits could not share a WAL flush. {@code nextval} takes no lock that lasts beyond
 * the call. The sequence {@code ids_<kind>} starts at the row's {@code next_id}, so ids stay unique
 * and increasing, and the row is deleted, so that a parley process older than this migration fails
 * to allocate ids rather than allocating duplicates: stop older processes before migrating. Kinds
 * that later migrations add to {@code id_counters} keep using it ({@link
 * dev.parley.store.PostgresStore} looks the sequences up at start).
 */
public final class IdSequencesMigration extends RecordedJavaMigration {
  IdSequencesMigration() {
    super("6", "id sequences", 6_0001, true);
  }

  private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]{0,40}");

  /** The sequence of an id kind. */
  public static String sequenceName(String kind) {
    return "ids_" + kind;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    if (!isPostgres(connection)) {
      return;
    }
    countersToSequences(connection);
  }

  /**
   * On PostgreSQL: replaces every row of {@code id_counters} by a sequence {@code ids_<kind>} that
   * starts at the row's {@code next_id}, and deletes the row.
   */
  static void countersToSequences(Connection connection) throws SQLException {
    Map<String, Long> counters = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT name, next_id FROM id_counters ORDER BY name FOR UPDATE")) {
      while (rs.next()) {
        counters.put(rs.getString(1), rs.getLong(2));
      }
    }
    try (Statement statement = connection.createStatement()) {
      for (Map.Entry<String, Long> counter : counters.entrySet()) {
        if (!KIND.matcher(counter.getKey()).matches()) {
          throw new IllegalStateException("unexpected id kind in id_counters");
        }
        long start = Math.max(1, counter.getValue());
        statement.execute(
            "CREATE SEQUENCE "
                + sequenceName(counter.getKey())
                + " AS BIGINT MINVALUE 1 START WITH "
                + start);
        statement.execute("DELETE FROM id_counters WHERE name = '" + counter.getKey() + "'");
      }
    }
  }
}
