package dev.parley.domain.ticket;

import java.util.Map;

/**
 * What {@code PUT /tickets/{id}} ({@code updateTicket}) changes; null fields stay as they are.
 *
 * @param attributes attribute name to value (null values clear), merged into the ticket's
 * @param ticketStateId a state of the workspace
 * @param open false closes (and unsnoozes), true opens
 * @param shared Intercom's {@code is_shared}
 * @param snoozedUntil Unix seconds: snoozes the ticket until then
 * @param adminId the admin acting (must exist when given)
 * @param assigneeId an admin or team id; 0 unassigns
 */
public record TicketUpdate(
    Map<String, Object> attributes,
    Long ticketStateId,
    Boolean open,
    Boolean shared,
    Long snoozedUntil,
    Long adminId,
    Long assigneeId) {}
