package dev.parley.domain.ticket;

import dev.parley.domain.conversation.ConversationDetails;

/**
 * A ticket with everything it renders with: its ticket columns, its type (with attributes and
 * states), its current state, and its conversation (contacts, parts, assignees, times).
 */
public record TicketDetails(
    Ticket ticket, TicketTypeDetails type, TicketState state, ConversationDetails conversation) {}
