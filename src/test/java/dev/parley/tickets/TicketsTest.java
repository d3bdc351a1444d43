package dev.parley.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.Scenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tickets (Intercom 2.14: {@code createTicket}, {@code getTicket}, {@code updateTicket}) on a real
 * parley process; every answer is validated against the description by {@link Api}.
 */
class TicketsTest {
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static Api api;
  static Scenario s;
  static String typeId;
  static String admin;

  @BeforeAll
  static void setUp() {
    api = parley.api();
    s = new Scenario(api);
    admin = s.adminId();
    typeId = bugType();
  }

  static JsonNode ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  static void assertError(ApiResponse response, int status, String code, String field) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.errorCode()).isEqualTo(code);
    if (field != null) {
      assertThat(response.json().path("errors").path(0).path("field").asText()).isEqualTo(field);
    }
  }

  /** A Back-office type with a required string, a list, an integer and a boolean attribute. */
  static String bugType() {
    String id =
        ok(api.post(
                "/ticket_types",
                Map.of(
                    "name", "Bug " + UUID.randomUUID(),
                    "description", "Bugs",
                    "category", "Back-office")))
            .get("id")
            .asText();
    attribute(id, Map.of("name", "Component", "data_type", "string", "required_to_create", true));
    attribute(id, Map.of("name", "Severity", "data_type", "list", "list_items", "Low,High"));
    attribute(id, Map.of("name", "Users affected", "data_type", "integer"));
    attribute(id, Map.of("name", "Regression", "data_type", "boolean"));
    return id;
  }

  static void attribute(String type, Map<String, Object> body) {
    Map<String, Object> full = new HashMap<>(body);
    full.put("description", "d");
    ok(api.post("/ticket_types/" + type + "/attributes", full));
  }

  static Map<String, Object> ticketBody(String contactId, Map<String, Object> attributes) {
    return Map.of(
        "ticket_type_id",
        typeId,
        "contacts",
        List.of(Map.of("id", contactId)),
        "ticket_attributes",
        attributes);
  }

  static JsonNode createTicket(String contactId) {
    return ok(
        api.post(
            "/tickets",
            ticketBody(
                contactId,
                Map.of(
                    "_default_title_", "Login fails",
                    "_default_description_", "The button does nothing",
                    "Component", "auth",
                    "Severity", "2",
                    "Users affected", 12,
                    "Regression", true))));
  }

  static long conversationCount() {
    return ok(api.get("/conversations")).get("total_count").asLong();
  }

  static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path(field).asText()));
    return out;
  }

  @Test
  void aCreatedTicketHasItsAttributesTheSubmittedStateItsTypeAndItsContact() {
    String contact = s.contact("t" + System.nanoTime() + "@example.com");
    JsonNode t = createTicket(contact);
    assertThat(t.get("type").asText()).isEqualTo("ticket");
    assertThat(t.get("id").asText()).matches("[1-9][0-9]*");
    assertThat(t.get("ticket_id").asText()).matches("[1-9][0-9]*");
    assertThat(t.get("category").asText()).isEqualTo("Back-office");
    JsonNode attributes = t.get("ticket_attributes");
    assertThat(attributes.get("_default_title_").asText()).isEqualTo("Login fails");
    assertThat(attributes.get("Component").asText()).isEqualTo("auth");
    assertThat(attributes.get("Severity").asText()).isEqualTo("High");
    assertThat(attributes.get("Users affected").asLong()).isEqualTo(12);
    assertThat(attributes.get("Regression").asBoolean()).isTrue();
    assertThat(t.get("ticket_state").get("category").asText()).isEqualTo("submitted");
    assertThat(t.get("ticket_type").get("id").asText()).isEqualTo(typeId);
    assertThat(texts(t.get("contacts").get("contacts"), "id")).containsExactly(contact);
    assertThat(t.get("admin_assignee_id").asText()).isEqualTo("0");
    assertThat(t.get("open").asBoolean()).isTrue();
    assertThat(t.get("is_shared").asBoolean()).isFalse();
    assertThat(t.get("ticket_parts").get("total_count").asLong()).isZero();

    assertThat(ok(api.get("/tickets/" + t.get("id").asText()))).isEqualTo(t);
  }

  @Test
  void aContactIsFoundByExternalIdOrEmail() {
    String email = "ext" + System.nanoTime() + "@example.com";
    String contact = s.contact(Map.of("email", email, "role", "user", "external_id", "x-" + email));
    for (Map<String, Object> ref :
        List.<Map<String, Object>>of(Map.of("external_id", "x-" + email), Map.of("email", email))) {
      JsonNode t =
          ok(
              api.post(
                  "/tickets",
                  Map.of(
                      "ticket_type_id", typeId,
                      "contacts", List.of(ref),
                      "ticket_attributes", Map.of("Component", "billing"))));
      assertThat(texts(t.get("contacts").get("contacts"), "id")).containsExactly(contact);
    }
  }

  @Test
  void badTicketsAre400Or404NamingTheFieldAndCreateNothing() {
    String contact = s.contact("bad" + System.nanoTime() + "@example.com");
    long before = conversationCount();
    assertError(
        api.post("/tickets", ticketBody(contact, Map.of("Component", "a", "Colour", "red"))),
        400,
        "parameter_invalid",
        "Colour");
    assertError(
        api.post("/tickets", ticketBody(contact, Map.of("Component", "a", "Users affected", "x"))),
        400,
        "parameter_invalid",
        "Users affected");
    assertError(
        api.post("/tickets", ticketBody(contact, Map.of("Component", "a", "Severity", "Huge"))),
        400,
        "parameter_invalid",
        "Severity");
    assertError(
        api.post("/tickets", ticketBody(contact, Map.of("Component", "a", "Regression", "yes"))),
        400,
        "parameter_invalid",
        "Regression");
    assertError(
        api.post("/tickets", ticketBody(contact, Map.of("_default_title_", "no component"))),
        400,
        "parameter_not_found",
        "Component");
    assertError(
        api.post(
            "/tickets",
            Map.of(
                "ticket_type_id",
                "999999",
                "contacts",
                List.of(Map.of("id", contact)),
                "ticket_attributes",
                Map.of("Component", "a"))),
        400,
        "parameter_invalid",
        "ticket_type_id");
    assertError(
        api.post("/tickets", Map.of("contacts", List.of(Map.of("id", contact)))),
        400,
        "parameter_not_found",
        "ticket_type_id");
    assertError(
        api.post(
            "/tickets",
            Map.of("ticket_type_id", typeId, "ticket_attributes", Map.of("Component", "a"))),
        400,
        "parameter_invalid",
        "contacts");
    assertError(
        api.post("/tickets", ticketBody("000000000000000000000000", Map.of("Component", "a"))),
        404,
        "not_found",
        null);
    assertError(
        api.post(
            "/tickets",
            Map.of(
                "ticket_type_id",
                typeId,
                "contacts",
                List.of(Map.of("id", contact)),
                "ticket_attributes",
                Map.of("Component", "a"),
                "assignment",
                Map.of("admin_assignee_id", "999999"))),
        404,
        "admin_not_found",
        null);
    assertThat(conversationCount()).isEqualTo(before);
  }

  @Test
  void updateChangesStateAttributesSharingAssigneeAndOpenAndAddsTheirParts() {
    JsonNode t = createTicket(s.contact("u" + System.nanoTime() + "@example.com"));
    String id = t.get("id").asText();
    JsonNode states = ok(api.get("/ticket_states")).get("data");
    String inProgress = null;
    for (JsonNode state : states) {
      if (state.get("category").asText().equals("in_progress")) {
        inProgress = state.get("id").asText();
      }
    }
    JsonNode u =
        ok(
            api.put(
                "/tickets/" + id,
                Map.of(
                    "ticket_state_id",
                    inProgress,
                    "ticket_attributes",
                    Map.of("Component", "payments", "Regression", false),
                    "is_shared",
                    true,
                    "assignee_id",
                    admin)));
    assertThat(u.get("ticket_state").get("id").asText()).isEqualTo(inProgress);
    assertThat(u.get("ticket_attributes").get("Component").asText()).isEqualTo("payments");
    assertThat(u.get("ticket_attributes").get("Regression").asBoolean()).isFalse();
    assertThat(u.get("ticket_attributes").get("_default_title_").asText()).isEqualTo("Login fails");
    assertThat(u.get("is_shared").asBoolean()).isTrue();
    assertThat(u.get("admin_assignee_id").asText()).isEqualTo(admin);
    assertThat(texts(u.get("ticket_parts").get("ticket_parts"), "part_type"))
        .containsExactly("assignment");

    JsonNode closed = ok(api.put("/tickets/" + id, Map.of("open", false)));
    assertThat(closed.get("open").asBoolean()).isFalse();
    assertThat(texts(closed.get("ticket_parts").get("ticket_parts"), "part_type"))
        .containsExactly("assignment", "close");
    long later = closed.get("updated_at").asLong() + 3600;
    JsonNode snoozed = ok(api.put("/tickets/" + id, Map.of("snoozed_until", later)));
    assertThat(snoozed.get("snoozed_until").asLong()).isEqualTo(later);
    assertThat(snoozed.get("open").asBoolean()).isTrue();
    JsonNode reopened = ok(api.put("/tickets/" + id, Map.of("open", true)));
    assertThat(reopened.has("snoozed_until")).isFalse();
    assertThat(ok(api.get("/tickets/" + id))).isEqualTo(reopened);

    JsonNode unassigned = ok(api.put("/tickets/" + id, Map.of("assignee_id", "0")));
    assertThat(unassigned.get("admin_assignee_id").asText()).isEqualTo("0");
  }

  @Test
  void badUpdatesAre400NamingTheFieldAndChangeNothing() {
    JsonNode t = createTicket(s.contact("bu" + System.nanoTime() + "@example.com"));
    String id = t.get("id").asText();
    assertError(
        api.put("/tickets/" + id, Map.of("ticket_state_id", "999999", "is_shared", true)),
        400,
        "parameter_invalid",
        "ticket_state_id");
    assertError(
        api.put("/tickets/" + id, Map.of("ticket_attributes", Map.of("Users affected", 1.5))),
        400,
        "parameter_invalid",
        "Users affected");
    assertError(
        api.put("/tickets/" + id, Map.of("assignee_id", "999999", "open", false)),
        400,
        "parameter_invalid",
        "assignee_id");
    assertError(
        api.put("/tickets/" + id, Map.of("snoozed_until", 1, "is_shared", true)),
        400,
        "parameter_invalid",
        "snoozed_until");
    assertError(api.put("/tickets/" + id, Map.of("open", "no")), 400, "parameter_invalid", "open");
    assertThat(ok(api.get("/tickets/" + id))).isEqualTo(t);
  }

  @Test
  void aPlainConversationOrAnUnknownIdIsNoTicket() {
    String conversation = s.conversation("hello");
    assertError(api.get("/tickets/" + conversation), 404, "not_found", null);
    assertError(
        api.put("/tickets/" + conversation, Map.of("is_shared", true)), 404, "not_found", null);
    assertError(api.get("/tickets/987654321"), 404, "not_found", null);
    assertError(api.get("/tickets/abc"), 404, "not_found", null);
  }

  @Test
  void deleteErasesTheTicketAndEveryPathAnswers404After() {
    JsonNode t = createTicket(s.contact("d" + System.nanoTime() + "@example.com"));
    String id = t.get("id").asText();
    JsonNode deleted = ok(api.delete("/tickets/" + id));
    assertThat(deleted.get("id").asText()).isEqualTo(id);
    assertThat(deleted.get("object").asText()).isEqualTo("ticket");
    assertThat(deleted.get("deleted").asBoolean()).isTrue();
    assertError(api.get("/tickets/" + id), 404, "not_found", null);
    assertError(api.put("/tickets/" + id, Map.of("is_shared", true)), 404, "not_found", null);
    assertError(api.delete("/tickets/" + id), 404, "not_found", null);
    assertError(api.get("/conversations/" + id), 404, "not_found", null);
    assertError(api.delete("/conversations/" + id), 404, "not_found", null);
  }

  @Test
  void deletingAPlainConversationAsATicketIs404AndKeepsIt() {
    String conversation = s.conversation("not a ticket");
    assertError(api.delete("/tickets/" + conversation), 404, "not_found", null);
    ok(api.get("/conversations/" + conversation));
  }

  @Test
  void repliesAreTheTicketsPartsAndAnswerTheNewPartAsATicketReply() {
    String contact = s.contact("r" + System.nanoTime() + "@example.com");
    String id = createTicket(contact).get("id").asText();
    JsonNode comment =
        ok(
            api.post(
                "/tickets/" + id + "/reply",
                Map.of(
                    "message_type", "comment",
                    "type", "admin",
                    "admin_id", admin,
                    "body", "<p>We are on it</p>",
                    "attachment_urls", List.of("https://example.com/log.txt"))));
    assertThat(comment.get("type").asText()).isEqualTo("ticket_part");
    assertThat(comment.get("part_type").asText()).isEqualTo("comment");
    assertThat(comment.get("body").asText()).isEqualTo("<p>We are on it</p>");
    assertThat(comment.get("author").get("type").asText()).isEqualTo("admin");
    assertThat(comment.get("author").get("id").asText()).isEqualTo(admin);
    assertThat(texts(comment.get("attachments"), "url"))
        .containsExactly("https://example.com/log.txt");
    JsonNode note =
        ok(
            api.post(
                "/tickets/" + id + "/reply",
                Map.of("message_type", "note", "type", "admin", "admin_id", admin, "body", "n")));
    assertThat(note.get("part_type").asText()).isEqualTo("note");
    JsonNode user =
        ok(
            api.post(
                "/tickets/" + id + "/reply",
                Map.of(
                    "message_type",
                    "comment",
                    "type",
                    "user",
                    "intercom_user_id",
                    contact,
                    "body",
                    "Thanks")));
    assertThat(user.get("author").get("type").asText()).isEqualTo("user");
    assertThat(user.get("author").get("id").asText()).isEqualTo(contact);

    JsonNode t = ok(api.get("/tickets/" + id));
    assertThat(texts(t.get("ticket_parts").get("ticket_parts"), "id"))
        .containsExactly(
            comment.get("id").asText(), note.get("id").asText(), user.get("id").asText());
    assertThat(t.get("ticket_parts").get("total_count").asLong()).isEqualTo(3);

    assertError(
        api.post(
            "/tickets/" + id + "/reply",
            Map.of("message_type", "comment", "type", "admin", "admin_id", admin)),
        400,
        "parameter_not_found",
        null);
    String conversation = s.conversation("plain");
    assertError(
        api.post(
            "/tickets/" + conversation + "/reply",
            Map.of("message_type", "note", "type", "admin", "admin_id", admin, "body", "n")),
        404,
        "not_found",
        null);
    assertThat(
            ok(api.get("/conversations/" + conversation))
                .get("conversation_parts")
                .get("total_count")
                .asLong())
        .isZero();
  }

  @Test
  void tagsAreAttachedToAndDetachedFromATicket() {
    String id =
        createTicket(s.contact("tg" + System.nanoTime() + "@example.com")).get("id").asText();
    String tag =
        ok(api.post("/tags", Map.of("name", "ticket-tag-" + UUID.randomUUID()))).get("id").asText();
    JsonNode applied =
        ok(api.post("/tickets/" + id + "/tags", Map.of("id", tag, "admin_id", admin)));
    assertThat(applied.get("id").asText()).isEqualTo(tag);
    assertThat(applied.get("type").asText()).isEqualTo("tag");
    JsonNode detached =
        ok(api.delete("/tickets/" + id + "/tags/" + tag, Map.of("admin_id", admin)));
    assertThat(detached.get("id").asText()).isEqualTo(tag);
    assertError(
        api.post("/tickets/" + id + "/tags", Map.of("id", "999999", "admin_id", admin)),
        404,
        "tag_not_found",
        null);
    String conversation = s.conversation("plain");
    assertError(
        api.post("/tickets/" + conversation + "/tags", Map.of("id", tag, "admin_id", admin)),
        404,
        "not_found",
        null);
    assertThat(ok(api.get("/conversations/" + conversation)).get("tags").get("tags").size())
        .isZero();
  }
}
