package dev.parley.domain.search;

import java.util.Set;

/**
 * One searchable field of a resource: Intercom's name for it, its value type, the operators it
 * accepts, how {@code <} and {@code >} compare, and whether parley keeps its values. Where the
 * values live (columns, SQL) is the store's business: {@code dev.parley.store.search}.
 *
 * @param name Intercom's field name, e.g. {@code "source.author.email"}
 * @param operators the operators this field accepts; any other answers 400
 * @param data whether parley keeps values for the field
 * @param attribute for an attribute field ({@link Data#CUSTOM_ATTRIBUTE}: {@code
 *     custom_attributes.{name}}, {@code ticket_attribute.{id}}), the key of its value in the
 *     resource's JSON object of attributes (the name); null for any other field
 */
public record SearchField(
    String name,
    FieldType type,
    Set<SearchOperator> operators,
    Comparison comparison,
    Data data,
    String attribute) {

  public SearchField {
    operators = Set.copyOf(operators);
  }

  /** A field that is no attribute field. */
  public SearchField(
      String name,
      FieldType type,
      Set<SearchOperator> operators,
      Comparison comparison,
      Data data) {
    this(name, type, operators, comparison, data, null);
  }

  /** Whether parley keeps values for a field. */
  public enum Data {
    /** The resource stores the field's values (a column, a linked table, a derived value). */
    KEPT,
    /**
     * One key of the resource's attributes ({@code custom_attributes.{name}} of conversations and
     * contacts, {@code ticket_attribute.{id}} of tickets; the key is {@link #attribute}), compared
     * as the text of its value: a string as it is, a number in decimal, a boolean as {@code true}
     * or {@code false}; objects, arrays and missing keys are null.
     */
    CUSTOM_ATTRIBUTE,
    /**
     * A field Intercom has and parley keeps no data for (ratings, AI agent, browser ...): it is
     * null on every row, so {@code =} and the other positive operators match nothing, {@code !=},
     * {@code NIN} and {@code !~} match everything, {@code = null} matches everything.
     */
    NONE
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
