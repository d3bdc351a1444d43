package dev.parley.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Linked objects on a real parley: {@code createTicket}'s (and {@code enqueueCreateTicket}'s)
 * {@code conversation_to_link_id} links the new ticket to a conversation or customer ticket, both
 * sides render it in {@code linked_objects} ({@code linked_object_list}), bad links get Intercom's
 * errors and change nothing, and erasing either side removes the link rows. Every answer is
 * validated against the description by {@link Api}.
 */
class TicketLinksTest {
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static Api api;
  static Scenario s;
  static String customerType;
  static String backOfficeType;
  static String trackerType;

  @BeforeAll
  static void setUp() {
    api = parley.api();
    s = new Scenario(api);
    customerType = type("Customer");
    backOfficeType = type("Back-office");
    trackerType = type("Tracker");
  }

  static String type(String category) {
    return ok(api.post(
            "/ticket_types",
            Map.of("name", category + " links " + UUID.randomUUID(), "category", category)))
        .get("id")
        .asText();
  }

  static JsonNode ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  static Map<String, Object> body(String type, String contact, String linkTo) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ticket_type_id", type);
    body.put("contacts", List.of(Map.of("id", contact)));
    body.put("ticket_attributes", Map.of("_default_title_", "Linked"));
    if (linkTo != null) {
      body.put("conversation_to_link_id", linkTo);
    }
    return body;
  }

  static String contact() {
    return s.contact("link" + System.nanoTime() + "@example.com");
  }

  /** The {@code data} of an object's {@code linked_objects}, checking the list's other fields. */
  static JsonNode linked(JsonNode object) {
    JsonNode list = object.get("linked_objects");
    assertThat(list.get("type").asText()).isEqualTo("list");
    assertThat(list.get("has_more").asBoolean()).isFalse();
    assertThat(list.get("total_count").asLong()).isEqualTo(list.get("data").size());
    return list.get("data");
  }

  static void assertLink(JsonNode data, String type, String id, String category) {
    assertThat(data).hasSize(1);
    assertThat(data.get(0).get("type").asText()).isEqualTo(type);
    assertThat(data.get(0).get("id").asText()).isEqualTo(id);
    if (category == null) {
      assertThat(data.get(0).get("category").isNull()).isTrue();
    } else {
      assertThat(data.get(0).get("category").asText()).isEqualTo(category);
    }
  }

  static long linkRows(String id) {
    try (TestDatabase db = TestDatabase.of(parley.process())) {
      return db.number(
          "SELECT COUNT(*) FROM linked_objects WHERE ticket_id = ? OR linked_id = ?",
          Long.parseLong(id),
          Long.parseLong(id));
    }
  }

  static long rows(String table) {
    try (TestDatabase db = TestDatabase.of(parley.process())) {
      return db.number("SELECT COUNT(*) FROM " + table);
    }
  }

  @Test
  void aConversationLinkedToABackOfficeTicketIsListedOnBothSides() {
    String contact = contact();
    String conversation = s.conversation(contact, "<p>Please look into it</p>");
    JsonNode ticket = ok(api.post("/tickets", body(backOfficeType, contact, conversation)));
    String ticketId = ticket.get("id").asText();
    assertThat(ticket.get("category").asText()).isEqualTo("Back-office");
    assertLink(linked(ticket), "conversation", conversation, null);
    assertLink(linked(ok(api.get("/tickets/" + ticketId))), "conversation", conversation, null);
    assertLink(
        linked(ok(api.get("/conversations/" + conversation))), "ticket", ticketId, "Back-office");
    assertThat(linkRows(ticketId)).isEqualTo(1);

    // The conversation list renders it too.
    JsonNode listed = null;
    for (JsonNode c : ok(api.get("/conversations?per_page=150")).get("conversations")) {
      if (c.get("id").asText().equals(conversation)) {
        listed = c;
      }
    }
    assertThat(listed).isNotNull();
    assertLink(linked(listed), "ticket", ticketId, "Back-office");
  }

  @Test
  void aCustomerTicketLinkedToATrackerTicketIsListedAsATicket() {
    String contact = contact();
    String customer =
        ok(api.post("/tickets", body(customerType, contact, null))).get("id").asText();
    JsonNode tracker = ok(api.post("/tickets", body(trackerType, contact, customer)));
    String trackerId = tracker.get("id").asText();
    assertLink(linked(tracker), "ticket", customer, "Customer");
    assertLink(linked(ok(api.get("/tickets/" + customer))), "ticket", trackerId, "Tracker");
  }

  @Test
  void anEnqueuedTicketLinksToo() {
    String contact = contact();
    String conversation = s.conversation(contact, "<p>Enqueued link</p>");
    JsonNode job = ok(api.post("/tickets/enqueue", body(trackerType, contact, conversation)));
    String ticketId = job.get("resource_id").asText();
    assertLink(linked(ok(api.get("/tickets/" + ticketId))), "conversation", conversation, null);
    assertLink(
        linked(ok(api.get("/conversations/" + conversation))), "ticket", ticketId, "Tracker");
  }

  @Test
  void aTicketWithoutALinkListsNothing() {
    String contact = contact();
    JsonNode ticket = ok(api.post("/tickets", body(backOfficeType, contact, null)));
    assertThat(linked(ticket)).isEmpty();
    assertThat(ticket.get("linked_objects").get("total_count").asLong()).isZero();
  }

  @Test
  void badLinksGetIntercomsErrorsAndChangeNothing() {
    String contact = contact();
    String conversation = s.conversation(contact, "<p>Not linkable everywhere</p>");
    String deleted = s.conversation(contact, "<p>Deleted before linking</p>");
    ok(api.delete("/conversations/" + deleted));
    String backOffice =
        ok(api.post("/tickets", body(backOfficeType, contact, null))).get("id").asText();
    long conversations = rows("conversations");
    long links = rows("linked_objects");
    long jobs = rows("jobs");

    for (String unknown : List.of("999999999", deleted, "abc")) {
      for (String path : List.of("/tickets", "/tickets/enqueue")) {
        ApiResponse refused = api.post(path, body(backOfficeType, contact, unknown));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
        assertThat(refused.errorCode()).isEqualTo("not_found");
        JsonNode error = refused.json().get("errors").get(0);
        assertThat(error.get("message").asText()).isEqualTo("Conversation not found");
        assertThat(error.get("field").asText()).isEqualTo("conversation_to_link_id");
      }
    }
    // A customer ticket cannot be linked to a conversation; a back-office ticket cannot be linked.
    for (Map<String, Object> body :
        List.of(
            body(customerType, contact, conversation), body(trackerType, contact, backOffice))) {
      ApiResponse refused = api.post("/tickets", body);
      assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
      assertThat(refused.errorCode()).isEqualTo("parameter_invalid");
      assertThat(refused.json().get("errors").get(0).get("field").asText())
          .isEqualTo("conversation_to_link_id");
    }
    // Another workspace's conversation is unknown there.
    assertThat(parley.process().cli("workspace", "create", "links-other").exitCode()).isZero();
    assertThat(
            parley
                .process()
                .cli(
                    "admin",
                    "create",
                    "--workspace",
                    "links-other",
                    "--name",
                    "L",
                    "--email",
                    "l@example.com")
                .exitCode())
        .isZero();
    Api other = api.withToken(parley.process().createToken("links-other", "read,write"));
    String otherType =
        ok(other.post("/ticket_types", Map.of("name", "Other links", "category", "Back-office")))
            .get("id")
            .asText();
    String otherContact = new Scenario(other).contact("other-link@example.com");
    ApiResponse foreign = other.post("/tickets", body(otherType, otherContact, conversation));
    assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);
    assertThat(foreign.json().get("errors").get(0).get("field").asText())
        .isEqualTo("conversation_to_link_id");

    assertThat(rows("conversations")).isEqualTo(conversations);
    assertThat(rows("linked_objects")).isEqualTo(links);
    assertThat(rows("jobs")).isEqualTo(jobs);
    assertThat(linked(ok(api.get("/conversations/" + conversation)))).isEmpty();
  }

  @Test
  void deletingTheConversationRemovesTheLinkFromTheTicket() {
    String contact = contact();
    String conversation = s.conversation(contact, "<p>Erased later</p>");
    String ticketId =
        ok(api.post("/tickets", body(backOfficeType, contact, conversation))).get("id").asText();
    assertThat(linkRows(conversation)).isEqualTo(1);

    ok(api.delete("/conversations/" + conversation));
    assertThat(linked(ok(api.get("/tickets/" + ticketId)))).isEmpty();
    assertThat(linkRows(conversation)).isZero();
    assertThat(linkRows(ticketId)).isZero();
  }

  @Test
  void deletingTheTicketRemovesTheLinkFromTheConversation() {
    String contact = contact();
    String conversation = s.conversation(contact, "<p>Outlives its ticket</p>");
    String ticketId =
        ok(api.post("/tickets", body(trackerType, contact, conversation))).get("id").asText();

    ok(api.delete("/tickets/" + ticketId));
    assertThat(linked(ok(api.get("/conversations/" + conversation)))).isEmpty();
    assertThat(linkRows(ticketId)).isZero();
    assertThat(linkRows(conversation)).isZero();
  }

  @Test
  void deletingTheContactOfTheConversationRemovesTheLink() {
    String owner = contact();
    String conversation = s.conversation(owner, "<p>Its contact is deleted</p>");
    String ticketId =
        ok(api.post("/tickets", body(backOfficeType, contact(), conversation))).get("id").asText();

    ok(api.delete("/contacts/" + owner));
    assertThat(api.get("/conversations/" + conversation).status()).isEqualTo(404);
    assertThat(linked(ok(api.get("/tickets/" + ticketId)))).isEmpty();
    assertThat(linkRows(conversation)).isZero();
  }
}
