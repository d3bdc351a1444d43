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
 * custom_attributes.{name}} resolve to the resource's custom attribute column when it has one.
 */
public final class SearchFields {
  /** The prefix of custom attribute fields. */
  public static final String CUSTOM_ATTRIBUTES = "custom_attributes.";

  private final String resource;
  private final Map<String, SearchField> fields;
  private final String customAttributeColumn;
  private final Map<FieldType, Set<SearchOperator>> operators;

  private SearchFields(
      String resource,
      Map<String, SearchField> fields,
      String customAttributeColumn,
      Map<FieldType, Set<SearchOperator>> operators) {
    this.resource = resource;
    this.fields = Map.copyOf(fields);
    this.customAttributeColumn = customAttributeColumn;
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
    if (customAttributeColumn != null
        && name.startsWith(CUSTOM_ATTRIBUTES)
        && name.length() > CUSTOM_ATTRIBUTES.length()) {
      String attribute = name.substring(CUSTOM_ATTRIBUTES.length());
      return Optional.of(
          new SearchField(
              name,
              FieldType.STRING,
              operators.get(FieldType.STRING),
              Comparison.STRICT,
              new SearchTarget.CustomAttribute(customAttributeColumn, attribute)));
    }
    return Optional.empty();
  }

  /** Starts a registry whose types accept {@code operators} and compare as {@code comparisons}. */
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
    private String customAttributeColumn;

    private Builder(
        String resource,
        Map<FieldType, Set<SearchOperator>> operators,
        Map<FieldType, Comparison> comparisons) {
      this.resource = resource;
      this.operators = new EnumMap<>(operators);
      this.comparisons = new EnumMap<>(comparisons);
    }

    Builder field(String name, FieldType type, SearchTarget target) {
      return field(name, type, operators.get(type), target);
    }

    Builder field(String name, FieldType type, Set<SearchOperator> allowed, SearchTarget target) {
      if (fields.put(name, new SearchField(name, type, allowed, comparisons.get(type), target))
          != null) {
        throw new IllegalStateException("search field defined twice: " + name);
      }
      return this;
    }

    Builder string(String name, SearchTarget target) {
      return field(name, FieldType.STRING, target);
    }

    Builder integer(String name, SearchTarget target) {
      return field(name, FieldType.INTEGER, target);
    }

    Builder bool(String name, SearchTarget target) {
      return field(name, FieldType.BOOLEAN, target);
    }

    Builder date(String name, SearchTarget target) {
      return field(name, FieldType.DATE, target);
    }

    /** Fields parley keeps no data for: null on every row. */
    Builder absent(FieldType type, String... names) {
      for (String name : names) {
        field(name, type, new SearchTarget.Absent());
      }
      return this;
    }

    /** Enables {@code custom_attributes.{name}} over a JSON object column of {@code c}. */
    Builder customAttributes(String column) {
      this.customAttributeColumn = column;
      return this;
    }

    SearchFields build() {
      return new SearchFields(resource, fields, customAttributeColumn, operators);
    }
  }
}
