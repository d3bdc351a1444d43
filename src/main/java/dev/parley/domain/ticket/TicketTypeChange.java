package dev.parley.domain.ticket;

/**
 * The fields {@code createTicketType} or {@code updateTicketType} sets; null leaves a field as it
 * is (on create: its default).
 *
 * @param category {@code Customer}, {@code Back-office} or {@code Tracker}
 * @param archived update only
 */
public record TicketTypeChange(
    String name,
    String description,
    String icon,
    String category,
    Boolean internal,
    Boolean archived) {}
