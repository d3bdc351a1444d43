package dev.parley.domain.reporting;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One dataset of {@code GET /export/reporting_data/get_datasets} (Intercom 2.14, "Reporting Data
 * Export").
 *
 * @param id the {@code dataset_id} clients enqueue ({@code "conversation"}, {@code "ticket"})
 * @param defaultTimeAttributeId the attribute that {@code start_time} and {@code end_time} filter
 *     on
 * @param attributes every attribute, in the order of the listing
 */
public record Dataset(
    String id,
    String name,
    String description,
    String defaultTimeAttributeId,
    List<Attribute> attributes) {

  /** The conversation dataset: one row per conversation, erased ones included. */
  public static final Dataset CONVERSATION =
      new Dataset(
          "conversation",
          "Conversation",
          "Conversation-level details: status, channel, assignee, response and close times, counts."
              + " One row per conversation that started in the time range, deleted conversations"
              + " included with deleted=true and their content attributes empty.",
          ConversationAttribute.CONVERSATION_STARTED_AT.id(),
          Arrays.stream(ConversationAttribute.values())
              .map(a -> new Attribute(a.id(), a.displayName()))
              .toList());

  /**
   * The ticket dataset: one row per ticket (a ticket is a conversation), erased ones included with
   * deleted=true and every other value kept; it has no content attribute. The time range filters on
   * {@code ticket_created_at}, the ticket's {@code created_at} (its conversation's start).
   */
  public static final Dataset TICKET =
      new Dataset(
          "ticket",
          "Ticket",
          "Ticket-level details: type, category, state, assignee, resolve and close times. One row"
              + " per ticket created in the time range, deleted tickets included with"
              + " deleted=true.",
          TicketAttribute.TICKET_CREATED_AT.id(),
          Arrays.stream(TicketAttribute.values())
              .map(a -> new Attribute(a.id(), a.displayName()))
              .toList());

  /** Every dataset parley serves, in the order {@code get_datasets} lists them. */
  public static List<Dataset> all() {
    return List.of(CONVERSATION, TICKET);
  }

  /** The dataset with this id, or empty. */
  public static Optional<Dataset> byId(String id) {
    return all().stream().filter(d -> d.id().equals(id)).findFirst();
  }

  /** One attribute: its id and human readable name. */
  public record Attribute(String id, String name) {}
}
