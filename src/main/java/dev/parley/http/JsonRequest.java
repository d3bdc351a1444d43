package dev.parley.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.BadMessageException;

/**
 * A JSON request body (an object) with typed, validating accessors. Every failure is an
 * {@link ApiException}: 400 {@code parameter_not_found} for a missing required field, 400
 * {@code parameter_invalid} for a wrong type, each naming the field by its path
 * ({@code "from.id"}). Ids are accepted as JSON strings or numbers, as the 2.14 examples send
 * both.
 */
public final class JsonRequest {
  private final ObjectNode node;
  private final String prefix;

  private JsonRequest(ObjectNode node, String prefix) {
    this.node = node;
    this.prefix = prefix;
  }

  /**
   * Parses the request body. An empty body is an empty object. Every string in it is checked
   * against its maximum in {@link StringLimits}.
   *
   * @throws ApiException 415 for a body that is not declared as JSON, 400
   *     {@code parameter_invalid} for a body that cannot be read to its end (broken chunked
   *     framing, a connection closed before {@code Content-Length} bytes came), that is not a
   *     JSON object, that repeats a key in one object, that holds a number too large for a
   *     double ({@code 1e400}), or a string over its maximum (each naming the field)
   */
  public static JsonRequest parse(Context ctx, ObjectMapper mapper) {
    byte[] body = readBody(ctx);
    if (body.length == 0) {
      return new JsonRequest(JsonNodeFactory.instance.objectNode(), "");
    }
    String contentType = ctx.contentType();
    if (contentType != null && !contentType.toLowerCase(Locale.ROOT).contains("json")) {
      throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
    } catch (CharacterCodingException e) {
      throw new ApiException(ErrorCode.PARAMETER_INVALID, "Request body is not valid UTF-8");
    }
    JsonNode tree;
    try {
      tree =
          mapper
              .reader()
              .with(
                  DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                  DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
              .readTree(body);
    } catch (JsonProcessingException e) {
      String duplicate = duplicateKey(e);
      if (duplicate != null) {
        throw ApiException.invalid(duplicate, duplicate + " appears more than once in its object");
      }
      throw new ApiException(ErrorCode.PARAMETER_INVALID, "Request body is not valid JSON");
    } catch (java.io.IOException e) {
      throw new ApiException(ErrorCode.PARAMETER_INVALID, "Request body could not be read");
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return new JsonRequest(JsonNodeFactory.instance.objectNode(), "");
    }
    if (!tree.isObject()) {
      throw new ApiException(ErrorCode.PARAMETER_INVALID, "Request body must be a JSON object");
    }
    check(tree, "", "", ctx.attribute(RequestContext.OPERATION));
    return new JsonRequest((ObjectNode) tree, "");
  }

  /**
   * The request body's bytes. Jetty fails the read when the HTTP framing is broken (a chunk
   * size that is not hex) or the stream ends before the body does; Javalin would answer that
   * with an empty 500, as if the client had gone away. It is the client's malformed request:
   * 400 {@code parameter_invalid}. Javalin's own refusals (413 for a body over the limit) pass.
   */
  /**
   * The request's body, read to its end (Javalin keeps it for later reads).
   *
   * @throws ApiException 400 {@code parameter_invalid} when the body cannot be read: its chunked
   *     framing is broken, or the stream ended before its {@code Content-Length}
   */
  static byte[] readBody(Context ctx) {
    try {
      return ctx.bodyAsBytes();
    } catch (HttpResponseException e) {
      throw e;
    } catch (RuntimeException e) {
      if (e instanceof BadMessageException || e instanceof java.io.UncheckedIOException) {
        throw unreadableBody();
      }
      throw e;
    } catch (Exception e) {
      // An IOException (Jetty's EofException, or one wrapping a BadMessageException), thrown
      // through Javalin's Kotlin code, which declares none.
      throw unreadableBody();
    }
  }

  private static ApiException unreadableBody() {
    return new ApiException(
        ErrorCode.PARAMETER_INVALID,
        "Request body could not be read: its framing is broken or it ended before its Content-Length");
  }

  /**
   * The path ({@code "from.id"}, {@code "a[0].b"}) of the key that Jackson found twice, or null
   * when {@code e} is another parse error.
   */
  private static String duplicateKey(JsonProcessingException e) {
    // Jackson gives the duplicate no exception type of its own; its message names it
    // ("Duplicate field 'x'", the same for FAIL_ON_READING_DUP_TREE_KEY and
    // STRICT_DUPLICATE_DETECTION). Should that text change, a duplicate is still a 400, only
    // without the field (BadInputTest would notice).
    String message = e.getOriginalMessage();
    if (message == null || !message.startsWith("Duplicate field") || !(e.getProcessor() instanceof JsonParser parser)) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext context = parser.getParsingContext();
        context != null && !context.inRoot();
        context = context.getParent()) {
      if (context.inArray()) {
        parts.add(0, "[" + context.getCurrentIndex() + "]");
      } else if (context.getCurrentName() != null) {
        parts.add(0, (context.getParent() != null && context.getParent().inRoot() ? "" : ".") + context.getCurrentName());
      }
    }
    String path = String.join("", parts);
    return path.isEmpty() ? null : path;
  }

  /**
   * Checks every name and value of a parsed body, naming the field at fault: no NUL character
   * anywhere (no store keeps it: PostgreSQL's text cannot hold it), no unpaired surrogate, no
   * string over its {@link StringLimits} maximum, and no number beyond a double's range
   * ({@code 1e400} would be kept as infinity).
   *
   * @param path the full path as errors name it ({@code attachment_files[0].name})
   * @param field the path as {@link StringLimits} names it ({@code attachment_files.name})
   */
  private static void check(JsonNode node, String path, String field, String operationId) {
    if (node.isTextual()) {
      String text = node.textValue();
      if (text.indexOf('\u0000') >= 0) {
        throw ApiException.invalid(path, path + " must not contain the NUL character");
      }
      if (hasLoneSurrogate(text)) {
        throw ApiException.invalid(path, path + " must not contain an unpaired surrogate (\\ud800 to \\udfff)");
      }
      StringLimits.check(text, StringLimits.max(operationId, field), path);
    } else if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
      throw ApiException.invalid(path, path + " must be a number within the range of a double");
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), path + "[" + i + "]", field, operationId);
      }
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> entry = fields.next();
        String name = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
        if (entry.getKey().indexOf('\u0000') >= 0) {
          throw ApiException.invalid(path, "field names must not contain the NUL character");
        }
        String key = field.equals("custom_attributes") ? "*" : entry.getKey();
        check(entry.getValue(), name, field.isEmpty() ? key : field + "." + key, operationId);
      }
    }
  }

  /** Whether {@code text} holds a UTF-16 surrogate that is not part of a pair (no store keeps one). */
  private static boolean hasLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
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
      throw ApiException.invalid(path(field), path(field) + " must be one of " + String.join(", ", allowed));
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
   * An id sent as a string or a number; the text of it, or null when absent. A number must fit
   * in 64 bits: a longer one would pass the string maximums ({@link StringLimits}) by not being
   * a string.
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
   * A timestamp a client sets ({@code created_at}): Unix seconds from 0 to {@link
   * #MAX_TIMESTAMP} (a value in milliseconds is still taken, as seconds), so that durations
   * between two of them never overflow. Null when absent.
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
    if (!value.isObject()) {
      throw ApiException.invalid(path(field), path(field) + " must be an object");
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      JsonNode v = entry.getValue();
      String name = path(field) + "." + entry.getKey();
      if (entry.getKey().isBlank() || entry.getKey().length() > StringLimits.ATTRIBUTE_NAME) {
        throw ApiException.invalid(name, "attribute names must be 1 to " + StringLimits.ATTRIBUTE_NAME + " characters");
      }
      if (v.isNull()) {
        attributes.put(entry.getKey(), null);
      } else if (v.isTextual()) {
        attributes.put(entry.getKey(), v.textValue());
      } else if (v.isBoolean()) {
        attributes.put(entry.getKey(), v.booleanValue());
      } else if (v.isIntegralNumber() && v.canConvertToLong()) {
        attributes.put(entry.getKey(), v.longValue());
      } else if (v.isFloatingPointNumber() || v.isBigDecimal()) {
        attributes.put(entry.getKey(), v.doubleValue());
      } else {
        throw ApiException.invalid(
            name, name + " must be a string, a number, a boolean or a datetime");
      }
    }
    return attributes;
  }
}
