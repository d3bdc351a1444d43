package dev.parley.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * Loads many conversations straight into a parley store over JDBC, fast, for export tests and
 * {@code bench/export.sh}: each conversation gets its reporting record and, unless it is one of the
 * deleted ones, its live row (title, custom attributes), a contact link and, for every third one, a
 * tag. Deleted ones have only their reporting record, with {@code deleted_at}, as erasure leaves
 * it. Ids come from the store's id counters, so parley's own ids never collide with them. Plain JDK
 * and JDBC: {@code bench/export.sh} compiles this one file against parley.jar.
 *
 * <pre>
 * java -cp parley.jar:classes dev.parley.testing.ReportingLoad JDBC_URL USER COUNT FIRST_STARTED_AT DELETED_EVERY
 * </pre>
 */
public final class ReportingLoad {
  private static final int BATCH = 1000;
  private static final int COMMIT_EVERY = 20_000;

  private ReportingLoad() {}

  /** What was loaded: the first conversation id (the others follow it) and the count. */
  public record Loaded(long firstId, int count, int deleted, long firstStartedAt) {
    /** The {@code conversation_started_at} of the last conversation. */
    public long lastStartedAt() {
      return firstStartedAt + count - 1;
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println("usage: ReportingLoad JDBC_URL USER COUNT FIRST_STARTED_AT DELETED_EVERY");
      System.exit(64);
    }
    long started = System.nanoTime();
    try (Connection c = connect(args[0], args[1].isEmpty() ? null : args[1])) {
      Loaded loaded =
          load(
              c,
              workspaceId(c, "default"),
              Integer.parseInt(args[2]),
              Long.parseLong(args[3]),
              Integer.parseInt(args[4]));
      long millis = (System.nanoTime() - started) / 1_000_000;
      System.out.println(
          "loaded "
              + loaded.count()
              + " conversations ("
              + loaded.deleted()
              + " deleted) in "
              + millis
              + " ms,"
              + " ids "
              + loaded.firstId()
              + ".."
              + (loaded.firstId() + loaded.count() - 1)
              + ", conversation_started_at "
              + loaded.firstStartedAt()
              + ".."
              + loaded.lastStartedAt());
    }
  }

  /** A connection for loading: SQLite with a busy timeout, PostgreSQL with batched inserts. */
  public static Connection connect(String url, String user) throws SQLException {
    if (url.startsWith("jdbc:sqlite:")) {
      Properties props = new Properties();
      props.setProperty("busy_timeout", "30000");
      props.setProperty("journal_mode", "WAL");
      return DriverManager.getConnection(url, props);
    }
    String batched = url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    return DriverManager.getConnection(batched, user, null);
  }

  /** The id of the workspace with this name. */
  public static long workspaceId(Connection c, String name) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT workspace_id FROM workspaces WHERE name = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no workspace named " + name);
        }
        return rs.getLong(1);
      }
    }
  }

  /**
   * Loads {@code count} conversations into a workspace, started one second apart from {@code
   * firstStartedAt}; every {@code deletedEvery}-th one (0: none) is deleted.
   */
  public static Loaded load(Connection c, long ws, int count, long firstStartedAt, int deletedEvery)
      throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      long adminId = single(c, "SELECT MIN(id) FROM admins WHERE workspace_id = " + ws);
      long firstId = reserve(c, "conversation", count);
      long firstPart = reserve(c, "part", count);
      long tagId = reserve(c, "tag", 1);
      String contactId = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
      try (PreparedStatement contact =
              c.prepareStatement(
                  "INSERT INTO contacts (workspace_id, id, role, email, unsubscribed_from_emails,"
                      + " custom_attributes, archived, created_at, updated_at)"
                      + " VALUES (?, ?, 'user', ?, ?, '{}', ?, ?, ?)");
          PreparedStatement tag =
              c.prepareStatement(
                  "INSERT INTO tags (workspace_id, id, name, name_key, created_at) VALUES (?, ?, ?,"
                      + " ?, ?)")) {
        contact.setLong(1, ws);
        contact.setString(2, contactId);
        contact.setString(3, "load-" + contactId + "@example.com");
        contact.setBoolean(4, false);
        contact.setBoolean(5, false);
        contact.setLong(6, firstStartedAt);
        contact.setLong(7, firstStartedAt);
        contact.executeUpdate();
        tag.setLong(1, ws);
        tag.setLong(2, tagId);
        tag.setString(3, "load " + tagId);
        tag.setString(4, "load " + tagId);
        tag.setLong(5, firstStartedAt);
        tag.executeUpdate();
      }
      int deleted = 0;
      try (PreparedStatement metrics =
              c.prepareStatement(
                  "INSERT INTO conversation_metrics (workspace_id, conversation_id, created_at,"
                      + " updated_at, state, source_type, source_delivered_as, admin_assignee_id,"
                      + " team_assignee_id, first_contact_reply_at, first_assignment_at,"
                      + " first_admin_reply_at, first_close_at, last_assignment_at,"
                      + " last_assignment_admin_reply_at, last_contact_reply_at,"
                      + " last_admin_reply_at, last_close_at, last_closed_by_id, count_parts,"
                      + " count_reopens, count_assignments, deleted_at) VALUES (?, ?, ?, ?, ?,"
                      + " 'conversation', 'customer_initiated', ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                      + " ?, ?, 0, ?, ?)");
          PreparedStatement conversation =
              c.prepareStatement(
                  "INSERT INTO conversations (workspace_id, id, created_at, updated_at, title,"
                      + " state, is_read, priority, admin_assignee_id, team_assignee_id,"
                      + " snoozed_until, waiting_since, custom_attributes, source_id, source_type,"
                      + " source_delivered_as, source_subject, source_body, source_author_type,"
                      + " source_author_id, source_url, source_redacted, first_contact_reply_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, 'not_priority', ?, NULL, NULL, NULL, ?, ?,"
                      + " 'conversation', 'customer_initiated', '', ?, 'user', ?, NULL, ?, ?)");
          PreparedStatement link =
              c.prepareStatement(
                  "INSERT INTO conversation_contacts (workspace_id, conversation_id, contact_id,"
                      + " position) VALUES (?, ?, ?, 0)");
          PreparedStatement tagLink =
              c.prepareStatement(
                  "INSERT INTO conversation_tags (workspace_id, conversation_id, tag_id,"
                      + " applied_at, applied_by_admin_id) VALUES (?, ?, ?, ?, ?)")) {
        for (int i = 0; i < count; i++) {
          long id = firstId + i;
          long at = firstStartedAt + i;
          boolean closed = i % 2 == 0;
          boolean isDeleted = deletedEvery > 0 && i % deletedEvery == 0;
          int k = 1;
          metrics.setLong(k++, ws);
          metrics.setLong(k++, id);
          metrics.setLong(k++, at);
          metrics.setLong(k++, at + 3600);
          metrics.setString(k++, closed ? "closed" : "open");
          metrics.setLong(k++, adminId);
          metrics.setLong(k++, at);
          metrics.setLong(k++, at + 30);
          metrics.setLong(k++, at + 60);
          setNullable(metrics, k++, closed ? at + 3600 : null);
          metrics.setLong(k++, at + 30);
          metrics.setLong(k++, at + 60);
          metrics.setLong(k++, at);
          metrics.setLong(k++, at + 60);
          setNullable(metrics, k++, closed ? at + 3600 : null);
          setNullable(metrics, k++, closed ? adminId : null);
          metrics.setInt(k++, closed ? 3 : 2);
          metrics.setInt(k++, 1);
          setNullable(metrics, k, isDeleted ? at + 7200 : null);
          metrics.addBatch();
          if (isDeleted) {
            deleted++;
          } else {
            k = 1;
            conversation.setLong(k++, ws);
            conversation.setLong(k++, id);
            conversation.setLong(k++, at);
            conversation.setLong(k++, at + 3600);
            conversation.setString(k++, "Load conversation " + id);
            conversation.setString(k++, closed ? "closed" : "open");
            conversation.setBoolean(k++, true);
            conversation.setLong(k++, adminId);
            conversation.setString(k++, "{\"plan\":\"pro\",\"seats\":" + (i % 50) + "}");
            conversation.setLong(k++, firstPart + i);
            conversation.setString(k++, "<p>load message " + id + "</p>");
            conversation.setString(k++, contactId);
            conversation.setBoolean(k++, false);
            conversation.setLong(k, at);
            conversation.addBatch();
            link.setLong(1, ws);
            link.setLong(2, id);
            link.setString(3, contactId);
            link.addBatch();
            if (i % 3 == 0) {
              tagLink.setLong(1, ws);
              tagLink.setLong(2, id);
              tagLink.setLong(3, tagId);
              tagLink.setLong(4, at);
              tagLink.setLong(5, adminId);
              tagLink.addBatch();
            }
          }
          if ((i + 1) % BATCH == 0 || i == count - 1) {
            metrics.executeBatch();
            conversation.executeBatch();
            link.executeBatch();
            tagLink.executeBatch();
          }
          if ((i + 1) % COMMIT_EVERY == 0) {
            c.commit();
          }
        }
      }
      c.commit();
      return new Loaded(firstId, count, deleted, firstStartedAt);
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  private static long reserve(Connection c, String kind, int count) throws SQLException {
    if (c.getMetaData()
        .getDatabaseProductName()
        .toLowerCase(java.util.Locale.ROOT)
        .contains("postgres")) {
      // PostgreSQL allocates ids from the sequence ids_<kind> (migration 6); no one else
      // allocates while a test loads, so count ids after nextval are this load's.
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT setval(CAST(? AS regclass), nextval(CAST(? AS regclass)) + ? - 1)")) {
        s.setString(1, "ids_" + kind);
        s.setString(2, "ids_" + kind);
        s.setInt(3, count);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          return rs.getLong(1) - count + 1;
        }
      }
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE id_counters SET next_id = next_id + ? WHERE name = ? RETURNING next_id")) {
      s.setInt(1, count);
      s.setString(2, kind);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1) - count;
      }
    }
  }

  private static long single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void setNullable(PreparedStatement s, int index, Long value) throws SQLException {
    if (value == null) {
      s.setNull(index, java.sql.Types.BIGINT);
    } else {
      s.setLong(index, value);
    }
  }
}
