package dev.parley.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.domain.webhook.Topic;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ByteSearch;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.ReportingExports;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.WebhookReceiver;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof of erasure for a whole workspace (issue 17): a workspace made over HTTP gets a marker
 * in every field of a contact (its notes and data events too), a tag, two conversations (parts,
 * notes, attributes, uploads), a reporting export that holds them, a snapshot of them, and
 * notifications waiting for a webhook endpoint that is down; after {@code DELETE
 * /_parley/workspaces/{name}} (or {@code POST .../reset}) and a clean stop, no file under the data
 * dir, no line of the log and (PostgreSQL) no row of any table holds any of them. A delete leaves
 * no row of the workspace in any table; a reset keeps the workspace usable with the same token, app
 * id, client secret and webhook subscription.
 */
class WorkspaceErasureMarkerTest {
  private static final String[] ARGS = {
    "--webhook-workers", "1",
    "--webhook-poll-ms", "50",
    "--webhook-retry-initial", "1",
    "--webhook-retry-max", "1"
  };

  /** Every table keyed by workspace id (V1 to V25). */
  private static final List<String> WORKSPACE_TABLES =
      List.of(
          "workspaces",
          "admins",
          "teams",
          "team_members",
          "access_tokens",
          "contacts",
          "contact_notes",
          "contact_tags",
          "contact_events",
          "contact_event_summaries",
          "companies",
          "contact_companies",
          "company_tags",
          "tags",
          "conversations",
          "conversation_contacts",
          "conversation_tags",
          "conversation_parts",
          "conversation_words",
          "uploads",
          "conversation_metrics",
          "erasures",
          "blob_deletions",
          "export_jobs",
          "rate_limit_windows",
          "upload_intents",
          "webhook_subscriptions",
          "webhook_events",
          "webhook_event_keys",
          "webhook_notifications",
          "webhook_fan_out",
          "snapshots",
          "snapshot_objects",
          "ticket_types",
          "ticket_type_attributes",
          "ticket_states",
          "away_status_reasons",
          "admin_activity_logs",
          "data_attributes",
          "segments",
          "contact_segments",
          "subscription_types",
          "contact_subscriptions",
          "jobs",
          "linked_objects");

  @TempDir Path root;

  private final List<String> markers = new ArrayList<>();

  private String marker(String field) {
    String marker = "MK" + field + UUID.randomUUID().toString().replace("-", "");
    markers.add(marker);
    return marker;
  }

  @Test
  void deletingAWorkspaceLeavesNoMarkerAndNoRowOfIt() throws Exception {
    ParleyProcess parley = ParleyProcess.in(root).arg(ARGS).start();
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      Api operator = parley.api().withToken(ParleyProcess.OPERATOR_TOKEN);
      Marked ws = fill(parley, operator, receiver, "doomed");

      ApiResponse deleted = operator.delete("/_parley/workspaces/doomed");
      assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
      assertThat(deleted.json().get("deleted").asBoolean()).isTrue();
      assertThat(deleted.json().get("conversations_erased").asInt()).isEqualTo(2);
      assertThat(deleted.json().get("uploads_erased").asInt()).isEqualTo(2);
      assertThat(ws.api.get("/me").status()).as("the old token").isEqualTo(401);
      assertThat(operator.get("/_parley/workspaces/doomed").status()).isEqualTo(404);

      parley.stop();
      assertNoMarker(parley);
      try (TestDatabase db = TestDatabase.of(parley)) {
        for (String table : WORKSPACE_TABLES) {
          assertThat(db.rows("SELECT * FROM " + table + " WHERE workspace_id = " + ws.workspaceId))
              .as("rows of the deleted workspace in %s", table)
              .isEmpty();
        }
      }
    } finally {
      parley.close();
    }
  }

  @Test
  void resettingAWorkspaceLeavesNoMarkerAndKeepsItUsable() throws Exception {
    ParleyProcess parley = ParleyProcess.in(root).arg(ARGS).start();
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      Api operator = parley.api().withToken(ParleyProcess.OPERATOR_TOKEN);
      Marked ws = fill(parley, operator, receiver, "emptied");
      JsonNode before = operator.get("/_parley/workspaces/emptied").json();

      ApiResponse reset = operator.post("/_parley/workspaces/emptied/reset", Map.of());
      assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
      assertThat(reset.json().get("reset").asBoolean()).isTrue();
      assertThat(reset.json().get("conversations_erased").asInt()).isEqualTo(2);

      assertThat(ws.api.get("/me").status()).as("the same token").isEqualTo(200);
      assertThat(ws.api.get("/contacts").json().get("total_count").asInt()).isZero();
      assertThat(ws.api.post("/companies/list", Map.of()).json().get("total_count").asInt())
          .isZero();
      assertThat(ws.api.get("/conversations").json().get("conversations").size()).isZero();
      assertThat(ws.api.get("/tags").json().get("data").size()).isZero();
      assertThat(
              ws.api
                  .withHeader("Intercom-Version", "Unstable")
                  .get("/conversations/deleted")
                  .json()
                  .get("conversations")
                  .size())
          .as("the erasure log")
          .isZero();
      JsonNode after = operator.get("/_parley/workspaces/emptied").json();
      assertThat(after.get("app_id").asText()).isEqualTo(before.get("app_id").asText());
      assertThat(after.get("client_secret").asText())
          .isEqualTo(before.get("client_secret").asText());
      assertThat(operator.get("/_parley/workspaces/emptied/webhooks").json().get("data").size())
          .as("the webhook subscription survives")
          .isEqualTo(1);
      assertThat(
              operator
                  .get("/_parley/workspaces/emptied/webhooks/deliveries")
                  .json()
                  .get("data")
                  .size())
          .as("the delivery log")
          .isZero();
      assertThat(operator.get("/_parley/workspaces/emptied/snapshots").json().get("data").size())
          .as("the snapshots")
          .isZero();
      assertThat(new Scenario(ws.api).contact("after-reset@example.com")).isNotBlank();

      parley.stop();
      assertNoMarker(parley);
    } finally {
      parley.close();
    }
  }

  private void assertNoMarker(ParleyProcess parley) throws Exception {
    List<String> forms = ErasureMarkerTest.withLowerCase(markers);
    assertThat(ByteSearch.findAll(parley.dataDir(), forms))
        .as("markers under the data dir")
        .isEmpty();
    assertThat(ByteSearch.findAll(root, forms))
        .as("markers in any file of the run, the server log included")
        .isEmpty();
    if (parley.databaseUrl() != null) {
      assertThat(ErasureMarkerTest.markersInDatabase(parley, forms)).isEmpty();
    }
  }

  /** A workspace made over HTTP and its token. */
  private record Marked(Api api, long workspaceId) {}

  /** Creates workspace {@code name} and fills it with markers. */
  private Marked fill(ParleyProcess parley, Api operator, WebhookReceiver receiver, String name)
      throws Exception {
    ApiResponse created = operator.post("/_parley/workspaces", Map.of("name", name));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    Api api = parley.api().withToken(created.json().get("token").asText());
    Scenario s = new Scenario(api);

    ApiResponse sub =
        operator.post(
            "/_parley/workspaces/" + name + "/webhooks",
            Map.of("url", receiver.url(), "topics", Topic.names()));
    assertThat(sub.status()).as(sub.toString()).isEqualTo(200);
    receiver.stop();

    Map<String, Object> contactBody = new LinkedHashMap<>();
    contactBody.put("role", "user");
    String email = marker("email").toLowerCase(java.util.Locale.ROOT) + "@example.com";
    markers.add(email);
    contactBody.put("email", email);
    contactBody.put("external_id", marker("externalid"));
    contactBody.put("name", marker("name"));
    contactBody.put("custom_attributes", Map.of(marker("cattrname"), marker("cattrvalue")));
    String contact = s.contact(contactBody);

    dev.parley.testing.Cli.Result visitor =
        parley.cli(
            "visitor",
            "create",
            "--workspace",
            name,
            "--user-id",
            marker("visitoruserid"),
            "--name",
            marker("visitorname"),
            "--email",
            marker("visitoremail").toLowerCase(java.util.Locale.ROOT) + "@example.com");
    assertThat(visitor.exitCode()).as(visitor.output()).isZero();

    ApiResponse tag = api.post("/tags", Map.of("name", marker("tag")));
    assertThat(tag.status()).as(tag.toString()).isEqualTo(200);
    String tagId = tag.json().get("id").asText();
    ApiResponse note =
        api.post("/contacts/" + contact + "/notes", Map.of("body", marker("contactnote")));
    assertThat(note.status()).as(note.toString()).isEqualTo(200);
    ApiResponse contactTagged = api.post("/contacts/" + contact + "/tags", Map.of("id", tagId));
    assertThat(contactTagged.status()).as(contactTagged.toString()).isEqualTo(200);
    ApiResponse event =
        api.post(
            "/events",
            Map.of(
                "id",
                contact,
                "event_name",
                marker("eventname"),
                "created_at",
                1_700_000_000L,
                "metadata",
                Map.of("text", marker("eventmeta"))));
    assertThat(event.status()).as(event.toString()).isEqualTo(202);
    ApiResponse company =
        api.post(
            "/companies",
            Map.of(
                "company_id",
                marker("companyid"),
                "name",
                marker("companyname"),
                "custom_attributes",
                Map.of("plan_note", marker("companyattr"))));
    assertThat(company.status()).as(company.toString()).isEqualTo(200);
    ApiResponse attached =
        api.post(
            "/contacts/" + contact + "/companies", Map.of("id", company.json().get("id").asText()));
    assertThat(attached.status()).as(attached.toString()).isEqualTo(200);
    ApiResponse companyTagged =
        api.post(
            "/tags",
            Map.of(
                "name",
                marker("companytag"),
                "companies",
                List.of(Map.of("id", company.json().get("id").asText()))));
    assertThat(companyTagged.status()).as(companyTagged.toString()).isEqualTo(200);

    List<ErasureMarkerTest.Marked> conversations =
        List.of(
            ErasureMarkerTest.writeMarkedConversation(s, contact),
            ErasureMarkerTest.writeMarkedConversation(s, contact));
    for (ErasureMarkerTest.Marked m : conversations) {
      markers.addAll(m.markers);
      ApiResponse tagged =
          api.post(
              "/conversations/" + m.id + "/tags", Map.of("id", tagId, "admin_id", s.adminId()));
      assertThat(tagged.status()).as(tagged.toString()).isEqualTo(200);
    }

    ApiResponse snapshot =
        operator.post("/_parley/workspaces/" + name + "/snapshots", Map.of("name", "fixture"));
    assertThat(snapshot.status()).as(snapshot.toString()).isEqualTo(200);
    assertThat(snapshot.json().get("objects").asInt())
        .as("a contact, a visitor, 2 tags (one on a company), 2 conversations")
        .isEqualTo(6);

    List<String> attributes = ReportingExports.allAttributes(api);
    String job =
        ReportingExports.enqueue(api, attributes, 0, Instant.now().getEpochSecond() + 86_400);
    assertThat(ReportingExports.gunzip(ReportingExports.completeAndDownload(api, job)))
        .contains(conversations.get(0).title);

    List<JsonNode> pending = new ArrayList<>();
    operator
        .get("/_parley/workspaces/" + name + "/webhooks/deliveries?limit=1000")
        .json()
        .get("data")
        .forEach(
            n -> {
              if (n.get("status").asText().equals("pending")) {
                pending.add(n);
              }
            });
    assertThat(pending).as("notifications wait for the endpoint").hasSizeGreaterThan(3);

    long workspaceId;
    try (TestDatabase db = TestDatabase.of(parley)) {
      workspaceId =
          ((Number)
                  db.rows("SELECT workspace_id FROM workspaces WHERE name = '" + name + "'")
                      .get(0)
                      .get(0))
              .longValue();
    }
    return new Marked(api, workspaceId);
  }
}
