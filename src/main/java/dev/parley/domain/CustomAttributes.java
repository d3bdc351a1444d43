package dev.parley.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Intercom's update of an object's {@code custom_attributes} (contacts, conversations): the given
 * attributes replace the stored ones of the same name, a {@code null} value removes one, and the
 * attributes not given stay as they are.
 */
public final class CustomAttributes {
  private CustomAttributes() {}

  /**
   * The attributes after an update, in their stored order with new ones last.
   *
   * @param current the stored attributes
   * @param changes the request's {@code custom_attributes}, null when it has none
   */
  public static Map<String, Object> merge(Map<String, Object> current, Map<String, ?> changes) {
    Map<String, Object> merged = new LinkedHashMap<>(current);
    if (changes != null) {
      changes.forEach(
          (name, value) -> {
            if (value == null) {
              merged.remove(name);
            } else {
              merged.put(name, value);
            }
          });
    }
    return merged;
  }
}
