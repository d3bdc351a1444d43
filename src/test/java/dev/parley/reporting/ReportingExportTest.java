package dev.parley.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.Cli;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.ReportingExports;
import dev.parley.testing.ReportingExports.Csv;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Intercom's Reporting Data Export (2.14) on a real parley: the dataset listing, enqueue
 * validation, status, download, and the export's rows checked one by one against what the
 * conversations went through (live, deleted, deleted without their reporting record). Every JSON
 * answer is validated against the 2.14 description by {@link Api}.
 */
class ReportingExportTest {
  static final List<String> ATTRIBUTES =
      List.of(
          "conversation_id",
          "conversation_started_at",
          "conversation_updated_at",
          "state",
          "channel",
          "delivered_as",
          "admin_assignee_id",
          "team_assignee_id",
          "first_contact_reply_at",
          "first_assignment_at",
          "first_admin_reply_at",
          "first_close_at",
          "last_assignment_at",
          "last_assignment_admin_reply_at",
          "last_contact_reply_at",
          "last_admin_reply_at",
          "last_close_at",
          "last_closed_by_id",
          "count_conversation_parts",
          "count_reopens",
          "count_assignments",
          "deleted",
          "deleted_at",
          "conversation_title",
          "priority",
          "conversation_tags",
          "conversation_custom_attributes",
          "contact_ids");
  static final List<String> CONTENT_ATTRIBUTES =
      List.of(
          "conversation_title",
          "priority",
          "conversation_tags",
          "conversation_custom_attributes",
          "contact_ids");

  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static Api api;
  static Scenario s;

  @BeforeAll
  static void setUp() {
    api = parley.api();
    s = new Scenario(api);
  }

  /**
   * A time window no other test of this class uses: conversations created in it are this test's.
   */
  static long window() {
    return 1_000_000_000L + ThreadLocalRandom.current().nextLong(1, 10_000) * 100_000L;
  }

  static String conversationAt(String contact, long createdAt, String body) {
    return s.conversationAt(contact, createdAt, body);
  }

  static String tag(String name) {
    ApiResponse tag = api.post("/tags", Map.of("name", name));
    assertThat(tag.status()).as(tag.toString()).isEqualTo(200);
    return tag.json().get("id").asText();
  }

  static String tokenOf(Cli.Result result) {
    assertThat(result.exitCode()).as(result.output()).isZero();
    String[] lines = result.output().strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  @Test
  void theDatasetListNamesTheConversationDatasetWithEveryReportingAndContentAttribute() {
    ApiResponse response = api.get("/export/reporting_data/get_datasets");
    assertThat(response.status()).isEqualTo(200);
    JsonNode body = response.json();
    assertThat(body.path("type").asText()).isEqualTo("list");
    assertThat(body.path("data")).hasSize(2); // conversation first, then ticket
    JsonNode dataset = body.path("data").path(0);
    assertThat(dataset.path("id").asText()).isEqualTo("conversation");
    assertThat(dataset.path("name").asText()).isEqualTo("Conversation");
    assertThat(dataset.path("default_time_attribute_id").asText())
        .isEqualTo("conversation_started_at");
    assertThat(dataset.path("description").asText()).contains("deleted");
    assertThat(attributeIds(dataset)).containsExactlyElementsOf(ATTRIBUTES);
  }

  @Test
  void
      liveConversationsAreCompleteDeletedOnesMarkedWithEmptyContentAndRetainMetricsFalseOnesAbsent() {
    long t = window();
    String contact = s.contact("round-trip-" + t + "@example.com");
    String marker = "MKtitle" + UUID.randomUUID().toString().replace("-", "");
    String tagName = "vip-" + t;
    String tagId = tag(tagName);

    String live = conversationAt(contact, t + 10, "live one");
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("plan", "pro");
    attributes.put("seats", 12);
    ApiResponse updated =
        api.put(
            "/conversations/" + live,
            Map.of("title", "Live " + marker, "custom_attributes", attributes));
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    assertThat(
            api.post(
                    "/conversations/" + live + "/tags",
                    Map.of("id", tagId, "admin_id", s.adminId()))
                .status())
        .isEqualTo(200);
    Map<String, Object> reply = s.adminReplyBody("comment", "an answer");
    reply.put("created_at", t + 70);
    assertThat(s.reply(live, reply).status()).isEqualTo(200);

    String plain = conversationAt(contact, t + 20, "plain one");

    String deleted = conversationAt(contact, t + 30, "to be deleted");
    String deletedMarker = "MKdeleted" + UUID.randomUUID().toString().replace("-", "");
    assertThat(
            api.put(
                    "/conversations/" + deleted,
                    Map.of(
                        "title",
                        deletedMarker,
                        "custom_attributes",
                        Map.of("secret", deletedMarker)))
                .status())
        .isEqualTo(200);
    assertThat(
            api.post(
                    "/conversations/" + deleted + "/tags",
                    Map.of("id", tagId, "admin_id", s.adminId()))
                .status())
        .isEqualTo(200);
    Map<String, Object> deletedReply = s.adminReplyBody("comment", "answered before deletion");
    deletedReply.put("created_at", t + 95);
    assertThat(s.reply(deleted, deletedReply).status()).isEqualTo(200);
    assertThat(api.delete("/conversations/" + deleted).status()).isEqualTo(200);

    String withoutMetrics = conversationAt(contact, t + 40, "deleted without metrics");
    assertThat(api.delete("/conversations/" + withoutMetrics + "?retain_metrics=false").status())
        .isEqualTo(200);

    String job = ReportingExports.enqueue(api, ATTRIBUTES, t, t + 99);
    Csv csv = ReportingExports.csv(ReportingExports.completeAndDownload(api, job));

    assertThat(csv.header()).containsExactlyElementsOf(ATTRIBUTES);
    assertThat(csv.ids()).containsExactly(live, plain, deleted);

    Map<String, String> liveRow = csv.row(live);
    assertThat(liveRow.get("conversation_started_at")).isEqualTo(Long.toString(t + 10));
    assertThat(liveRow.get("state")).isEqualTo("open");
    assertThat(liveRow.get("channel")).isEqualTo("conversation");
    assertThat(liveRow.get("delivered_as")).isEqualTo("customer_initiated");
    assertThat(liveRow.get("first_contact_reply_at")).isEqualTo(Long.toString(t + 10));
    assertThat(liveRow.get("first_admin_reply_at")).isEqualTo(Long.toString(t + 70));
    assertThat(liveRow.get("last_admin_reply_at")).isEqualTo(Long.toString(t + 70));
    assertThat(liveRow.get("count_conversation_parts")).isEqualTo("1");
    assertThat(liveRow.get("first_close_at")).isEmpty();
    assertThat(liveRow.get("deleted")).isEqualTo("false");
    assertThat(liveRow.get("deleted_at")).isEmpty();
    assertThat(liveRow.get("conversation_title")).isEqualTo("Live " + marker);
    assertThat(liveRow.get("priority")).isEqualTo("not_priority");
    assertThat(liveRow.get("conversation_tags")).isEqualTo("[\"" + tagName + "\"]");
    assertThat(liveRow.get("conversation_custom_attributes"))
        .isEqualTo("{\"plan\":\"pro\",\"seats\":12}");
    assertThat(liveRow.get("contact_ids")).isEqualTo("[\"" + contact + "\"]");

    Map<String, String> plainRow = csv.row(plain);
    assertThat(plainRow.get("deleted")).isEqualTo("false");
    assertThat(plainRow.get("conversation_title")).isEmpty();
    assertThat(plainRow.get("conversation_tags")).isEqualTo("[]");
    assertThat(plainRow.get("conversation_custom_attributes")).isEqualTo("{}");
    assertThat(plainRow.get("contact_ids")).isEqualTo("[\"" + contact + "\"]");
    assertThat(plainRow.get("first_admin_reply_at")).isEmpty();

    Map<String, String> deletedRow = csv.row(deleted);
    assertThat(deletedRow.get("deleted")).isEqualTo("true");
    assertThat(Long.parseLong(deletedRow.get("deleted_at")))
        .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(120L));
    assertThat(deletedRow.get("conversation_started_at")).isEqualTo(Long.toString(t + 30));
    assertThat(deletedRow.get("first_admin_reply_at")).isEqualTo(Long.toString(t + 95));
    assertThat(deletedRow.get("count_conversation_parts")).isEqualTo("1");
    assertThat(deletedRow.get("state")).isEqualTo("open");
    for (String attribute : CONTENT_ATTRIBUTES) {
      assertThat(deletedRow.get(attribute)).as(attribute + " of a deleted conversation").isEmpty();
    }
    assertThat(ReportingExports.gunzip(ReportingExports.download(api, job)))
        .doesNotContain(deletedMarker);

    // Every reporting attribute equals the stored reporting record, read here straight from SQL.
    try (TestDatabase db = TestDatabase.of(parley.process())) {
      for (String id : List.of(live, plain, deleted)) {
        List<Object> record =
            db.rows(
                    "SELECT conversation_id, created_at, updated_at, state, source_type,"
                        + " source_delivered_as, admin_assignee_id, team_assignee_id,"
                        + " first_contact_reply_at, first_assignment_at, first_admin_reply_at,"
                        + " first_close_at, last_assignment_at, last_assignment_admin_reply_at,"
                        + " last_contact_reply_at, last_admin_reply_at, last_close_at,"
                        + " last_closed_by_id, count_parts, count_reopens, count_assignments FROM"
                        + " conversation_metrics WHERE conversation_id = ?",
                    Long.parseLong(id))
                .get(0);
        Map<String, String> row = csv.row(id);
        for (int i = 0; i < record.size(); i++) {
          Object value = record.get(i);
          assertThat(row.get(ATTRIBUTES.get(i)))
              .as(ATTRIBUTES.get(i) + " of " + id)
              .isEqualTo(value == null ? "" : value.toString());
        }
      }
    }
    assertThat(parley.process().log()).doesNotContain(marker).doesNotContain(deletedMarker);
  }

  @Test
  void theTimeRangeIsInclusiveAndRowsAreOrderedByStartTimeThenId() {
    long t = window();
    String contact = s.contact("range-" + t + "@example.com");
    conversationAt(contact, t, "before the range");
    String first = conversationAt(contact, t + 1, "at the start");
    String sameSecondLater = conversationAt(contact, t + 2, "b");
    String sameSecondEarlier = conversationAt(contact, t + 2, "a");
    String last = conversationAt(contact, t + 3, "at the end");
    conversationAt(contact, t + 4, "after the range");
    String job =
        ReportingExports.enqueue(
            api, List.of("conversation_id", "conversation_started_at"), t + 1, t + 3);
    Csv csv = ReportingExports.csv(ReportingExports.completeAndDownload(api, job));
    List<String> middle =
        List.of(sameSecondLater, sameSecondEarlier).stream()
            .sorted((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)))
            .toList();
    assertThat(csv.ids()).containsExactly(first, middle.get(0), middle.get(1), last);
    assertThat(csv.rows())
        .extracting(r -> r.get("conversation_started_at"))
        .containsExactly(
            Long.toString(t + 1), Long.toString(t + 2), Long.toString(t + 2), Long.toString(t + 3));
  }

  @Test
  void aRangeWithNoConversationGivesAHeaderOnlyFile() {
    long t = window();
    String job = ReportingExports.enqueue(api, List.of("conversation_id", "deleted"), t, t + 10);
    String text = ReportingExports.gunzip(ReportingExports.completeAndDownload(api, job));
    assertThat(text).isEqualTo("conversation_id,deleted\r\n");
  }

  @Test
  void theHeaderIsTheAttributeIdsInTheOrderAsked() {
    long t = window();
    String contact = s.contact("order-" + t + "@example.com");
    String id = conversationAt(contact, t + 5, "ordered");
    String job =
        ReportingExports.enqueue(
            api,
            List.of("deleted", "conversation_id", "contact_ids", "conversation_id"),
            t,
            t + 10);
    String text = ReportingExports.gunzip(ReportingExports.completeAndDownload(api, job));
    assertThat(text)
        .isEqualTo(
            "deleted,conversation_id,contact_ids,conversation_id\r\n"
                + "false,"
                + id
                + ",\"[\"\""
                + contact
                + "\"\"]\","
                + id
                + "\r\n");
  }

  @Test
  void titlesWithCommasQuotesAndLineBreaksSurviveTheCsv() {
    long t = window();
    String contact = s.contact("quoting-" + t + "@example.com");
    String id = conversationAt(contact, t + 1, "quoted");
    String title = "He said \"hi, there\",\r\nthen left; =1+1 ünïcødé";
    assertThat(
            api.put(
                    "/conversations/" + id,
                    Map.of("title", title, "custom_attributes", Map.of("note", "a \"b\", c")))
                .status())
        .isEqualTo(200);
    String job =
        ReportingExports.enqueue(
            api, List.of("conversation_title", "conversation_custom_attributes"), t, t + 10);
    Csv csv = ReportingExports.csv(ReportingExports.completeAndDownload(api, job));
    assertThat(csv.rows()).hasSize(1);
    assertThat(csv.rows().get(0).get("conversation_title")).isEqualTo(title);
    assertThat(csv.rows().get(0).get("conversation_custom_attributes"))
        .isEqualTo("{\"note\":\"a \\\"b\\\", c\"}");
  }

  @Test
  void aCompleteJobAnswersItsDownloadUrlExpiryAndAnOctetStreamFile() {
    long t = window();
    String job = ReportingExports.enqueue(api, List.of("conversation_id"), t, t + 1);
    JsonNode complete = ReportingExports.await(api, job, "complete", Duration.ofSeconds(60));
    assertThat(complete.path("job_identifier").asText()).isEqualTo(job);
    assertThat(complete.path("download_url").asText())
        .isEqualTo(api.baseUrl() + "/download/reporting_data/" + job);
    long expires = Long.parseLong(complete.path("download_expires_at").asText());
    assertThat(expires)
        .isCloseTo(
            Instant.now().getEpochSecond() + 24 * 3600, org.assertj.core.data.Offset.offset(120L));
    ApiResponse file =
        api.withHeader("Accept", "application/octet-stream").get("/download/reporting_data/" + job);
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.header("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(file.header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"" + job + ".csv.gz\"");
    assertThat(Long.parseLong(file.header("Content-Length"))).isEqualTo(file.bytes().length);
    assertThat(file.bytes()[0] & 0xff).isEqualTo(0x1f);
    assertThat(file.bytes()[1] & 0xff).isEqualTo(0x8b);
    assertThat(ReportingExports.gunzip(file.bytes())).isEqualTo("conversation_id\r\n");
  }

  @Test
  void aDownloadAskedWithAcceptEncodingGzipArrivesAsTheFileItself() throws Exception {
    // python-requests sends Accept-Encoding: gzip by default; the file is gzip already and
    // must arrive byte for byte, its Content-Length true. Random titles keep the file above
    // the size from which the server would compress an answer: 24 conversations with titles
    // of 252 random characters (a title holds at most 255).
    long t = window();
    String contact = s.contact("gzip-" + t + "@example.com");
    List<String> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 24; i++) {
      StringBuilder title = new StringBuilder();
      for (int u = 0; u < 7; u++) {
        title.append(UUID.randomUUID());
      }
      String id = conversationAt(contact, t + 1, "gzip");
      assertThat(api.put("/conversations/" + id, Map.of("title", title.toString())).status())
          .isEqualTo(200);
      rows.add(id + "," + title);
    }
    String job =
        ReportingExports.enqueue(api, List.of("conversation_id", "conversation_title"), t, t + 10);
    ReportingExports.await(api, job, "complete", Duration.ofSeconds(60));
    Path stored;
    try (var files = java.nio.file.Files.walk(parley.process().dataDir())) {
      stored =
          files
              .filter(f -> f.getFileName().toString().equals(job + ".csv.gz"))
              .findFirst()
              .orElseThrow();
    }
    byte[] expected = java.nio.file.Files.readAllBytes(stored);
    assertThat(expected.length).isGreaterThan(2_000);
    for (String encoding : List.of("gzip", "gzip, deflate, br", "br", "identity")) {
      ApiResponse file =
          api.withHeader("Accept", "application/octet-stream")
              .withHeader("Accept-Encoding", encoding)
              .get("/download/reporting_data/" + job);
      assertThat(file.status()).as(encoding).isEqualTo(200);
      assertThat(file.header("Content-Encoding")).as(encoding).isNull();
      assertThat(file.header("Content-Length"))
          .as(encoding)
          .isEqualTo(Integer.toString(expected.length));
      assertThat(file.bytes()).as(encoding).isEqualTo(expected);
      String csv = ReportingExports.gunzip(file.bytes());
      assertThat(csv)
          .as(encoding)
          .startsWith("conversation_id,conversation_title\r\n")
          .endsWith("\r\n");
      assertThat(csv.split("\r\n")).as(encoding).hasSize(25).containsAll(rows);
    }
  }

  @Test
  void theStatusOperationToleratesTheDescriptionsQueryParameters() {
    long t = window();
    String job = ReportingExports.enqueue(api, List.of("conversation_id"), t, t + 1);
    ReportingExports.await(api, job, "complete", Duration.ofSeconds(60));
    ApiResponse status =
        api.get("/export/reporting_data/" + job + "?app_id=abc&client_id=def&job_identifier=other");
    assertThat(status.status()).isEqualTo(200);
    assertThat(status.json().path("job_identifier").asText()).isEqualTo(job);
    ApiResponse file =
        api.withHeader("Accept", "application/octet-stream")
            .get("/download/reporting_data/" + job + "?app_id=abc&job_identifier=" + job);
    assertThat(file.status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "application/json",
        "*/*",
        "text/csv",
        "application/octet-stream;q=0",
        "application/*"
      })
  void aDownloadThatDoesNotAcceptOctetStreamAnswers406(String accept) {
    long t = window();
    String job = ReportingExports.enqueue(api, List.of("conversation_id"), t, t + 1);
    ReportingExports.await(api, job, "complete", Duration.ofSeconds(60));
    Api client =
        accept.isEmpty() ? api.withHeader("Accept", null) : api.withHeader("Accept", accept);
    ApiResponse refused = client.get("/download/reporting_data/" + job);
    assertThat(refused.status()).isEqualTo(406);
    assertThat(refused.header("Content-Type")).startsWith("application/json");
    assertThat(refused.json().path("type").asText()).isEqualTo("error.list");
    assertThat(refused.errorCode()).isEqualTo("not_acceptable");
    assertThat(refused.json().path("request_id").asText())
        .isEqualTo(refused.header("X-Request-Id"));
    ApiResponse listed =
        api.withHeader("Accept", "text/csv, application/octet-stream;q=0.5")
            .get("/download/reporting_data/" + job);
    assertThat(listed.status()).isEqualTo(200);
  }

  @Test
  void anotherWorkspacesJobAndAnUnknownJobAnswer404WithIntercomsMessage() {
    assertThat(parley.process().cli("workspace", "create", "other-reporting").exitCode()).isZero();
    assertThat(
            parley
                .process()
                .cli(
                    "admin",
                    "create",
                    "--workspace",
                    "other-reporting",
                    "--name",
                    "R",
                    "--email",
                    "r@example.com")
                .exitCode())
        .isZero();
    String other =
        tokenOf(
            parley
                .process()
                .cli(
                    "token", "create", "--workspace", "other-reporting", "--scopes", "read,write"));
    long t = window();
    String job = ReportingExports.enqueue(api, List.of("conversation_id"), t, t + 1);
    ReportingExports.await(api, job, "complete", Duration.ofSeconds(60));

    for (String path :
        List.of("/export/reporting_data/" + job, "/download/reporting_data/" + job)) {
      ApiResponse response =
          api.withToken(other).withHeader("Accept", "application/octet-stream").get(path);
      assertThat(response.status()).as(path).isEqualTo(404);
      assertThat(response.errorCode()).isEqualTo("not_found");
      assertThat(response.json().path("errors").path(0).path("message").asText())
          .isEqualTo("Export job not found for identifier: " + job);
    }
    ApiResponse unknown = api.get("/export/reporting_data/job1");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("errors").path(0).path("message").asText())
        .isEqualTo("Export job not found for identifier: job1");
    ApiResponse unknownDownload =
        api.withHeader("Accept", "application/octet-stream").get("/download/reporting_data/job1");
    assertThat(unknownDownload.status()).isEqualTo(404);
    assertThat(api.withToken(other).get("/export/reporting_data/get_datasets").status())
        .isEqualTo(200);
  }

  @Test
  void aTokenWithoutTheReadScopeGets403AndAReadOnlyTokenExports() {
    String writeOnly =
        tokenOf(
            parley.process().cli("token", "create", "--workspace", "default", "--scopes", "write"));
    String readOnly =
        tokenOf(
            parley.process().cli("token", "create", "--workspace", "default", "--scopes", "read"));
    long t = window();
    ApiResponse refused =
        api.withToken(writeOnly)
            .post(
                "/export/reporting_data/enqueue",
                ReportingExports.body(List.of("conversation_id"), t, t + 1));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.errorCode()).isEqualTo("action_forbidden");
    String job =
        ReportingExports.enqueue(api.withToken(readOnly), List.of("conversation_id"), t, t + 1);
    assertThat(
            ReportingExports.gunzip(
                ReportingExports.completeAndDownload(api.withToken(readOnly), job)))
        .isEqualTo("conversation_id\r\n");
    assertThat(api.withToken(null).get("/export/reporting_data/" + job).status()).isEqualTo(401);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {}                                                                                            | 'dataset_id' is a required parameter
          {"dataset_id":"imaginary","attribute_ids":["conversation_id"],"start_time":1,"end_time":2}    | imaginary is not a valid dataset_id
          {"dataset_id":"conversation","start_time":1,"end_time":2}                                     | 'attribute_ids' is a required parameter
          {"dataset_id":"conversation","attribute_ids":[],"start_time":1,"end_time":2}                  | attribute_ids must contain at least one attribute_id
          {"dataset_id":"conversation","attribute_ids":"conversation_id","start_time":1,"end_time":2}   | 'attribute_ids' not an array must be of type Array
          {"dataset_id":"conversation","attribute_ids":["conversation_id","non_existent"],"start_time":1,"end_time":2} | attribute_ids invalid for conversation dataset: non_existent
          {"dataset_id":"conversation","attribute_ids":["a","conversation_id",7],"start_time":1,"end_time":2} | attribute_ids invalid for conversation dataset: a, 7
          {"dataset_id":"conversation","attribute_ids":["conversation_id"],"end_time":2}                | 'start_time' is a required parameter
          {"dataset_id":"conversation","attribute_ids":["conversation_id"],"start_time":1}              | 'end_time' is a required parameter
          {"dataset_id":"conversation","attribute_ids":["conversation_id"],"start_time":"soon","end_time":2} | 'start_time' must be an integer (Unix seconds)
          {"dataset_id":"conversation","attribute_ids":["conversation_id"],"start_time":1.5,"end_time":2} | 'start_time' must be an integer (Unix seconds)
          {"dataset_id":"conversation","attribute_ids":["conversation_id"],"start_time":5,"end_time":2}  | end_time must not be before start_time
          {"dataset_id":"conversation","attribute_ids":["conversation_id"],"start_time":-5,"end_time":2} | start_time and end_time must be Unix seconds, not negative
          {"dataset_id":5,"attribute_ids":["conversation_id"],"start_time":1,"end_time":2}              | 'dataset_id' must be a string
          {"dataset_id":"conversation",                                                                 | Request body is not valid JSON
          []                                                                                            | Request body must be a JSON object
          """)
  void enqueueAnswers400BadRequestWithTheDescriptionsMessagesAndStoresNothing(
      String body, String message) {
    long before = jobCount();
    ApiResponse response = api.post("/export/reporting_data/enqueue", body);
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("bad_request");
    assertThat(response.json().path("errors").path(0).path("message").asText()).isEqualTo(message);
    assertThat(jobCount()).isEqualTo(before);
  }

  @Test
  void tooManyAttributeIdsAnswer400() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 201; i++) {
      many.add("conversation_id");
    }
    ApiResponse response =
        api.post("/export/reporting_data/enqueue", ReportingExports.body(many, 1, 2));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("bad_request");
  }

  static long jobCount() {
    try (TestDatabase db = TestDatabase.of(parley.process())) {
      return db.number("SELECT COUNT(*) FROM export_jobs");
    }
  }

  /** The ids of a {@code get_datasets} dataset's attributes, in order; each must have a name. */
  static List<String> attributeIds(JsonNode dataset) {
    List<String> ids = new ArrayList<>();
    dataset
        .path("attributes")
        .forEach(
            a -> {
              ids.add(a.path("id").asText());
              assertThat(a.path("name").asText()).isNotBlank();
            });
    return ids;
  }
}
