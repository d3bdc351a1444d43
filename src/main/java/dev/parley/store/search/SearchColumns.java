package dev.parley.store.search;

import dev.parley.domain.search.SearchField;
import dev.parley.domain.search.SearchFields;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the kept fields of one resource's search live in SQL: a {@link SearchTarget} per field name
 * of the resource's {@link SearchFields}, written over the alias {@code c} of its table, and the
 * JSON column of its custom attributes.
 */
public final class SearchColumns {
  private final Map<String, SearchTarget> targets;
  private final String customAttributeColumn;

  private SearchColumns(Map<String, SearchTarget> targets, String customAttributeColumn) {
    this.targets = Map.copyOf(targets);
    this.customAttributeColumn = customAttributeColumn;
  }

  /**
   * Where {@code field}'s values live: its registered target, the custom attribute column for a
   * {@code custom_attributes.{name}} field, {@link SearchTarget.Absent} for a field parley keeps no
   * data for.
   *
   * @throws IllegalStateException for a kept field without a target (a registry out of step with
   *     the domain's fields)
   */
  public SearchTarget target(SearchField field) {
    return switch (field.data()) {
      case NONE -> new SearchTarget.Absent();
      case CUSTOM_ATTRIBUTE ->
          new SearchTarget.CustomAttribute(customAttributeColumn, field.attribute());
      case KEPT -> {
        SearchTarget target = targets.get(field.name());
        if (target == null) {
          throw new IllegalStateException("no search column for field " + field.name());
        }
        yield target;
      }
    };
  }

  /** The field names with a target, in no particular order. */
  public Map<String, SearchTarget> all() {
    return targets;
  }

  static Builder builder() {
    return new Builder();
  }

  /** Collects the targets of a registry. */
  static final class Builder {
    private final Map<String, SearchTarget> targets = new LinkedHashMap<>();
    private String customAttributeColumn;

    private Builder() {}

    Builder put(String name, SearchTarget target) {
      if (targets.put(name, target) != null) {
        throw new IllegalStateException("search column defined twice: " + name);
      }
      return this;
    }

    /** Custom attributes live in the JSON object column {@code column} of {@code c}. */
    Builder customAttributes(String column) {
      this.customAttributeColumn = column;
      return this;
    }

    SearchColumns build() {
      return new SearchColumns(targets, customAttributeColumn);
    }
  }
}
