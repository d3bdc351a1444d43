package dev.parley.http;

import static dev.parley.http.Acceptance.assertError;
import static dev.parley.http.Acceptance.raw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Intercom's {@code listActivityLogs} ({@code GET /admins/activity_logs}) on a workspace of its
 * own: what parley records (token creation and revocation, away mode, conversation and contact
 * deletion, a lead merged into a user), each entry spec-valid, performed by the right admin, with
 * ids and flags but nothing of what was erased; the time filter, its errors, workspace isolation,
 * and a workspace reset emptying the log.
 */
class AdminActivityLogsTest {
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();

  static String workspace;
  static Api api;
  static String token;
  static String owner;
  static String ownerEmail;
  static String firstTokenId;
  static String conversationId;
  static String contactId;
  static String leadId;
  static String userId;
  static String cliTokenId;
  static final String MARKER = "MKactivity" + UUID.randomUUID().toString().replace("-", "");

  @BeforeAll
  static void recordActivities() {
    ParleyProcess process = parley.process();
    workspace = "activity-" + UUID.randomUUID().toString().substring(0, 8);
    ApiResponse created =
        raw(
            process,
            ParleyProcess.OPERATOR_TOKEN,
            "POST",
            "/_parley/workspaces",
            Map.of("name", workspace));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    token = created.json().path("token").asText();
    api = parley.api().withToken(token);
    JsonNode me = api.get("/me").json();
    owner = me.path("id").asText();
    ownerEmail = me.path("email").asText();
    firstTokenId = tokenIds(logs("0")).get(0);

    ApiResponse away =
        api.put(
            "/admins/" + owner + "/away",
            Map.of("away_mode_enabled", true, "away_mode_reassign", true));
    assertThat(away.status()).as(away.toString()).isEqualTo(200);

    Scenario s = new Scenario(api);
    String lonely = s.contact(MARKER + "@example.com");
    conversationId = s.conversation(lonely, "body " + MARKER);
    assertThat(api.delete("/conversations/" + conversationId).status()).isEqualTo(200);
    contactId = s.contact(Map.of("role", "user", "email", "gone" + MARKER + "@example.com"));
    assertThat(api.delete("/contacts/" + contactId).status()).isEqualTo(200);
    leadId = s.contact(Map.of("role", "lead", "name", "Lead " + MARKER));
    userId = s.contact(Map.of("role", "user", "email", "into" + MARKER + "@example.com"));
    ApiResponse merged = api.post("/contacts/merge", Map.of("from", leadId, "into", userId));
    assertThat(merged.status()).as(merged.toString()).isEqualTo(200);

    String output =
        Acceptance.cli(process, "token", "create", "--workspace", workspace, "--scopes", "read");
    cliTokenId = output.lines().filter(l -> l.startsWith("token id ")).findFirst().orElseThrow();
    cliTokenId = cliTokenId.substring("token id ".length()).strip();
    Acceptance.cli(process, "token", "revoke", "--workspace", workspace, cliTokenId);
  }

  private static JsonNode logs(String after) {
    ApiResponse response = api.get("/admins/activity_logs?created_at_after=" + after);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  private static List<String> tokenIds(JsonNode list) {
    List<String> ids = new ArrayList<>();
    for (JsonNode e : list.path("activity_logs")) {
      if (e.path("activity_type").asText().equals("custom_authentication_token_creation")) {
        ids.add(e.path("metadata").path("token_id").asText());
      }
    }
    return ids;
  }

  private static List<JsonNode> ofType(JsonNode list, String type) {
    List<JsonNode> found = new ArrayList<>();
    list.path("activity_logs")
        .forEach(
            e -> {
              if (e.path("activity_type").asText().equals(type)) {
                found.add(e);
              }
            });
    return found;
  }

  @Test
  void everyRecordedActivityIsListedNewestFirstPerformedByTheAdminWithIdsAndNoContent() {
    JsonNode list = logs("0");
    assertThat(list.path("type").asText()).isEqualTo("activity_log.list");
    assertThat(list.path("pages").path("type").asText()).isEqualTo("pages");
    assertThat(list.path("pages").path("total_pages").asInt()).isEqualTo(1);
    JsonNode entries = list.path("activity_logs");
    assertThat(entries.size()).isEqualTo(7);
    long previous = Long.MAX_VALUE;
    for (JsonNode e : entries) {
      assertThat(e.path("id").asText()).matches("[0-9a-f-]{36}");
      assertThat(e.path("performed_by").path("type").asText()).isEqualTo("admin");
      assertThat(e.path("performed_by").path("id").asText()).isEqualTo(owner);
      assertThat(e.path("performed_by").path("email").asText()).isEqualTo(ownerEmail);
      assertThat(e.path("activity_description").asText()).startsWith("Owner ");
      long at = e.path("created_at").asLong();
      assertThat(at).isLessThanOrEqualTo(previous).isGreaterThan(1_700_000_000L);
      previous = at;
    }

    assertThat(tokenIds(list)).containsExactlyInAnyOrder(firstTokenId, cliTokenId);
    List<JsonNode> revoked = ofType(list, "oauth_token_revocation");
    assertThat(revoked).hasSize(1);
    assertThat(revoked.get(0).path("metadata").path("token_id").asText()).isEqualTo(cliTokenId);

    List<JsonNode> away = ofType(list, "admin_away_mode_change");
    assertThat(away).hasSize(1);
    JsonNode metadata = away.get(0).path("metadata");
    assertThat(metadata.path("away_mode").asBoolean()).isTrue();
    assertThat(metadata.path("reassign_conversations").asBoolean()).isTrue();
    assertThat(metadata.path("away_status_reason").isNull()).isTrue();
    assertThat(metadata.path("update_by").asText()).isEqualTo(owner);
    assertThat(away.get(0).path("activity_description").asText())
        .isEqualTo("Owner changed their status to away.");

    List<JsonNode> deletions = ofType(list, "app_data_deletion");
    assertThat(deletions)
        .extracting(e -> e.path("metadata").path("object_type").asText())
        .containsExactlyInAnyOrder("conversation", "contact", "contact");
    assertThat(deletions)
        .extracting(e -> e.path("metadata").path("object_id").asText())
        .containsExactlyInAnyOrder(conversationId, contactId, leadId);
    JsonNode merge =
        deletions.stream()
            .filter(e -> e.path("metadata").has("merged_into"))
            .findFirst()
            .orElseThrow();
    assertThat(merge.path("metadata").path("object_id").asText()).isEqualTo(leadId);
    assertThat(merge.path("metadata").path("merged_into").asText()).isEqualTo(userId);
    assertThat(merge.path("activity_description").asText())
        .isEqualTo("Owner merged contact " + leadId + " into " + userId + ".");

    assertThat(list.toString()).doesNotContain(MARKER);
  }

  @Test
  void theTimeFilterIncludesBothEndsAndARangeBeforeEverythingIsEmpty() {
    long newest = logs("0").path("activity_logs").path(0).path("created_at").asLong();
    assertThat(logs(Long.toString(newest)).path("activity_logs").size()).isPositive();
    assertThat(logs(Long.toString(newest + 1)).path("activity_logs").size()).isZero();
    ApiResponse early = api.get("/admins/activity_logs?created_at_after=0&created_at_before=1");
    assertThat(early.status()).isEqualTo(200);
    assertThat(early.json().path("activity_logs").size()).isZero();
    ApiResponse upToNow =
        api.get("/admins/activity_logs?created_at_after=0&created_at_before=" + newest);
    assertThat(upToNow.json().path("activity_logs").size()).isEqualTo(7);
  }

  @Test
  void aMissingOrMalformedTimeIs400AndNoWorkspaceTokenOf401() {
    assertThat(
            assertError(
                    raw(parley.process(), token, "GET", "/admins/activity_logs", null),
                    400,
                    "parameter_not_found")
                .path("message")
                .asText())
        .contains("created_at_after");
    assertError(
        raw(parley.process(), token, "GET", "/admins/activity_logs?created_at_after=soon", null),
        400,
        "parameter_invalid");
    assertError(
        raw(
            parley.process(),
            token,
            "GET",
            "/admins/activity_logs?created_at_after=10&created_at_before=5",
            null),
        400,
        "parameter_invalid");
    assertError(
        raw(parley.process(), null, "GET", "/admins/activity_logs?created_at_after=0", null),
        401,
        "unauthorized");
  }

  @Test
  void anotherWorkspaceSeesNoneOfTheseEntriesAndAResetEmptiesTheLog() {
    JsonNode others = parley.api().get("/admins/activity_logs?created_at_after=0").json();
    assertThat(others.path("activity_logs").size()).isPositive();
    assertThat(ofType(others, "app_data_deletion")).isEmpty();
    assertThat(ofType(others, "admin_away_mode_change")).isEmpty();
    assertThat(tokenIds(others)).doesNotContain(firstTokenId, cliTokenId);

    String name = "activity-reset-" + UUID.randomUUID().toString().substring(0, 8);
    ApiResponse created =
        raw(
            parley.process(),
            ParleyProcess.OPERATOR_TOKEN,
            "POST",
            "/_parley/workspaces",
            Map.of("name", name));
    Api resetting = parley.api().withToken(created.json().path("token").asText());
    Scenario s = new Scenario(resetting);
    String conversation = s.conversation(s.contact("r@example.com"), "hello");
    assertThat(resetting.delete("/conversations/" + conversation).status()).isEqualTo(200);
    assertThat(
            resetting
                .get("/admins/activity_logs?created_at_after=0")
                .json()
                .path("activity_logs")
                .size())
        .isEqualTo(2);
    ApiResponse reset =
        raw(
            parley.process(),
            ParleyProcess.OPERATOR_TOKEN,
            "POST",
            "/_parley/workspaces/" + name + "/reset",
            null);
    assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
    assertThat(
            resetting
                .get("/admins/activity_logs?created_at_after=0")
                .json()
                .path("activity_logs")
                .size())
        .isZero();
  }
}
