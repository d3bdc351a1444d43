package dev.parley.search;

import static dev.parley.search.ConversationSearchTest.and;
import static dev.parley.search.ConversationSearchTest.f;
import static dev.parley.search.ConversationSearchTest.or;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /tickets/search} (Intercom 2.14 {@code searchTickets}) on a real parley: the ticket
 * fields of the description's table over the conversation search machinery, plain conversations and
 * deleted tickets never found. Each test scopes its queries to a ticket type of its own; every
 * answer is validated against the description by {@link Api}.
 */
class TicketSearchTest {
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static Api api;
  static Scenario s;

  @BeforeAll
  static void setUp() {
    api = parley.api();
    s = new Scenario(api);
  }

  static JsonNode ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  /** A Back-office type with a string attribute "Component"; answers {type id, attribute id}. */
  static String[] type() {
    String type =
        ok(api.post(
                "/ticket_types",
                Map.of(
                    "name", "Search " + UUID.randomUUID(),
                    "description", "d",
                    "category", "Back-office")))
            .get("id")
            .asText();
    String attribute =
        ok(api.post(
                "/ticket_types/" + type + "/attributes",
                Map.of("name", "Component", "description", "d", "data_type", "string")))
            .get("id")
            .asText();
    return new String[] {type, attribute};
  }

  static String ticket(String type, String contact, String title, String component) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("_default_title_", title);
    attributes.put("_default_description_", "About " + title);
    attributes.put("Component", component);
    return ok(api.post(
            "/tickets",
            Map.of(
                "ticket_type_id",
                type,
                "contacts",
                List.of(Map.of("id", contact)),
                "ticket_attributes",
                attributes)))
        .get("id")
        .asText();
  }

  static JsonNode search(Map<String, Object> body) {
    return ok(api.post("/tickets/search", body));
  }

  /** The ids found (one page of up to 150), checking that the total counts them all. */
  static List<String> ids(String type, Object query) {
    JsonNode found =
        search(
            Map.of(
                "query",
                and(f("ticket_type_id", "=", type), query),
                "pagination",
                Map.of("per_page", 150)));
    assertThat(found.get("type").asText()).isEqualTo("ticket.list");
    List<String> ids = new ArrayList<>();
    found.get("tickets").forEach(t -> ids.add(t.get("id").asText()));
    assertThat(found.get("total_count").asLong()).isEqualTo(ids.size());
    return ids;
  }

  @Test
  void ticketFieldsMatchAndPlainConversationsAndDeletedTicketsAreNeverFound() {
    String[] t = type();
    String contact = s.contact("ts" + System.nanoTime() + "@example.com");
    String other = s.contact("tso" + System.nanoTime() + "@example.com");
    String login = ticket(t[0], contact, "Login fails", "auth");
    String payment = ticket(t[0], contact, "Payment bounced", "billing");
    String slow = ticket(t[0], other, "Login slow", "auth");
    s.conversation(contact, "Login fails for me too");

    assertThat(ids(t[0], f("title", "~", "login"))).containsExactly(slow, login);
    assertThat(ids(t[0], f("description", "$", "bounced"))).containsExactly(payment);
    assertThat(ids(t[0], f("category", "=", "task"))).containsExactly(slow, payment, login);
    assertThat(ids(t[0], f("category", "=", "request"))).isEmpty();
    assertThat(ids(t[0], f("state", "=", "submitted"))).hasSize(3);
    assertThat(ids(t[0], f("open", "=", true))).hasSize(3);
    assertThat(ids(t[0], f("contact_ids", "=", other))).containsExactly(slow);
    assertThat(ids(t[0], f("ticket_attribute." + t[1], "=", "auth"))).containsExactly(slow, login);
    assertThat(ids(t[0], f("id", "IN", List.of(payment, slow)))).containsExactly(slow, payment);
    assertThat(
            ids(
                t[0],
                or(f("ticket_attribute." + t[1], "=", "billing"), f("title", "^", "Login s"))))
        .containsExactly(slow, payment);
    assertThat(ids(t[0], f("created_at", ">", 1_000_000_000L))).hasSize(3);
    assertThat(ids(t[0], f("admin_assignee_id", "=", "0"))).hasSize(3);
    String admin = s.adminId();
    ok(api.put("/tickets/" + slow, Map.of("assignee_id", admin)));
    assertThat(ids(t[0], f("admin_assignee_id", "=", admin))).containsExactly(slow);
    assertThat(ids(t[0], f("admin_assignee_id", "=", "0"))).containsExactly(payment, login);

    JsonNode first = search(Map.of("query", f("id", "=", login))).get("tickets").get(0);
    assertThat(first).isEqualTo(ok(api.get("/tickets/" + login)));

    ok(api.delete("/tickets/" + payment));
    assertThat(ids(t[0], f("open", "=", true))).containsExactly(slow, login);
    assertThat(ids(t[0], f("id", "=", payment))).isEmpty();
  }

  @Test
  void stateMatchesTheCategoryOfTheTicketsStateWithEveryOperator() {
    String[] t = type();
    String contact = s.contact("tss" + System.nanoTime() + "@example.com");
    String submitted = ticket(t[0], contact, "Stays submitted", "c");
    String working = ticket(t[0], contact, "In progress", "c");
    String done = ticket(t[0], contact, "Resolved", "c");
    Map<String, String> stateOf = new LinkedHashMap<>();
    ok(api.get("/ticket_states"))
        .get("data")
        .forEach(x -> stateOf.putIfAbsent(x.get("category").asText(), x.get("id").asText()));
    ok(api.put("/tickets/" + working, Map.of("ticket_state_id", stateOf.get("in_progress"))));
    ok(api.put("/tickets/" + done, Map.of("ticket_state_id", stateOf.get("resolved"))));

    assertThat(ids(t[0], f("state", "=", "in_progress"))).containsExactly(working);
    assertThat(ids(t[0], f("state", "!=", "in_progress"))).containsExactly(done, submitted);
    assertThat(ids(t[0], f("state", "IN", List.of("submitted", "resolved"))))
        .containsExactly(done, submitted);
    assertThat(ids(t[0], f("state", "NIN", List.of("submitted", "resolved"))))
        .containsExactly(working);
    assertThat(ids(t[0], f("state", "~", "progress"))).containsExactly(working);
    assertThat(ids(t[0], f("state", "!~", "progress"))).containsExactly(done, submitted);
    assertThat(ids(t[0], f("state", "^", "sub"))).containsExactly(submitted);
    assertThat(ids(t[0], f("state", "$", "ved"))).containsExactly(done);
    assertThat(ids(t[0], f("state", "=", "waiting_on_customer"))).isEmpty();
    assertThat(ids(t[0], f("state", "=", null))).isEmpty();
    assertThat(ids(t[0], f("state", "!=", null))).containsExactly(done, working, submitted);
    assertThat(ids(t[0], or(f("state", "=", "resolved"), f("title", "=", "Stays submitted"))))
        .containsExactly(done, submitted);
  }

  @Test
  void theCursorWalksEveryPageNewestFirst() {
    String[] t = type();
    String contact = s.contact("tsp" + System.nanoTime() + "@example.com");
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      made.add(0, ticket(t[0], contact, "Page " + i, "c"));
    }
    List<String> walked = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      Map<String, Object> pagination = new LinkedHashMap<>();
      pagination.put("per_page", 2);
      if (after != null) {
        pagination.put("starting_after", after);
      }
      JsonNode page =
          search(Map.of("query", f("ticket_type_id", "=", t[0]), "pagination", pagination));
      assertThat(page.get("total_count").asLong()).isEqualTo(5);
      assertThat(page.get("pages").get("total_pages").asInt()).isEqualTo(3);
      page.get("tickets").forEach(x -> walked.add(x.get("id").asText()));
      JsonNode next = page.get("pages").path("next");
      after = next.isMissingNode() ? null : next.get("starting_after").asText();
      pages++;
    } while (after != null);
    assertThat(pages).isEqualTo(3);
    assertThat(walked).isEqualTo(made);
  }

  static Stream<Arguments> invalidBodies() {
    return Stream.of(
        Arguments.of("no query", Map.of(), "query"),
        Arguments.of("an unknown field", Map.of("query", f("colour", "=", "red")), "query.field"),
        Arguments.of(
            "a conversation field", Map.of("query", f("source.body", "=", "x")), "query.field"),
        Arguments.of(
            "an attribute id no ticket type has",
            Map.of("query", f("ticket_attribute.999999999", "=", "x")),
            "query.field"),
        Arguments.of(
            "a date compared with words",
            Map.of("query", f("created_at", ">", "foorbar")),
            "query.value"),
        Arguments.of(
            "an ordering operator on a string",
            Map.of("query", f("title", ">", "a")),
            "query.operator"),
        Arguments.of(
            "a page over 150",
            Map.of("query", f("open", "=", true), "pagination", Map.of("per_page", 151)),
            "pagination.per_page"),
        Arguments.of(
            "a cursor parley never issued",
            Map.of(
                "query",
                f("open", "=", true),
                "pagination",
                Map.of("starting_after", "not-a-cursor")),
            "pagination.starting_after"));
  }

  @ParameterizedTest(name = "{0} answers 400 parameter_invalid")
  @MethodSource("invalidBodies")
  void invalidSearchesAnswer400ParameterInvalid(String what, Object body, String field) {
    ApiResponse response = api.post("/tickets/search", body);
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("parameter_invalid");
    assertThat(response.json().path("errors").path(0).path("field").asText()).isEqualTo(field);
  }
}
