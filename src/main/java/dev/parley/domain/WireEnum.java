package dev.parley.domain;

/**
 * An enum whose constants stand for the fixed strings of a closed set in Intercom's wire format (a
 * conversation's {@code state}, a part's {@code part_type}, ...). The wire value is the constant's
 * name in lower case ({@code ASSIGN_AND_REOPEN} is {@code "assign_and_reopen"}), computed once per
 * enum. The same string is what parley stores in the column that holds the value, so that JSON and
 * stored rows read alike and existing stores need no migration.
 *
 * <p>Implemented by enums only; each offers a static {@code fromWire(String)} that calls {@link
 * #fromWire(Class, String, String)}.
 */
public interface WireEnum {

  /** The string this constant is written as in JSON and stored as, e.g. {@code "open"}. */
  default String wireValue() {
    Enum<?> constant = (Enum<?>) this;
    return WireTable.of(constant.getDeclaringClass()).wireValue(constant.ordinal());
  }

  /**
   * The constant of {@code type} whose wire value is {@code value}.
   *
   * @param what what the value is, for the message, e.g. {@code "conversation state"}
   * @throws IllegalArgumentException "unknown {what}: {value}" when no constant has that wire value
   *     (null included)
   */
  static <E extends Enum<E> & WireEnum> E fromWire(Class<E> type, String value, String what) {
    Enum<?> found = WireTable.of(type).constant(value);
    if (found == null) {
      throw new IllegalArgumentException("unknown " + what + ": " + value);
    }
    return type.cast(found);
  }
}
