package dev.parley.store.search;

import dev.parley.store.search.SearchTarget.Column;
import dev.parley.store.search.SearchTarget.CustomAttribute;
import dev.parley.store.search.SearchTarget.IdColumn;
import dev.parley.store.search.SearchTarget.Lookup;

/**
 * Where the fields of {@code POST /tickets/search} ({@link
 * dev.parley.domain.search.TicketSearchFields}) live, over {@code conversations c}: a ticket is a
 * conversation row with ticket columns (migration 18), searched under {@link #tickets}.
 *
 * <p>{@code title} and {@code description} are the {@code _default_title_} and {@code
 * _default_description_} values of {@code c.ticket_attributes}, where {@code ticket_attribute.{id}}
 * values live too (by the attribute's name); {@code category} maps the type's category to
 * Intercom's search terms; {@code state} is the category of the ticket's state ({@code
 * ticket_states}, a {@link Lookup} by {@code ticket_state_id}); {@code contact_ids} and {@code
 * teammate_ids} are the conversation's ({@link ConversationSearchColumns}); an unassigned ticket's
 * {@code admin_assignee_id} and {@code team_assignee_id} are {@code 0}, as the ticket renders them.
 */
public final class TicketSearchColumns {
  private TicketSearchColumns() {}

  /**
   * The rows that are tickets, as {@code dev.parley.store.SqlTicketRepository} finds them: a
   * conversation with a ticket type and state that exist. Written over the searched workspace
   * ({@code :ws}, which the search binds) rather than each row's, so that the two lists are read
   * once per query instead of looked up once per candidate row (SQLite: a ticket type's count over
   * 26,000 tickets, 26 ms to 17 ms). The two columns are {@link SearchDialect#unindexed}: these
   * lists hold every type and state of the workspace, so they only check rows; a query's own {@code
   * ticket_type_id} or {@code state} condition is the one to seek by.
   *
   * @param dialect the database's dialect
   * @return a condition over {@code c} that names {@code :ws}
   */
  public static String tickets(SearchDialect dialect) {
    return "c.ticket_type_id IS NOT NULL AND "
        + dialect.unindexed("c.ticket_type_id")
        + " IN (SELECT tt.id FROM ticket_types tt WHERE tt.workspace_id = :ws) AND "
        + dialect.unindexed("c.ticket_state_id")
        + " IN (SELECT ts.id FROM ticket_states ts WHERE ts.workspace_id = :ws)";
  }

  /** The registry. */
  public static final SearchColumns COLUMNS = build();

  private static SearchColumns build() {
    SearchColumns conversations = ConversationSearchColumns.COLUMNS;
    return SearchColumns.builder()
        .put("id", new IdColumn("c.id"))
        .put("created_at", new Column("c.created_at"))
        .put("updated_at", new Column("c.updated_at"))
        .put("title", new CustomAttribute("c.ticket_attributes", "_default_title_"))
        .put("description", new CustomAttribute("c.ticket_attributes", "_default_description_"))
        .put(
            "category",
            new Column(
                "(CASE c.ticket_category WHEN 'Customer' THEN 'request' WHEN 'Back-office' THEN"
                    + " 'task' WHEN 'Tracker' THEN 'tracker' END)"))
        .put("ticket_type_id", new IdColumn("c.ticket_type_id"))
        .put("contact_ids", conversations.all().get("contact_ids"))
        .put("teammate_ids", conversations.all().get("teammate_ids"))
        .put("admin_assignee_id", new IdColumn("COALESCE(c.admin_assignee_id, 0)"))
        .put("team_assignee_id", new IdColumn("COALESCE(c.team_assignee_id, 0)"))
        .put("open", conversations.all().get("open"))
        .put("state", new Lookup("c.ticket_state_id", "ticket_states", "category"))
        .put("snoozed_until", new Column("c.snoozed_until"))
        .customAttributes("c.ticket_attributes")
        .build();
  }
}
