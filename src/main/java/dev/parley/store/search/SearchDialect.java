package dev.parley.store.search;

/**
 * What the search compiler cannot write portably: reading one key of a JSON object kept in a text
 * column ({@code custom_attributes.{name}}), and keeping a condition out of index use. Implemented
 * per database by {@link dev.parley.store.Dialect}.
 */
public interface SearchDialect {

  /**
   * A SQL expression for the text of one key of the JSON object in {@code column}: a string as it
   * is, a number in decimal, a boolean as {@code true} or {@code false}; null for objects, arrays,
   * JSON null and a missing key.
   *
   * @param column a column of the alias {@code c}
   * @param keyParameter the named parameter (with its colon) bound to {@link #jsonKey}
   */
  String jsonText(String column, String keyParameter);

  /**
   * The value bound to the key parameter for attribute {@code name} (a JSON path or a key,
   * depending on the database). Names never hold {@code "} or {@code \}.
   */
  Object jsonKey(String name);

  /**
   * A condition that {@code expression} is one of the ids {@code rows} (a {@code SELECT} of one
   * column) returns, for ids known to be few ({@link SearchCompiler#FEW_IDS}): written so that the
   * ids drive the search. SQLite: {@code expression IN (rows)}, which it already drives from the
   * ids. PostgreSQL: {@code expression = ANY(ARRAY(rows))}: the ids become one index condition,
   * where {@code IN (rows)} left the planner to weigh probing the ids against a hash join over a
   * scan of every row, and it chose the scan (it costs such an array as 10 ids whatever their
   * number, hence only for few).
   */
  String amongFew(String expression, String rows);

  /**
   * {@code column} written so that the planner does not seek it in an index: for a condition that
   * only checks the rows other conditions find (a search's scope), so that a query's own condition
   * on the same column drives the index instead. SQLite: {@code +column}, its documented way of
   * taking a term out of index use (without it SQLite 3.50 seeks {@code ticket_state_id} by the
   * scope's list of all the workspace's states rather than by the one state a ticket search asks
   * for, and counts every ticket of the type: 7 ms instead of 0.5 ms at 100,000 tickets).
   * PostgreSQL: the column unchanged; its planner weighs both lists by their statistics and seeks
   * by the selective one. The default: the column unchanged.
   */
  default String unindexed(String column) {
    return column;
  }
}
