package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.http.Acceptance;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.Scenario;
import dev.parley.testing.SpecValidator;
import dev.parley.testing.WebhookReceiver.Received;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The topics of tickets (issue 16; docs/webhooks.md, "Tickets"): {@code ticket.created} (create and
 * convert), {@code ticket.state.updated}, {@code ticket.closed}, {@code ticket.admin.assigned},
 * {@code ticket.team.assigned}, {@code ticket.admin.replied}, {@code ticket.contact.replied},
 * {@code ticket.note.created}, {@code ticket.contact.attached} and {@code ticket.contact.detached},
 * each with the ticket as {@code getTicket} renders it (checked against the 2.14 {@code ticket}
 * schema), its {@code ticket_parts} only the parts the change wrote. A plain conversation raises no
 * ticket topic. Each test ends its window with {@link TopicWindow}'s fence.
 */
class TicketTopicsTest {
  private static final List<String> TOPICS =
      List.of(
          "ticket.created",
          "ticket.state.updated",
          "ticket.closed",
          "ticket.admin.assigned",
          "ticket.team.assigned",
          "ticket.admin.replied",
          "ticket.contact.replied",
          "ticket.note.created",
          "ticket.contact.attached",
          "ticket.contact.detached");

  @RegisterExtension static final ParleyExtension parley = TopicWindow.server();

  static TopicWindow topics;
  static Api api;
  static Scenario s;
  static String admin;
  static String typeId;

  @BeforeAll
  static void subscribe() {
    api = parley.api();
    s = new Scenario(api);
    admin = s.adminId();
    typeId =
        ok(api.post("/ticket_types", Map.of("name", "Question " + UUID.randomUUID())))
            .path("id")
            .asText();
    topics = TopicWindow.subscribe(api, TOPICS);
  }

  @AfterAll
  static void stopReceiver() {
    topics.close();
  }

  private static JsonNode ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  private static String contact() {
    return s.contact("ticket-topic-" + UUID.randomUUID() + "@example.com");
  }

  private static JsonNode createTicket(String contactId) {
    return ok(
        api.post(
            "/tickets",
            Map.of(
                "ticket_type_id",
                typeId,
                "contacts",
                List.of(Map.of("id", contactId)),
                "ticket_attributes",
                Map.of("_default_title_", "Refund", "_default_description_", "Order 7"))));
  }

  /** A ticket, created outside any window (its {@code ticket.created} lands before the next). */
  private static String settledTicket(String contactId) {
    String[] id = new String[1];
    topics.during(() -> id[0] = createTicket(contactId).path("id").asText());
    return id[0];
  }

  /** The item is a 2.14 {@code ticket}: what {@code getTicket} answers is valid for it. */
  private static void assertTicketShape(String id, JsonNode item) {
    assertThat(
            SpecValidator.violations(
                "GET", "/tickets/" + id, 200, "application/json", item.toString()))
        .as(item.toString())
        .isEmpty();
    assertThat(item.path("type").asText()).isEqualTo("ticket");
    assertThat(item.path("id").asText()).isEqualTo(id);
  }

  private static List<String> partTypes(JsonNode item) {
    return item.path("ticket_parts").path("ticket_parts").findValuesAsText("part_type");
  }

  @Test
  void creatingATicketRaisesTicketCreatedWithTheTicketAsGetTicketRendersIt() {
    JsonNode[] created = new JsonNode[1];
    List<Received> window = topics.during(() -> created[0] = createTicket(contact()));
    assertThat(window).extracting(Received::topic).containsExactly("ticket.created");
    assertThat(window.get(0).signedWith(topics.secret())).isTrue();
    String id = created[0].path("id").asText();
    assertTicketShape(id, window.get(0).item());
    assertThat(window.get(0).item()).isEqualTo(ok(api.get("/tickets/" + id)));
    assertThat(window.get(0).item().at("/ticket_attributes/_default_title_").asText())
        .isEqualTo("Refund");
  }

  @Test
  void repliesAndNotesRaiseTheirTicketTopicsWithTheNewPartOnly() {
    String contactId = contact();
    String id = settledTicket(contactId);
    List<Received> window =
        topics.during(
            () -> {
              ok(s.contactReply(id, contactId, "<p>Any news?</p>"));
              ok(s.adminReply(id, "comment", "<p>Refund sent</p>"));
              ok(s.adminReply(id, "note", "<p>Checked the ledger</p>"));
            });
    assertThat(window)
        .extracting(Received::topic)
        .containsExactly("ticket.contact.replied", "ticket.admin.replied", "ticket.note.created");
    for (Received r : window) {
      assertTicketShape(id, r.item());
      assertThat(r.item().at("/ticket_parts/total_count").asLong()).isEqualTo(1);
    }
    assertThat(window)
        .extracting(r -> r.item().at("/ticket_parts/ticket_parts/0/body").asText())
        .containsExactly("<p>Any news?</p>", "<p>Refund sent</p>", "<p>Checked the ledger</p>");
    assertThat(partTypes(window.get(2).item())).containsExactly("note");
  }

  @Test
  void updatingStateAssigneeAndOpenRaiseStateUpdatedAssignedAndClosed() {
    String id = settledTicket(contact());
    String inProgress = null;
    for (JsonNode state : ok(api.get("/ticket_states")).path("data")) {
      if (state.path("category").asText().equals("in_progress")) {
        inProgress = state.path("id").asText();
      }
    }
    String stateId = inProgress;
    List<Received> window =
        topics.during(
            () -> {
              ok(api.put("/tickets/" + id, Map.of("ticket_state_id", stateId)));
              ok(api.put("/tickets/" + id, Map.of("assignee_id", admin)));
              ok(api.put("/tickets/" + id, Map.of("open", false)));
              // the same state again changes nothing: no ticket.state.updated
              ok(api.put("/tickets/" + id, Map.of("ticket_state_id", stateId)));
            });
    assertThat(window)
        .extracting(Received::topic)
        .containsExactly("ticket.state.updated", "ticket.admin.assigned", "ticket.closed");
    window.forEach(r -> assertTicketShape(id, r.item()));
    JsonNode updated = window.get(0).item();
    assertThat(updated.at("/ticket_state/id").asText()).isEqualTo(stateId);
    assertThat(updated.at("/ticket_state/category").asText()).isEqualTo("in_progress");
    assertThat(updated.at("/ticket_parts/total_count").asLong()).isZero();
    JsonNode assigned = window.get(1).item();
    assertThat(assigned.path("admin_assignee_id").asText()).isEqualTo(admin);
    assertThat(partTypes(assigned)).containsExactly("assignment");
    JsonNode closed = window.get(2).item();
    assertThat(closed.path("open").asBoolean()).isFalse();
    assertThat(partTypes(closed)).containsExactly("close");
  }

  @Test
  void assigningToATeamRaisesTicketTeamAssignedOnly() {
    String id = settledTicket(contact());
    String team = Acceptance.team(parley.process(), "default", "Ticket topics team", admin);
    List<Received> window =
        topics.during(() -> ok(api.put("/tickets/" + id, Map.of("assignee_id", team))));
    assertThat(window).extracting(Received::topic).containsExactly("ticket.team.assigned");
    assertTicketShape(id, window.get(0).item());
    assertThat(window.get(0).item().path("team_assignee_id").asText()).isEqualTo(team);
    assertThat(partTypes(window.get(0).item())).containsExactly("assignment");
  }

  @Test
  void attachingAndDetachingAContactRaiseTicketContactAttachedAndDetached() {
    String first = contact();
    String second = contact();
    String id = settledTicket(first);
    List<Received> window =
        topics.during(
            () -> {
              ok(
                  api.post(
                      "/conversations/" + id + "/customers",
                      Map.of("admin_id", admin, "customer", Map.of("intercom_user_id", second))));
              ok(
                  api.delete(
                      "/conversations/" + id + "/customers/" + second, Map.of("admin_id", admin)));
            });
    assertThat(window)
        .extracting(Received::topic)
        .containsExactly("ticket.contact.attached", "ticket.contact.detached");
    window.forEach(r -> assertThat(r.item().path("id").asText()).isEqualTo(id));
    assertThat(window.get(0).item().at("/contacts/contacts").findValuesAsText("id"))
        .containsExactlyInAnyOrder(first, second);
    assertThat(window.get(1).item().at("/contacts/contacts").findValuesAsText("id"))
        .containsExactly(first);
  }

  @Test
  void convertingAConversationRaisesTicketCreatedAndAPlainConversationRaisesNoTicketTopic() {
    String contactId = contact();
    String conversation = s.conversation(contactId, "<p>My order is late</p>");
    List<Received> plain =
        topics.during(
            () -> {
              ok(s.adminReply(conversation, "comment", "<p>Looking</p>"));
              ok(s.adminReply(conversation, "note", "<p>internal</p>"));
              ok(s.contactReply(conversation, contactId, "<p>Thanks</p>"));
            });
    assertThat(plain).isEmpty();
    JsonNode[] converted = new JsonNode[1];
    List<Received> window =
        topics.during(
            () ->
                converted[0] =
                    ok(
                        api.post(
                            "/conversations/" + conversation + "/convert",
                            Map.of("ticket_type_id", typeId))));
    assertThat(window).extracting(Received::topic).containsExactly("ticket.created");
    assertTicketShape(conversation, window.get(0).item());
    assertThat(window.get(0).item().at("/ticket_parts/total_count").asLong()).isZero();
    assertThat(converted[0].at("/ticket_parts/total_count").asLong()).isEqualTo(3);
  }
}
