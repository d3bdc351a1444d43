package dev.parley.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.Cli;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code DELETE /conversations/{id}} against Intercom's contract (2.14 {@code deleteConversation},
 * Unstable {@code retain_metrics} and {@code listDeletedConversationIds}), on a real
 * parley.process().
 */
class DeleteConversationTest {
  // One server serves the whole class, and tests here move its clock (expireTokenCache), which
  // stands still until the test ends: a limit so high that no window fills keeps the limiter and
  // its headers while the class's requests pile into one window (RateLimitTest tests the limit).
  @RegisterExtension
  static final ParleyExtension parley =
      ParleyExtension.perClass().arg("--rate-limit-per-minute", "6000000000");

  static Api api;
  static Scenario s;
  static String readOnlyToken;
  static String readWriteToken;
  static String otherWorkspaceToken;

  @BeforeAll
  static void setUp() {
    api = parley.api();
    s = new Scenario(api);
    readOnlyToken =
        tokenOf(
            parley.process().cli("token", "create", "--workspace", "default", "--scopes", "read"));
    readWriteToken =
        tokenOf(
            parley
                .process()
                .cli("token", "create", "--workspace", "default", "--scopes", "read,write"));
    assertThat(parley.process().cli("workspace", "create", "other").exitCode()).isZero();
    assertThat(
            parley
                .process()
                .cli(
                    "admin",
                    "create",
                    "--workspace",
                    "other",
                    "--name",
                    "O",
                    "--email",
                    "o@example.com")
                .exitCode())
        .isZero();
    otherWorkspaceToken =
        tokenOf(
            parley
                .process()
                .cli(
                    "token",
                    "create",
                    "--workspace",
                    "other",
                    "--scopes",
                    "read,write,delete_conversations_and_metrics"));
  }

  static String tokenOf(Cli.Result result) {
    assertThat(result.exitCode()).as(result.output()).isZero();
    String[] lines = result.output().strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  @Test
  void deleteAnswersExactlyIdObjectAndDeletedWithTheIdAsAString() {
    String id = s.conversation("to be deleted");
    ApiResponse deleted = api.delete("/conversations/" + id);
    assertThat(deleted.status()).isEqualTo(200);
    JsonNode body = deleted.json();
    List<String> keys = new ArrayList<>();
    body.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("id", "object", "deleted");
    assertThat(body.get("id").isTextual()).isTrue();
    assertThat(body.get("id").asText()).isEqualTo(id);
    assertThat(body.get("object").asText()).isEqualTo("conversation");
    assertThat(body.get("deleted").asBoolean()).isTrue();
    assertThat(deleted.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    assertThat(deleted.header("Content-Type")).startsWith("application/json");
  }

  @Test
  void deleteTwiceAnswers404TheSecondTime() {
    String id = s.conversation("twice");
    assertThat(api.delete("/conversations/" + id).status()).isEqualTo(200);
    ApiResponse again = api.delete("/conversations/" + id);
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.errorCode()).isEqualTo("not_found");
    assertThat(again.json().path("errors").path(0).path("message").asText())
        .isEqualTo("Resource Not Found");
    assertThat(again.json().get("request_id").asText()).isEqualTo(again.header("X-Request-Id"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "999999999",
        "4294967297",
        "9223372036854775807",
        "abc",
        "12abc",
        "-1",
        "99999999999999999999"
      })
  void unknownOrMalformedIdsAnswer404NotFound(String id) {
    ApiResponse response = api.delete("/conversations/" + id);
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("not_found");
    assertThat(response.json().path("errors").path(0).path("message").asText())
        .isEqualTo("Resource Not Found");
  }

  @Test
  void anIdWithALeadingZeroNamesNoConversationAndErasesNothing() {
    String id = s.conversation("zero-padded");
    for (String padded : List.of("0" + id, "00" + id)) {
      ApiResponse response = api.delete("/conversations/" + padded);
      assertThat(response.status()).as(padded).isEqualTo(404);
      assertThat(response.errorCode()).isEqualTo("not_found");
      assertThat(api.get("/conversations/" + padded).status()).isEqualTo(404);
    }
    assertThat(api.get("/conversations/" + id).status()).isEqualTo(200);
    assertThat(api.delete("/conversations/" + id).status()).isEqualTo(200);
  }

  @Test
  void aConversationOfAnotherWorkspaceAnswers404AndSurvives() {
    String id = s.conversation("not yours");
    Api other = new Api(parley.process().baseUrl(), otherWorkspaceToken);
    ApiResponse response = other.delete("/conversations/" + id);
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("not_found");
    assertThat(api.get("/conversations/" + id).status()).isEqualTo(200);
  }

  @Test
  void missingOrUnknownTokenAnswers401AndDeletesNothing() {
    String id = s.conversation("guarded");
    for (Api anonymous :
        List.of(
            api.withToken(null),
            api.withToken("nope"),
            api.withHeader("Authorization", "Basic abc"))) {
      ApiResponse response = anonymous.delete("/conversations/" + id);
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.errorCode()).isEqualTo("unauthorized");
      assertThat(response.json().path("errors").path(0).path("message").asText())
          .isEqualTo("Access Token Invalid");
    }
    assertThat(api.get("/conversations/" + id).status()).isEqualTo(200);
  }

  @Test
  void aReadOnlyTokenGets403ActionForbidden() {
    String id = s.conversation("read only");
    ApiResponse response = api.withToken(readOnlyToken).delete("/conversations/" + id);
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.errorCode()).isEqualTo("action_forbidden");
    assertThat(api.get("/conversations/" + id).status()).isEqualTo(200);
  }

  @Test
  void aRestrictedWorkspaceGets403ApiPlanRestricted() {
    Api other = new Api(parley.process().baseUrl(), otherWorkspaceToken);
    assertThat(parley.process().cli("workspace", "restrict", "other").exitCode()).isZero();
    parley.process().expireTokenCache();
    try {
      ApiResponse response = other.delete("/conversations/1");
      assertThat(response.status()).isEqualTo(403);
      assertThat(response.errorCode()).isEqualTo("api_plan_restricted");
      assertThat(response.json().path("errors").path(0).path("message").asText())
          .isEqualTo("Active subscription needed.");
    } finally {
      assertThat(parley.process().cli("workspace", "unrestrict", "other").exitCode()).isZero();
      parley.process().expireTokenCache();
    }
    assertThat(other.get("/conversations").status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0", "1.4", "2.0", "2.9", "2.13", "2.14", "Unstable"})
  void everyVersionOfTheSeedIsAccepted(String version) {
    String id = s.conversation("versioned");
    ApiResponse response =
        api.withHeader("Intercom-Version", version).delete("/conversations/" + id);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("id").asText()).isEqualTo(id);
  }

  @Test
  void anUnknownVersionAnswers400AndDeletesNothing() {
    String id = s.conversation("bad version");
    ApiResponse response =
        api.withHeader("Intercom-Version", "2.15").delete("/conversations/" + id);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("intercom_version_invalid");
    assertThat(response.json().path("errors").path(0).path("field").asText())
        .isEqualTo("Intercom-Version");
    assertThat(api.get("/conversations/" + id).status()).isEqualTo(200);
  }

  @Test
  void theConversationIsGoneFromEveryReadAndWritePath() {
    String contact = s.contact("gone@example.com");
    String id = s.conversation(contact, "gone everywhere");
    ApiResponse withFile =
        s.adminReplyWithFiles(
            id, "file", List.of(Scenario.file("gone.txt", "text/plain", "gone bytes".getBytes())));
    String uploadUrl =
        withFile
            .json()
            .path("conversation_parts")
            .path("conversation_parts")
            .path(0)
            .path("attachments")
            .path(0)
            .path("url")
            .asText();
    assertThat(api.get(uploadUrl.substring(api.baseUrl().length())).status()).isEqualTo(200);
    String tagId = api.post("/tags", Map.of("name", "gone-tag")).json().get("id").asText();

    assertThat(api.delete("/conversations/" + id).status()).isEqualTo(200);

    assertThat(api.get("/conversations/" + id).status()).isEqualTo(404);
    assertThat(s.adminReply(id, "comment", "too late").status()).isEqualTo(404);
    assertThat(s.contactReply(id, contact, "too late").status()).isEqualTo(404);
    assertThat(api.put("/conversations/" + id, Map.of("title", "x")).status()).isEqualTo(404);
    assertThat(
            api.post("/conversations/" + id + "/tags", Map.of("id", tagId, "admin_id", s.adminId()))
                .status())
        .isEqualTo(404);
    assertThat(
            api.delete("/conversations/" + id + "/tags/" + tagId, Map.of("admin_id", s.adminId()))
                .status())
        .isEqualTo(404);
    assertThat(api.get(uploadUrl.substring(api.baseUrl().length())).status()).isEqualTo(404);
    assertThat(listedIds()).doesNotContain(id);
  }

  @Test
  void theReportingRecordStaysWithDeletedAtAndNoSensitiveColumn() {
    String id = s.conversation("reported");
    s.adminReply(id, "comment", "answer");
    assertThat(api.delete("/conversations/" + id).status()).isEqualTo(200);
    try (TestDatabase db = TestDatabase.of(parley.process())) {
      assertThat(db.contentRows(Long.parseLong(id))).isZero();
      List<List<Object>> record =
          db.rows(
              "SELECT deleted_at, count_parts, first_admin_reply_at, state, updated_at FROM"
                  + " conversation_metrics WHERE conversation_id = ?",
              Long.parseLong(id));
      assertThat(record).hasSize(1);
      long deletedAt = ((Number) record.get(0).get(0)).longValue();
      long now = java.time.Instant.now().getEpochSecond();
      assertThat(deletedAt).isBetween(now - 60, now + 5);
      // the erasure is the record's last change
      assertThat(((Number) record.get(0).get(4)).longValue()).isEqualTo(deletedAt);
      assertThat(((Number) record.get(0).get(1)).longValue()).isEqualTo(1);
      assertThat(record.get(0).get(2)).isNotNull();
      List<List<Object>> columns =
          parley.process().databaseUrl() == null
              ? db.rows("SELECT name FROM pragma_table_info('conversation_metrics')")
              : db.rows(
                  "SELECT column_name FROM information_schema.columns WHERE table_name ="
                      + " 'conversation_metrics'");
      List<String> names = columns.stream().map(r -> r.get(0).toString()).toList();
      assertThat(names)
          .noneMatch(
              n ->
                  n.contains("title")
                      || n.contains("body")
                      || n.contains("name")
                      || n.contains("email")
                      || n.contains("attribute"));
    }
  }

  @Test
  void retainMetricsFalseRemovesTheReportingRecordToo() {
    String id = s.conversation("no metrics");
    ApiResponse response = api.delete("/conversations/" + id + "?retain_metrics=false");
    assertThat(response.status()).isEqualTo(200);
    try (TestDatabase db = TestDatabase.of(parley.process())) {
      assertThat(
              db.number(
                  "SELECT COUNT(*) FROM conversation_metrics WHERE conversation_id = ?",
                  Long.parseLong(id)))
          .isZero();
      assertThat(db.contentRows(Long.parseLong(id))).isZero();
    }
  }

  @Test
  void retainMetricsFalseNeedsTheDeleteConversationsAndMetricsScope() {
    String id = s.conversation("scoped");
    ApiResponse response =
        api.withToken(readWriteToken).delete("/conversations/" + id + "?retain_metrics=false");
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.errorCode()).isEqualTo("action_forbidden");
    assertThat(api.get("/conversations/" + id).status()).isEqualTo(200);
    assertThat(api.withToken(readWriteToken).delete("/conversations/" + id).status())
        .isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"maybe", "1", "yes", "FALSEY", ""})
  void anyOtherRetainMetricsValueAnswers400(String value) {
    String id = s.conversation("bad flag");
    ApiResponse response = api.delete("/conversations/" + id + "?retain_metrics=" + value);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("parameter_invalid");
    assertThat(response.json().path("errors").path(0).path("field").asText())
        .isEqualTo("retain_metrics");
    assertThat(api.get("/conversations/" + id).status()).isEqualTo(200);
  }

  @Test
  void deletedIdsAreListedForTheUnstableVersionOnlyAndPerWorkspace() {
    Api unstable = api.withHeader("Intercom-Version", "Unstable");
    String kept = s.conversation("kept metrics");
    String dropped = s.conversation("dropped metrics");
    assertThat(api.delete("/conversations/" + kept).status()).isEqualTo(200);
    assertThat(api.delete("/conversations/" + dropped + "?retain_metrics=false").status())
        .isEqualTo(200);

    ApiResponse list = unstable.get("/conversations/deleted?per_page=60&order=desc");
    assertThat(list.status()).isEqualTo(200);
    JsonNode body = list.json();
    assertThat(body.get("type").asText()).isEqualTo("conversations.list");
    List<JsonNode> items = new ArrayList<>();
    body.get("conversations").forEach(items::add);
    assertThat(items)
        .anySatisfy(
            i -> {
              assertThat(i.get("id").asText()).isEqualTo(kept);
              assertThat(i.get("metrics_retained").asBoolean()).isTrue();
              assertThat(i.get("deleted_at").asLong()).isPositive();
            });
    assertThat(items)
        .anySatisfy(
            i -> {
              assertThat(i.get("id").asText()).isEqualTo(dropped);
              assertThat(i.get("metrics_retained").asBoolean()).isFalse();
            });
    assertThat(body.get("total_count").asLong()).isEqualTo(items.size());

    ApiResponse otherList =
        new Api(parley.process().baseUrl(), otherWorkspaceToken)
            .withHeader("Intercom-Version", "Unstable")
            .get("/conversations/deleted");
    assertThat(otherList.status()).isEqualTo(200);
    assertThat(otherList.json().get("total_count").asLong()).isZero();

    for (String version : new String[] {null, "2.14", "2.0"}) {
      ApiResponse refused =
          api.withHeader("Intercom-Version", version).get("/conversations/deleted");
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.errorCode()).isEqualTo("intercom_version_invalid");
      assertThat(refused.json().path("errors").path(0).path("message").asText())
          .isEqualTo("Requested resource is not available in current API version.");
    }
  }

  @Test
  void deletedIdsPaginateByPageInTheOrderAsked() {
    Api unstable = api.withHeader("Intercom-Version", "Unstable");
    for (int i = 0; i < 3; i++) {
      assertThat(api.delete("/conversations/" + s.conversation("page " + i)).status())
          .isEqualTo(200);
    }
    long total = unstable.get("/conversations/deleted").json().get("total_count").asLong();
    List<String> seen = new ArrayList<>();
    int pages = (int) ((total + 1) / 2);
    for (int page = 1; page <= pages; page++) {
      JsonNode body =
          unstable.get("/conversations/deleted?per_page=2&order=asc&page=" + page).json();
      assertThat(body.path("pages").path("page").asInt()).isEqualTo(page);
      assertThat(body.path("pages").path("total_pages").asInt()).isEqualTo(pages);
      if (page < pages) {
        assertThat(body.path("pages").path("next").asText()).endsWith("page=" + (page + 1));
      } else {
        assertThat(body.path("pages").path("next").isNull()).isTrue();
      }
      body.get("conversations").forEach(c -> seen.add(c.get("id").asText()));
    }
    assertThat(seen).hasSize((int) total).doesNotHaveDuplicates();
    assertThat(unstable.get("/conversations/deleted?per_page=61").status()).isEqualTo(400);
    assertThat(unstable.get("/conversations/deleted?order=sideways").status()).isEqualTo(400);
  }

  @Test
  void theErasureLogNamesWhoErasedWhatWithoutContent() {
    String id = s.conversation("logged SECRETBODY");
    s.adminReply(id, "comment", "reply one");
    s.adminReply(id, "note", "note two");
    assertThat(api.delete("/conversations/" + id).status()).isEqualTo(200);
    Cli.Result log = parley.process().cli("erasures", "--workspace", "default");
    assertThat(log.exitCode()).isZero();
    String line =
        log.output().lines().filter(l -> l.startsWith(id + "\t")).findFirst().orElseThrow();
    String[] columns = line.split("\t");
    assertThat(columns[2]).isEqualTo(s.adminId());
    assertThat(columns[4]).isEqualTo("2");
    assertThat(columns[5]).isEqualTo("0");
    assertThat(columns[6]).isEqualTo("true");
    assertThat(log.output()).doesNotContain("SECRETBODY");
  }

  private static List<String> listedIds() {
    List<String> ids = new ArrayList<>();
    String after = null;
    do {
      ApiResponse page =
          api.get(
              "/conversations?per_page=150" + (after == null ? "" : "&starting_after=" + after));
      Iterator<JsonNode> it = page.json().get("conversations").elements();
      it.forEachRemaining(c -> ids.add(c.get("id").asText()));
      JsonNode next = page.json().path("pages").path("next");
      after = next.isMissingNode() ? null : next.path("starting_after").asText();
    } while (after != null);
    return ids;
  }
}
