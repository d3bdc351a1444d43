package dev.parley.domain;

/**
 * An enum whose constants stand for the fixed strings of a closed set in Intercom's wire format (a
 * conversation's {@code state}, a part's {@code part_type}, ...). The same string is what parley
 * stores in the column that holds the value, so that JSON and stored rows read alike.
 */
public interface WireEnum {

  /** The string this constant is written as in JSON and stored as, e.g. {@code "open"}. */
  String wireValue();

  /**
   * The constant of {@code values} whose wire value is {@code value}.
   *
   * @param values the enum's constants ({@code values()})
   * @param what what the value is, for the message, e.g. {@code "conversation state"}
   * @throws IllegalArgumentException "unknown {what}: {value}" when no constant has that wire value
   *     (null included)
   */
  static <E extends WireEnum> E fromWire(E[] values, String value, String what) {
    for (E constant : values) {
      if (constant.wireValue().equals(value)) {
        return constant;
      }
    }
    throw new IllegalArgumentException("unknown " + what + ": " + value);
  }
}
