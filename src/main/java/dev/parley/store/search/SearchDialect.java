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
}
