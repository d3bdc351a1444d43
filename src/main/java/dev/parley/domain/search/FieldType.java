package dev.parley.domain.search;

/**
 * The value types of Intercom's searchable fields, as the "Accepted Fields" tables of the search
 * operations name them. A filter's value must match its field's type.
 */
public enum FieldType {
  /** Text; an integer value is taken as its decimal text (ids are sent both ways). */
  STRING,
  /** A 64-bit integer; a JSON number or a string of digits. */
  INTEGER,
  /** A JSON boolean, or the strings {@code "true"} and {@code "false"}. */
  BOOLEAN,
  /**
   * A Unix timestamp in seconds, as an integer or a string of digits. A value in milliseconds is
   * valid input too: it is compared as it is, and so simply matches what it matches.
   */
  DATE
}
