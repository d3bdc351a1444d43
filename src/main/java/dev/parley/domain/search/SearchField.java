package dev.parley.domain.search;

import java.util.Set;

/**
 * One searchable field of a resource: Intercom's name for it, its value type, the operators it
 * accepts, how {@code <} and {@code >} compare, and where its values live.
 *
 * @param name Intercom's field name, e.g. {@code "source.author.email"}
 * @param operators the operators this field accepts; any other answers 400
 */
public record SearchField(
    String name,
    FieldType type,
    Set<SearchOperator> operators,
    Comparison comparison,
    SearchTarget target) {

  public SearchField {
    operators = Set.copyOf(operators);
  }

  /** How the ordering operators of a field compare. */
  public enum Comparison {
    /** {@code <}, {@code <=}, {@code >}, {@code >=} as written (contact integers). */
    STRICT,
    /**
     * Conversation integers and dates: the description reads {@code >} as "Greater (or equal) than"
     * and {@code <} as "Lower (or equal) than", so both include the value; {@code >=} and {@code
     * <=} are the same.
     */
    INCLUSIVE,
    /**
     * Contact dates, matched by calendar day (UTC, parley has no workspace time zone): the value is
     * truncated to its day; {@code =} matches the whole day, {@code >} starts at the next day,
     * {@code <} ends before the day.
     */
    BY_DAY
  }
}
