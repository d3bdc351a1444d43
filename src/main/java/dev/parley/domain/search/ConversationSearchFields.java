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
import java.util.Map;
import java.util.Set;

/**
 * The searchable fields of {@code POST /conversations/search}: every field of the "Accepted Fields"
 * table of Intercom's 2.14 description, with its type and operators.
 *
 * <p>Operators, from the description's "Accepted Operators" table: {@code = != IN NIN} for every
 * type; {@code ~ !~ ^ $} for strings; {@code < >} for integers and dates, which the description
 * reads as "(or equal)", so they include the value; the schema's {@code <=} and {@code >=}, absent
 * from that table, are accepted with the same meaning.
 *
 * <p>Fields parley keeps no data for ({@code conversation_rating.*}: parley has no ratings; {@code
 * ai_agent.*}; {@code channel_initiated}; {@code statistics.median_time_to_reply}) are null on
 * every conversation. Beyond the table, {@code custom_attributes.{name}} searches the
 * conversation's custom attributes. Where each kept field's values come from is the store's {@code
 * dev.parley.store.search.ConversationSearchColumns}.
 */
public final class ConversationSearchFields {
  private ConversationSearchFields() {}

  private static final Set<SearchOperator> ALL_EQUALITY = Set.of(EQ, NE, IN, NIN);
  private static final Set<SearchOperator> STRING_OPS =
      Set.of(EQ, NE, IN, NIN, CONTAINS, NOT_CONTAINS, STARTS_WITH, ENDS_WITH);
  private static final Set<SearchOperator> ORDERED_OPS = Set.of(EQ, NE, IN, NIN, LT, LE, GT, GE);

  /**
   * The operators of each type, from the description's table; tickets ({@link TicketSearchFields})
   * share them.
   */
  static final Map<FieldType, Set<SearchOperator>> OPERATORS =
      Map.of(
          FieldType.STRING, STRING_OPS,
          FieldType.INTEGER, ORDERED_OPS,
          FieldType.DATE, ORDERED_OPS,
          FieldType.BOOLEAN, ALL_EQUALITY);

  /** The registry. */
  public static final SearchFields FIELDS = build();

  private static SearchFields build() {
    SearchFields.Builder b =
        SearchFields.builder(
            "conversation",
            OPERATORS,
            Map.of(FieldType.INTEGER, Comparison.INCLUSIVE, FieldType.DATE, Comparison.INCLUSIVE));
    b.string("id")
        .date("created_at")
        .date("updated_at")
        .string("source.type")
        .string("source.id")
        .string("source.delivered_as")
        .string("source.subject")
        .string("source.body")
        .string("source.author.id")
        .string("source.author.type")
        .string("source.author.name")
        .string("source.author.email")
        .string("source.url")
        .string("contact_ids")
        .string("teammate_ids")
        .integer("admin_assignee_id")
        .integer("team_assignee_id")
        .bool("open")
        .bool("read")
        .string("state")
        .date("waiting_since")
        .date("snoozed_until")
        .string("tag_ids")
        .string("priority")
        .integer("statistics.time_to_assignment")
        .integer("statistics.time_to_admin_reply")
        .integer("statistics.time_to_first_close")
        .integer("statistics.time_to_last_close")
        .date("statistics.first_contact_reply_at")
        .date("statistics.first_assignment_at")
        .date("statistics.first_admin_reply_at")
        .date("statistics.first_close_at")
        .date("statistics.last_assignment_at")
        .date("statistics.last_assignment_admin_reply_at")
        .date("statistics.last_contact_reply_at")
        .date("statistics.last_admin_reply_at")
        .date("statistics.last_close_at")
        .string("statistics.last_closed_by_id")
        .integer("statistics.count_reopens")
        .integer("statistics.count_assignments")
        .integer("statistics.count_conversation_parts")
        .bool("ai_agent_participated")
        .customAttributes();
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
