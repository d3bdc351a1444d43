package dev.parley.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The wire values of one {@link WireEnum}'s constants and the way back, computed once per enum
 * class (a {@link ClassValue}): reading and rendering a conversation maps hundreds of values.
 */
final class WireTable {
  private static final ClassValue<WireTable> TABLES =
      new ClassValue<>() {
        @Override
        protected WireTable computeValue(Class<?> type) {
          return new WireTable(type.getEnumConstants());
        }
      };

  private final List<String> wireValues;
  private final Map<String, Enum<?>> constants = new HashMap<>();

  private WireTable(Object[] enumConstants) {
    String[] values = new String[enumConstants.length];
    for (Object constant : enumConstants) {
      Enum<?> e = (Enum<?>) constant;
      values[e.ordinal()] = e.name().toLowerCase(Locale.ROOT);
      constants.put(values[e.ordinal()], e);
    }
    this.wireValues = List.of(values);
  }

  /** The table of an enum class. */
  static WireTable of(Class<?> enumType) {
    return TABLES.get(enumType);
  }

  String wireValue(int ordinal) {
    return wireValues.get(ordinal);
  }

  /** The constant with that wire value, or null. */
  Enum<?> constant(String wireValue) {
    return wireValue == null ? null : constants.get(wireValue);
  }
}
