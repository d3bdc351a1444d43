package dev.parley.domain.ticket;

import java.util.Map;

/**
 * The ticket columns of a conversation row (Intercom's {@code ticket} without what it shares with
 * its conversation: contacts, parts, assignees, open/snoozed, times). A ticket IS a conversation:
 * {@code id} is the conversation's id, and erasing the conversation erases the ticket.
 *
 * @param id the conversation id; rendered as the ticket's {@code id} string
 * @param number Intercom's {@code ticket_id}: the number shown in the inbox, rendered as a string
 * @param category {@code Customer}, {@code Back-office} or {@code Tracker}
 * @param attributes attribute name to value: a string, a number, a boolean or null (sensitive)
 * @param shared Intercom's {@code is_shared}: whether the contact sees the ticket
 */
public record Ticket(
    long workspaceId,
    long id,
    long number,
    long ticketTypeId,
    long ticketStateId,
    String category,
    Map<String, Object> attributes,
    boolean shared) {

  /** A copy with the changeable ticket columns replaced. */
  public Ticket with(long newStateId, Map<String, Object> newAttributes, boolean newShared) {
    return new Ticket(
        workspaceId, id, number, ticketTypeId, newStateId, category, newAttributes, newShared);
  }
}
