package dev.parley.domain.search;

import java.util.Optional;

/**
 * The comparison operators of {@code single_filter_search_request.operator} in Intercom's REST API
 * 2.14. Which of them a field accepts depends on its {@link FieldType} and on the resource's rules
 * ({@link SearchFields}).
 */
public enum SearchOperator {
  EQ("="),
  NE("!="),
  IN("IN"),
  NIN("NIN"),
  LT("<"),
  LE("<="),
  GT(">"),
  GE(">="),
  CONTAINS("~"),
  NOT_CONTAINS("!~"),
  STARTS_WITH("^"),
  ENDS_WITH("$");

  private final String symbol;

  SearchOperator(String symbol) {
    this.symbol = symbol;
  }

  /** The operator as Intercom writes it, e.g. {@code "!~"}. */
  public String symbol() {
    return symbol;
  }

  /** Whether the value must be an array ({@code IN}, {@code NIN}). */
  public boolean takesArray() {
    return this == IN || this == NIN;
  }

  /**
   * Whether the operator matches rows that lack the value: {@code !=}, {@code NIN} and {@code !~}
   * are negations, so a field that is null (or a list that is empty) satisfies them.
   */
  public boolean negative() {
    return this == NE || this == NIN || this == NOT_CONTAINS;
  }

  /** The operator Intercom writes as {@code symbol}, if it is one. */
  public static Optional<SearchOperator> of(String symbol) {
    for (SearchOperator operator : values()) {
      if (operator.symbol.equals(symbol)) {
        return Optional.of(operator);
      }
    }
    return Optional.empty();
  }
}
