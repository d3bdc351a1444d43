package dev.parley.store.search;

import dev.parley.domain.search.BodyWords;
import dev.parley.domain.search.SearchOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The request values of a search as {@link SearchCompiler} binds them: ids, lower-cased text, body
 * words and {@code LIKE} patterns (escape character {@code !}).
 */
final class SearchValues {
  private SearchValues() {}

  /** The values that are exactly one word each, as words; others can match no word. */
  static List<String> singleWords(List<Object> values) {
    List<String> words = new ArrayList<>();
    for (Object value : values) {
      List<String> tokens = BodyWords.ofValue((String) value);
      if (tokens.size() == 1 && !words.contains(tokens.get(0))) {
        words.add(tokens.get(0));
      }
    }
    return words;
  }

  static List<Long> ids(List<Object> values) {
    List<Long> ids = new ArrayList<>();
    for (Object value : values) {
      String text = ((String) value).trim();
      if (!text.isEmpty()
          && text.length() <= 19
          && text.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
        long id;
        try {
          id = Long.parseLong(text);
        } catch (NumberFormatException aboveLongRange) {
          continue; // no id is that large: the value matches none
        }
        if (!ids.contains(id)) {
          ids.add(id);
        }
      }
    }
    return ids;
  }

  static List<Object> lowerCased(List<Object> values) {
    List<Object> lower = new ArrayList<>(values.size());
    for (Object value : values) {
      lower.add(value instanceof String s ? s.toLowerCase(Locale.ROOT) : value);
    }
    return lower;
  }

  /** The LIKE pattern of a text operator, with {@code !} as the escape character. */
  static String pattern(SearchOperator op, String value) {
    String escaped = escape(value);
    return switch (op) {
      case STARTS_WITH -> escaped + "%";
      case ENDS_WITH -> "%" + escaped;
      default -> "%" + escaped + "%";
    };
  }

  static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length() + 4);
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (ch == '!' || ch == '%' || ch == '_') {
        out.append('!');
      }
      out.append(ch);
    }
    return out.toString();
  }
}
