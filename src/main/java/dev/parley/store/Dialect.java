package dev.parley.store;

import dev.parley.store.search.SearchCompiler;
import dev.parley.store.search.SearchDialect;
import dev.parley.store.search.SqlFilter;

/**
 * Where SQLite and PostgreSQL differ, side by side. Everything else parley sends is portable SQL.
 */
public enum Dialect implements SearchDialect {
  SQLITE("", ""),
  POSTGRESQL(" FOR UPDATE", " FOR UPDATE SKIP LOCKED");

  private final String forUpdate;
  private final String skipLocked;

  Dialect(String forUpdate, String skipLocked) {
    this.forUpdate = forUpdate;
    this.skipLocked = skipLocked;
  }

  /**
   * Suffix that locks the selected rows until the transaction ends. SQLite has no row locks and
   * needs none: all writes go through one writer connection.
   */
  public String forUpdate() {
    return forUpdate;
  }

  /**
   * Suffix that locks the selected rows against each other's writers as {@link #forUpdate} does,
   * but not against the inserts that reference them: on PostgreSQL {@code FOR NO KEY UPDATE}, which
   * the foreign keys' {@code FOR KEY SHARE} checks do not wait for (a lock on a {@code workspaces}
   * row must not hold up every insert of its workspace; {@code WorkspaceForeignKeysMigration}).
   */
  public String forNoKeyUpdate() {
    return this == POSTGRESQL ? " FOR NO KEY UPDATE" : "";
  }

  /** Suffix that locks the selected rows and skips rows other transactions hold. */
  public String forUpdateSkipLocked() {
    return skipLocked;
  }

  /**
   * An aggregate of a text expression into a compact JSON array of strings ({@code ["a","b"]}, no
   * spaces), in the order given; NULL over no rows. SQLite: {@code json_group_array} with an
   * ordered aggregate (3.44+); PostgreSQL: {@code array_to_json(array_agg(...))}.
   */
  public String jsonArrayAgg(String expression, String orderBy) {
    return switch (this) {
      case SQLITE -> "json_group_array(" + expression + " ORDER BY " + orderBy + ")";
      case POSTGRESQL ->
          "array_to_json(array_agg(" + expression + " ORDER BY " + orderBy + "))::text";
    };
  }

  /**
   * SQLite: {@code json_type}/{@code json_extract} with a JSON path; PostgreSQL: the {@code jsonb}
   * operators with the key. Custom attributes are stored as JSON text.
   */
  @Override
  public String jsonText(String column, String keyParameter) {
    if (this == SQLITE) {
      return "(CASE json_type("
          + column
          + ", "
          + keyParameter
          + ") WHEN 'true' THEN 'true'"
          + " WHEN 'false' THEN 'false' WHEN 'object' THEN NULL WHEN 'array' THEN NULL"
          + " ELSE CAST(json_extract("
          + column
          + ", "
          + keyParameter
          + ") AS TEXT) END)";
    }
    return "(CASE jsonb_typeof(CAST("
        + column
        + " AS jsonb) -> "
        + keyParameter
        + ")"
        + " WHEN 'object' THEN NULL WHEN 'array' THEN NULL"
        + " ELSE CAST("
        + column
        + " AS jsonb) ->> "
        + keyParameter
        + " END)";
  }

  /** SQLite: the path {@code $."name"}; PostgreSQL: the key itself. */
  @Override
  public Object jsonKey(String name) {
    return this == SQLITE ? "$.\"" + name + "\"" : name;
  }

  @Override
  public String amongFew(String expression, String rows) {
    return this == SQLITE
        ? expression + " IN (" + rows + ")"
        : expression + " = ANY(ARRAY(" + rows + "))";
  }

  @Override
  public String unindexed(String column) {
    return this == SQLITE ? "+" + column : column;
  }

  /** Searches with at most this many matches sort their matches rather than walk an index. */
  static final long FEW_MATCHES = 2_000;

  /**
   * The first sort key of a search page over {@code column} (the creation time), for a condition
   * that matches {@code total} rows. SQLite has no statistics of values to tell a rare word from a
   * common one: for a condition with subqueries ({@code source.body} words, list fields) it walks
   * the creation-time index and checks each row until the page is full, fast when matches are many,
   * a walk of the whole index when they are few. For few matches the key is written {@code
   * +column}, which keeps SQLite from using that index for the order, so the ids the subqueries
   * find drive the search and the few matches are sorted. Conditions on indexed columns (state,
   * assignees, times) are left to the planner, which reads them in order from their own index.
   * PostgreSQL has statistics of the ids and times but none of the words (content has a statistics
   * target of 0: {@code migration.ContentStatisticsMigration}), so it cannot tell a rare word
   * either: for few matches it gets {@code (column + 0)}, which no index orders, for the same
   * effect (measured on 100,000 conversations: a word in 68 of them AND a word in 52,000, 1.3 s
   * walking the index, 0.1 s from the words).
   */
  String searchOrder(String column, long total, SqlFilter filter) {
    if (!filter.subqueries() || total > FEW_MATCHES) {
      return column;
    }
    return unordered(column);
  }

  /**
   * {@code column} (an integer column) written so that its value is the same and no index gives its
   * order: {@code +column} on SQLite, {@code (column + 0)} on PostgreSQL. For a sort of rows
   * already found by other means, which a planner would otherwise read in the order of an index
   * through the whole table.
   */
  String unordered(String column) {
    return this == SQLITE ? "+" + column : "(" + column + " + 0)";
  }

  /**
   * How a search page writes its list conditions, given that the query matches {@code total} rows:
   * with many matches the page walks the search order and checks each row it meets ({@link
   * SearchCompiler.ListMatch#CORRELATED}), as a full page is met after few rows; with few, the
   * matching ids drive ({@link SearchCompiler.ListMatch#SUBQUERY}).
   */
  static SearchCompiler.ListMatch searchLists(long total) {
    return total > FEW_MATCHES
        ? SearchCompiler.ListMatch.CORRELATED
        : SearchCompiler.ListMatch.SUBQUERY;
  }
}
