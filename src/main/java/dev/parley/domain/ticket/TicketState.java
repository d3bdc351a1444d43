package dev.parley.domain.ticket;

import java.util.List;

/**
 * A ticket state of a workspace (Intercom's {@code ticket_state}).
 *
 * @param id rendered as a string
 * @param category one of {@link #CATEGORIES}
 * @param internalLabel the name teammates see
 * @param externalLabel the name contacts see
 */
public record TicketState(
    long workspaceId,
    long id,
    String category,
    String internalLabel,
    String externalLabel,
    boolean archived) {

  /** The categories of ticket states, in a ticket's order. */
  public static final List<String> CATEGORIES =
      List.of("submitted", "in_progress", "waiting_on_customer", "resolved");
}
