package dev.parley.domain.ticket;

import java.util.List;

/**
 * A ticket type as the API renders it: its row, its attributes in order, and the ticket states it
 * uses (every state of its workspace that is not archived).
 */
public record TicketTypeDetails(
    TicketType type, List<TicketTypeAttribute> attributes, List<TicketState> states) {}
