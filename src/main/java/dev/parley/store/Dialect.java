package dev.parley.store;

/**
 * Where SQLite and PostgreSQL differ, side by side. Everything else parley sends is
 * portable SQL.
 */
public enum Dialect {
  SQLITE("", ""),
  POSTGRESQL(" FOR UPDATE", " FOR UPDATE SKIP LOCKED");

  private final String forUpdate;
  private final String skipLocked;

  Dialect(String forUpdate, String skipLocked) {
    this.forUpdate = forUpdate;
    this.skipLocked = skipLocked;
  }

  /**
   * Suffix that locks the selected rows until the transaction ends. SQLite has no row locks
   * and needs none: all writes go through one writer connection.
   */
  public String forUpdate() {
    return forUpdate;
  }

  /** Suffix that locks the selected rows and skips rows other transactions hold. */
  public String forUpdateSkipLocked() {
    return skipLocked;
  }

  /**
   * An aggregate of a text expression into a compact JSON array of strings ({@code ["a","b"]},
   * no spaces), in the order given; NULL over no rows. SQLite: {@code json_group_array} with
   * an ordered aggregate (3.44+); PostgreSQL: {@code array_to_json(array_agg(...))}.
   */
  public String jsonArrayAgg(String expression, String orderBy) {
    return switch (this) {
      case SQLITE -> "json_group_array(" + expression + " ORDER BY " + orderBy + ")";
      case POSTGRESQL -> "array_to_json(array_agg(" + expression + " ORDER BY " + orderBy + "))::text";
    };
  }
}
