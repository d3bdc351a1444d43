package dev.parley.domain.ticket;

import dev.parley.domain.Repositories;
import dev.parley.domain.conversation.AssigneeType;
import dev.parley.domain.conversation.Conversation;
import dev.parley.domain.conversation.ConversationDetails;
import dev.parley.domain.conversation.ConversationNotifications;
import dev.parley.domain.conversation.ConversationPart;
import dev.parley.domain.webhook.Outbox;
import dev.parley.domain.webhook.Topic;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Raises a ticket's webhook topics (Intercom's "Ticket topics"; docs/webhooks.md, "Tickets"). The
 * item is the ticket exactly as {@code getTicket} renders it after the change, except that its
 * {@code ticket_parts} holds only the parts the change wrote. A ticket is a conversation, so its
 * notifications share the conversation's subject ({@code conversation:<id>}): they reach each
 * subscription in the order the ticket's changes committed, beside its conversation topics, and
 * erasing or redacting drops them as it drops the conversation's.
 */
public final class TicketNotifications {
  private TicketNotifications() {}

  /**
   * The ticket topic that follows the conversation topic {@code topic} raised about {@code c}, when
   * {@code c} is a ticket: a contact's reply {@code ticket.contact.replied}, an admin's comment
   * {@code ticket.admin.replied}, a note {@code ticket.note.created}, a close {@code
   * ticket.closed}, an assignment {@code ticket.admin.assigned} or {@code ticket.team.assigned} (by
   * what the assignment part assigned to), a contact attached or detached {@code
   * ticket.contact.attached} / {@code detached}. Other conversation topics raise no ticket topic.
   * Called inside the change's transaction by the conversation's notifications.
   */
  public static void follow(
      Outbox outbox, Repositories repos, Conversation c, Topic topic, List<Long> partIds) {
    Topic ticketTopic =
        switch (topic) {
          case CONVERSATION_USER_REPLIED -> Topic.TICKET_CONTACT_REPLIED;
          case CONVERSATION_ADMIN_REPLIED -> Topic.TICKET_ADMIN_REPLIED;
          case CONVERSATION_ADMIN_NOTED -> Topic.TICKET_NOTE_CREATED;
          case CONVERSATION_ADMIN_CLOSED -> Topic.TICKET_CLOSED;
          case CONVERSATION_CONTACT_ATTACHED -> Topic.TICKET_CONTACT_ATTACHED;
          case CONVERSATION_CONTACT_DETACHED -> Topic.TICKET_CONTACT_DETACHED;
          default -> null;
        };
    if (topic == Topic.CONVERSATION_ADMIN_ASSIGNED) {
      raiseAssignment(outbox, repos, c, partIds);
      return;
    }
    if (ticketTopic != null) {
      raise(outbox, repos, c.workspaceId(), c.id(), ticketTopic, partIds);
    }
  }

  /**
   * Raises {@code topic} about the ticket {@code ticketId} as the transaction left it, with the
   * parts {@code partIds}; nothing when no subscription lists the topic or the row is no ticket.
   */
  public static void raise(
      Outbox outbox, Repositories repos, long ws, long ticketId, Topic topic, List<Long> partIds) {
    outbox.raiseItem(
        repos,
        ws,
        topic,
        Outbox.conversationKey(ticketId),
        () -> item(outbox, repos, ws, ticketId, Set.copyOf(partIds)).orElse(null));
  }

  /**
   * An assignment raises {@code ticket.team.assigned} when its part assigned to a team, else {@code
   * ticket.admin.assigned}: each topic is offered, and its item is built (the part looked up) only
   * when a subscription lists it; the one that does not fit the part writes nothing.
   */
  private static void raiseAssignment(
      Outbox outbox, Repositories repos, Conversation c, List<Long> partIds) {
    for (Topic topic : List.of(Topic.TICKET_ADMIN_ASSIGNED, Topic.TICKET_TEAM_ASSIGNED)) {
      outbox.raiseItem(
          repos,
          c.workspaceId(),
          topic,
          Outbox.conversationKey(c.id()),
          () -> {
            Optional<Outbox.Item> item =
                item(outbox, repos, c.workspaceId(), c.id(), Set.copyOf(partIds));
            if (item.isEmpty()) {
              return null;
            }
            ConversationDetails d =
                ConversationNotifications.forNotification(repos, c, Set.copyOf(partIds));
            boolean team =
                d.parts().stream()
                    .map(ConversationPart::assignedToType)
                    .anyMatch(t -> t == AssigneeType.TEAM);
            return team == (topic == Topic.TICKET_TEAM_ASSIGNED) ? item.get() : null;
          });
    }
  }

  private static Optional<Outbox.Item> item(
      Outbox outbox, Repositories repos, long ws, long ticketId, Set<Long> partIds) {
    Optional<Ticket> ticket = repos.tickets().find(ws, ticketId);
    if (ticket.isEmpty()) {
      return Optional.empty();
    }
    Conversation c = repos.conversations().find(ws, ticketId).orElseThrow();
    ConversationDetails conversation = ConversationNotifications.forNotification(repos, c, partIds);
    TicketDetails details = TicketService.details(repos, ticket.get(), conversation);
    return Optional.of(
        new Outbox.Item(
            outbox.items().ticket(repos.workspaces().find(ws).orElseThrow(), details),
            ConversationNotifications.relatedKeys(conversation)));
  }
}
