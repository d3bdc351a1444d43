package dev.parley.domain.ticket;

import java.util.List;
import java.util.Map;

/**
 * One data field of a ticket type (Intercom's {@code ticket_type_attribute}).
 *
 * @param id rendered as a string
 * @param dataType one of {@link #DATA_TYPES}
 * @param inputOptions {@code {"multiline": bool}} for strings, {@code {"list_options": [...]}} for
 *     lists, {@code {"allow_multiple_values": bool}} for files; null for the other types
 * @param order the attribute's position in its type, from 0
 * @param builtIn Intercom's {@code default}: the {@code _default_title_} and {@code
 *     _default_description_} every type starts with
 * @param createdAt Unix seconds; likewise updatedAt
 */
public record TicketTypeAttribute(
    long workspaceId,
    long id,
    long ticketTypeId,
    String name,
    String description,
    String dataType,
    Map<String, Object> inputOptions,
    int order,
    boolean requiredToCreate,
    boolean requiredToCreateForContacts,
    boolean visibleOnCreate,
    boolean visibleToContacts,
    boolean builtIn,
    boolean archived,
    long createdAt,
    long updatedAt) {

  /** The data types 2.14 gives ticket type attributes. */
  public static final List<String> DATA_TYPES =
      List.of("string", "list", "integer", "decimal", "boolean", "datetime", "files");
}
