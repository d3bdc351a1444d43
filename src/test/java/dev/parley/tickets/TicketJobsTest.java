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
 * {@code POST /tickets/enqueue} ({@code enqueueCreateTicket}) and {@code GET /jobs/status/{job_id}}
 * ({@code jobsStatus}) on a real parley: the job runs at once, answers {@code success} with its
 * ticket, keeps ids only, and bad input gets {@code createTicket}'s errors and no job. Every answer
 * is validated against the description by {@link Api}.
 */
class TicketJobsTest {
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static Api api;
  static Scenario s;
  static String typeId;

  @BeforeAll
  static void setUp() {
    api = parley.api();
    s = new Scenario(api);
    typeId =
        ok(api.post(
                "/ticket_types",
                Map.of(
                    "name", "Jobs " + UUID.randomUUID(),
                    "description", "d",
                    "category", "Customer")))
            .get("id")
            .asText();
  }

  static JsonNode ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  static Map<String, Object> body(String contact, String title) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("_default_title_", title);
    attributes.put("_default_description_", "Details of " + title);
    return Map.of(
        "ticket_type_id",
        typeId,
        "contacts",
        List.of(Map.of("id", contact)),
        "ticket_attributes",
        attributes,
        "skip_notifications",
        true);
  }

  static long jobRows() {
    try (TestDatabase db = TestDatabase.of(parley.process())) {
      return db.number("SELECT COUNT(*) FROM jobs");
    }
  }

  @Test
  void anEnqueuedTicketIsCreatedAtOnceAndItsJobSucceedsWithIdsOnly() {
    String contact = s.contact("job" + System.nanoTime() + "@example.com");
    String title = "MKjob" + UUID.randomUUID();
    JsonNode job = ok(api.post("/tickets/enqueue", body(contact, title)));
    assertThat(job.get("type").asText()).isEqualTo("job");
    assertThat(job.get("status").asText()).isEqualTo("success");
    assertThat(job.get("resource_type").asText()).isEqualTo("ticket");
    String jobId = job.get("id").asText();
    String ticketId = job.get("resource_id").asText();
    assertThat(job.get("url").asText()).endsWith("/jobs/status/" + jobId);
    assertThat(job.get("resource_url").asText()).endsWith("/tickets/" + ticketId);

    JsonNode ticket = ok(api.get("/tickets/" + ticketId));
    assertThat(ticket.get("ticket_attributes").get("_default_title_").asText()).isEqualTo(title);
    assertThat(ticket.get("contacts").get("contacts").get(0).get("id").asText()).isEqualTo(contact);
    assertThat(ok(api.get("/jobs/status/" + jobId))).isEqualTo(job);

    try (TestDatabase db = TestDatabase.of(parley.process())) {
      List<List<Object>> rows = db.rows("SELECT * FROM jobs WHERE id = " + jobId);
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).toString()).doesNotContain(title).doesNotContain(contact);
    }

    ok(api.delete("/tickets/" + ticketId));
    assertThat(api.get("/tickets/" + ticketId).status()).isEqualTo(404);
    JsonNode after = ok(api.get("/jobs/status/" + jobId));
    assertThat(after.get("status").asText()).isEqualTo("success");
    assertThat(after.get("resource_id").asText()).isEqualTo(ticketId);
  }

  @Test
  void badInputGetsCreateTicketsErrorsAndNoJob() {
    String contact = s.contact("jobbad" + System.nanoTime() + "@example.com");
    long before = jobRows();
    Map<String, Object> unknownType = new LinkedHashMap<>(body(contact, "x"));
    unknownType.put("ticket_type_id", "999999999");
    ApiResponse refused = api.post("/tickets/enqueue", unknownType);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.errorCode()).isEqualTo("parameter_invalid");

    Map<String, Object> noContact = new LinkedHashMap<>(body(contact, "x"));
    noContact.put("contacts", List.of());
    ApiResponse missing = api.post("/tickets/enqueue", noContact);
    assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
    assertThat(missing.json().get("errors").get(0).get("field").asText()).isEqualTo("contacts");

    Map<String, Object> nobody = new LinkedHashMap<>(body("no-such-contact", "x"));
    assertThat(api.post("/tickets/enqueue", nobody).status()).isEqualTo(404);
    assertThat(jobRows()).isEqualTo(before);
  }

  @Test
  void anUnknownJobAnswers404JobNotFound() {
    for (String id : List.of("999999999", "abc", "01")) {
      ApiResponse response = api.get("/jobs/status/" + id);
      assertThat(response.status()).as(response.toString()).isEqualTo(404);
      assertThat(response.errorCode()).isEqualTo("job_not_found");
      assertThat(response.json().get("errors").get(0).get("message").asText())
          .isEqualTo("Job Not Found");
    }
  }
}
