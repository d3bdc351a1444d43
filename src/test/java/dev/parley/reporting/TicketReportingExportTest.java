package dev.parley.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.ReportingExports;
import dev.parley.testing.ReportingExports.Csv;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code ticket} dataset of the Reporting Data Export (issue 16): listed by {@code
 * get_datasets}, one row per ticket (created, converted), none for a plain conversation, and an
 * erased ticket kept as a row marked deleted that holds none of its content (markers in its title,
 * description and parts are found neither in the export nor in its reporting record). Every JSON
 * answer is validated against the 2.14 description by {@link Api}.
 */
class TicketReportingExportTest {
  static final List<String> ATTRIBUTES =
      List.of(
          "conversation_id",
          "ticket_id",
          "ticket_created_at",
          "ticket_updated_at",
          "ticket_type_id",
          "ticket_type_name",
          "ticket_category",
          "ticket_state_id",
          "ticket_state",
          "ticket_state_label",
          "ticket_state_updated_at",
          "first_resolved_at",
          "last_resolved_at",
          "open",
          "state",
          "admin_assignee_id",
          "team_assignee_id",
          "first_close_at",
          "last_close_at",
          "last_closed_by_id",
          "count_ticket_parts",
          "deleted",
          "deleted_at");

  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static Api api;
  static Scenario s;

  @BeforeAll
  static void setUp() {
    api = parley.api();
    s = new Scenario(api);
  }

  @Test
  void theDatasetListNamesTheTicketDatasetAfterTheConversationOne() {
    JsonNode data = api.get("/export/reporting_data/get_datasets").json().path("data");
    assertThat(data).hasSize(2);
    assertThat(data.path(0).path("id").asText()).isEqualTo("conversation");
    JsonNode dataset = data.path(1);
    assertThat(dataset.path("id").asText()).isEqualTo("ticket");
    assertThat(dataset.path("name").asText()).isEqualTo("Ticket");
    assertThat(dataset.path("default_time_attribute_id").asText()).isEqualTo("ticket_created_at");
    assertThat(dataset.path("description").asText()).contains("deleted");
    assertThat(ReportingExportTest.attributeIds(dataset)).containsExactlyElementsOf(ATTRIBUTES);
  }

  @Test
  void aConversationAttributeIsNotATicketAttribute() {
    ApiResponse refused =
        api.post(
            "/export/reporting_data/enqueue",
            ReportingExports.body("ticket", List.of("ticket_id", "conversation_title"), 0, 10));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.json().path("errors").path(0).path("message").asText())
        .isEqualTo("attribute_ids invalid for ticket dataset: conversation_title");
  }

  @Test
  void everyTicketIsARowErasedOnesMarkedDeletedWithoutContentPlainConversationsAbsent() {
    long t = 1_500_000_000L;
    String contact = s.contact("ticket-report@example.com");
    ApiResponse type = api.post("/ticket_types", Map.of("name", "Refunds", "category", "Customer"));
    assertThat(type.status()).as(type.toString()).isEqualTo(200);
    String typeId = type.json().get("id").asText();
    Map<String, JsonNode> states = new java.util.HashMap<>();
    api.get("/ticket_states")
        .json()
        .path("data")
        .forEach(st -> states.putIfAbsent(st.path("category").asText(), st));
    JsonNode resolved = states.get("resolved");

    // A ticket that is worked on: assigned, resolved, closed.
    JsonNode worked = ticket(typeId, contact, t + 10, "Worked on", "nothing secret");
    String workedId = worked.get("id").asText();
    ApiResponse updated =
        api.put(
            "/tickets/" + workedId,
            Map.of(
                "ticket_state_id",
                resolved.path("id").asText(),
                "assignee_id",
                s.adminId(),
                "admin_id",
                s.adminId()));
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    ApiResponse closed = api.put("/tickets/" + workedId, Map.of("open", false));
    assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
    assertThat(closed.json().path("open").asBoolean()).isFalse();

    // A ticket full of content, then erased.
    String marker = "MKtkt" + UUID.randomUUID().toString().replace("-", "");
    JsonNode erased = ticket(typeId, contact, t + 20, marker + "title", marker + "description");
    String erasedId = erased.get("id").asText();
    assertThat(s.adminReply(erasedId, "comment", marker + "reply").status()).isEqualTo(200);
    ApiResponse deleted = api.delete("/tickets/" + erasedId);
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);

    // A plain conversation, and a conversation converted to a ticket.
    String plain = conversationAt(contact, t + 30, "plain");
    String converted = conversationAt(contact, t + 40, "converted");
    ApiResponse convert =
        api.post("/conversations/" + converted + "/convert", Map.of("ticket_type_id", typeId));
    assertThat(convert.status()).as(convert.toString()).isEqualTo(200);

    String job = ReportingExports.enqueue(api, "ticket", ATTRIBUTES, t, t + 100);
    byte[] file = ReportingExports.completeAndDownload(api, job);
    assertThat(ReportingExports.gunzip(file)).doesNotContain(marker).doesNotContain("Worked on");
    Csv csv = ReportingExports.csv(file);
    assertThat(csv.header()).containsExactlyElementsOf(ATTRIBUTES);
    assertThat(csv.ids()).containsExactly(workedId, erasedId, converted).doesNotContain(plain);

    Map<String, String> w = csv.row(workedId);
    assertThat(w.get("ticket_id")).isEqualTo(worked.get("ticket_id").asText());
    assertThat(w.get("ticket_created_at")).isEqualTo(Long.toString(t + 10));
    assertThat(w.get("ticket_type_id")).isEqualTo(typeId);
    assertThat(w.get("ticket_type_name")).isEqualTo("Refunds");
    assertThat(w.get("ticket_category")).isEqualTo("Customer");
    assertThat(w.get("ticket_state_id")).isEqualTo(resolved.path("id").asText());
    assertThat(w.get("ticket_state")).isEqualTo("resolved");
    assertThat(w.get("ticket_state_label")).isEqualTo(resolved.path("internal_label").asText());
    assertThat(w.get("first_resolved_at")).isNotEmpty().isEqualTo(w.get("last_resolved_at"));
    assertThat(w.get("ticket_state_updated_at")).isEqualTo(w.get("last_resolved_at"));
    assertThat(w.get("open")).isEqualTo("false");
    assertThat(w.get("state")).isEqualTo("closed");
    assertThat(w.get("admin_assignee_id")).isEqualTo(s.adminId());
    assertThat(w.get("last_close_at")).isNotEmpty();
    assertThat(w.get("last_closed_by_id")).isEqualTo(s.adminId());
    assertThat(w.get("deleted")).isEqualTo("false");
    assertThat(w.get("deleted_at")).isEmpty();

    Map<String, String> e = csv.row(erasedId);
    assertThat(e.get("deleted")).isEqualTo("true");
    assertThat(e.get("deleted_at")).isNotEmpty();
    assertThat(e.get("ticket_id")).isEqualTo(erased.get("ticket_id").asText());
    assertThat(e.get("ticket_created_at")).isEqualTo(Long.toString(t + 20));
    assertThat(e.get("ticket_type_name")).isEqualTo("Refunds");
    assertThat(e.get("ticket_state")).isEqualTo("submitted");
    assertThat(e.get("ticket_state_updated_at")).isEqualTo(Long.toString(t + 20));
    assertThat(e.get("first_resolved_at")).isEmpty();
    assertThat(e.get("open")).isEqualTo("true");
    assertThat(e.get("count_ticket_parts")).isEqualTo("1");

    Map<String, String> c = csv.row(converted);
    assertThat(c.get("ticket_created_at")).isEqualTo(Long.toString(t + 40));
    assertThat(c.get("ticket_category")).isEqualTo("Customer");
    assertThat(c.get("ticket_state")).isEqualTo("submitted");
    assertThat(c.get("deleted")).isEqualTo("false");

    // The reporting record that outlives the erasure holds no marker in any column.
    try (TestDatabase db = TestDatabase.of(parley.process())) {
      List<List<Object>> record =
          db.rows(
              "SELECT * FROM conversation_metrics WHERE conversation_id = ?",
              Long.parseLong(erasedId));
      assertThat(record).hasSize(1);
      assertThat(record.get(0)).noneMatch(v -> v != null && v.toString().contains(marker));
      assertThat(
              db.number(
                  "SELECT COUNT(*) FROM conversations WHERE id = ?", Long.parseLong(erasedId)))
          .isZero();
    }
  }

  /** A ticket created at {@code createdAt} with a title and a description; the ticket. */
  static JsonNode ticket(
      String typeId, String contact, long createdAt, String title, String description) {
    ApiResponse created =
        api.post(
            "/tickets",
            Map.of(
                "ticket_type_id",
                typeId,
                "contacts",
                List.of(Map.of("id", contact)),
                "created_at",
                createdAt,
                "ticket_attributes",
                Map.of("_default_title_", title, "_default_description_", description)));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    return created.json();
  }

  static String conversationAt(String contact, long createdAt, String body) {
    return s.conversationAt(contact, createdAt, body);
  }
}
