package dev.parley.domain.reporting;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The attributes of the {@code ticket} dataset, in the order {@code get_datasets} lists them. Their
 * ids are the CSV header of an export. Every one comes from the ticket's reporting record (its
 * conversation's {@code conversation_metrics} row with the ticket facts of migration 30) or from
 * the workspace's configuration (the names of ticket types and states), never from the ticket's
 * content: an erased ticket keeps every value, marked {@code deleted}. The dataset has no title,
 * description or attribute value at all (they are personal data, and reporting keeps none).
 */
public enum TicketAttribute {
  // The ticket and its conversation.
  CONVERSATION_ID("Conversation ID (the ticket's id in the API)"),
  TICKET_ID("Ticket ID (the number shown in the inbox)"),
  TICKET_CREATED_AT("Ticket created at"),
  TICKET_UPDATED_AT("Ticket last updated at"),

  // What kind of ticket, and where it stands.
  TICKET_TYPE_ID("Ticket type ID"),
  TICKET_TYPE_NAME("Ticket type name"),
  TICKET_CATEGORY("Ticket category (Customer, Back-office, Tracker)"),
  TICKET_STATE_ID("Ticket state ID"),
  TICKET_STATE("Ticket state (submitted, in_progress, waiting_on_customer, resolved)"),
  TICKET_STATE_LABEL("Ticket state name (as teammates see it)"),
  TICKET_STATE_UPDATED_AT("Ticket state last changed at"),
  FIRST_RESOLVED_AT("First resolved at"),
  LAST_RESOLVED_AT("Last resolved at"),
  OPEN("Open (false once closed)"),
  STATE("Conversation state (open, closed, snoozed)"),

  // Who it is assigned to.
  ADMIN_ASSIGNEE_ID("Teammate assigned (admin id)"),
  TEAM_ASSIGNEE_ID("Team assigned (team id)"),

  // Closing, Unix seconds.
  FIRST_CLOSE_AT("First closed at"),
  LAST_CLOSE_AT("Last closed at"),
  LAST_CLOSED_BY_ID("Last closed by (admin id)"),

  // How much happened.
  COUNT_TICKET_PARTS("Number of ticket parts"),

  // Its erasure.
  DELETED("Deleted (true once the ticket was erased)"),
  DELETED_AT("Deleted at");

  private static final Map<String, TicketAttribute> BY_ID =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(TicketAttribute::id, Function.identity()));

  private final String displayName;

  TicketAttribute(String displayName) {
    this.displayName = displayName;
  }

  /**
   * The attribute id, as sent in {@code attribute_ids} and written in the CSV header: the
   * constant's name in lower case ({@code ticket_id}).
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The human readable name {@code get_datasets} shows. */
  public String displayName() {
    return displayName;
  }

  /** The attribute with this id, or empty. */
  public static Optional<TicketAttribute> byId(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }
}
