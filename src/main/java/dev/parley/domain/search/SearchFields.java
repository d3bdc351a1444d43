package dev.parley.domain.search;

import dev.parley.domain.search.SearchField.Comparison;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The searchable fields of one resource, by Intercom name, with the resource's rules: which
 * operators each {@link FieldType} accepts and how ordering operators compare. Fields named {@code
 * custom_attributes.{name}} resolve to custom attribute fields when the resource has them.
 */
public final class SearchFields {
  /** The prefix of custom attribute fields. */
  public static final String CUSTOM_ATTRIBUTES = "custom_attributes.";

  private final String resource;
  private final Map<String, SearchField> fields;
  private final boolean customAttributes;
  private final Map<FieldType, Set<SearchOperator>> operators;

  private SearchFields(
      String resource,
      Map<String, SearchField> fields,
      boolean customAttributes,
      Map<FieldType, Set<SearchOperator>> operators) {
    this.resource = resource;
    this.fields = Map.copyOf(fields);
    this.customAttributes = customAttributes;
    this.operators = operators;
  }

  /** The resource's name in messages, e.g. {@code "conversation"}. */
  public String resource() {
    return resource;
  }

  /** Every named field (custom attributes excepted). */
  public Map<String, SearchField> all() {
    return fields;
  }

  /**
   * The field Intercom calls {@code name}: a named field, or a custom attribute when the resource
   * has them. Empty for an unknown name.
   */
  public Optional<SearchField> find(String name) {
    SearchField field = fields.get(name);
    if (field != null) {
      return Optional.of(field);
    }
    if (customAttributes
        && name.startsWith(CUSTOM_ATTRIBUTES)
        && name.length() > CUSTOM_ATTRIBUTES.length()) {
      return Optional.of(
          new SearchField(
              name,
              FieldType.STRING,
              operators.get(FieldType.STRING),
              Comparison.STRICT,
              SearchField.Data.CUSTOM_ATTRIBUTE));
    }
    return Optional.empty();
  }

  /**
   * Starts a registry whose types accept {@code operators} and compare as {@code comparisons}
   * ({@link Comparison#STRICT} for a type it does not name).
   */
  static Builder builder(
      String resource,
      Map<FieldType, Set<SearchOperator>> operators,
      Map<FieldType, Comparison> comparisons) {
    return new Builder(resource, operators, comparisons);
  }

  /** Collects the fields of a registry. */
  static final class Builder {
    private final String resource;
    private final Map<FieldType, Set<SearchOperator>> operators;
    private final Map<FieldType, Comparison> comparisons;
    private final Map<String, SearchField> fields = new LinkedHashMap<>();
    private boolean customAttributes;

    private Builder(
        String resource,
        Map<FieldType, Set<SearchOperator>> operators,
        Map<FieldType, Comparison> comparisons) {
      this.resource = resource;
      this.operators = new EnumMap<>(operators);
      this.comparisons = new EnumMap<>(comparisons);
    }

    Builder field(String name, FieldType type) {
      return field(name, type, operators.get(type), SearchField.Data.KEPT);
    }

    Builder field(String name, FieldType type, Set<SearchOperator> allowed, SearchField.Data data) {
      if (fields.put(
              name,
              new SearchField(
                  name, type, allowed, comparisons.getOrDefault(type, Comparison.STRICT), data))
          != null) {
        throw new IllegalStateException("search field defined twice: " + name);
      }
      return this;
    }

    Builder string(String name) {
      return field(name, FieldType.STRING);
    }

    Builder integer(String name) {
      return field(name, FieldType.INTEGER);
    }

    Builder bool(String name) {
      return field(name, FieldType.BOOLEAN);
    }

    Builder date(String name) {
      return field(name, FieldType.DATE);
    }

    /** Fields parley keeps no data for: null on every row. */
    Builder absent(FieldType type, String... names) {
      for (String name : names) {
        field(name, type, operators.get(type), SearchField.Data.NONE);
      }
      return this;
    }

    /** Enables {@code custom_attributes.{name}}: the resource keeps custom attributes. */
    Builder customAttributes() {
      this.customAttributes = true;
      return this;
    }

    SearchFields build() {
      return new SearchFields(resource, fields, customAttributes, operators);
    }
  }
}
