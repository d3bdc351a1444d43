package dev.parley.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Direct SQL access to a parley store from a test, to check what is (and is not) in its tables: the
 * SQLite file of a data dir (read-only), or a PostgreSQL database.
 */
public final class TestDatabase implements AutoCloseable {
  private final Connection connection;

  private TestDatabase(Connection connection) {
    this.connection = connection;
  }

  /** The store of a (running or stopped) parley. */
  public static TestDatabase of(ParleyProcess parley) {
    try {
      if (parley.databaseUrl() != null) {
        return new TestDatabase(
            DriverManager.getConnection(parley.databaseUrl(), TestStore.pgUser(), null));
      }
      Properties props = new Properties();
      props.setProperty("open_mode", "1");
      return new TestDatabase(
          DriverManager.getConnection(
              "jdbc:sqlite:" + parley.dataDir().resolve("parley.db"), props));
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The store of a running parley opened for writing, to set up a state that the API cannot reach
   * (a source message written by an admin, say). On SQLite it waits up to 10 s for the server's
   * writer.
   */
  public static TestDatabase writable(ParleyProcess parley) {
    try {
      if (parley.databaseUrl() != null) {
        return new TestDatabase(
            DriverManager.getConnection(parley.databaseUrl(), TestStore.pgUser(), null));
      }
      Properties props = new Properties();
      props.setProperty("busy_timeout", "10000");
      return new TestDatabase(
          DriverManager.getConnection(
              "jdbc:sqlite:" + parley.dataDir().resolve("parley.db"), props));
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  /** Runs an INSERT, UPDATE or DELETE (on a {@link #writable} store); the rows it changed. */
  public int execute(String sql, Object... args) {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new AssertionError(sql, e);
    }
  }

  /**
   * Waits up to 10 s for the blob deletion queue to be empty. A running server removes an erased
   * upload's bytes before its answer and clears the queue row in the background, in rounds of a
   * quarter second (QueuedBlobRemoval), so a test that reads the queue while the server runs must
   * wait for that round.
   */
  public void awaitEmptyBlobQueue() {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                org.assertj.core.api.Assertions.assertThat(
                        number("SELECT COUNT(*) FROM blob_deletions"))
                    .as("blob keys left in the deletion queue")
                    .isZero());
  }

  /** The single number a query answers, e.g. a COUNT. */
  public long number(String sql, Object... args) {
    List<List<Object>> rows = rows(sql, args);
    if (rows.size() != 1 || rows.get(0).size() != 1) {
      throw new AssertionError("expected one value from " + sql + " but got " + rows);
    }
    Object value = rows.get(0).get(0);
    return value == null ? 0 : ((Number) value).longValue();
  }

  /** Runs a statement that answers no rows (DDL, CHECKPOINT, VACUUM outside a transaction). */
  public void execute(String sql) {
    try (java.sql.Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new AssertionError(sql, e);
    }
  }

  /** A PostgreSQL database by its URL (user {@link TestStore#pgUser()}). */
  public static TestDatabase postgres(String url) {
    try {
      return new TestDatabase(DriverManager.getConnection(url, TestStore.pgUser(), null));
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  /** Every row a query answers, each as a list of column values. */
  public List<List<Object>> rows(String sql, Object... args) {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        List<List<Object>> rows = new ArrayList<>();
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<Object> row = new ArrayList<>();
          for (int c = 1; c <= columns; c++) {
            row.add(rs.getObject(c));
          }
          rows.add(row);
        }
        return rows;
      }
    } catch (SQLException e) {
      throw new AssertionError(sql, e);
    }
  }

  /**
   * Rows of every table that holds a conversation's content or links, for one conversation:
   * conversations, conversation_parts, uploads, conversation_tags, conversation_contacts,
   * conversation_words.
   */
  public long contentRows(long conversationId) {
    long total = number("SELECT COUNT(*) FROM conversations WHERE id = ?", conversationId);
    for (String table :
        List.of(
            "conversation_parts",
            "uploads",
            "conversation_tags",
            "conversation_contacts",
            "conversation_words")) {
      total +=
          number("SELECT COUNT(*) FROM " + table + " WHERE conversation_id = ?", conversationId);
    }
    return total;
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }
}
