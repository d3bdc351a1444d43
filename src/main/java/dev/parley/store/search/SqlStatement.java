package dev.parley.store.search;

import java.util.Map;

/**
 * A complete SQL statement of a search, with named parameters ({@code :s0} ... and, where used,
 * {@code :ws}, the caller's workspace id, which the repository binds).
 *
 * @param sql the statement; it holds no request value, only parameter names
 * @param params parameter name (without the colon) to value
 */
public record SqlStatement(String sql, Map<String, Object> params) {
  public SqlStatement {
    params = Map.copyOf(params);
  }
}
