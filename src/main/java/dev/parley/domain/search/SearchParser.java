package dev.parley.domain.search;

import dev.parley.domain.ApiException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses and validates the {@code query} of Intercom's {@code search_request} (REST API 2.14,
 * {@code searchConversations} and {@code SearchContacts}) into a {@link SearchQuery}.
 *
 * <p>Input is the query as parsed JSON: {@code Map<String, Object>} objects, {@code List} arrays,
 * {@code String}, {@code Integer}/{@code Long}/{@code BigInteger}/{@code Double} numbers, {@code
 * Boolean} and null. An object with a {@code field} is a single filter ({@code {field, operator,
 * value}}); one without is a group ({@code {operator: AND|OR, value: [...]}}) whose items may be
 * filters or groups.
 *
 * <p>Every problem is a 400 {@code parameter_invalid} naming the JSON path at fault (e.g. {@code
 * query.value[1].operator}): a missing or non-object query; an unknown field; an operator that is
 * not in the schema's enum, or that the field's type does not allow; a value of the wrong type
 * ({@code created_at} with {@code "foorbar"}); a scalar for {@code IN}/{@code NIN} or an array for
 * anything else; {@code AND}/{@code OR} on an object with a field; groups nested deeper than
 * {@value #MAX_DEPTH} levels ("(1 OR 2) AND (3 OR 4)" is the deepest allowed) or holding more than
 * {@value #MAX_GROUP_SIZE} filters (the limits of Intercom's description); more than {@value
 * #MAX_VALUES} values in one query (all filters and arrays together, which keeps the compiled SQL
 * within every database's limit of parameters); a string value longer than {@value
 * #MAX_STRING_LENGTH} characters.
 */
public final class SearchParser {
  /** Groups nest at most this deep: a top-level group and the groups directly inside it. */
  public static final int MAX_DEPTH = 2;

  /** Filters (and groups) in one AND or OR group, at most. */
  public static final int MAX_GROUP_SIZE = 15;

  /** Values in one query, at most: every filter's value and every item of its arrays. */
  public static final int MAX_VALUES = 1000;

  /** Characters in one string value, at most. */
  public static final int MAX_STRING_LENGTH = 4096;

  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");
  private static final String OPERATORS = "= != IN NIN < <= > >= ~ !~ ^ $";

  private final SearchFields fields;
  private int values;

  private SearchParser(SearchFields fields) {
    this.fields = fields;
  }

  /**
   * The validated query.
   *
   * @param query the request's {@code query} as parsed JSON; null when it is missing
   * @param fields the searchable fields of the resource
   * @throws ApiException 400 {@code parameter_invalid} naming the path at fault
   */
  public static SearchQuery parse(Object query, SearchFields fields) {
    if (query == null) {
      throw ApiException.invalid("query", "query is required");
    }
    return new SearchParser(fields).node(query, "query", 0);
  }

  private SearchQuery node(Object node, String path, int depth) {
    if (!(node instanceof Map<?, ?> map)) {
      throw ApiException.invalid(path, path + " must be an object");
    }
    Object operator = map.get("operator");
    if (operator == null) {
      throw ApiException.invalid(path + ".operator", path + ".operator is required");
    }
    if (!(operator instanceof String op)) {
      throw ApiException.invalid(path + ".operator", path + ".operator must be a string");
    }
    boolean logical = "AND".equals(op) || "OR".equals(op);
    if (map.containsKey("field")) {
      if (logical) {
        throw ApiException.invalid(
            path + ".operator",
            op
                + " cannot be used on a single filter: "
                + path
                + " has a field; use one of "
                + OPERATORS);
      }
      return filter(map, op, path);
    }
    if (!logical) {
      if (SearchOperator.of(op).isPresent()) {
        throw ApiException.invalid(
            path + ".field", path + ".field is required with operator " + op);
      }
      throw ApiException.invalid(
          path + ".operator",
          path + ".operator must be AND or OR, or one of " + OPERATORS + " with a field");
    }
    return group(map, op, path, depth + 1);
  }

  private SearchQuery group(Map<?, ?> map, String op, String path, int depth) {
    if (depth > MAX_DEPTH) {
      throw ApiException.invalid(
          path,
          path + " is nested too deep: filters can be nested at most " + MAX_DEPTH + " levels");
    }
    Object value = map.get("value");
    if (!(value instanceof List<?> items)) {
      throw ApiException.invalid(path + ".value", path + ".value must be an array of filters");
    }
    if (items.size() > MAX_GROUP_SIZE) {
      throw ApiException.invalid(
          path + ".value",
          path
              + ".value holds "
              + items.size()
              + " filters: an AND or OR group holds at most "
              + MAX_GROUP_SIZE);
    }
    List<SearchQuery> parsed = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      parsed.add(node(items.get(i), path + ".value[" + i + "]", depth));
    }
    return new SearchQuery.Group(
        "AND".equals(op) ? SearchQuery.Logic.AND : SearchQuery.Logic.OR, parsed);
  }

  private SearchQuery filter(Map<?, ?> map, String op, String path) {
    Object name = map.get("field");
    if (!(name instanceof String fieldName) || fieldName.isEmpty()) {
      throw ApiException.invalid(path + ".field", path + ".field must be a field name");
    }
    SearchOperator operator =
        SearchOperator.of(op)
            .orElseThrow(
                () ->
                    ApiException.invalid(
                        path + ".operator", path + ".operator must be one of " + OPERATORS));
    Optional<SearchField> found = fields.find(fieldName);
    if (found.isEmpty()) {
      throw ApiException.invalid(
          path + ".field", fieldName + " is not a searchable " + fields.resource() + " field");
    }
    SearchField field = found.get();
    if (field.data() == SearchField.Data.CUSTOM_ATTRIBUTE) {
      checkAttributeName(field.attribute(), path);
    }
    if (!field.operators().contains(operator)) {
      throw ApiException.invalid(
          path + ".operator",
          "operator " + op + " cannot be used on " + fieldName + " (" + typeName(field) + ")");
    }
    if (!map.containsKey("value")) {
      throw ApiException.invalid(path + ".value", path + ".value is required");
    }
    Object value = map.get("value");
    String valuePath = path + ".value";
    if (operator.takesArray()) {
      if (!(value instanceof List<?> items)) {
        throw ApiException.invalid(valuePath, valuePath + " must be an array for " + op);
      }
      count(items.size(), valuePath);
      List<Object> values = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        Object item = items.get(i);
        String itemPath = valuePath + "[" + i + "]";
        if (item == null) {
          throw ApiException.invalid(itemPath, itemPath + " must not be null");
        }
        values.add(convert(item, field, itemPath));
      }
      return new SearchQuery.Filter(field, operator, Collections.unmodifiableList(values));
    }
    if (value instanceof List<?> || value instanceof Map<?, ?>) {
      throw ApiException.invalid(
          valuePath,
          valuePath + " must be a single value for " + op + " (arrays go with IN and NIN)");
    }
    if (value == null && operator != SearchOperator.EQ && operator != SearchOperator.NE) {
      throw ApiException.invalid(valuePath, valuePath + " can be null only with = and !=");
    }
    count(1, valuePath);
    Object converted = value == null ? null : convert(value, field, valuePath);
    return new SearchQuery.Filter(
        field, operator, Collections.unmodifiableList(Arrays.asList(converted)));
  }

  private void count(int more, String path) {
    values += more;
    if (values > MAX_VALUES) {
      throw ApiException.invalid(
          path, "a query holds at most " + MAX_VALUES + " values; " + path + " goes beyond");
    }
  }

  /** A value converted to the field's type, or a 400 naming {@code path}. */
  private static Object convert(Object value, SearchField field, String path) {
    return switch (field.type()) {
      case STRING -> string(value, field, path);
      case INTEGER, DATE -> integer(value, field, path);
      case BOOLEAN -> bool(value, field, path);
    };
  }

  private static String string(Object value, SearchField field, String path) {
    String text;
    if (value instanceof String s) {
      text = s;
    } else if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
      text = value.toString();
    } else if (value instanceof Boolean b && field.data() == SearchField.Data.CUSTOM_ATTRIBUTE) {
      text = b.toString();
    } else {
      throw wrongType(field, path);
    }
    if (text.length() > MAX_STRING_LENGTH) {
      throw ApiException.invalid(
          path, path + " is longer than " + MAX_STRING_LENGTH + " characters");
    }
    return text;
  }

  private static Long integer(Object value, SearchField field, String path) {
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof Long l) {
      return l;
    }
    if (value instanceof String s) {
      String trimmed = s.trim();
      if (INTEGER.matcher(trimmed).matches()) {
        try {
          return Long.parseLong(trimmed);
        } catch (NumberFormatException e) {
          // beyond 64 bits: the error below
        }
      }
    }
    throw wrongType(field, path);
  }

  private static Boolean bool(Object value, SearchField field, String path) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s) {
      String text = s.trim().toLowerCase(Locale.ROOT);
      if (text.equals("true") || text.equals("false")) {
        return Boolean.valueOf(text);
      }
    }
    throw wrongType(field, path);
  }

  private static ApiException wrongType(SearchField field, String path) {
    String expected =
        switch (field.type()) {
          case STRING -> "a string";
          case INTEGER -> "an integer";
          case DATE -> "a Unix timestamp (integer seconds)";
          case BOOLEAN -> "true or false";
        };
    return ApiException.invalid(path, path + " must be " + expected + " for " + field.name());
  }

  private static void checkAttributeName(String name, String path) {
    if (name.length() > 190 || name.indexOf('"') >= 0 || name.indexOf('\\') >= 0) {
      throw ApiException.invalid(
          path + ".field",
          "custom attribute names to search must be at most 190 characters, without \" or \\");
    }
  }

  private static String typeName(SearchField field) {
    return switch (field.type()) {
      case STRING -> "a string field";
      case INTEGER -> "an integer field";
      case DATE -> "a date field";
      case BOOLEAN -> "a boolean field";
    };
  }
}
