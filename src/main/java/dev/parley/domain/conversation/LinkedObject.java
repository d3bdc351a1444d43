package dev.parley.domain.conversation;

/**
 * One of a conversation's or ticket's linked objects (Intercom's {@code linked_object}): the other
 * side of a link made by {@code createTicket}'s {@code conversation_to_link_id}.
 *
 * @param id the linked conversation's or ticket's id (a ticket's id is its conversation's)
 * @param ticketCategory {@code Customer}, {@code Back-office} or {@code Tracker} when the linked
 *     object is a ticket; null for a plain conversation
 */
public record LinkedObject(long id, String ticketCategory) {}
