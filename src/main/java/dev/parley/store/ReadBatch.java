package dev.parley.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Several independent queries that take the same named parameters, read in the order they were
 * added. On PostgreSQL they go to the server as one multi-statement query, which the driver sends
 * in one network round trip and answers with one result set per query ({@link
 * Statement#getMoreResults()}); SQLite runs them one after the other on its connection (an embedded
 * database has no round trip to save, and sqlite-jdbc runs only the first statement of a
 * multi-statement query). Both run every query through Jdbi with the same binds and read each
 * result set with the same {@link Reader}, so both stores read the same rows the same way.
 *
 * <p>Every query must use every bound parameter (Jdbi refuses unused named parameters) and must not
 * contain a semicolon of its own.
 */
final class ReadBatch {
  /** Reads one query's result set, positioned before its first row. */
  @FunctionalInterface
  interface Reader {
    void read(ResultSet rs, StatementContext ctx) throws SQLException;
  }

  private final Handle handle;
  private final Dialect dialect;
  private final Map<String, Object> binds = new LinkedHashMap<>();
  private final Map<String, List<?>> lists = new LinkedHashMap<>();
  private final List<String> queries = new ArrayList<>();
  private final List<Reader> readers = new ArrayList<>();

  ReadBatch(Handle handle, Dialect dialect) {
    this.handle = handle;
    this.dialect = dialect;
  }

  /** Binds {@code value} to {@code :name} in every query of the batch. */
  ReadBatch bind(String name, Object value) {
    binds.put(name, value);
    return this;
  }

  /**
   * Binds {@code values} (not empty) to {@code <name>} in every query of the batch, as Jdbi's
   * {@code bindList} does: {@code IN (<name>)}.
   */
  ReadBatch bindList(String name, List<?> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("an empty list cannot be bound: " + name);
    }
    lists.put(name, values);
    return this;
  }

  /** Adds a query whose result set {@code reader} reads, after those added before it. */
  ReadBatch add(String sql, Reader reader) {
    if (sql.indexOf(';') >= 0) {
      throw new IllegalArgumentException("a batched query holds no semicolon: " + sql);
    }
    queries.add(sql);
    readers.add(reader);
    return this;
  }

  /** Runs the queries: one round trip on PostgreSQL, one statement each on SQLite. */
  void run() {
    if (queries.isEmpty()) {
      return;
    }
    if (dialect == Dialect.POSTGRESQL) {
      try (Query query = query(String.join(";\n", queries))) {
        query.scanResultSet(
            (results, ctx) -> {
              ResultSet rs = results.get();
              Statement statement = rs.getStatement();
              for (int i = 0; i < readers.size(); i++) {
                if (i > 0) {
                  if (!statement.getMoreResults()) {
                    throw new SQLException("expected " + readers.size() + " result sets, got " + i);
                  }
                  rs = statement.getResultSet();
                }
                readers.get(i).read(rs, ctx);
              }
              return null;
            });
      }
      return;
    }
    for (int i = 0; i < queries.size(); i++) {
      Reader reader = readers.get(i);
      try (Query query = query(queries.get(i))) {
        query.scanResultSet(
            (results, ctx) -> {
              reader.read(results.get(), ctx);
              return null;
            });
      }
    }
  }

  /**
   * A query of the batch with its binds. The caller closes it: a result set scanned through Jdbi's
   * {@code scanResultSet} is not closed by Jdbi until its handle is, and the SQLite writer's handle
   * lives as long as the store.
   */
  private Query query(String sql) {
    Query query = handle.createQuery(sql);
    binds.forEach(query::bind);
    lists.forEach(query::bindList);
    return query;
  }
}
