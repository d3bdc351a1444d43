package dev.parley.domain.ticket;

/**
 * A ticket type's own row (Intercom's {@code ticket_type} without its attributes and states).
 *
 * @param id rendered as a string
 * @param category {@code Customer}, {@code Back-office} or {@code Tracker}
 * @param createdAt Unix seconds; likewise updatedAt
 */
public record TicketType(
    long workspaceId,
    long id,
    String name,
    String description,
    String icon,
    String category,
    boolean internal,
    boolean archived,
    long createdAt,
    long updatedAt) {

  /** The categories of ticket types, as 2.14 spells them. */
  public static final java.util.List<String> CATEGORIES =
      java.util.List.of("Customer", "Back-office", "Tracker");

  /** The icon of a ticket type created without one (the description's default). */
  public static final String DEFAULT_ICON = "\uD83C\uDF9F\uFE0F";
}
