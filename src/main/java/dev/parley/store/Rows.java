package dev.parley.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** Reading rows: rows by their ids, nullable columns and JSON text columns. */
final class Rows {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private Rows() {}

  /**
   * The row of {@code table} with this {@code id} in this workspace, mapped by {@code mapper}, or
   * empty.
   */
  static <T> Optional<T> byId(
      Handle handle, String table, long workspaceId, Object id, RowMapper<T> mapper) {
    return handle
        .createQuery("SELECT * FROM " + table + " WHERE workspace_id = :ws AND id = :id")
        .bind("ws", workspaceId)
        .bind("id", id)
        .map(mapper)
        .findOne();
  }

  /**
   * The rows of {@code table} with these ids in this workspace, mapped by {@code mapper}, by {@code
   * key} in the order the database returns them; ids without a row are absent.
   */
  static <K, T> Map<K, T> byIds(
      Handle handle,
      String table,
      long workspaceId,
      Collection<K> ids,
      RowMapper<T> mapper,
      Function<T, K> key) {
    Map<K, T> rows = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return rows;
    }
    handle
        .createQuery("SELECT * FROM " + table + " WHERE workspace_id = :ws AND id IN (<ids>)")
        .bind("ws", workspaceId)
        .bindList("ids", List.copyOf(ids))
        .map(mapper)
        .forEach(row -> rows.put(key.apply(row), row));
    return rows;
  }

  /**
   * One page of {@code table}'s rows in a workspace, in {@code (created_at, id)} order, after a
   * keyset (none for the first page).
   *
   * @param newestFirst descending order, the page holding rows before the key; otherwise ascending,
   *     rows after it
   * @param keyCreatedAt the last row's {@code created_at} (Unix seconds) of the previous page, or
   *     null for the first page
   * @param keyId the last row's id of the previous page
   * @param limit rows at the most
   */
  static <T> List<T> keysetPage(
      Handle handle,
      String table,
      long workspaceId,
      boolean newestFirst,
      Long keyCreatedAt,
      Object keyId,
      int limit,
      RowMapper<T> mapper) {
    return keysetPage(
        handle, table, "", workspaceId, newestFirst, keyCreatedAt, keyId, limit, mapper);
  }

  /**
   * Like {@link #keysetPage(Handle, String, long, boolean, Long, Object, int, RowMapper)}, over the
   * rows that also meet {@code condition}: a constant SQL condition that starts with {@code " AND
   * "}, or "".
   */
  static <T> List<T> keysetPage(
      Handle handle,
      String table,
      String condition,
      long workspaceId,
      boolean newestFirst,
      Long keyCreatedAt,
      Object keyId,
      int limit,
      RowMapper<T> mapper) {
    String keyset = keyset("", newestFirst, keyCreatedAt);
    String order = newestFirst ? " ORDER BY created_at DESC, id DESC" : " ORDER BY created_at, id";
    return handle
        .createQuery(
            "SELECT * FROM "
                + table
                + " WHERE workspace_id = :ws"
                + condition
                + keyset
                + order
                + " LIMIT :limit")
        .bind("ws", workspaceId)
        .bind("keyCreatedAt", keyCreatedAt)
        .bind("keyId", keyId)
        .bind("limit", limit)
        .map(mapper)
        .list();
  }

  /**
   * The condition that keeps the rows strictly after the keyset {@code (:keyCreatedAt, :keyId)} in
   * {@code (created_at, id)} order, or "" for the first page. It is written as a bound on {@code
   * created_at} and a tie-break on {@code id} ({@code created_at >= :keyCreatedAt AND (created_at >
   * :keyCreatedAt OR id > :keyId)}) rather than as {@code created_at > :k OR (created_at = :k AND
   * ...)}: the same rows, but PostgreSQL takes the bound as an index condition, where it took the
   * disjunction as a filter and walked the index from the workspace's first row for every page (a
   * late page of a contact search read 84,000 rows of 100,000 for 50; bench/README.md).
   *
   * @param prefix the table's alias with its dot ({@code "c."}), or ""
   */
  static String keyset(String prefix, boolean newestFirst, Long keyCreatedAt) {
    if (keyCreatedAt == null) {
      return "";
    }
    String than = newestFirst ? " < " : " > ";
    String bound = newestFirst ? " <= " : " >= ";
    return " AND "
        + prefix
        + "created_at"
        + bound
        + ":keyCreatedAt AND ("
        + prefix
        + "created_at"
        + than
        + ":keyCreatedAt OR "
        + prefix
        + "id"
        + than
        + ":keyId)";
  }

  /**
   * Runs an UPDATE or DELETE with named parameters (none of them null).
   *
   * @return the number of rows it changed
   */
  static int update(Handle handle, String sql, Map<String, ?> parameters) {
    return handle.createUpdate(sql).bindMap(parameters).execute();
  }

  /** The one row a query with a single named parameter finds, or empty. */
  static <T> Optional<T> one(
      Handle handle, String sql, String name, Object value, RowMapper<T> mapper) {
    return handle.createQuery(sql).bind(name, value).map(mapper).findOne();
  }

  static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  static Integer nullableInt(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  static Map<String, Object> jsonMap(String text) {
    if (text == null || text.isEmpty()) {
      return new LinkedHashMap<>();
    }
    try {
      return JSON.readValue(text, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON does not parse", e);
    }
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("value does not serialize", e);
    }
  }

  static <T> T fromJson(String text, TypeReference<T> type) {
    try {
      return JSON.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON does not parse", e);
    }
  }
}
