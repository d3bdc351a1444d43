package dev.parley.domain.ticket;

import dev.parley.domain.ApiException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a ticket's {@code ticket_attributes} against its type's attributes (Intercom's "Ticket
 * Type Attributes" data types): every name must be an attribute of the type that is not archived,
 * every value of its data type; on create, every {@code required_to_create} attribute must have a
 * value. Errors are 400 and name the attribute.
 */
final class TicketAttributes {
  private TicketAttributes() {}

  /**
   * {@code current} with {@code given} merged in (a null value removes the attribute); list values
   * are stored as the option's label.
   *
   * @param creating whether {@code required_to_create} applies
   * @throws ApiException 400 {@code parameter_invalid} for an unknown attribute or a value of the
   *     wrong type; 400 {@code parameter_not_found} for a required attribute without a value
   */
  static Map<String, Object> merge(
      List<TicketTypeAttribute> attributes,
      Map<String, Object> current,
      Map<String, Object> given,
      boolean creating) {
    Map<String, Object> out = new LinkedHashMap<>(current);
    for (Map.Entry<String, Object> entry : given.entrySet()) {
      String name = entry.getKey();
      TicketTypeAttribute attribute =
          attributes.stream()
              .filter(a -> !a.archived() && a.name().equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      ApiException.invalid(name, "The ticket type has no attribute named " + name));
      if (entry.getValue() == null) {
        out.remove(name);
      } else {
        out.put(name, checked(attribute, entry.getValue()));
      }
    }
    if (creating) {
      for (TicketTypeAttribute a : attributes) {
        Object value = out.get(a.name());
        boolean blank = value == null || (value instanceof String s && s.isBlank());
        if (a.requiredToCreate() && !a.archived() && blank) {
          throw ApiException.missing(a.name());
        }
      }
    }
    return out;
  }

  private static Object checked(TicketTypeAttribute a, Object value) {
    String name = a.name();
    switch (a.dataType()) {
      case "string" -> {
        if (value instanceof String) {
          return value;
        }
      }
      case "list" -> {
        if (value instanceof String s) {
          return listLabel(a, s);
        }
      }
      case "integer", "datetime" -> {
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
          return value;
        }
      }
      case "decimal" -> {
        if (value instanceof Number) {
          return value instanceof BigDecimal d ? d.doubleValue() : value;
        }
      }
      case "boolean" -> {
        if (value instanceof Boolean) {
          return value;
        }
      }
      case "files" ->
          throw ApiException.invalid(
              name, "The files attribute " + name + " cannot be set through the REST API");
      default -> {}
    }
    throw ApiException.invalid(name, "The attribute " + name + " must be a " + a.dataType());
  }

  private static String listLabel(TicketTypeAttribute a, String given) {
    Object options = a.inputOptions() == null ? null : a.inputOptions().get("list_options");
    if (options instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> option
            && (given.equals(String.valueOf(option.get("id")))
                || given.equals(String.valueOf(option.get("value"))))) {
          return String.valueOf(option.get("value"));
        }
      }
    }
    throw ApiException.invalid(
        a.name(), "The attribute " + a.name() + " has no list option " + given);
  }
}
