package dev.parley.domain.search;

import java.util.List;

/**
 * A validated search query: Intercom's {@code single_filter_search_request} ({@link Filter}) or
 * {@code multiple_filter_search_request} ({@link Group}), with every field resolved and every value
 * converted to its field's type. Built only by {@link SearchParser}.
 */
public sealed interface SearchQuery {

  /**
   * One comparison.
   *
   * @param values the array items for {@code IN} and {@code NIN}; otherwise exactly one value,
   *     which is null only for {@code = null} and {@code != null}. Each value is a {@code String}
   *     ({@link FieldType#STRING}), a {@code Long} ({@link FieldType#INTEGER}, {@link
   *     FieldType#DATE}) or a {@code Boolean} ({@link FieldType#BOOLEAN}).
   */
  record Filter(SearchField field, SearchOperator operator, List<Object> values)
      implements SearchQuery {

    /**
     * The single value of a non-array operator (null for {@code = null}), or null for an {@code IN}
     * or {@code NIN} with an empty array.
     */
    public Object value() {
      return values.isEmpty() ? null : values.get(0);
    }
  }

  /** {@code AND} or {@code OR} over nested queries. */
  record Group(Logic logic, List<SearchQuery> items) implements SearchQuery {
    public Group {
      items = List.copyOf(items);
    }
  }

  /** How a group combines its items. */
  enum Logic {
    AND,
    OR
  }
}
