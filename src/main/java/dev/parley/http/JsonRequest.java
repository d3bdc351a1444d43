package dev.parley.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.domain.ApiException;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JSON request body (an object) with typed, validating accessors. Every failure is an {@link
 * ApiException}: 400 {@code parameter_not_found} for a missing required field, 400 {@code
 * parameter_invalid} for a wrong type, each naming the field by its path ({@code "from.id"}). Ids
 * are accepted as JSON strings or numbers, as the 2.14 examples send both.
 */
public final class JsonRequest {
  private final ObjectNode node;
  private final String prefix;

  private JsonRequest(ObjectNode node, String prefix) {
    this.node = node;
    this.prefix = prefix;
  }

  /**
   * Parses the request body ({@link RequestBody#read}: an empty body is an empty object, every
   * string checked against its maximum in {@link StringLimits}).
   *
   * @throws ApiException as {@link RequestBody#read} does
   */
  public static JsonRequest parse(Context ctx, ObjectMapper mapper) {
    return new JsonRequest(RequestBody.read(ctx, mapper), "");
  }

  /** A request over an already parsed object (nested objects, array items). */
  public static JsonRequest of(ObjectNode node, String path) {
    return new JsonRequest(node, path.isEmpty() ? "" : path + ".");
  }

  /** The full path of {@code field} for error messages. */
  public String path(String field) {
    return prefix + field;
  }

  /** Whether the field is present, even as null. */
  public boolean has(String field) {
    return node.has(field);
  }

  /** Whether the field is present and not null. */
  public boolean present(String field) {
    JsonNode value = node.get(field);
    return value != null && !value.isNull();
  }

  /** The raw node, or null when absent. */
  public JsonNode raw(String field) {
    return node.get(field);
  }

  public String requiredString(String field) {
    String value = optionalString(field);
    if (value == null) {
      throw ApiException.missing(path(field));
    }
    return value;
  }

  /** A string field; null when absent or null. */
  public String optionalString(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiException.invalid(path(field), path(field) + " must be a string");
    }
    return value.textValue();
  }

  /** A string that must be one of {@code allowed}; null when absent. */
  public String optionalEnum(String field, List<String> allowed) {
    String value = optionalString(field);
    if (value != null && !allowed.contains(value)) {
      throw ApiException.invalid(
          path(field), path(field) + " must be one of " + String.join(", ", allowed));
    }
    return value;
  }

  public String requiredEnum(String field, List<String> allowed) {
    String value = optionalEnum(field, allowed);
    if (value == null) {
      throw ApiException.missing(path(field));
    }
    return value;
  }

  /**
   * An id sent as a string or a number; the text of it, or null when absent. A number must fit in
   * 64 bits: a longer one would pass the string maximums ({@link StringLimits}) by not being a
   * string.
   */
  public String optionalIdText(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.asText();
    }
    throw ApiException.invalid(path(field), path(field) + " must be a string or a 64-bit integer");
  }

  /**
   * A numeric id sent as a string or a number.
   *
   * @throws ApiException 400 {@code parameter_invalid} when it is not a 64-bit integer
   */
  public Long optionalId(String field) {
    String text = optionalIdText(field);
    if (text == null) {
      return null;
    }
    try {
      return Params.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw ApiException.invalid(path(field), path(field) + " must be an integer id");
    }
  }

  public long requiredId(String field) {
    Long value = optionalId(field);
    if (value == null) {
      throw ApiException.missing(path(field));
    }
    return value;
  }

  /** An integer (Unix seconds, counts); accepts a digit string too. Null when absent. */
  public Long optionalLong(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    if (value.isTextual()) {
      try {
        return Params.parseLong(value.textValue().trim());
      } catch (NumberFormatException e) {
        // fall through to the error
      }
    }
    throw ApiException.invalid(path(field), path(field) + " must be an integer");
  }

  /** The largest timestamp accepted where a client sets one, Unix seconds. */
  public static final long MAX_TIMESTAMP = 1_000_000_000_000_000L;

  /**
   * A timestamp a client sets ({@code created_at}): Unix seconds from 0 to {@link #MAX_TIMESTAMP}
   * (a value in milliseconds is still taken, as seconds), so that durations between two of them
   * never overflow. Null when absent.
   *
   * @throws ApiException 400 {@code parameter_invalid} for a non-integer or a value out of range
   */
  public Long optionalTimestamp(String field) {
    Long value = optionalLong(field);
    if (value != null && (value < 0 || value > MAX_TIMESTAMP)) {
      throw ApiException.invalid(
          path(field), path(field) + " must be Unix seconds between 0 and " + MAX_TIMESTAMP);
    }
    return value;
  }

  public Boolean optionalBoolean(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isBoolean()) {
      throw ApiException.invalid(path(field), path(field) + " must be a boolean");
    }
    return value.booleanValue();
  }

  /** A nested object; null when absent or null. */
  public JsonRequest optionalObject(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw ApiException.invalid(path(field), path(field) + " must be an object");
    }
    return new JsonRequest((ObjectNode) value, path(field) + ".");
  }

  public JsonRequest requiredObject(String field) {
    JsonRequest value = optionalObject(field);
    if (value == null) {
      throw ApiException.missing(path(field));
    }
    return value;
  }

  /** An array of objects, at most {@code max}; empty when absent. */
  public List<JsonRequest> objectList(String field, int max) {
    JsonNode value = node.get(field);
    List<JsonRequest> items = new ArrayList<>();
    if (value == null || value.isNull()) {
      return items;
    }
    if (!value.isArray()) {
      throw ApiException.invalid(path(field), path(field) + " must be an array");
    }
    if (value.size() > max) {
      throw ApiException.invalid(path(field), path(field) + " can hold at most " + max + " items");
    }
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (!item.isObject()) {
        throw ApiException.invalid(path(field), path(field) + " items must be objects");
      }
      items.add(new JsonRequest((ObjectNode) item, path(field) + "[" + i + "]."));
    }
    return items;
  }

  /** An array of strings, at most {@code max}; empty when absent. */
  public List<String> stringList(String field, int max) {
    JsonNode value = node.get(field);
    List<String> items = new ArrayList<>();
    if (value == null || value.isNull()) {
      return items;
    }
    if (!value.isArray()) {
      throw ApiException.invalid(path(field), path(field) + " must be an array");
    }
    if (value.size() > max) {
      throw ApiException.invalid(path(field), path(field) + " can hold at most " + max + " items");
    }
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw ApiException.invalid(path(field), path(field) + " items must be strings");
      }
      items.add(item.textValue());
    }
    return items;
  }

  /**
   * A custom attributes object: names to strings, integers, decimals, booleans or null (null
   * removes an attribute on update). Nested objects and arrays are refused.
   */
  public Map<String, Object> attributes(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    return Wire.attributes(value, path(field));
  }
}
