package dev.parley.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ByteSearch;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /conversations/redact} ({@code redactConversation}, Intercom 2.14) on a real parley:
 * a redacted part keeps its place with {@code redacted: true} and the description's placeholder
 * body, its uploads are erased like a deleted conversation's, a contact's source message can be
 * redacted, and every documented error and bad input answers without a 500.
 */
class RedactConversationTest {
  static final String PLACEHOLDER = "<p><i>This message was deleted</i></p>";

  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static Api api;
  static Scenario s;
  static String readOnlyToken;
  static String otherWorkspaceToken;

  @BeforeAll
  static void setUp() {
    api = parley.api();
    s = new Scenario(api);
    readOnlyToken =
        ManageConversationTest.lastLine(
            parley.process().cli("token", "create", "--workspace", "default", "--scopes", "read"));
    assertThat(parley.process().cli("workspace", "create", "elsewhere").exitCode()).isZero();
    ManageConversationTest.idOf(
        parley
            .process()
            .cli(
                "admin",
                "create",
                "--workspace",
                "elsewhere",
                "--name",
                "F",
                "--email",
                "f@example.com"));
    otherWorkspaceToken =
        ManageConversationTest.lastLine(
            parley
                .process()
                .cli("token", "create", "--workspace", "elsewhere", "--scopes", "read,write"));
  }

  static ApiResponse redactPart(Object conversationId, Object partId) {
    return api.post(
        "/conversations/redact",
        Map.of(
            "type",
            "conversation_part",
            "conversation_id",
            conversationId,
            "conversation_part_id",
            partId));
  }

  static ApiResponse redactSource(Object conversationId, Object sourceId) {
    return api.post(
        "/conversations/redact",
        Map.of("type", "source", "conversation_id", conversationId, "source_id", sourceId));
  }

  static JsonNode ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  static JsonNode parts(JsonNode conversation) {
    return conversation.path("conversation_parts").path("conversation_parts");
  }

  static JsonNode partOf(ApiResponse reply) {
    JsonNode parts = parts(ok(reply));
    return parts.get(parts.size() - 1);
  }

  static void assertNotFound(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("conversation_part_or_message_not_found");
    assertThat(response.json().path("errors").path(0).path("message").asText())
        .isEqualTo("Conversation part or message not found");
  }

  static void assertNotRedactable(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("conversation_part_not_redactable");
  }

  @Test
  void aRedactedPartKeepsItsPlaceAndEverythingButItsBody() {
    String contact = s.contact("keeps-" + UUID.randomUUID() + "@example.com");
    String id = s.conversation(contact, "first message");
    s.adminReply(id, "note", "<p>before</p>");
    JsonNode target = partOf(s.adminReply(id, "comment", "<p>my card number is 4242</p>"));
    s.contactReply(id, contact, "after");
    JsonNode before = ok(api.get("/conversations/" + id));

    JsonNode after = ok(redactPart(id, target.get("id").asText()));

    assertThat(parts(after)).hasSize(3);
    for (int i = 0; i < 3; i++) {
      JsonNode was = parts(before).get(i);
      JsonNode is = parts(after).get(i);
      assertThat(is.get("id")).isEqualTo(was.get("id"));
      if (i != 1) {
        assertThat(is).as("untouched part %s", i).isEqualTo(was);
      }
    }
    JsonNode redacted = parts(after).get(1);
    assertThat(redacted.get("id").asText()).isEqualTo(target.get("id").asText());
    assertThat(redacted.get("redacted").asBoolean()).isTrue();
    assertThat(redacted.get("body").asText()).isEqualTo(PLACEHOLDER);
    for (String field : List.of("part_type", "author", "created_at", "notified_at", "state")) {
      assertThat(redacted.get(field)).as(field).isEqualTo(target.get(field));
    }
    assertThat(redacted.get("updated_at").asLong())
        .isGreaterThanOrEqualTo(target.get("updated_at").asLong());
    assertThat(after.get("updated_at").asLong())
        .isGreaterThanOrEqualTo(before.get("updated_at").asLong());
    assertThat(after.get("source")).isEqualTo(before.get("source"));
    assertThat(after.get("state")).isEqualTo(before.get("state"));
    assertThat(after.get("statistics")).isEqualTo(before.get("statistics"));
    assertThat(ok(api.get("/conversations/" + id)).get("conversation_parts"))
        .isEqualTo(after.get("conversation_parts"));
    assertThat(after.toString()).doesNotContain("4242");
  }

  @Test
  void redactingAPartErasesItsUploadsRowsAndBytesAndLeavesOtherPartsUploads() {
    String id = s.conversation("uploads");
    String secret = "secret-bytes-" + UUID.randomUUID();
    String kept = "kept-bytes-" + UUID.randomUUID();
    Map<String, Object> withFile = s.adminReplyBody("comment", "<p>here is the file</p>");
    withFile.put(
        "attachment_files",
        List.of(
            Scenario.file("statement.txt", "text/plain", secret.getBytes(StandardCharsets.UTF_8))));
    withFile.put("attachment_urls", List.of("https://example.com/private/statement.pdf"));
    JsonNode target = partOf(s.reply(id, withFile));
    JsonNode keptPart =
        partOf(
            s.adminReplyWithFiles(
                id,
                "<p>another</p>",
                List.of(
                    Scenario.file(
                        "kept.txt", "text/plain", kept.getBytes(StandardCharsets.UTF_8)))));
    String uploadUrl = uploadUrl(target);
    String keptUrl = uploadUrl(keptPart);
    assertThat(target.get("attachments")).hasSize(2);
    assertThat(api.get(path(uploadUrl)).body()).isEqualTo(secret);

    JsonNode after = ok(redactPart(id, target.get("id").asText()));

    JsonNode redacted = parts(after).get(0);
    assertThat(redacted.get("attachments")).isEmpty();
    assertThat(redacted.get("redacted").asBoolean()).isTrue();
    assertThat(parts(after).get(1).get("attachments")).hasSize(1);
    assertThat(api.get(path(uploadUrl)).status()).isEqualTo(404);
    assertThat(api.get(path(keptUrl)).body()).isEqualTo(kept);
    try (TestDatabase db = TestDatabase.of(parley.process())) {
      assertThat(
              db.number(
                  "SELECT COUNT(*) FROM uploads WHERE part_id = ?",
                  Long.parseLong(target.get("id").asText())))
          .isZero();
      assertThat(
              db.number(
                  "SELECT COUNT(*) FROM uploads WHERE part_id = ?",
                  Long.parseLong(keptPart.get("id").asText())))
          .isEqualTo(1);
      // the bytes went before the answer; their queue rows are cleared just after it
      db.awaitEmptyBlobQueue();
    }
    assertThat(ByteSearch.findAll(parley.process().dataDir().resolve("uploads"), List.of(secret)))
        .isEmpty();
    assertThat(ByteSearch.findAll(parley.process().dataDir().resolve("uploads"), List.of(kept)))
        .hasSize(1);
  }

  @Test
  void aContactsSourceMessageCanBeRedactedWithItsSubjectAndAttachments() {
    String contact = s.contact("source-" + UUID.randomUUID() + "@example.com");
    Map<String, Object> create = new LinkedHashMap<>();
    create.put("from", Map.of("type", "user", "id", contact));
    create.put("body", "my address is 1 Main Street");
    create.put("subject", "private subject");
    create.put("attachment_urls", List.of("https://example.com/passport.png"));
    ApiResponse created = api.post("/conversations", create);
    String id = ok(created).get("conversation_id").asText();
    String sourceId = created.json().get("id").asText();
    s.adminReply(id, "comment", "<p>reply stays</p>");
    JsonNode before = ok(api.get("/conversations/" + id));
    assertThat(before.get("source").get("id").asText()).isEqualTo(sourceId);

    JsonNode after = ok(redactSource(id, sourceId));

    JsonNode source = after.get("source");
    assertThat(source.get("redacted").asBoolean()).isTrue();
    assertThat(source.get("body").asText()).isEqualTo(PLACEHOLDER);
    assertThat(source.get("subject").asText()).isEmpty();
    assertThat(source.get("attachments")).isEmpty();
    assertThat(source.get("id").asText()).isEqualTo(sourceId);
    assertThat(source.get("author")).isEqualTo(before.get("source").get("author"));
    assertThat(after.get("conversation_parts")).isEqualTo(before.get("conversation_parts"));
    assertThat(ok(api.get("/conversations/" + id)).get("source")).isEqualTo(source);
    JsonNode listed = ok(api.get("/conversations?per_page=150")).get("conversations");
    for (JsonNode item : listed) {
      if (item.get("id").asText().equals(id)) {
        assertThat(item.get("source")).isEqualTo(source);
      }
    }
    assertThat(after.toString())
        .doesNotContain("Main Street")
        .doesNotContain("private subject")
        .doesNotContain("passport");
  }

  @Test
  void aQuickReplyIsRedactedWithItsOptions() {
    String id = s.conversation("quick");
    Map<String, Object> quick = s.adminReplyBody("quick_reply", null);
    quick.remove("body");
    quick.put(
        "reply_options",
        List.of(
            Map.of("text", "Yes, my password is hunter2", "uuid", UUID.randomUUID().toString())));
    JsonNode target = partOf(s.reply(id, quick));
    assertThat(target.get("metadata").get("quick_reply_options")).hasSize(1);

    JsonNode redacted = parts(ok(redactPart(id, target.get("id").asText()))).get(0);

    assertThat(redacted.get("redacted").asBoolean()).isTrue();
    assertThat(redacted.get("body").asText()).isEqualTo(PLACEHOLDER);
    assertThat(redacted.has("metadata")).isFalse();
    assertThat(redacted.get("part_type").asText()).isEqualTo("quick_reply");
    assertThat(ok(api.get("/conversations/" + id)).toString()).doesNotContain("hunter2");
  }

  @Test
  void aContactReplyAndACloseMessageCanBeRedactedAndRedactingTwiceIsHarmless() {
    String contact = s.contact("twice-" + UUID.randomUUID() + "@example.com");
    String id = s.conversation(contact, "start");
    JsonNode reply = partOf(s.contactReply(id, contact, "oops, my phone number"));
    JsonNode close =
        partOf(
            api.post(
                "/conversations/" + id + "/parts",
                Map.of(
                    "message_type",
                    "close",
                    "type",
                    "admin",
                    "admin_id",
                    s.adminId(),
                    "body",
                    "bye now")));
    JsonNode first = ok(redactPart(id, reply.get("id").asText()));
    JsonNode second = ok(redactPart(Long.parseLong(id), Long.parseLong(reply.get("id").asText())));
    assertThat(parts(second).get(0)).isEqualTo(parts(first).get(0));
    assertThat(parts(second).get(0).get("author").get("id").asText()).isEqualTo(contact);
    JsonNode closed = ok(redactPart(id, close.get("id").asText()));
    assertThat(parts(closed).get(1).get("body").asText()).isEqualTo(PLACEHOLDER);
    assertThat(parts(closed).get(1).get("part_type").asText()).isEqualTo("close");
    assertThat(closed.get("state").asText()).isEqualTo("closed");
  }

  @Test
  void idsSentAsJsonNumbersAsInTheDescriptionsExampleAreAccepted() {
    String id = s.conversation("numbers");
    JsonNode target = partOf(s.adminReply(id, "note", "<p>note</p>"));
    JsonNode after = ok(redactPart(Long.parseLong(id), Long.parseLong(target.get("id").asText())));
    assertThat(parts(after).get(0).get("redacted").asBoolean()).isTrue();
  }

  @Test
  void whatDoesNotExistAnswers404ConversationPartOrMessageNotFound() {
    String id = s.conversation("lookups");
    JsonNode part = partOf(s.adminReply(id, "comment", "<p>exists</p>"));
    String partId = part.get("id").asText();
    String other = s.conversation("another");
    JsonNode otherPart = partOf(s.adminReply(other, "comment", "<p>elsewhere</p>"));
    String sourceId = ok(api.get("/conversations/" + id)).get("source").get("id").asText();
    JsonNode before = ok(api.get("/conversations/" + id));

    assertNotFound(redactPart("really_123_doesnt_exist", "really_123_doesnt_exist"));
    assertNotFound(redactPart("999999999", partId));
    assertNotFound(redactPart(id, "999999999"));
    assertNotFound(redactPart(id, "-1"));
    assertNotFound(redactPart(id, "99999999999999999999"));
    assertNotFound(redactPart(id, otherPart.get("id").asText()));
    assertNotFound(redactPart(id, sourceId));
    assertNotFound(redactSource(id, partId));
    assertNotFound(redactSource(id, "abc"));
    assertNotFound(redactSource(other, sourceId));
    assertNotFound(
        new Api(parley.process().baseUrl(), otherWorkspaceToken)
            .post(
                "/conversations/redact",
                Map.of(
                    "type",
                    "conversation_part",
                    "conversation_id",
                    id,
                    "conversation_part_id",
                    partId)));

    assertThat(ok(api.get("/conversations/" + id))).isEqualTo(before);
  }

  @Test
  void partsWithoutABodyAreNotRedactable() {
    String id = s.conversation("no body");
    String admin = s.adminId();
    List<String> ids = new ArrayList<>();
    ids.add(
        partOf(
                api.post(
                    "/conversations/" + id + "/parts",
                    Map.of(
                        "message_type",
                        "assignment",
                        "type",
                        "admin",
                        "admin_id",
                        admin,
                        "assignee_id",
                        admin)))
            .get("id")
            .asText());
    ids.add(
        partOf(
                api.post(
                    "/conversations/" + id + "/parts",
                    Map.of(
                        "message_type",
                        "snoozed",
                        "admin_id",
                        admin,
                        "snoozed_until",
                        java.time.Instant.now().getEpochSecond() + 600)))
            .get("id")
            .asText());
    ids.add(
        partOf(
                api.post(
                    "/conversations/" + id + "/parts",
                    Map.of("message_type", "open", "admin_id", admin)))
            .get("id")
            .asText());
    ids.add(
        partOf(
                api.post(
                    "/conversations/" + id + "/parts",
                    Map.of("message_type", "close", "type", "admin", "admin_id", admin)))
            .get("id")
            .asText());
    JsonNode before = ok(api.get("/conversations/" + id));
    for (String partId : ids) {
      assertNotRedactable(redactPart(id, partId));
    }
    assertThat(ok(api.get("/conversations/" + id))).isEqualTo(before);
  }

  @Test
  void aSourceMessageNotWrittenByAContactIsNotRedactable() {
    String id = s.conversation("the admin wrote this");
    String sourceId = ok(api.get("/conversations/" + id)).get("source").get("id").asText();
    try (TestDatabase db = TestDatabase.writable(parley.process())) {
      assertThat(
              db.execute(
                  "UPDATE conversations SET source_author_type = 'admin', source_author_id = ?"
                      + " WHERE id = ?",
                  s.adminId(),
                  Long.parseLong(id)))
          .isEqualTo(1);
    }
    JsonNode before = ok(api.get("/conversations/" + id));
    assertThat(before.get("source").get("author").get("type").asText()).isEqualTo("admin");
    assertNotRedactable(redactSource(id, sourceId));
    assertThat(ok(api.get("/conversations/" + id))).isEqualTo(before);
  }

  @Test
  void badBodiesAnswer400NeverA500() {
    String id = s.conversation("bad input");
    String partId = partOf(s.adminReply(id, "comment", "<p>text</p>")).get("id").asText();
    JsonNode before = ok(api.get("/conversations/" + id));
    List<Object[]> cases =
        List.of(
            new Object[] {Map.of(), "parameter_not_found", "type"},
            new Object[] {
              Map.of("type", "message", "conversation_id", id, "conversation_part_id", partId),
              "parameter_invalid",
              "type"
            },
            new Object[] {
              Map.of("type", 1, "conversation_id", id, "conversation_part_id", partId),
              "parameter_invalid",
              "type"
            },
            new Object[] {
              Map.of("type", "conversation_part", "conversation_part_id", partId),
              "parameter_not_found",
              "conversation_id"
            },
            new Object[] {
              Map.of("type", "conversation_part", "conversation_id", id),
              "parameter_not_found",
              "conversation_part_id"
            },
            new Object[] {
              Map.of("type", "conversation_part", "conversation_id", id, "source_id", partId),
              "parameter_not_found",
              "conversation_part_id"
            },
            new Object[] {
              Map.of("type", "source", "conversation_id", id), "parameter_not_found", "source_id"
            },
            new Object[] {
              Map.of(
                  "type",
                  "conversation_part",
                  "conversation_id",
                  true,
                  "conversation_part_id",
                  partId),
              "parameter_invalid",
              "conversation_id"
            },
            new Object[] {
              Map.of(
                  "type",
                  "conversation_part",
                  "conversation_id",
                  id,
                  "conversation_part_id",
                  List.of(partId)),
              "parameter_invalid",
              "conversation_part_id"
            },
            new Object[] {
              Map.of(
                  "type",
                  "conversation_part",
                  "conversation_id",
                  1.5,
                  "conversation_part_id",
                  partId),
              "parameter_invalid",
              "conversation_id"
            });
    for (Object[] c : cases) {
      ApiResponse response = api.post("/conversations/redact", c[0]);
      assertThat(response.status()).as(c[0] + ": " + response).isEqualTo(400);
      assertThat(response.errorCode()).as(c[0] + ": " + response).isEqualTo(c[1]);
      assertThat(response.json().path("errors").path(0).path("field").asText()).isEqualTo(c[2]);
    }
    for (String raw : List.of("", "{", "[]", "null", "42")) {
      ApiResponse response = api.post("/conversations/redact", raw.isEmpty() ? null : raw);
      assertThat(response.status()).as("'" + raw + "': " + response).isEqualTo(400);
    }
    assertThat(ok(api.get("/conversations/" + id))).isEqualTo(before);
  }

  @Test
  void aReadOnlyTokenGets403AndNoTokenGets401() {
    String id = s.conversation("guarded");
    String partId = partOf(s.adminReply(id, "comment", "<p>guarded</p>")).get("id").asText();
    Map<String, Object> body =
        Map.of("type", "conversation_part", "conversation_id", id, "conversation_part_id", partId);
    ApiResponse forbidden = api.withToken(readOnlyToken).post("/conversations/redact", body);
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.errorCode()).isEqualTo("action_forbidden");
    ApiResponse anonymous = api.withToken(null).post("/conversations/redact", body);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.errorCode()).isEqualTo("unauthorized");
    assertThat(parts(ok(api.get("/conversations/" + id))).get(0).get("redacted").asBoolean())
        .isFalse();
  }

  static String uploadUrl(JsonNode part) {
    for (JsonNode a : part.get("attachments")) {
      if ("upload".equals(a.get("type").asText())) {
        return a.get("url").asText();
      }
    }
    throw new AssertionError("no upload in " + part);
  }

  static String path(String url) {
    return url.substring(api.baseUrl().length());
  }
}
