package dev.parley.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.domain.ApiException;
import dev.parley.http.Wire.Attributes;
import dev.parley.http.Wire.Given;
import dev.parley.http.Wire.Id;
import dev.parley.http.Wire.Int;
import dev.parley.http.Wire.MaxItems;
import dev.parley.http.Wire.NotNull;
import dev.parley.http.Wire.NumericId;
import dev.parley.http.Wire.Required;
import dev.parley.http.Wire.Timestamp;
import dev.parley.http.Wire.Uuid;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks {@link Wire#body} makes of a body against a request type before Jackson binds it: the
 * walk over its components, nested objects and array items, with Intercom's messages.
 */
final class WireCheck {
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private WireCheck() {}

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

  /** Checks an object against a request type; {@code prefix} is its path plus a dot, or empty. */
  static void object(JsonNode node, Class<?> type, String prefix) {
    JsonTypeInfo typeInfo = type.getAnnotation(JsonTypeInfo.class);
    if (typeInfo != null) {
      String path = prefix + typeInfo.property();
      JsonNode tag = node.get(typeInfo.property());
      if (tag == null || tag.isNull()) {
        throw ApiException.missing(path);
      }
      Map<String, Class<?>> subtypes = subtypes(type);
      if (!tag.isTextual() || !subtypes.containsKey(tag.textValue())) {
        String expected =
            tag.isTextual() ? "one of " + String.join(", ", subtypes.keySet()) : "a string";
        throw ApiException.invalid(path, path + " must be " + expected);
      }
      object(node, subtypes.get(tag.textValue()), prefix);
      return;
    }
    for (RecordComponent component : type.getRecordComponents()) {
      String path = prefix + wireName(component);
      JsonNode value = node.get(wireName(component));
      if (value != null && value.isNull() && component.isAnnotationPresent(NotNull.class)) {
        throw ApiException.invalid(path, path + " cannot be null");
      }
      if (value == null || value.isNull()) {
        if (component.isAnnotationPresent(Required.class)) {
          throw ApiException.missing(path);
        }
        continue;
      }
      MaxItems max = component.getAnnotation(MaxItems.class);
      checkValue(
          value, component.getGenericType(), max == null ? Integer.MAX_VALUE : max.value(), path);
    }
  }

  /** Checks a present, non-null value against a component's (generic) type. */
  private static void checkValue(JsonNode value, Type type, int maxItems, String path) {
    Class<?> raw = raw(type);
    if (raw == Given.class) {
      checkValue(value, argument(type), maxItems, path);
    } else if (raw == JsonNode.class) {
      return;
    } else if (raw == Attributes.class) {
      attributes(value, path);
    } else if (raw == List.class) {
      checkList(value, argument(type), maxItems, path);
    } else if (isRequestObject(raw)) {
      if (!value.isObject()) {
        throw ApiException.invalid(path, path + " must be an object");
      }
      object(value, raw, path + ".");
    } else {
      String expected = mismatch(raw, value);
      if (expected != null) {
        throw ApiException.invalid(path, path + " must be " + expected);
      }
    }
  }

  /** Checks an array of strings or of request objects, at most {@code maxItems} long. */
  private static void checkList(JsonNode value, Type item, int maxItems, String path) {
    if (!value.isArray()) {
      throw ApiException.invalid(path, path + " must be an array");
    }
    if (value.size() > maxItems) {
      throw ApiException.invalid(path, path + " can hold at most " + maxItems + " items");
    }
    Class<?> raw = raw(item);
    for (int i = 0; i < value.size(); i++) {
      JsonNode element = value.get(i);
      if (raw == String.class) {
        if (!element.isTextual()) {
          throw ApiException.invalid(path, path + " items must be strings");
        }
      } else if (isRequestObject(raw)) {
        if (!element.isObject()) {
          throw ApiException.invalid(path, path + " items must be objects");
        }
        object(element, raw, path + "[" + i + "].");
      } else {
        throw new IllegalArgumentException("no wire type for items of " + item.getTypeName());
      }
    }
  }

  /** A request's own object type (not one of Wire's value types). */
  private static boolean isRequestObject(Class<?> type) {
    return (type.isRecord() && type.getEnclosingClass() != Wire.class)
        || type.isAnnotationPresent(JsonTypeInfo.class);
  }

  /** The records a {@link JsonTypeInfo} interface's property names, by name, in order. */
  private static Map<String, Class<?>> subtypes(Class<?> type) {
    Map<String, Class<?>> subtypes = new LinkedHashMap<>();
    for (JsonSubTypes.Type subtype : type.getAnnotation(JsonSubTypes.class).value()) {
      if (!subtype.name().isEmpty()) {
        subtypes.put(subtype.name(), subtype.value());
      }
      for (String name : subtype.names()) {
        subtypes.put(name, subtype.value());
      }
    }
    return subtypes;
  }

  private static Class<?> raw(Type type) {
    return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
  }

  private static Type argument(Type type) {
    return ((ParameterizedType) type).getActualTypeArguments()[0];
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
    if (type == NumericId.class) {
      String id = mismatch(Id.class, value);
      return id != null || isInteger(value) ? id : "an integer id";
    }
    if (type == Timestamp.class) {
      if (!isInteger(value)) {
        return "an integer";
      }
      long seconds = Int.of(value).value();
      return seconds >= 0 && seconds <= Timestamp.MAX
          ? null
          : "Unix seconds between 0 and " + Timestamp.MAX;
    }
    if (type == Uuid.class) {
      return !value.isTextual()
          ? "a string"
          : UUID.matcher(value.textValue()).matches() ? null : "a UUID";
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
