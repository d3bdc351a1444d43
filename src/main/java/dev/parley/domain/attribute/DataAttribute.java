package dev.parley.domain.attribute;

import java.util.List;

/**
 * A data attribute (Intercom's {@code data_attribute}): a built-in attribute of a model, or a
 * custom one a workspace created with {@code POST /data_attributes}.
 *
 * @param id the custom attribute's id; null for a built-in one (Intercom gives those none)
 * @param model {@code "contact"}, {@code "company"} or {@code "conversation"}
 * @param name the attribute's name, e.g. {@code "paid_subscriber"}
 * @param fullName {@code custom_attributes.<name>} for a custom attribute, the dotted path of a
 *     built-in one ({@code plan.name})
 * @param dataType {@code string}, {@code integer}, {@code float}, {@code boolean} or {@code date}
 *     (Unix seconds); a list attribute is a {@code string} with {@code options}
 * @param options the allowed values of a list attribute, null for other attributes
 * @param adminId the admin who created a custom attribute, null for built-ins
 * @param createdAt Unix seconds, null for built-ins; likewise {@code updatedAt}
 */
public record DataAttribute(
    Long id,
    String model,
    String name,
    String fullName,
    String label,
    String description,
    String dataType,
    List<String> options,
    boolean apiWritable,
    boolean messengerWritable,
    boolean uiWritable,
    boolean custom,
    boolean archived,
    Long adminId,
    Long createdAt,
    Long updatedAt) {

  /** A custom attribute as stored ({@code custom} true, {@code api_writable} true). */
  public static DataAttribute custom(
      long id,
      String model,
      String name,
      String dataType,
      String description,
      List<String> options,
      boolean messengerWritable,
      boolean archived,
      Long adminId,
      long createdAt,
      long updatedAt) {
    return new DataAttribute(
        id,
        model,
        name,
        "custom_attributes." + name,
        name,
        description,
        dataType,
        options,
        true,
        messengerWritable,
        false,
        true,
        archived,
        adminId,
        createdAt,
        updatedAt);
  }

  /**
   * Whether {@code value} (a string, a {@code Long}, a {@code Double} or a {@code Boolean}, as a
   * request's {@code custom_attributes} bind) is of this attribute's type: a string for {@code
   * string} (one of the options for a list attribute), an integer for {@code integer} and {@code
   * date} (Unix seconds), any number for {@code float}, a boolean for {@code boolean}.
   */
  public boolean accepts(Object value) {
    return switch (dataType) {
      case "string" ->
          value instanceof String s
              && (options == null || options.isEmpty() || options.contains(s));
      case "integer", "date" -> value instanceof Long || value instanceof Integer;
      case "float" -> value instanceof Number;
      case "boolean" -> value instanceof Boolean;
      default -> true;
    };
  }
}
