package dev.parley.store;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;
import org.sqlite.SQLiteConnection;

/**
 * Keeps SQLite prepared statements for reuse, per physical connection, so that a statement parley
 * runs often is compiled once per connection instead of once per request. sqlite-jdbc and HikariCP
 * keep no statement cache of their own (the PostgreSQL driver does), and compiling a statement
 * costs SQLite more than running the short queries parley mostly runs.
 *
 * <p>Plugged into Jdbi as its {@link StatementBuilderFactory}: {@code create} takes a cached
 * statement for the SQL (or prepares one on the unwrapped {@link SQLiteConnection}, so that the
 * pool's proxy does not close it when the connection goes back to the pool), and {@code close}
 * clears its parameters and keeps it, up to {@link #PER_CONNECTION} statements per connection
 * (least recently used closed first). Jdbi closes a statement's result set before the statement,
 * and closing a result set resets the SQLite statement, so a kept statement holds no read snapshot
 * that could block a WAL checkpoint. Statements that ask for generated keys or updatable results,
 * and calls, are not cached.
 */
final class SqliteStatementCache implements StatementBuilderFactory {
  /** Statements kept per connection; parley runs fewer distinct statements than this. */
  static final int PER_CONNECTION = 256;

  /** Per open physical connection; a closed one's entry goes when the next one is added. */
  private final Map<SQLiteConnection, Map<String, PreparedStatement>> byConnection =
      new HashMap<>();

  @Override
  public StatementBuilder createStatementBuilder(Connection connection) {
    SQLiteConnection physical;
    try {
      physical = connection.unwrap(SQLiteConnection.class);
    } catch (SQLException e) {
      return new DefaultStatementBuilder();
    }
    Map<String, PreparedStatement> cached;
    synchronized (byConnection) {
      cached = byConnection.get(physical);
      if (cached == null) {
        byConnection.keySet().removeIf(SqliteStatementCache::isClosed);
        cached = lru();
        byConnection.put(physical, cached);
      }
    }
    return new Builder(physical, cached);
  }

  private static boolean isClosed(SQLiteConnection connection) {
    try {
      return connection.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  private static Map<String, PreparedStatement> lru() {
    return new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
        if (size() <= PER_CONNECTION) {
          return false;
        }
        closeQuietly(eldest.getValue());
        return true;
      }
    };
  }

  private static void closeQuietly(Statement statement) {
    try {
      statement.close();
    } catch (SQLException ignored) {
      // a statement that cannot close is dropped all the same
    }
  }

  /**
   * The statements of one connection. A pooled connection serves one thread at a time, and a cached
   * statement is taken out of the map while it is in use, so two open statements with the same SQL
   * (a query run again while iterating its first result) never share one. Jdbi creates one builder
   * per handle, and a handle belongs to one thread.
   */
  private static final class Builder extends DefaultStatementBuilder {
    private static final String[] DML = {"SELECT", "INSERT", "UPDATE", "DELETE", "WITH"};
    private final SQLiteConnection physical;
    private final Map<String, PreparedStatement> cached;

    /** The SQL each statement handed out was prepared from: Jdbi closes with its source. */
    private final Map<Statement, String> inUse = new IdentityHashMap<>();

    Builder(SQLiteConnection physical, Map<String, PreparedStatement> cached) {
      this.physical = physical;
      this.cached = cached;
    }

    @Override
    public PreparedStatement create(Connection connection, String sql, StatementContext ctx)
        throws SQLException {
      if (!cacheable(sql, ctx)) {
        return super.create(connection, sql, ctx);
      }
      PreparedStatement statement = cached.remove(sql);
      if (statement == null || statement.isClosed()) {
        statement =
            physical.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      }
      inUse.put(statement, sql);
      return statement;
    }

    @Override
    public void close(Connection connection, String source, Statement statement)
        throws SQLException {
      String sql = inUse.remove(statement);
      if (sql == null
          || !(statement instanceof PreparedStatement prepared)
          || statement.isClosed()
          || cached.containsKey(sql)) {
        super.close(connection, source, statement);
        return;
      }
      try {
        prepared.clearParameters();
        cached.put(sql, prepared);
      } catch (SQLException e) {
        closeQuietly(statement);
      }
    }

    @Override
    public CallableStatement createCall(Connection connection, String sql, StatementContext ctx)
        throws SQLException {
      return super.createCall(connection, sql, ctx);
    }

    /**
     * Queries and data changes only: their runs end with the statement reset (the result set
     * closed) or done. A PRAGMA may leave rows unread, which would keep the statement active.
     */
    private static boolean cacheable(String sql, StatementContext ctx) {
      return !ctx.isReturningGeneratedKeys() && !ctx.isConcurrentUpdatable() && isDml(sql);
    }

    private static boolean isDml(String sql) {
      String head = sql.stripLeading();
      for (String verb : DML) {
        if (head.regionMatches(true, 0, verb, 0, verb.length())) {
          return true;
        }
      }
      return false;
    }
  }
}
