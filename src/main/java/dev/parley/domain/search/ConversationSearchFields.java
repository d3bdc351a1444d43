package dev.parley.domain.search;

import static dev.parley.domain.search.SearchOperator.CONTAINS;
import static dev.parley.domain.search.SearchOperator.ENDS_WITH;
import static dev.parley.domain.search.SearchOperator.EQ;
import static dev.parley.domain.search.SearchOperator.GE;
import static dev.parley.domain.search.SearchOperator.GT;
import static dev.parley.domain.search.SearchOperator.IN;
import static dev.parley.domain.search.SearchOperator.LE;
import static dev.parley.domain.search.SearchOperator.LT;
import static dev.parley.domain.search.SearchOperator.NE;
import static dev.parley.domain.search.SearchOperator.NIN;
import static dev.parley.domain.search.SearchOperator.NOT_CONTAINS;
import static dev.parley.domain.search.SearchOperator.STARTS_WITH;

import dev.parley.domain.search.SearchField.Comparison;
import dev.parley.domain.search.SearchTarget.Column;
import dev.parley.domain.search.SearchTarget.IdColumn;
import dev.parley.domain.search.SearchTarget.Linked;
import dev.parley.domain.search.SearchTarget.Words;
import java.util.Map;
import java.util.Set;

/**
 * The searchable fields of {@code POST /conversations/search}: every field of the "Accepted Fields"
 * table of Intercom's 2.14 description, over {@code conversations c}.
 *
 * <p>Operators, from the description's "Accepted Operators" table: {@code = != IN NIN} for every
 * type; {@code ~ !~ ^ $} for strings; {@code < >} for integers and dates, which the description
 * reads as "(or equal)", so they include the value; the schema's {@code <=} and {@code >=}, absent
 * from that table, are accepted with the same meaning.
 *
 * <p>Where the values come from: the conversation row; {@code statistics.*} from the reporting
 * record ({@code conversation_metrics}, durations as the conversation renders them); {@code
 * contact_ids}, {@code tag_ids} and {@code teammate_ids} (admins who wrote a part) from their link
 * tables; {@code source.body} word by word ({@link BodyWords}); the source author's name and email
 * from the contact or admin. Fields parley keeps no data for ({@code conversation_rating.*}: parley
 * has no ratings; {@code ai_agent.*}; {@code channel_initiated}; {@code
 * statistics.median_time_to_reply}) are null on every conversation; {@code ai_agent_participated}
 * is false on every conversation, as rendered. Beyond the table, {@code custom_attributes.{name}}
 * searches the conversation's custom attributes.
 */
public final class ConversationSearchFields {
  private ConversationSearchFields() {}

  private static final Set<SearchOperator> ALL_EQUALITY = Set.of(EQ, NE, IN, NIN);
  private static final Set<SearchOperator> STRING_OPS =
      Set.of(EQ, NE, IN, NIN, CONTAINS, NOT_CONTAINS, STARTS_WITH, ENDS_WITH);
  private static final Set<SearchOperator> ORDERED_OPS = Set.of(EQ, NE, IN, NIN, LT, LE, GT, GE);

  /** The registry. */
  public static final SearchFields FIELDS = build();

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

  private static SearchFields build() {
    SearchFields.Builder b =
        SearchFields.builder(
            "conversation",
            Map.of(
                FieldType.STRING, STRING_OPS,
                FieldType.INTEGER, ORDERED_OPS,
                FieldType.DATE, ORDERED_OPS,
                FieldType.BOOLEAN, ALL_EQUALITY),
            Map.of(
                FieldType.STRING, Comparison.STRICT,
                FieldType.INTEGER, Comparison.INCLUSIVE,
                FieldType.DATE, Comparison.INCLUSIVE,
                FieldType.BOOLEAN, Comparison.STRICT));
    b.string("id", new IdColumn("c.id"))
        .date("created_at", new Column("c.created_at"))
        .date("updated_at", new Column("c.updated_at"))
        .string("source.type", new Column("c.source_type"))
        .string("source.id", new IdColumn("c.source_id"))
        .string("source.delivered_as", new Column("c.source_delivered_as"))
        .string("source.subject", new Column("c.source_subject"))
        .string("source.body", new Words("c.source_body"))
        .string("source.author.id", new Column("c.source_author_id"))
        .string("source.author.type", new Column("c.source_author_type"))
        .string("source.author.name", new Column(author("name")))
        .string("source.author.email", new Column(author("email"), true))
        .string("source.url", new Column("c.source_url"))
        .string("contact_ids", new Linked("conversation_contacts", "contact_id", false, null))
        .string(
            "teammate_ids",
            new Linked("conversation_parts", "author_id", false, "x.author_type = 'admin'"))
        .integer("admin_assignee_id", new Column("c.admin_assignee_id"))
        .integer("team_assignee_id", new Column("c.team_assignee_id"))
        .bool("open", new Column("(c.state <> 'closed')"))
        .bool("read", new Column("c.is_read"))
        .string("state", new Column("c.state"))
        .date("waiting_since", new Column("c.waiting_since"))
        .date("snoozed_until", new Column("c.snoozed_until"))
        .string("tag_ids", new Linked("conversation_tags", "tag_id", true, null))
        .string("priority", new Column("c.priority"))
        .integer("statistics.time_to_assignment", new Column(duration("first_assignment_at")))
        .integer("statistics.time_to_admin_reply", new Column(duration("first_admin_reply_at")))
        .integer("statistics.time_to_first_close", new Column(duration("first_close_at")))
        .integer("statistics.time_to_last_close", new Column(duration("last_close_at")))
        .date("statistics.first_contact_reply_at", new Column(metric("m.first_contact_reply_at")))
        .date("statistics.first_assignment_at", new Column(metric("m.first_assignment_at")))
        .date("statistics.first_admin_reply_at", new Column(metric("m.first_admin_reply_at")))
        .date("statistics.first_close_at", new Column(metric("m.first_close_at")))
        .date("statistics.last_assignment_at", new Column(metric("m.last_assignment_at")))
        .date(
            "statistics.last_assignment_admin_reply_at",
            new Column(metric("m.last_assignment_admin_reply_at")))
        .date("statistics.last_contact_reply_at", new Column(metric("m.last_contact_reply_at")))
        .date("statistics.last_admin_reply_at", new Column(metric("m.last_admin_reply_at")))
        .date("statistics.last_close_at", new Column(metric("m.last_close_at")))
        .string("statistics.last_closed_by_id", new IdColumn(metric("m.last_closed_by_id")))
        .integer("statistics.count_reopens", new Column(metric("m.count_reopens")))
        .integer("statistics.count_assignments", new Column(metric("m.count_assignments")))
        .integer("statistics.count_conversation_parts", new Column(metric("m.count_parts")))
        .bool("ai_agent_participated", new Column("(1 = 0)"))
        .customAttributes("c.custom_attributes");
    b.absent(
        FieldType.INTEGER,
        "statistics.median_time_to_reply",
        "conversation_rating.score",
        "ai_agent.rating");
    b.absent(FieldType.DATE, "conversation_rating.requested_at", "conversation_rating.replied_at");
    b.absent(
        FieldType.STRING,
        "channel_initiated",
        "conversation_rating.remark",
        "conversation_rating.contact_id",
        // "admin_d" is the description's spelling; "admin_id" is what it means.
        "conversation_rating.admin_d",
        "conversation_rating.admin_id",
        "ai_agent.resolution_state",
        "ai_agent.last_answer_type",
        "ai_agent.rating_remark",
        "ai_agent.source_type",
        "ai_agent.source_title");
    return b.build();
  }
}
