package dev.parley.store;

import dev.parley.domain.search.SearchQuery;
import dev.parley.domain.search.SearchResult;
import dev.parley.store.search.SearchColumns;
import dev.parley.store.search.SearchCompiler;
import dev.parley.store.search.SqlFilter;
import dev.parley.store.search.SqlStatement;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * The two queries of a search ({@code searchConversations}, {@code SearchContacts}, {@code
 * searchTickets}): how many rows match, then one page of them in creation order, after a keyset.
 */
final class SqlSearchPages {
  private SqlSearchPages() {}

  /**
   * A whole search over the rows of {@code table c} that satisfy {@code scope} (a fixed condition
   * over {@code c}, such as {@link dev.parley.store.search.TicketSearchColumns#tickets}): the count
   * of matches, then one page newest first, its list conditions written as {@link
   * Dialect#searchLists} chooses for that count.
   *
   * @param keyCreatedAt the keyset's creation time, null for the first page
   */
  static <T> SearchResult<T> search(
      Handle handle,
      Dialect dialect,
      String table,
      String scope,
      SearchColumns columns,
      SearchQuery query,
      long workspaceId,
      Long keyCreatedAt,
      Object keyId,
      int limit,
      RowMapper<T> mapper) {
    SqlFilter counting = scoped(scope, SearchCompiler.compile(query, columns, dialect));
    long total =
        count(
            handle,
            new SqlStatement(
                "SELECT COUNT(*) FROM "
                    + table
                    + " c WHERE c.workspace_id = :ws AND "
                    + counting.sql(),
                counting.params()),
            workspaceId);
    if (total == 0) {
      return new SearchResult<>(List.of(), 0);
    }
    SqlFilter filter =
        scoped(scope, SearchCompiler.compile(query, columns, dialect, Dialect.searchLists(total)));
    List<T> rows =
        page(
            handle,
            dialect,
            table,
            workspaceId,
            filter,
            total,
            true,
            keyCreatedAt,
            keyId,
            limit,
            mapper);
    return new SearchResult<>(rows, total);
  }

  private static SqlFilter scoped(String scope, SqlFilter filter) {
    return new SqlFilter(
        "(" + scope + ") AND (" + filter.sql() + ")", filter.params(), filter.subqueries());
  }

  /** Runs a counting statement; binds {@code :ws} when the statement names it. */
  static long count(Handle handle, SqlStatement count, long workspaceId) {
    Query counting = handle.createQuery(count.sql()).bindMap(count.params());
    if (count.sql().contains(":ws")) {
      counting.bind("ws", workspaceId);
    }
    return counting.mapTo(Long.class).one();
  }

  /**
   * One page of the rows of {@code table c} that match {@code filter}, by {@code (created_at, id)},
   * strictly after the keyset {@code (keyCreatedAt, keyId)} when {@code keyCreatedAt} is not null.
   *
   * @param total how many rows match in all, which chooses the search order ({@link
   *     Dialect#searchOrder})
   * @param newestFirst whether the order (and so the keyset) is descending
   */
  static <T> List<T> page(
      Handle handle,
      Dialect dialect,
      String table,
      long workspaceId,
      SqlFilter filter,
      long total,
      boolean newestFirst,
      Long keyCreatedAt,
      Object keyId,
      int limit,
      RowMapper<T> mapper) {
    String sql = pageSql("c.*", dialect, table, filter, total, newestFirst, keyCreatedAt);
    return run(handle, sql, workspaceId, filter, keyCreatedAt, keyId, limit, mapper);
  }

  /**
   * The same page as {@link #page}, read in two steps in one statement: the ids of the page first,
   * ordered and limited, then the rows of those ids ({@code SELECT c.* ... WHERE c.id IN (SELECT
   * c.id ... ORDER BY ... LIMIT :limit)}). The inner query reads only the columns its conditions
   * and order name, so an index that holds them answers it without reading a row (on PostgreSQL, an
   * index-only scan), and only the page's rows are read in full. Used by contact search, where the
   * matches of a tag (about 1,500 at 100,000 contacts) were read in full, row by row through a
   * sequential scan, to keep 50 of them (bench/README.md, issue 15). The page's own rows are
   * sorted, not read in an index's order ({@link Dialect#unordered}): SQLite otherwise walked the
   * whole creation index checking each row against the page's ids.
   *
   * @param total how many rows match in all, which chooses the search order ({@link
   *     Dialect#searchOrder})
   * @param newestFirst whether the order (and so the keyset) is descending
   */
  static <T> List<T> pageByKeys(
      Handle handle,
      Dialect dialect,
      String table,
      long workspaceId,
      SqlFilter filter,
      long total,
      boolean newestFirst,
      Long keyCreatedAt,
      Object keyId,
      int limit,
      RowMapper<T> mapper) {
    String direction = newestFirst ? " DESC" : "";
    String sql =
        "SELECT c.* FROM "
            + table
            + " c WHERE c.workspace_id = :ws AND c.id IN ("
            + pageSql("c.id", dialect, table, filter, total, newestFirst, keyCreatedAt)
            + ") ORDER BY "
            + dialect.unordered("c.created_at")
            + direction
            + ", c.id"
            + direction;
    return run(handle, sql, workspaceId, filter, keyCreatedAt, keyId, limit, mapper);
  }

  /**
   * {@code SELECT columns} of one page of the workspace's rows of {@code table} (alias {@code c})
   * that match {@code filter}, after the keyset when there is one, in the search order, limited to
   * {@code :limit}.
   */
  private static String pageSql(
      String columns,
      Dialect dialect,
      String table,
      SqlFilter filter,
      long total,
      boolean newestFirst,
      Long keyCreatedAt) {
    String direction = newestFirst ? " DESC" : "";
    return "SELECT "
        + columns
        + " FROM "
        + table
        + " c WHERE c.workspace_id = :ws AND "
        + filter.sql()
        + Rows.keyset("c.", newestFirst, keyCreatedAt)
        + " ORDER BY "
        + dialect.searchOrder("c.created_at", total, filter)
        + direction
        + ", c.id"
        + direction
        + " LIMIT :limit";
  }

  /** Runs a page's {@code sql} with the workspace, the filter's parameters, keyset and limit. */
  private static <T> List<T> run(
      Handle handle,
      String sql,
      long workspaceId,
      SqlFilter filter,
      Long keyCreatedAt,
      Object keyId,
      int limit,
      RowMapper<T> mapper) {
    Query statement =
        handle
            .createQuery(sql)
            .bind("ws", workspaceId)
            .bindMap(filter.params())
            .bind("limit", limit);
    if (keyCreatedAt != null) {
      statement.bind("keyCreatedAt", keyCreatedAt).bind("keyId", keyId);
    }
    return statement.map(mapper).list();
  }
}
