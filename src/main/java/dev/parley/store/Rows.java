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
