package dev.parley.domain.ticket;

/**
 * The fields {@code createTicketTypeAttribute} or {@code updateTicketTypeAttribute} sets; null
 * leaves a field as it is (on create: its default).
 *
 * @param dataType create only: one of {@link TicketTypeAttribute#DATA_TYPES}
 * @param listItems a comma-separated list of a list attribute's options
 * @param archived update only
 */
public record AttributeChange(
    String name,
    String description,
    String dataType,
    Boolean requiredToCreate,
    Boolean requiredToCreateForContacts,
    Boolean visibleOnCreate,
    Boolean visibleToContacts,
    Boolean multiline,
    String listItems,
    Boolean allowMultipleValues,
    Boolean archived) {}
