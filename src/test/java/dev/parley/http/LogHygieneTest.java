package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a run at the most verbose log level that puts unique marker strings into every sensitive
 * place (bodies, titles, attribute values, emails, names, file names and contents, links, tag
 * names, the token, and failing requests that carry them), parley's log holds none of them, and one
 * line per request with its operation.
 */
class LogHygieneTest {
  @TempDir static Path root;
  static final List<String> markers = new ArrayList<>();
  static final List<Logged> requests = new ArrayList<>();
  static String token;
  static String log;
  static int port;
  static Path dataDir;

  /** A request made, and how it should be logged; {@code operation} null when none applies. */
  record Logged(String requestId, String method, String template, String operation, int status) {}

  private static String marker(String kind) {
    byte[] random = new byte[8];
    new java.security.SecureRandom().nextBytes(random);
    String marker = "mk" + kind + HexFormat.of().formatHex(random);
    markers.add(marker);
    return marker;
  }

  private static ApiResponse call(
      ParleyProcess parley,
      String authToken,
      String method,
      String path,
      Object body,
      String template,
      String operation,
      int status) {
    ApiResponse response = Acceptance.raw(parley, authToken, method, path, body);
    assertThat(response.status()).as(method + " " + path + " -> " + response).isEqualTo(status);
    String requestId = response.header("X-Request-Id");
    assertThat(requestId).isNotNull();
    requests.add(new Logged(requestId, method, template, operation, status));
    return response;
  }

  private static ApiResponse call(
      ParleyProcess parley,
      String method,
      String path,
      Object body,
      String template,
      String operation,
      int status) {
    return call(parley, token, method, path, body, template, operation, status);
  }

  @BeforeAll
  static void runAndStop() {
    token = marker("token") + marker("token");
    ParleyProcess parley =
        ParleyProcess.in(root).token(token).env("PARLEY_LOG_LEVEL", "TRACE").start();
    port = parley.port();
    dataDir = parley.dataDir();
    try {
      String adminId =
          call(parley, "GET", "/me", null, "/me", "identifyAdmin", 200).json().path("id").asText();
      call(parley, "GET", "/admins", null, "/admins", "listAdmins", 200);
      call(parley, "GET", "/admins/" + adminId, null, "/admins/{id}", "retrieveAdmin", 200);
      call(parley, "GET", "/teams", null, "/teams", "listTeams", 200);

      String email = marker("email") + "@" + marker("domain") + ".example";
      Map<String, Object> contact = new LinkedHashMap<>();
      contact.put("role", "user");
      contact.put("email", email);
      contact.put("external_id", marker("externalid"));
      contact.put("name", marker("name"));
      contact.put("phone", marker("phone"));
      contact.put("custom_attributes", Map.of("plan", marker("contactattr")));
      String contactId =
          call(parley, "POST", "/contacts", contact, "/contacts", "CreateContact", 200)
              .json()
              .path("id")
              .asText();
      call(parley, "GET", "/contacts/" + contactId, null, "/contacts/{id}", "ShowContact", 200);
      call(parley, "GET", "/contacts", null, "/contacts", "ListContacts", 200);

      Map<String, Object> create = new LinkedHashMap<>();
      create.put("from", Map.of("type", "user", "id", contactId));
      create.put("body", "<p>" + marker("body") + "</p>");
      create.put("subject", marker("subject"));
      create.put(
          "attachment_urls",
          List.of("https://" + marker("linkhost") + ".example/" + marker("linkpath")));
      String id =
          call(
                  parley,
                  "POST",
                  "/conversations",
                  create,
                  "/conversations",
                  "createConversation",
                  200)
              .json()
              .path("conversation_id")
              .asText();
      call(
          parley,
          "PUT",
          "/conversations/" + id,
          Map.of(
              "title",
              marker("title"),
              "custom_attributes",
              Map.of("reason", marker("attrvalue"), "n", 4)),
          "/conversations/{id}",
          "updateConversation",
          200);

      Map<String, Object> reply = new LinkedHashMap<>();
      reply.put("type", "admin");
      reply.put("message_type", "comment");
      reply.put("admin_id", adminId);
      reply.put("body", marker("reply"));
      reply.put(
          "attachment_files",
          List.of(
              Scenario.file(
                  marker("filename") + ".txt",
                  "text/plain",
                  marker("filecontent").getBytes(StandardCharsets.UTF_8))));
      reply.put("attachment_urls", List.of("https://example.com/" + marker("replylink")));
      JsonNode replied =
          call(
                  parley,
                  "POST",
                  "/conversations/" + id + "/reply",
                  reply,
                  "/conversations/{id}/reply",
                  "replyConversation",
                  200)
              .json();
      Map<String, Object> note = new LinkedHashMap<>(reply);
      note.put("message_type", "note");
      note.put("body", marker("note"));
      note.remove("attachment_files");
      note.remove("attachment_urls");
      call(
          parley,
          "POST",
          "/conversations/" + id + "/reply",
          note,
          "/conversations/{id}/reply",
          "replyConversation",
          200);
      Map<String, Object> quick = new LinkedHashMap<>();
      quick.put("type", "admin");
      quick.put("message_type", "quick_reply");
      quick.put("admin_id", adminId);
      quick.put(
          "reply_options",
          List.of(Map.of("text", marker("option"), "uuid", UUID.randomUUID().toString())));
      call(
          parley,
          "POST",
          "/conversations/" + id + "/reply",
          quick,
          "/conversations/{id}/reply",
          "replyConversation",
          200);
      call(
          parley,
          "POST",
          "/conversations/last/reply",
          Map.of(
              "type",
              "user",
              "message_type",
              "comment",
              "email",
              email,
              "body",
              marker("contactreply")),
          "/conversations/{id}/reply",
          "replyConversation",
          200);

      String tag =
          call(parley, "POST", "/tags", Map.of("name", marker("tag")), "/tags", "createTag", 200)
              .json()
              .path("id")
              .asText();
      call(parley, "GET", "/tags", null, "/tags", "listTags", 200);
      call(
          parley,
          "POST",
          "/conversations/" + id + "/tags",
          Map.of("id", tag, "admin_id", adminId),
          "/conversations/{id}/tags",
          "attachTagToConversation",
          200);
      call(
          parley,
          "DELETE",
          "/conversations/" + id + "/tags/" + tag,
          Map.of("admin_id", adminId),
          "/conversations/{id}/tags/{tag_id}",
          "detachTagFromConversation",
          200);
      call(
          parley,
          "GET",
          "/conversations/" + id,
          null,
          "/conversations/{id}",
          "retrieveConversation",
          200);
      call(
          parley,
          "GET",
          "/conversations/" + id + "?display_as=plaintext",
          null,
          "/conversations/{id}",
          "retrieveConversation",
          200);
      call(parley, "GET", "/conversations", null, "/conversations", "listConversations", 200);

      String url = null;
      for (JsonNode attachment :
          replied
              .path("conversation_parts")
              .path("conversation_parts")
              .path(0)
              .path("attachments")) {
        if (attachment.path("url").asText().startsWith(parley.baseUrl() + "/uploads/")) {
          url = attachment.path("url").asText();
        }
      }
      assertThat(url).as(replied.toString()).isNotNull();
      ApiResponse download = Acceptance.raw("GET", url, Map.of(), null);
      assertThat(download.status()).isEqualTo(200);
      requests.add(
          new Logged(
              download.header("X-Request-Id"),
              "GET",
              "/uploads/{workspace_id}/{token}",
              "downloadUpload",
              200));

      // failures that carry sensitive values
      call(
          parley,
          "POST",
          "/contacts",
          "{\"email\": \"" + marker("badjson") + "@x.example\", ",
          "/contacts",
          "CreateContact",
          400);
      call(
          parley,
          "POST",
          "/contacts",
          Map.of("email", marker("notanemail")),
          "/contacts",
          "CreateContact",
          400);
      call(
          parley,
          "POST",
          "/contacts",
          Map.of("email", "ok@example.com", "role", marker("badrole")),
          "/contacts",
          "CreateContact",
          400);
      call(
          parley,
          "POST",
          "/conversations/" + id + "/reply",
          Map.of(
              "type",
              "user",
              "message_type",
              "comment",
              "email",
              marker("unknownemail") + "@example.com",
              "body",
              marker("lostreply")),
          "/conversations/{id}/reply",
          "replyConversation",
          404);
      call(
          parley,
          "POST",
          "/conversations/" + id + "/reply",
          Map.of(
              "type",
              "admin",
              "message_type",
              "comment",
              "admin_id",
              adminId,
              "body",
              marker("badfile"),
              "attachment_files",
              List.of(Map.of("name", marker("badfilename"), "data", "%%" + marker("notbase64")))),
          "/conversations/{id}/reply",
          "replyConversation",
          400);
      call(
          parley,
          "PUT",
          "/conversations/" + id,
          Map.of("title", List.of(marker("arraytitle"))),
          "/conversations/{id}",
          "updateConversation",
          400);
      call(
          parley,
          "POST",
          "/tags",
          Map.of("name", marker("longtag") + "x".repeat(300)),
          "/tags",
          "createTag",
          400);
      call(
          parley,
          "POST",
          "/conversations",
          Map.of(
              "from",
              Map.of("type", "user", "id", "0123456789abcdef01234567"),
              "body",
              marker("nouser")),
          "/conversations",
          "createConversation",
          404);
      call(
          parley,
          "GET",
          "/contacts/" + marker("pathid"),
          null,
          "/contacts/{id}",
          "ShowContact",
          404);
      call(
          parley,
          "GET",
          "/conversations?starting_after=" + marker("cursor"),
          null,
          "/conversations",
          "listConversations",
          400);

      // rejected before any handler: unknown token, bad version, unknown path
      call(
          parley,
          "tok" + marker("unknowntoken"),
          "GET",
          "/admins",
          null,
          "/admins",
          "listAdmins",
          401);
      call(
          parley,
          null,
          "POST",
          "/contacts",
          Map.of("email", marker("unauthemail") + "@example.com"),
          "/contacts",
          "CreateContact",
          401);
      call(parley, "GET", "/" + marker("unknownpath"), null, null, null, 404);
    } finally {
      parley.stop();
    }
    log = parley.log();
  }

  @Test
  void theLogHoldsNoBodyTitleAttributeEmailNameFileLinkTagOrToken() {
    String lower = log.toLowerCase(Locale.ROOT);
    List<String> leaked = new ArrayList<>();
    for (String marker : markers) {
      if (lower.contains(marker.toLowerCase(Locale.ROOT))) {
        leaked.add(marker);
      }
    }
    assertThat(leaked).as("markers found in the log:%n%s", log).isEmpty();
    assertThat(log).doesNotContain(token);
    assertThat(markers).hasSizeGreaterThan(30);
  }

  @Test
  void everyRequestIsLoggedOnceWithItsMethodStatusAndRequestId() {
    List<String> requestLines =
        log.lines().filter(l -> l.contains("request_id=") && l.contains("operation=")).toList();
    assertThat(requestLines).as(log).hasSize(requests.size());
    for (Logged request : requests) {
      List<String> lines =
          requestLines.stream().filter(l -> l.contains(request.requestId())).toList();
      assertThat(lines).as("log lines of %s", request).hasSize(1);
      String line = lines.get(0);
      assertThat(line)
          .as(request.toString())
          .contains(request.method() + " ")
          .contains("status=" + request.status());
      assertThat(line).as(request.toString()).containsPattern("duration_ms=[0-9.]+");
    }
  }

  @Test
  void handledRequestsAreLoggedWithTheirRouteTemplateAndOperation() {
    for (Logged request : requests) {
      if (request.operation() == null || request.status() == 401) {
        continue;
      }
      String line =
          log.lines().filter(l -> l.contains(request.requestId())).findFirst().orElseThrow();
      assertThat(line)
          .as(request.toString())
          .contains(" " + request.template() + " ")
          .contains("operation=" + request.operation() + " ");
    }
  }

  @Test
  void requestsRejectedBeforeTheirHandlerAreLoggedWithTheirRouteTemplateAndOperation() {
    List<Logged> rejected = requests.stream().filter(r -> r.status() == 401).toList();
    assertThat(rejected).isNotEmpty();
    for (Logged request : rejected) {
      String line =
          log.lines().filter(l -> l.contains(request.requestId())).findFirst().orElseThrow();
      assertThat(line)
          .as(request.toString())
          .contains(" " + request.template() + " ")
          .contains("operation=" + request.operation() + " ");
    }
  }

  @Test
  void startupLogsVersionPortStoreAndDataDir() {
    String startup = log.lines().filter(l -> l.contains("listening")).findFirst().orElseThrow();
    assertThat(startup).containsPattern("parley \\S+ listening");
    assertThat(startup).contains("port " + port);
    assertThat(startup).containsAnyOf("sqlite", "postgres");
    if (!dev.parley.testing.TestStore.postgres()) {
      assertThat(startup).contains(dataDir.toAbsolutePath().normalize().toString());
    }
  }
}
