package dev.parley.store.search;

import java.util.Map;

/**
 * A compiled search condition: portable SQL over the alias {@code c} of the searched table, with
 * named parameters ({@code :s0}, {@code :s1}, ... and {@code :ws}, the caller's workspace id, which
 * the repository binds) and the values of the {@code s} parameters.
 *
 * @param sql a boolean SQL expression; it holds no request value, only parameter names
 * @param params parameter name (without the colon) to value: {@code String}, {@code Long} or {@code
 *     Boolean}
 * @param subqueries whether the condition holds {@code IN (SELECT ...)} subqueries over other
 *     tables (list fields, {@code source.body} words), which a database may use to drive a search
 *     by the ids they find
 */
public record SqlFilter(String sql, Map<String, Object> params, boolean subqueries) {
  public SqlFilter {
    params = Map.copyOf(params);
  }
}
