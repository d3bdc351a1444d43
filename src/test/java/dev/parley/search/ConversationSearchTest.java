package dev.parley.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.Cli;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /conversations/search} (Intercom 2.14 {@code searchConversations}) on a real parley:
 * the query language, every operator, nesting, pagination and every error, each response validated
 * against the description by {@link Api}. Each test makes its own conversations, marked by a word
 * of their own in the body, and scopes its queries to it.
 */
class ConversationSearchTest {
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static Api api;
  static Scenario s;

  @BeforeAll
  static void setUp() {
    api = parley.api();
    s = new Scenario(api);
  }

  // ---- helpers ----

  static String word() {
    return "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  static Map<String, Object> f(String field, String operator, Object value) {
    Map<String, Object> filter = new LinkedHashMap<>();
    filter.put("field", field);
    filter.put("operator", operator);
    filter.put("value", value);
    return filter;
  }

  static Map<String, Object> and(Object... items) {
    return Map.of("operator", "AND", "value", List.of(items));
  }

  static Map<String, Object> or(Object... items) {
    return Map.of("operator", "OR", "value", List.of(items));
  }

  /** The query scoped to the conversations holding {@code word}. */
  static Map<String, Object> within(String word, Object query) {
    return and(f("source.body", "=", word), query);
  }

  static ApiResponse search(Object query) {
    return api.post("/conversations/search", Map.of("query", query));
  }

  /** The ids found, in the order answered, asserting a 200 with one page holding them all. */
  static List<String> ids(Object query) {
    ApiResponse found = search(query);
    assertThat(found.status()).as(found.toString()).isEqualTo(200);
    JsonNode body = found.json();
    List<String> ids = new ArrayList<>();
    body.path("conversations").forEach(c -> ids.add(c.path("id").asText()));
    assertThat(body.path("total_count").asLong()).isEqualTo(ids.size());
    return ids;
  }

  static String conversation(String body) {
    return s.conversation(body);
  }

  static void sql(String statement, Object... args) {
    try (TestDatabase db = TestDatabase.writable(parley.process())) {
      db.execute(statement, args);
    }
  }

  static long id(String id) {
    return Long.parseLong(id);
  }

  // ---- tests ----

  @Test
  void theDescriptionsOwnExampleAnswersAConversationListOfFive() {
    String w = word();
    for (int i = 0; i < 6; i++) {
      conversation("<p>example " + w + "</p>");
    }
    ApiResponse found =
        api.post(
            "/conversations/search",
            "{\"query\":{\"operator\":\"AND\",\"value\":[{\"field\":\"created_at\",\"operator\":\">\","
                + "\"value\":\"1306054154\"},{\"field\":\"source.body\",\"operator\":\"=\",\"value\":\""
                + w
                + "\"}]},"
                + "\"pagination\":{\"per_page\":5}}");
    assertThat(found.status()).as(found.toString()).isEqualTo(200);
    JsonNode body = found.json();
    assertThat(body.path("type").asText()).isEqualTo("conversation.list");
    assertThat(body.path("conversations")).hasSize(5);
    assertThat(body.path("total_count").asInt()).isEqualTo(6);
    assertThat(body.path("pages").path("type").asText()).isEqualTo("pages");
    assertThat(body.path("pages").path("page").asInt()).isEqualTo(1);
    assertThat(body.path("pages").path("per_page").asInt()).isEqualTo(5);
    assertThat(body.path("pages").path("total_pages").asInt()).isEqualTo(2);
    assertThat(body.path("pages").path("next").path("per_page").asInt()).isEqualTo(5);
    assertThat(body.path("pages").path("next").path("starting_after").asText()).isNotEmpty();
    JsonNode first = body.path("conversations").path(0);
    assertThat(first.path("type").asText()).isEqualTo("conversation");
    assertThat(first.has("conversation_parts")).as("list items have no parts").isFalse();
    assertThat(first.path("source").path("body").asText()).isEqualTo("<p>example " + w + "</p>");
  }

  @Test
  void sourceBodyIsMatchedWordByWordRegardlessOfCaseAndMarkup() {
    String w = word();
    String a = conversation("<p>I need <b>support</b>, " + w + "!</p>");
    String b = conversation("<p>" + w + " SUPPORTED everywhere</p>");
    conversation("<p>support without the word</p>");

    assertThat(ids(f("source.body", "=", w))).containsExactlyInAnyOrder(a, b);
    assertThat(ids(within(w, f("source.body", "=", "support")))).containsExactly(a);
    assertThat(ids(within(w, f("source.body", "=", "SUPPORT")))).containsExactly(a);
    assertThat(ids(within(w, f("source.body", "=", "need support"))))
        .as("two words are not one element")
        .isEmpty();
    assertThat(ids(within(w, f("source.body", "=", "b")))).as("markup is not words").isEmpty();
    assertThat(ids(within(w, f("source.body", "!=", "support")))).containsExactly(b);
    assertThat(ids(within(w, f("source.body", "IN", List.of("need", "everywhere")))))
        .containsExactlyInAnyOrder(a, b);
    assertThat(ids(within(w, f("source.body", "NIN", List.of("need", "nothing")))))
        .containsExactly(b);
    assertThat(ids(within(w, f("source.body", "^", "Supp")))).containsExactlyInAnyOrder(a, b);
    assertThat(ids(within(w, f("source.body", "$", "orted")))).containsExactly(b);
    assertThat(ids(within(w, f("source.body", "~", "ppor")))).containsExactlyInAnyOrder(a, b);
    assertThat(ids(within(w, f("source.body", "!~", "orted")))).containsExactly(a);
    assertThat(ids(within(w, f("source.body", "=", null)))).isEmpty();
  }

  @Test
  void equalityOperatorsWorkOnStringIntegerAndBooleanFieldsWithValuesAsStringsOrNumbers() {
    String w = word();
    String open = conversation("<p>" + w + " one</p>");
    String closed = conversation("<p>" + w + " two</p>");
    String snoozed = conversation("<p>" + w + " three</p>");
    long admin = Long.parseLong(s.adminId());
    sql(
        "UPDATE conversations SET admin_assignee_id = ?, team_assignee_id = ? WHERE id = ?",
        admin,
        2000077L,
        id(open));
    sql(
        "UPDATE conversations SET state = 'closed', is_read = ?, priority = 'priority' WHERE id ="
            + " ?",
        true,
        id(closed));
    sql(
        "UPDATE conversations SET state = 'snoozed', snoozed_until = ? WHERE id = ?",
        1_900_000_000L,
        id(snoozed));

    assertThat(ids(within(w, f("state", "=", "open")))).containsExactly(open);
    assertThat(ids(within(w, f("state", "!=", "open")))).containsExactlyInAnyOrder(closed, snoozed);
    assertThat(ids(within(w, f("state", "IN", List.of("open", "snoozed")))))
        .containsExactlyInAnyOrder(open, snoozed);
    assertThat(ids(within(w, f("state", "NIN", List.of("open", "snoozed")))))
        .containsExactly(closed);
    assertThat(ids(within(w, f("open", "=", true))))
        .as("snoozed counts as open")
        .containsExactlyInAnyOrder(open, snoozed);
    assertThat(ids(within(w, f("open", "=", "false")))).containsExactly(closed);
    assertThat(ids(within(w, f("read", "=", true)))).containsExactly(closed);
    assertThat(ids(within(w, f("read", "!=", true)))).containsExactlyInAnyOrder(open, snoozed);
    assertThat(ids(within(w, f("priority", "=", "priority")))).containsExactly(closed);
    assertThat(ids(within(w, f("admin_assignee_id", "=", admin)))).containsExactly(open);
    assertThat(ids(within(w, f("admin_assignee_id", "=", Long.toString(admin)))))
        .containsExactly(open);
    assertThat(ids(within(w, f("admin_assignee_id", "!=", admin))))
        .as("unassigned ones are not equal")
        .containsExactlyInAnyOrder(closed, snoozed);
    assertThat(ids(within(w, f("admin_assignee_id", "IN", List.of(admin, "1")))))
        .containsExactly(open);
    assertThat(ids(within(w, f("admin_assignee_id", "NIN", List.of(admin)))))
        .containsExactlyInAnyOrder(closed, snoozed);
    assertThat(ids(within(w, f("admin_assignee_id", "=", null))))
        .containsExactlyInAnyOrder(closed, snoozed);
    assertThat(ids(within(w, f("team_assignee_id", "!=", null)))).containsExactly(open);
    assertThat(ids(within(w, f("snoozed_until", "=", 1_900_000_000L)))).containsExactly(snoozed);
    assertThat(ids(within(w, f("id", "=", Long.parseLong(closed))))).containsExactly(closed);
    assertThat(ids(within(w, f("id", "IN", List.of(open, snoozed, "not-an-id")))))
        .containsExactlyInAnyOrder(open, snoozed);
    assertThat(ids(within(w, f("id", "^", open)))).contains(open);
  }

  @Test
  void lessAndGreaterIncludeTheValueAsTheDescriptionReadsThemAndMillisecondsAreValidInput() {
    String w = word();
    long t = 1_700_000_000L;
    String first = conversation("<p>" + w + "</p>");
    String second = conversation("<p>" + w + "</p>");
    String third = conversation("<p>" + w + "</p>");
    sql("UPDATE conversations SET created_at = ? WHERE id = ?", t, id(first));
    sql("UPDATE conversations SET created_at = ? WHERE id = ?", t + 100, id(second));
    sql("UPDATE conversations SET created_at = ? WHERE id = ?", t + 200, id(third));

    assertThat(ids(within(w, f("created_at", ">", t + 100)))).containsExactly(third, second);
    assertThat(ids(within(w, f("created_at", ">=", t + 100)))).containsExactly(third, second);
    assertThat(ids(within(w, f("created_at", "<", t + 100)))).containsExactly(second, first);
    assertThat(ids(within(w, f("created_at", "<=", Long.toString(t + 100)))))
        .containsExactly(second, first);
    assertThat(ids(within(w, f("created_at", "=", t)))).containsExactly(first);
    assertThat(ids(within(w, f("created_at", "!=", t)))).containsExactly(third, second);
    assertThat(ids(within(w, f("created_at", "IN", List.of(t, t + 200)))))
        .containsExactly(third, first);
    assertThat(ids(within(w, f("created_at", "NIN", List.of(t, t + 200))))).containsExactly(second);
    assertThat(ids(within(w, and(f("created_at", ">", t + 50), f("created_at", "<", t + 150)))))
        .containsExactly(second);
    assertThat(ids(within(w, f("created_at", ">", t * 1000))))
        .as("seconds are smaller than milliseconds")
        .isEmpty();
    assertThat(ids(within(w, f("created_at", "<", t * 1000))))
        .containsExactly(third, second, first);
    assertThat(ids(within(w, f("updated_at", ">", 0)))).hasSize(3);
  }

  @Test
  void textOperatorsMatchContainsStartsAndEndsIgnoringCase() {
    String w = word();
    String alice =
        s.contact(
            Map.of(
                "email", "alice." + w + "@shop.example", "name", "Alice Anders", "role", "user"));
    String bob =
        s.contact(
            Map.of("email", "bob." + w + "@mail.example", "name", "Bob Brown", "role", "lead"));
    String a = s.conversation(alice, "<p>" + w + "</p>");
    String b = s.conversation(bob, "<p>" + w + "</p>");
    ApiResponse withSubject =
        api.post(
            "/conversations",
            Map.of(
                "from",
                Map.of("type", "user", "id", alice),
                "body",
                "<p>" + w + "</p>",
                "subject",
                "Refund for order 100%"));
    String c = withSubject.json().path("conversation_id").asText();

    assertThat(ids(within(w, f("source.author.email", "~", "SHOP"))))
        .containsExactlyInAnyOrder(a, c);
    assertThat(ids(within(w, f("source.author.email", "!~", "shop")))).containsExactly(b);
    assertThat(ids(within(w, f("source.author.email", "^", "bob.")))).containsExactly(b);
    assertThat(ids(within(w, f("source.author.email", "$", "@MAIL.example")))).containsExactly(b);
    assertThat(ids(within(w, f("source.author.email", "=", "Bob." + w + "@mail.example"))))
        .containsExactly(b);
    assertThat(ids(within(w, f("source.author.name", "^", "alice"))))
        .containsExactlyInAnyOrder(a, c);
    assertThat(ids(within(w, f("source.author.type", "=", "lead")))).containsExactly(b);
    assertThat(ids(within(w, f("source.author.id", "=", bob)))).containsExactly(b);
    assertThat(ids(within(w, f("source.subject", "~", "100%"))))
        .as("% in a value is a character")
        .containsExactly(c);
    assertThat(ids(within(w, f("source.subject", "~", "1_0"))))
        .as("_ in a value is a character")
        .isEmpty();
    assertThat(ids(within(w, f("source.type", "=", "conversation")))).hasSize(3);
    assertThat(ids(within(w, f("source.delivered_as", "=", "customer_initiated")))).hasSize(3);
    assertThat(ids(within(w, f("source.url", "=", null)))).hasSize(3);
  }

  @Test
  void listFieldsMatchWhenAnyOfTheirValuesMatches() {
    String w = word();
    String contact = s.contact("list." + w + "@example.com");
    String tagged = s.conversation(contact, "<p>" + w + "</p>");
    String replied = conversation("<p>" + w + "</p>");
    ApiResponse tag = api.post("/tags", Map.of("name", "tag-" + w));
    assertThat(tag.status()).as(tag.toString()).isEqualTo(200);
    String tagId = tag.json().path("id").asText();
    ApiResponse applied =
        api.post(
            "/conversations/" + tagged + "/tags", Map.of("id", tagId, "admin_id", s.adminId()));
    assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
    assertThat(s.adminReply(replied, "comment", "<p>on it</p>").status()).isEqualTo(200);

    assertThat(ids(within(w, f("contact_ids", "=", contact)))).containsExactly(tagged);
    assertThat(ids(within(w, f("contact_ids", "!=", contact)))).containsExactly(replied);
    assertThat(ids(within(w, f("contact_ids", "^", contact.substring(0, 10)))))
        .containsExactly(tagged);
    assertThat(ids(within(w, f("tag_ids", "=", tagId)))).containsExactly(tagged);
    assertThat(ids(within(w, f("tag_ids", "=", Long.parseLong(tagId))))).containsExactly(tagged);
    assertThat(ids(within(w, f("tag_ids", "NIN", List.of(tagId))))).containsExactly(replied);
    assertThat(ids(within(w, f("tag_ids", "=", null))))
        .as("= null: no tags")
        .containsExactly(replied);
    assertThat(ids(within(w, f("teammate_ids", "=", s.adminId())))).containsExactly(replied);
    assertThat(ids(within(w, f("teammate_ids", "IN", List.of(Long.parseLong(s.adminId()))))))
        .containsExactly(replied);
    assertThat(ids(within(w, f("teammate_ids", "!=", s.adminId())))).containsExactly(tagged);
  }

  @Test
  void statisticsComeFromTheReportingRecord() {
    String w = word();
    String replied = conversation("<p>" + w + "</p>");
    String waiting = conversation("<p>" + w + "</p>");
    assertThat(s.adminReply(replied, "comment", "<p>hello</p>").status()).isEqualTo(200);
    assertThat(s.adminReply(replied, "note", "<p>a note</p>").status()).isEqualTo(200);
    long admin = Long.parseLong(s.adminId());
    sql(
        "UPDATE conversation_metrics SET last_closed_by_id = ?, last_close_at = created_at + 3600,"
            + " count_reopens = 2 WHERE conversation_id = ?",
        admin,
        id(replied));

    assertThat(ids(within(w, f("statistics.first_admin_reply_at", ">", 0))))
        .containsExactly(replied);
    assertThat(ids(within(w, f("statistics.first_admin_reply_at", "=", null))))
        .containsExactly(waiting);
    assertThat(ids(within(w, f("statistics.time_to_admin_reply", ">=", 0))))
        .containsExactly(replied);
    assertThat(ids(within(w, f("statistics.count_conversation_parts", "=", 2))))
        .containsExactly(replied);
    assertThat(ids(within(w, f("statistics.count_conversation_parts", "<", 1))))
        .containsExactly(waiting);
    assertThat(ids(within(w, f("statistics.last_closed_by_id", "=", Long.toString(admin)))))
        .containsExactly(replied);
    assertThat(ids(within(w, f("statistics.time_to_last_close", "=", 3600))))
        .containsExactly(replied);
    assertThat(ids(within(w, f("statistics.count_reopens", ">", 1)))).containsExactly(replied);
    assertThat(ids(within(w, f("statistics.first_contact_reply_at", ">", 0))))
        .containsExactlyInAnyOrder(replied, waiting);
    assertThat(ids(within(w, f("statistics.count_assignments", "=", 0))))
        .containsExactlyInAnyOrder(replied, waiting);
  }

  @Test
  void fieldsParleyHasNoDataForBehaveAsNull() {
    String w = word();
    String a = conversation("<p>" + w + "</p>");
    String b = conversation("<p>" + w + "</p>");
    assertThat(ids(within(w, f("conversation_rating.score", "=", 5)))).isEmpty();
    assertThat(ids(within(w, f("conversation_rating.score", ">", 0)))).isEmpty();
    assertThat(ids(within(w, f("conversation_rating.remark", "~", "good")))).isEmpty();
    assertThat(ids(within(w, f("conversation_rating.remark", "!=", "good"))))
        .containsExactlyInAnyOrder(a, b);
    assertThat(ids(within(w, f("conversation_rating.requested_at", "=", null))))
        .containsExactlyInAnyOrder(a, b);
    assertThat(ids(within(w, f("conversation_rating.admin_d", "NIN", List.of("1")))))
        .containsExactlyInAnyOrder(a, b);
    assertThat(ids(within(w, f("ai_agent.rating", "!=", null)))).isEmpty();
    assertThat(ids(within(w, f("channel_initiated", "=", "inbound")))).isEmpty();
    assertThat(ids(within(w, f("ai_agent_participated", "=", false))))
        .as("rendered false")
        .containsExactlyInAnyOrder(a, b);
    assertThat(ids(within(w, f("ai_agent_participated", "=", true)))).isEmpty();
  }

  @Test
  void groupsNestTwoLevelsDeep() {
    String w = word();
    String openMine = conversation("<p>" + w + "</p>");
    String snoozedRead = conversation("<p>" + w + "</p>");
    String closedMine = conversation("<p>" + w + "</p>");
    String openOther = conversation("<p>" + w + "</p>");
    long admin = Long.parseLong(s.adminId());
    sql(
        "UPDATE conversations SET admin_assignee_id = ? WHERE id IN (?, ?)",
        admin,
        id(openMine),
        id(closedMine));
    sql(
        "UPDATE conversations SET state = 'snoozed', is_read = ? WHERE id = ?",
        true,
        id(snoozedRead));
    sql("UPDATE conversations SET state = 'closed' WHERE id = ?", id(closedMine));

    Object query =
        and(
            f("source.body", "=", w),
            or(f("state", "=", "open"), f("state", "=", "snoozed")),
            or(f("admin_assignee_id", "=", admin), f("read", "=", true)));
    assertThat(ids(query)).containsExactlyInAnyOrder(openMine, snoozedRead);
    Object either =
        or(
            and(f("source.body", "=", w), f("state", "=", "closed")),
            and(f("source.body", "=", w), f("read", "=", true)));
    assertThat(ids(either)).containsExactlyInAnyOrder(closedMine, snoozedRead);
    Object[] fifteen = new Object[15];
    Arrays.fill(fifteen, f("source.body", "=", w));
    fifteen[14] = f("id", "=", openOther);
    assertThat(ids(and(fifteen))).containsExactly(openOther);
  }

  @Test
  void paginationWalksEveryMatchOnceNewestFirstThroughStartingAfter() {
    String w = word();
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      made.add(conversation("<p>" + w + " " + i + "</p>"));
    }
    // Ties on created_at are broken by id, newest first.
    for (int i = 0; i < made.size(); i++) {
      sql(
          "UPDATE conversations SET created_at = ? WHERE id = ?",
          1_750_000_000L + (i / 3) * 60,
          id(made.get(i)));
    }
    List<String> expected = new ArrayList<>(made);
    java.util.Collections.reverse(expected);

    List<String> seen = new ArrayList<>();
    String after = null;
    int page = 0;
    do {
      Map<String, Object> pagination = new LinkedHashMap<>();
      pagination.put("per_page", 5);
      if (after != null) {
        pagination.put("starting_after", after);
      }
      ApiResponse response =
          api.post(
              "/conversations/search",
              Map.of("query", f("source.body", "=", w), "pagination", pagination));
      assertThat(response.status()).as(response.toString()).isEqualTo(200);
      JsonNode body = response.json();
      page++;
      assertThat(body.path("total_count").asInt()).isEqualTo(23);
      assertThat(body.path("pages").path("page").asInt()).isEqualTo(page);
      assertThat(body.path("pages").path("per_page").asInt()).isEqualTo(5);
      assertThat(body.path("pages").path("total_pages").asInt()).isEqualTo(5);
      body.path("conversations").forEach(c -> seen.add(c.path("id").asText()));
      JsonNode next = body.path("pages").path("next");
      after = next.isMissingNode() || next.isNull() ? null : next.path("starting_after").asText();
      assertThat(body.path("conversations").size()).isEqualTo(after == null ? 3 : 5);
    } while (after != null && page < 10);
    assertThat(page).isEqualTo(5);
    assertThat(seen).as("no skip, no repeat, newest first").containsExactlyElementsOf(expected);

    ApiResponse defaultPage = search(f("source.body", "=", w));
    assertThat(defaultPage.json().path("conversations")).hasSize(20);
    assertThat(defaultPage.json().path("pages").path("per_page").asInt()).isEqualTo(20);
    ApiResponse largest =
        api.post(
            "/conversations/search",
            Map.of("query", f("source.body", "=", w), "pagination", Map.of("per_page", 150)));
    assertThat(largest.json().path("conversations")).hasSize(23);
    assertThat(largest.json().path("pages").has("next")).isFalse();
  }

  @Test
  void anEmptyResultIsAnEmptyListOfNoPages() {
    ApiResponse none = search(f("source.body", "=", word()));
    assertThat(none.status()).isEqualTo(200);
    assertThat(none.json().path("conversations")).isEmpty();
    assertThat(none.json().path("total_count").asInt()).isZero();
    assertThat(none.json().path("pages").path("total_pages").asInt()).isZero();
  }

  @Test
  void aDeletedConversationIsFoundNoMoreAndItsWordsAreGone() {
    String w = word();
    String kept = conversation("<p>" + w + " kept</p>");
    String deleted = conversation("<p>" + w + " deleted</p>");
    try (TestDatabase db = TestDatabase.of(parley.process())) {
      assertThat(
              db.number(
                  "SELECT COUNT(*) FROM conversation_words WHERE conversation_id = ?", id(deleted)))
          .isEqualTo(2);
    }
    assertThat(api.delete("/conversations/" + deleted).status()).isEqualTo(200);
    assertThat(ids(f("source.body", "=", w))).containsExactly(kept);
    assertThat(ids(f("source.body", "=", "deleted"))).doesNotContain(deleted);
    try (TestDatabase db = TestDatabase.of(parley.process())) {
      assertThat(
              db.number(
                  "SELECT COUNT(*) FROM conversation_words WHERE conversation_id = ?", id(deleted)))
          .isZero();
      assertThat(
              db.number(
                  "SELECT COUNT(*) FROM conversation_words WHERE conversation_id = ?", id(kept)))
          .isEqualTo(2);
    }
  }

  @Test
  void anotherWorkspacesConversationsAreNeverFound() {
    String w = word();
    Cli.Result ws = parley.process().cli("workspace", "create", "search-other");
    assertThat(ws.exitCode()).as(ws.output()).isZero();
    assertThat(
            parley
                .process()
                .cli(
                    "admin",
                    "create",
                    "--workspace",
                    "search-other",
                    "--name",
                    "O",
                    "--email",
                    "o@search.example")
                .exitCode())
        .isZero();
    Cli.Result token =
        parley
            .process()
            .cli("token", "create", "--workspace", "search-other", "--scopes", "read,write");
    assertThat(token.exitCode()).as(token.output()).isZero();
    String[] lines = token.output().strip().split("\n");
    Api other = api.withToken(lines[lines.length - 1].strip());
    String theirContact = new Scenario(other).contact("them." + w + "@example.com");
    String theirs = new Scenario(other).conversation(theirContact, "<p>" + w + "</p>");
    String ours = conversation("<p>" + w + "</p>");

    assertThat(ids(f("source.body", "=", w))).containsExactly(ours);
    ApiResponse fromOther =
        other.post("/conversations/search", Map.of("query", f("source.body", "=", w)));
    assertThat(fromOther.json().path("conversations").path(0).path("id").asText())
        .isEqualTo(theirs);
    assertThat(fromOther.json().path("total_count").asInt()).isEqualTo(1);
  }

  static Stream<Arguments> invalidBodies() {
    Object[] sixteen = new Object[16];
    Arrays.fill(sixteen, f("state", "=", "open"));
    Map<String, Object> noOperator = new LinkedHashMap<>();
    noOperator.put("field", "state");
    noOperator.put("value", "open");
    return Stream.of(
        Arguments.of("no query", "{}", "query"),
        Arguments.of("a null query", "{\"query\":null}", "query"),
        Arguments.of("a query that is not an object", "{\"query\":\"state:open\"}", "query"),
        Arguments.of("an unknown field", Map.of("query", f("colour", "=", "red")), "query.field"),
        Arguments.of(
            "a date compared with words",
            Map.of("query", f("created_at", ">", "foorbar")),
            "query.value"),
        Arguments.of(
            "a boolean compared with a number", Map.of("query", f("open", "=", 1)), "query.value"),
        Arguments.of(
            "an integer field compared with a boolean",
            Map.of("query", f("admin_assignee_id", "=", true)),
            "query.value"),
        Arguments.of(
            "a string field compared with an object",
            Map.of("query", f("state", "=", Map.of("a", 1))),
            "query.value"),
        Arguments.of(
            "an operator the type does not allow",
            Map.of("query", f("state", ">", "open")),
            "query.operator"),
        Arguments.of(
            "a text operator on a date",
            Map.of("query", f("created_at", "~", "17")),
            "query.operator"),
        Arguments.of(
            "an operator outside the enum",
            Map.of("query", f("state", "LIKE", "open")),
            "query.operator"),
        Arguments.of("a filter without an operator", Map.of("query", noOperator), "query.operator"),
        Arguments.of(
            "AND on a single filter", Map.of("query", f("state", "AND", "open")), "query.operator"),
        Arguments.of(
            "a comparison without a field",
            "{\"query\":{\"operator\":\"=\",\"value\":\"open\"}}",
            "query.field"),
        Arguments.of(
            "a group whose value is not an array",
            "{\"query\":{\"operator\":\"OR\",\"value\":\"open\"}}",
            "query.value"),
        Arguments.of(
            "IN with a single value", Map.of("query", f("state", "IN", "open")), "query.value"),
        Arguments.of(
            "= with an array", Map.of("query", f("state", "=", List.of("open"))), "query.value"),
        Arguments.of(
            "> with null",
            "{\"query\":{\"field\":\"created_at\",\"operator\":\">\",\"value\":null}}",
            "query.value"),
        Arguments.of(
            "three levels of groups",
            Map.of("query", and(or(and(f("state", "=", "open"))))),
            "query.value[0].value[0]"),
        Arguments.of("sixteen filters in a group", Map.of("query", or(sixteen)), "query.value"),
        Arguments.of(
            "a page of none",
            Map.of("query", f("state", "=", "open"), "pagination", Map.of("per_page", 0)),
            "pagination.per_page"),
        Arguments.of(
            "a page over 150",
            Map.of("query", f("state", "=", "open"), "pagination", Map.of("per_page", 151)),
            "pagination.per_page"),
        Arguments.of(
            "a page size that is not a number",
            Map.of("query", f("state", "=", "open"), "pagination", Map.of("per_page", "many")),
            "pagination.per_page"),
        Arguments.of(
            "a cursor parley never gave",
            Map.of(
                "query",
                f("state", "=", "open"),
                "pagination",
                Map.of("starting_after", "nonsense")),
            "pagination.starting_after"),
        Arguments.of(
            "pagination that is not an object",
            Map.of("query", f("state", "=", "open"), "pagination", 5),
            "pagination"),
        Arguments.of("a body that is not an object", "[{\"field\":\"state\"}]", null),
        Arguments.of("a body that is not JSON", "{\"query\":", null));
  }

  @ParameterizedTest(name = "{0} answers 400 parameter_invalid")
  @MethodSource("invalidBodies")
  void invalidSearchesAnswer400ParameterInvalidNamingTheField(
      String what, Object body, String field) {
    ApiResponse response = api.post("/conversations/search", body);
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("parameter_invalid");
    JsonNode error = response.json().path("errors").path(0);
    assertThat(error.path("message").asText()).isNotBlank();
    if (field != null) {
      assertThat(error.path("field").asText()).isEqualTo(field);
    }
    assertThat(response.json().path("request_id").asText())
        .isEqualTo(response.header("X-Request-Id"));
  }

  @Test
  void theLimitsAreNamedInTheMessages() {
    Object[] sixteen = new Object[16];
    Arrays.fill(sixteen, f("state", "=", "open"));
    assertThat(search(or(sixteen)).json().path("errors").path(0).path("message").asText())
        .contains("at most 15");
    assertThat(
            search(and(or(and(f("state", "=", "open")))))
                .json()
                .path("errors")
                .path(0)
                .path("message")
                .asText())
        .contains("at most 2 levels");
  }

  @Test
  void searchingNeedsAValidToken() {
    ApiResponse anonymous =
        api.withToken(null).post("/conversations/search", Map.of("query", f("state", "=", "open")));
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.errorCode()).isEqualTo("unauthorized");
  }

  @Test
  void everyPageOfAWalkHoldsDistinctConversations() {
    String w = word();
    Set<String> made = new LinkedHashSet<>();
    for (int i = 0; i < 4; i++) {
      made.add(conversation("<p>" + w + "</p>"));
    }
    ApiResponse first =
        api.post(
            "/conversations/search",
            Map.of("query", f("source.body", "=", w), "pagination", Map.of("per_page", 3)));
    String cursor = first.json().path("pages").path("next").path("starting_after").asText();
    // A conversation made while paging is newer than the cursor: it does not shift the walk.
    conversation("<p>" + w + "</p>");
    ApiResponse second =
        api.post(
            "/conversations/search",
            Map.of(
                "query",
                f("source.body", "=", w),
                "pagination",
                Map.of("per_page", 3, "starting_after", cursor)));
    List<String> walked = new ArrayList<>();
    first.json().path("conversations").forEach(c -> walked.add(c.path("id").asText()));
    second.json().path("conversations").forEach(c -> walked.add(c.path("id").asText()));
    assertThat(walked).containsExactlyInAnyOrderElementsOf(made);
    assertThat(second.json().path("pages").path("page").asInt()).isEqualTo(2);
  }
}
