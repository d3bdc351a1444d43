package dev.parley.http;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.domain.ApiException;
import io.javalin.http.Context;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request bodies bound to records: the one place where an operation's body becomes its typed
 * request. The body first passes {@link RequestBody#read}'s checks; then each component of the
 * record is checked against the JSON value sent for it, in the record's order, and Jackson binds
 * the checked object (fields the record does not name are ignored, as Intercom ignores them).
 *
 * <p>A component's Java type says what JSON it takes, with Intercom's messages on a mismatch, 400
 * {@code parameter_invalid} naming the field: {@link String} ("must be a string"), {@link Boolean}
 * ("must be a boolean"), {@link Id} (a string or a 64-bit integer, as the 2.14 examples send ids
 * both ways), {@link Int} (an integer, or a string of one), an enum ("must be one of" its
 * constants' {@link JsonProperty} names), {@link Attributes} (custom attributes). A component
 * marked {@link Required} that is absent or null is 400 {@code parameter_not_found}. Constraints
 * beyond the type (lengths, ranges, ids that must parse) are the handler's, after binding.
 */
public final class Wire {
  private Wire() {}

  /** A component that must be present and not null. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target({
    ElementType.RECORD_COMPONENT,
    ElementType.PARAMETER,
    ElementType.FIELD,
    ElementType.METHOD
  })
  public @interface Required {}

  /** An id sent as a JSON string or a 64-bit integer: its text, untrimmed. */
  public record Id(String text) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Id of(JsonNode value) {
      return new Id(value.isTextual() ? value.textValue() : value.asText());
    }
  }

  /** An integer sent as a JSON integer or as a string of decimal digits. */
  public record Int(long value) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Int of(JsonNode value) {
      return new Int(
          value.isIntegralNumber()
              ? value.longValue()
              : Params.parseLong(value.textValue().trim()));
    }
  }

  /**
   * A custom attributes object: names to strings, integers, decimals, booleans or null (null
   * removes an attribute on update). Nested objects and arrays are refused.
   */
  public record Attributes(Map<String, Object> values) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Attributes of(JsonNode value) {
      return new Attributes(attributes(value, "custom_attributes"));
    }
  }

  /**
   * The attributes of a custom attributes object at {@code path}, in their order.
   *
   * @throws ApiException 400 {@code parameter_invalid} for a value that is not an object, a name
   *     that is blank or over {@link StringLimits#ATTRIBUTE_NAME}, or a value of another kind
   */
  static Map<String, Object> attributes(JsonNode value, String path) {
    if (!value.isObject()) {
      throw ApiException.invalid(path, path + " must be an object");
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      JsonNode v = entry.getValue();
      String name = path + "." + entry.getKey();
      if (entry.getKey().isBlank() || entry.getKey().length() > StringLimits.ATTRIBUTE_NAME) {
        throw ApiException.invalid(
            name, "attribute names must be 1 to " + StringLimits.ATTRIBUTE_NAME + " characters");
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

  /**
   * The request body of {@code ctx} as a {@code type}.
   *
   * @throws ApiException as {@link RequestBody#read} does; 400 {@code parameter_not_found} for a
   *     {@link Required} component absent or null, 400 {@code parameter_invalid} for a value its
   *     component's type does not take
   */
  public static <T extends Record> T body(Context ctx, ObjectMapper mapper, Class<T> type) {
    ObjectNode node = RequestBody.read(ctx, mapper);
    for (RecordComponent component : type.getRecordComponents()) {
      String field = wireName(component);
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        if (component.isAnnotationPresent(Required.class)) {
          throw ApiException.missing(field);
        }
        continue;
      }
      if (component.getType() == Attributes.class) {
        attributes(value, field);
        continue;
      }
      String expected = mismatch(component.getType(), value);
      if (expected != null) {
        throw ApiException.invalid(field, field + " must be " + expected);
      }
    }
    try {
      return mapper
          .readerFor(type)
          .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(node);
    } catch (IOException e) {
      throw new IllegalStateException("a checked body did not bind to " + type.getSimpleName(), e);
    }
  }

  private static String wireName(RecordComponent component) {
    // JsonProperty cannot target a record component: Java puts it on the accessor.
    JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
    return property == null || property.value().isEmpty() ? component.getName() : property.value();
  }

  /** What a component of {@code type} takes, when {@code value} is not that; else null. */
  private static String mismatch(Class<?> type, JsonNode value) {
    if (type == String.class) {
      return value.isTextual() ? null : "a string";
    }
    if (type == Boolean.class) {
      return value.isBoolean() ? null : "a boolean";
    }
    if (type == Id.class) {
      return value.isTextual() || (value.isIntegralNumber() && value.canConvertToLong())
          ? null
          : "a string or a 64-bit integer";
    }
    if (type == Int.class) {
      return isInteger(value) ? null : "an integer";
    }
    if (type.isEnum()) {
      if (!value.isTextual()) {
        return "a string";
      }
      List<String> names = wireNames(type);
      return names.contains(value.textValue()) ? null : "one of " + String.join(", ", names);
    }
    throw new IllegalArgumentException("no wire type for " + type.getName());
  }

  /** The wire names of an enum's constants: each one's {@link JsonProperty}, in order. */
  private static List<String> wireNames(Class<?> type) {
    List<String> names = new ArrayList<>();
    for (Field constant : type.getFields()) {
      if (constant.isEnumConstant()) {
        JsonProperty property = constant.getAnnotation(JsonProperty.class);
        names.add(property == null ? constant.getName() : property.value());
      }
    }
    return names;
  }

  private static boolean isInteger(JsonNode value) {
    if (value.isIntegralNumber()) {
      return value.canConvertToLong();
    }
    if (!value.isTextual()) {
      return false;
    }
    try {
      Params.parseLong(value.textValue().trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
