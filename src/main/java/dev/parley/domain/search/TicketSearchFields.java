package dev.parley.domain.search;

import dev.parley.domain.search.SearchField.Comparison;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The searchable fields of {@code POST /tickets/search} ({@code searchTickets}): the "Accepted
 * Fields" table of Intercom's 2.14 description, with its "Accepted Operators" table read as for
 * conversations: {@code = != IN NIN} for every type, {@code ~ !~ ^ $} for strings, {@code < >} (and
 * the schema's {@code <= >=}) for dates, including the value ("Greater (or equal) than").
 *
 * <p>Fields: {@code id}, {@code created_at}, {@code updated_at}, {@code title} and {@code
 * description} (the ticket's {@code _default_title_} and {@code _default_description_} attributes),
 * {@code category} (Intercom's search terms {@code request}, {@code task} and {@code tracker} for
 * Customer, Back-office and Tracker tickets), {@code ticket_type_id}, {@code contact_ids}, {@code
 * teammate_ids}, {@code admin_assignee_id}, {@code team_assignee_id} (ids as strings, as the table
 * types them; {@code "0"} when unassigned, as the ticket renders them), {@code open}, {@code state}
 * (the category of the ticket's state: {@code submitted}, {@code in_progress}, {@code
 * waiting_on_customer}, {@code resolved}), {@code snoozed_until} and {@code ticket_attribute.{id}}:
 * the value of the ticket type attribute with that id, compared as text like conversations' custom
 * attributes (a string as it is, a number in decimal, a boolean as {@code true} or {@code false}).
 * An id that is no attribute of the workspace's ticket types is no searchable field. Where the
 * values live is the store's {@code dev.parley.store.search.TicketSearchColumns}.
 */
public final class TicketSearchFields {
  private TicketSearchFields() {}

  /** The prefix of ticket attribute fields; what follows it is the attribute's id. */
  public static final String TICKET_ATTRIBUTE = "ticket_attribute.";

  /**
   * The registry for one workspace.
   *
   * @param attributeNames the name of the ticket type attribute whose id (as sent after {@code
   *     ticket_attribute.}) is given, empty for an id the workspace does not have
   */
  public static SearchFields fields(Function<String, Optional<String>> attributeNames) {
    return SearchFields.builder(
            "ticket",
            ConversationSearchFields.OPERATORS,
            Map.of(FieldType.DATE, Comparison.INCLUSIVE))
        .string("id")
        .date("created_at")
        .date("updated_at")
        .string("title")
        .string("description")
        .string("category")
        .string("ticket_type_id")
        .string("contact_ids")
        .string("teammate_ids")
        .string("admin_assignee_id")
        .string("team_assignee_id")
        .bool("open")
        .string("state")
        .date("snoozed_until")
        .attributes(TICKET_ATTRIBUTE, attributeNames)
        .build();
  }
}
