package dev.parley.store.search;

import dev.parley.store.search.SearchTarget.Column;
import dev.parley.store.search.SearchTarget.IdColumn;
import dev.parley.store.search.SearchTarget.Linked;
import dev.parley.store.search.SearchTarget.Words;

/**
 * Where the kept fields of {@code POST /conversations/search} ({@link
 * dev.parley.domain.search.ConversationSearchFields}) live, over {@code conversations c}.
 *
 * <p>Where the values come from: the conversation row; {@code statistics.*} from the reporting
 * record ({@code conversation_metrics}, durations as the conversation renders them); {@code
 * contact_ids}, {@code tag_ids} and {@code teammate_ids} (admins who wrote a part) from their link
 * tables; {@code source.body} word by word ({@link dev.parley.domain.search.BodyWords}); the source
 * author's name and email from the contact or admin; {@code ai_agent_participated} is false on
 * every conversation, as rendered.
 */
public final class ConversationSearchColumns {
  private ConversationSearchColumns() {}

  private static String metric(String expression) {
    return "(SELECT "
        + expression
        + " FROM conversation_metrics m"
        + " WHERE m.workspace_id = c.workspace_id AND m.conversation_id = c.id)";
  }

  /** Seconds from creation to {@code column}, never negative, as the statistics render. */
  private static String duration(String column) {
    return metric(
        "CASE WHEN m."
            + column
            + " IS NULL THEN NULL WHEN m."
            + column
            + " < m.created_at THEN 0"
            + " ELSE m."
            + column
            + " - m.created_at END");
  }

  private static final String AUTHOR_ADMIN =
      " FROM admins a WHERE a.workspace_id = c.workspace_id AND CAST(a.id AS TEXT) ="
          + " c.source_author_id)";
  private static final String AUTHOR_CONTACT =
      " FROM contacts ct WHERE ct.workspace_id = c.workspace_id AND ct.id = c.source_author_id)";

  private static String author(String column) {
    return "(CASE WHEN c.source_author_type = 'admin' THEN (SELECT a."
        + column
        + AUTHOR_ADMIN
        + " ELSE (SELECT ct."
        + column
        + AUTHOR_CONTACT
        + " END)";
  }

  /** The registry. */
  public static final SearchColumns COLUMNS = build();

  private static SearchColumns build() {
    return SearchColumns.builder()
        .put("id", new IdColumn("c.id"))
        .put("created_at", new Column("c.created_at"))
        .put("updated_at", new Column("c.updated_at"))
        .put("source.type", new Column("c.source_type"))
        .put("source.id", new IdColumn("c.source_id"))
        .put("source.delivered_as", new Column("c.source_delivered_as"))
        .put("source.subject", new Column("c.source_subject"))
        .put("source.body", new Words("c.source_body"))
        .put("source.author.id", new Column("c.source_author_id"))
        .put("source.author.type", new Column("c.source_author_type"))
        .put("source.author.name", new Column(author("name")))
        .put("source.author.email", new Column(author("email"), true))
        .put("source.url", new Column("c.source_url"))
        .put(
            "contact_ids",
            new Linked("conversation_contacts", "conversation_id", "contact_id", false, null))
        .put(
            "teammate_ids",
            new Linked(
                "conversation_parts",
                "conversation_id",
                "author_id",
                false,
                "x.author_type = 'admin'"))
        .put("admin_assignee_id", new Column("c.admin_assignee_id"))
        .put("team_assignee_id", new Column("c.team_assignee_id"))
        .put("open", new Column("(c.state <> 'closed')"))
        .put("read", new Column("c.is_read"))
        .put("state", new Column("c.state"))
        .put("waiting_since", new Column("c.waiting_since"))
        .put("snoozed_until", new Column("c.snoozed_until"))
        .put("tag_ids", new Linked("conversation_tags", "conversation_id", "tag_id", true, null))
        .put("priority", new Column("c.priority"))
        .put("statistics.time_to_assignment", new Column(duration("first_assignment_at")))
        .put("statistics.time_to_admin_reply", new Column(duration("first_admin_reply_at")))
        .put("statistics.time_to_first_close", new Column(duration("first_close_at")))
        .put("statistics.time_to_last_close", new Column(duration("last_close_at")))
        .put("statistics.first_contact_reply_at", new Column(metric("m.first_contact_reply_at")))
        .put("statistics.first_assignment_at", new Column(metric("m.first_assignment_at")))
        .put("statistics.first_admin_reply_at", new Column(metric("m.first_admin_reply_at")))
        .put("statistics.first_close_at", new Column(metric("m.first_close_at")))
        .put("statistics.last_assignment_at", new Column(metric("m.last_assignment_at")))
        .put(
            "statistics.last_assignment_admin_reply_at",
            new Column(metric("m.last_assignment_admin_reply_at")))
        .put("statistics.last_contact_reply_at", new Column(metric("m.last_contact_reply_at")))
        .put("statistics.last_admin_reply_at", new Column(metric("m.last_admin_reply_at")))
        .put("statistics.last_close_at", new Column(metric("m.last_close_at")))
        .put("statistics.last_closed_by_id", new IdColumn(metric("m.last_closed_by_id")))
        .put("statistics.count_reopens", new Column(metric("m.count_reopens")))
        .put("statistics.count_assignments", new Column(metric("m.count_assignments")))
        .put("statistics.count_conversation_parts", new Column(metric("m.count_parts")))
        .put("ai_agent_participated", new Column("(1 = 0)"))
        .customAttributes("c.custom_attributes")
        .build();
  }
}
