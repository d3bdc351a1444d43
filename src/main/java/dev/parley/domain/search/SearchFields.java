package dev.parley.domain.search;

import dev.parley.domain.search.SearchField.Comparison;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The searchable fields of one resource, by Intercom name, with the resource's rules: which
 * operators each {@link FieldType} accepts and how ordering operators compare. Fields named with
 * the resource's attribute prefix ({@code custom_attributes.{name}} of conversations and contacts,
 * {@code ticket_attribute.{id}} of tickets) resolve to attribute fields when the resource has them.
 */
public final class SearchFields {
  /** The prefix of custom attribute fields. */
  public static final String CUSTOM_ATTRIBUTES = "custom_attributes.";

  private final String resource;
  private final Map<String, SearchField> fields;
  private final String attributePrefix;
  private final Function<String, Optional<String>> attributeKeys;
  private final Map<FieldType, Set<SearchOperator>> operators;

  private SearchFields(
      String resource,
      Map<String, SearchField> fields,
      String attributePrefix,
      Function<String, Optional<String>> attributeKeys,
      Map<FieldType, Set<SearchOperator>> operators) {
    this.resource = resource;
    this.fields = Map.copyOf(fields);
    this.attributePrefix = attributePrefix;
    this.attributeKeys = attributeKeys;
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
   * The field Intercom calls {@code name}: a named field, or an attribute when the resource has
   * them and knows the attribute. Empty for an unknown name.
   */
  public Optional<SearchField> find(String name) {
    SearchField field = fields.get(name);
    if (field != null) {
      return Optional.of(field);
    }
    if (attributePrefix == null
        || !name.startsWith(attributePrefix)
        || name.length() == attributePrefix.length()) {
      return Optional.empty();
    }
    return attributeKeys
        .apply(name.substring(attributePrefix.length()))
        .map(
            key ->
                new SearchField(
                    name,
                    FieldType.STRING,
                    operators.get(FieldType.STRING),
                    Comparison.STRICT,
                    SearchField.Data.CUSTOM_ATTRIBUTE,
                    key));
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
    private String attributePrefix;
    private Function<String, Optional<String>> attributeKeys;

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
      return attributes(CUSTOM_ATTRIBUTES, Optional::of);
    }

    /**
     * Enables attribute fields {@code prefix}{@code {ref}}, strings compared as the text of the
     * value kept under the key {@code keys} gives for {@code ref} (empty: no such field).
     */
    Builder attributes(String prefix, Function<String, Optional<String>> keys) {
      this.attributePrefix = prefix;
      this.attributeKeys = keys;
      return this;
    }

    SearchFields build() {
      return new SearchFields(resource, fields, attributePrefix, attributeKeys, operators);
    }
  }
}
