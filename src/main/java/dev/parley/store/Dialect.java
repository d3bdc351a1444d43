package dev.parley.store;

import dev.parley.domain.search.SearchDialect;

/**
 * Where SQLite and PostgreSQL differ, side by side. Everything else parley sends is
 * portable SQL.
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
   * SQLite: {@code json_type}/{@code json_extract} with a JSON path; PostgreSQL: the
   * {@code jsonb} operators with the key. Custom attributes are stored as JSON text.
   */
  @Override
  public String jsonText(String column, String keyParameter) {
    if (this == SQLITE) {
      return "(CASE json_type(" + column + ", " + keyParameter + ") WHEN 'true' THEN 'true'"
          + " WHEN 'false' THEN 'false' WHEN 'object' THEN NULL WHEN 'array' THEN NULL"
          + " ELSE CAST(json_extract(" + column + ", " + keyParameter + ") AS TEXT) END)";
    }
    return "(CASE jsonb_typeof(CAST(" + column + " AS jsonb) -> " + keyParameter + ")"
        + " WHEN 'object' THEN NULL WHEN 'array' THEN NULL"
        + " ELSE CAST(" + column + " AS jsonb) ->> " + keyParameter + " END)";
  }

  /** SQLite: the path {@code $."name"}; PostgreSQL: the key itself. */
  @Override
  public Object jsonKey(String name) {
    return this == SQLITE ? "$.\"" + name + "\"" : name;
  }
}
