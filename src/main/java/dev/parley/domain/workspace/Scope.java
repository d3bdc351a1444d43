package dev.parley.domain.workspace;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A permission an access token carries. {@code read} and {@code write} cover the API's reads and
 * writes; {@code delete_conversations_and_metrics} is Intercom's scope for erasing a conversation
 * together with its reporting record ({@code retain_metrics=false}).
 */
public enum Scope {
  READ,
  WRITE,
  DELETE_CONVERSATIONS_AND_METRICS;

  /** The wire name, e.g. {@code "delete_conversations_and_metrics"}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a comma separated list of wire names.
   *
   * @throws IllegalArgumentException naming the first unknown scope
   */
  public static Set<Scope> parseList(String text) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String part : text.split(",")) {
      String name = part.trim();
      if (name.isEmpty()) {
        continue;
      }
      try {
        scopes.add(Scope.valueOf(name.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown scope: " + name, e);
      }
    }
    return scopes;
  }

  /** The comma separated wire names of {@code scopes}, in declaration order. */
  public static String formatList(Set<Scope> scopes) {
    StringBuilder text = new StringBuilder();
    for (Scope scope : values()) {
      if (scopes.contains(scope)) {
        if (text.length() > 0) {
          text.append(',');
        }
        text.append(scope.wireName());
      }
    }
    return text.toString();
  }
}
