package dev.parley.store.search;

/**
 * What the search compiler cannot write portably: reading one key of a JSON object kept in a text
 * column ({@code custom_attributes.{name}}). Implemented per database by {@link
 * dev.parley.store.Dialect}.
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
}
