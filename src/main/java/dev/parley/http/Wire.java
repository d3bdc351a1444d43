package dev.parley.http;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.domain.ApiException;
import io.javalin.http.Context;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;

/**
 * Request bodies bound to records: the one place where an operation's body becomes its typed
 * request. The body first passes {@link RequestBody#read}'s checks; then each component of the
 * record is checked against the JSON value sent for it, in the record's order (nested objects and
 * array items in turn, depth first), and Jackson binds the checked object (fields the record does
 * not name are ignored, as Intercom ignores them).
 *
 * <p>A component's Java type says what JSON it takes, with Intercom's messages on a mismatch, 400
 * {@code parameter_invalid} naming the field by its path ({@code from.id}, {@code
 * attachment_files[0].data}): {@link String} ("must be a string"), {@link Boolean} ("must be a
 * boolean"), {@link Id} (a string or a 64-bit integer, as the 2.14 examples send ids both ways),
 * {@link NumericId} (such an id that is a number), {@link Int} (an integer, or a string of one),
 * {@link Timestamp} (Unix seconds in range), {@link Uuid}, an enum ("must be one of" its constants'
 * {@link JsonProperty} names), {@link Attributes} (custom attributes), {@link JsonNode} (anything,
 * for the handler to read), another record ("must be an object", its components checked in turn), a
 * {@link List} of strings or records ("must be an array", at most {@link MaxItems}), and {@link
 * Given} of one of those (an update's "absent" apart from "null"). A sealed interface with {@link
 * JsonTypeInfo} picks its record by a property ("must be one of" its {@link JsonSubTypes} names). A
 * component marked {@link Required} that is absent or null is 400 {@code parameter_not_found}; one
 * marked {@link NotNull} that is null is 400 "cannot be null". Rules across fields (one of three
 * given, a URL list's schemes) are methods of the request record, which its handler calls after
 * binding.
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

  /** A component that may be absent but not sent as null: 400 "cannot be null" naming it. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target({
    ElementType.RECORD_COMPONENT,
    ElementType.PARAMETER,
    ElementType.FIELD,
    ElementType.METHOD
  })
  public @interface NotNull {}

  /** The most items a {@link List} component takes: 400 "can hold at most N items" beyond. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target({
    ElementType.RECORD_COMPONENT,
    ElementType.PARAMETER,
    ElementType.FIELD,
    ElementType.METHOD
  })
  public @interface MaxItems {
    /** The most items. */
    int value();
  }

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
   * A numeric id sent as a JSON string or a 64-bit integer: 400 "must be a string or a 64-bit
   * integer" for another JSON type, "must be an integer id" for a string that is not one.
   */
  public record NumericId(long value) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static NumericId of(JsonNode value) {
      return new NumericId(Int.of(value).value());
    }
  }

  /**
   * A time a client sets ({@code created_at}): Unix seconds from 0 to {@link #MAX}, sent as an
   * integer or a string of one (a value in milliseconds is still taken, as seconds), so that
   * durations between two of them never overflow.
   */
  public record Timestamp(long seconds) {
    /** The largest timestamp accepted, Unix seconds. */
    public static final long MAX = 1_000_000_000_000_000L;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Timestamp of(JsonNode value) {
      return new Timestamp(Int.of(value).value());
    }

    /** The seconds of {@code timestamp}, or null when it is null. */
    public static Long seconds(Timestamp timestamp) {
      return timestamp == null ? null : timestamp.seconds();
    }
  }

  /** A string in a UUID's 8-4-4-4-12 hex form ({@code format: uuid} in the 2.14 description). */
  public record Uuid(String text) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Uuid of(String text) {
      return new Uuid(text);
    }
  }

  /**
   * A component of an update, where an absent field keeps the stored value and a null one clears
   * it: the component is null when the field is absent, a {@code Given} whose value is null when it
   * was sent as null. The value's type is checked as that type alone would be.
   */
  @JsonDeserialize(using = GivenDeserializer.class)
  public record Given<T>(T value) {}

  /**
   * Binds {@link Given}: its value by its type argument; null to an empty Given, absent to null.
   */
  static final class GivenDeserializer extends StdDeserializer<Given<?>>
      implements ContextualDeserializer {
    private final JavaType valueType;

    GivenDeserializer() {
      this(null);
    }

    private GivenDeserializer(JavaType valueType) {
      super(Given.class);
      this.valueType = valueType;
    }

    @Override
    public JsonDeserializer<?> createContextual(
        DeserializationContext ctxt, BeanProperty property) {
      JavaType type = property == null ? ctxt.getContextualType() : property.getType();
      return new GivenDeserializer(type.containedType(0));
    }

    @Override
    public Given<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return new Given<>(ctxt.readValue(p, valueType));
    }

    @Override
    public Given<?> getNullValue(DeserializationContext ctxt) {
      return new Given<>(null);
    }

    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
      return null;
    }
  }

  /**
   * A custom attributes object: names to strings, integers, decimals, booleans or null (null
   * removes an attribute on update). Nested objects and arrays are refused.
   */
  public record Attributes(Map<String, Object> values) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Attributes of(JsonNode value) {
      return new Attributes(WireCheck.attributes(value, "custom_attributes"));
    }
  }

  /**
   * The request body of {@code ctx} as a {@code type}: a record, or a sealed interface whose {@link
   * JsonTypeInfo} property picks the record (its {@link JsonSubTypes} names, in order, are the
   * values that property takes).
   *
   * @throws ApiException as {@link RequestBody#read} does; 400 {@code parameter_not_found} for a
   *     {@link Required} component absent or null, 400 {@code parameter_invalid} for a value its
   *     component's type does not take
   */
  public static <T> T body(Context ctx, ObjectMapper mapper, Class<T> type) {
    return bind(RequestBody.read(ctx, mapper), mapper, type);
  }

  /**
   * {@link #body} over an object already read (a request body, or a file such as {@code serve
   * --seed}'s fixture).
   *
   * @throws ApiException as {@link #body} does
   */
  public static <T> T bind(ObjectNode node, ObjectMapper mapper, Class<T> type) {
    WireCheck.object(node, type, "");
    try {
      return mapper
          .readerFor(type)
          .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(node);
    } catch (IOException e) {
      throw new IllegalStateException("a checked body did not bind to " + type.getSimpleName(), e);
    }
  }

  /** An enum constant's wire name: its {@link JsonProperty}, else its Java name. */
  public static String wireName(Enum<?> constant) {
    try {
      JsonProperty property =
          constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
      return property == null ? constant.name() : property.value();
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }
}
