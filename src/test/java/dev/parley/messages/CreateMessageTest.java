package dev.parley.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /messages} ({@code createMessage}, Intercom 2.14 "Messages") on a real parley
 * process: every answer is validated against the description by {@link Api}.
 */
class CreateMessageTest {
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static Api api;
  static Scenario s;
  static String admin;

  @BeforeAll
  static void setUp() {
    api = parley.api();
    s = new Scenario(api);
    admin = s.adminId();
  }

  static String contact(String role) {
    return s.contact(
        Map.of("role", role, "email", role + "-" + UUID.randomUUID() + "@example.com"));
  }

  static Map<String, Object> inApp(String body, Object to) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("message_type", "in_app");
    m.put("body", body);
    m.put("from", Map.of("type", "admin", "id", Long.parseLong(admin)));
    m.put("to", to);
    return m;
  }

  static JsonNode ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  static void assertError(ApiResponse response, int status, String code, String message) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.errorCode()).isEqualTo(code);
    if (message != null) {
      assertThat(response.json().path("errors").path(0).path("message").asText())
          .isEqualTo(message);
    }
  }

  static List<String> contactIds(JsonNode conversation) {
    List<String> ids = new ArrayList<>();
    conversation.path("contacts").path("contacts").forEach(c -> ids.add(c.get("id").asText()));
    return ids;
  }

  /** The conversation whose source is the message {@code messageId}, found by search. */
  static JsonNode conversationOfMessage(String messageId) {
    JsonNode found =
        ok(
            api.post(
                "/conversations/search",
                Map.of(
                    "query", Map.of("field", "source.id", "operator", "=", "value", messageId))));
    assertThat(found.get("total_count").asInt()).isEqualTo(1);
    return found.get("conversations").get(0);
  }

  @Test
  void anInAppMessageOpenedAtOnceAnswersTheAdminMessageWithItsConversation() {
    String user = contact("user");
    Map<String, Object> body =
        inApp("<p>Your order shipped</p>", Map.of("type", "user", "id", user));
    body.put("create_conversation_without_contact_reply", true);
    body.put("created_at", 1_700_000_000L);
    JsonNode m = ok(api.post("/messages", body));
    assertThat(m.get("type").asText()).isEqualTo("admin_message");
    assertThat(m.get("message_type").asText()).isEqualTo("inapp");
    assertThat(m.get("body").asText()).isEqualTo("<p>Your order shipped</p>");
    assertThat(m.get("created_at").asLong()).isEqualTo(1_700_000_000L);
    assertThat(m.has("subject")).isFalse();
    assertThat(m.get("owner").get("type").asText()).isEqualTo("admin");
    assertThat(m.get("owner").get("id").asText()).isEqualTo(admin);

    String conversationId = m.get("conversation_id").asText();
    JsonNode c = ok(api.get("/conversations/" + conversationId));
    assertThat(c.get("state").asText()).isEqualTo("open");
    assertThat(c.get("open").asBoolean()).isTrue();
    assertThat(c.get("created_at").asLong()).isEqualTo(1_700_000_000L);
    JsonNode source = c.get("source");
    assertThat(source.get("id").asText()).isEqualTo(m.get("id").asText());
    assertThat(source.get("type").asText()).isEqualTo("conversation");
    assertThat(source.get("delivered_as").asText()).isEqualTo("admin_initiated");
    assertThat(source.get("body").asText()).isEqualTo("<p>Your order shipped</p>");
    assertThat(source.get("author").get("type").asText()).isEqualTo("admin");
    assertThat(source.get("author").get("id").asText()).isEqualTo(admin);
    assertThat(contactIds(c)).containsExactly(user);
  }

  @Test
  void withoutTheFlagTheConversationWaitsClosedUntilTheContactRepliesAndIsFoundByTheMessageId() {
    String user = contact("user");
    JsonNode m =
        ok(api.post("/messages", inApp("Any questions?", Map.of("type", "user", "id", user))));
    assertThat(m.has("conversation_id")).isFalse();
    JsonNode c = conversationOfMessage(m.get("id").asText());
    assertThat(c.get("state").asText()).isEqualTo("closed");
    String conversationId = c.get("id").asText();

    ApiResponse reply = s.contactReply(conversationId, user, "Yes, one");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonNode after = ok(api.get("/conversations/" + conversationId));
    assertThat(after.get("state").asText()).isEqualTo("open");
    assertThat(after.get("conversation_parts").get("total_count").asInt()).isEqualTo(1);
  }

  @Test
  void anEmailToSeveralRecipientsStartsOneConversationWithTheToThenCcContacts() {
    String user = contact("user");
    String lead = contact("lead");
    String copied = contact("user");
    String blind = contact("user");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message_type", "email");
    body.put("subject", "Thanks for everything");
    body.put("body", "Hello there");
    body.put("template", "plain");
    body.put("from", Map.of("type", "admin", "id", admin));
    body.put("to", List.of(Map.of("type", "user", "id", user), Map.of("type", "lead", "id", lead)));
    body.put("cc", List.of(Map.of("type", "user", "id", copied)));
    body.put("bcc", Map.of("type", "user", "id", blind));
    body.put("create_conversation_without_contact_reply", true);
    JsonNode m = ok(api.post("/messages", body));
    assertThat(m.get("message_type").asText()).isEqualTo("email");
    assertThat(m.get("subject").asText()).isEqualTo("Thanks for everything");
    JsonNode c = ok(api.get("/conversations/" + m.get("conversation_id").asText()));
    assertThat(c.get("source").get("type").asText()).isEqualTo("email");
    assertThat(c.get("source").get("subject").asText()).isEqualTo("Thanks for everything");
    assertThat(contactIds(c)).containsExactly(user, lead, copied);
  }

  @Test
  void aUserMessageStartsTheContactsConversationLikeCreateConversation() {
    String user = contact("user");
    JsonNode m =
        ok(
            api.post(
                "/messages",
                Map.of(
                    "from", Map.of("type", "user", "id", user),
                    "body", "heyy",
                    "referer", "https://twitter.com/bob")));
    assertThat(m.get("type").asText()).isEqualTo("user_message");
    assertThat(m.get("message_type").asText()).isEqualTo("inapp");
    JsonNode c = ok(api.get("/conversations/" + m.get("conversation_id").asText()));
    assertThat(c.get("source").get("delivered_as").asText()).isEqualTo("customer_initiated");
    assertThat(c.get("source").get("author").get("id").asText()).isEqualTo(user);
    assertThat(c.get("state").asText()).isEqualTo("open");
  }

  @Test
  void theDescriptionsConversationMessageTypeIsAnInAppMessage() {
    String user = contact("user");
    Map<String, Object> body = inApp("heyy", List.of(Map.of("type", "user", "id", user)));
    body.put("message_type", "conversation");
    JsonNode m = ok(api.post("/messages", body));
    assertThat(m.get("message_type").asText()).isEqualTo("inapp");
  }

  @Test
  void badInputGetsIntercomsErrorsAndCreatesNothing() {
    String user = contact("user");
    Map<String, Object> to = Map.of("type", "user", "id", user);
    long before = ok(api.get("/conversations")).get("total_count").asLong();

    Map<String, Object> noBody = inApp("x", to);
    noBody.remove("body");
    assertError(api.post("/messages", noBody), 400, "parameter_invalid", "Body is required");

    Map<String, Object> email = inApp("Hello", to);
    email.put("message_type", "email");
    email.put("template", "plain");
    assertError(
        api.post("/messages", email),
        422,
        "parameter_not_found",
        "No subject supplied for email message");

    Map<String, Object> kind = inApp("Hello", to);
    kind.put("message_type", "sms");
    assertError(
        api.post("/messages", kind),
        400,
        "parameter_invalid",
        "message_type must be one of in_app, email");

    Map<String, Object> template = inApp("Hello", to);
    template.put("template", "fancy");
    assertError(
        api.post("/messages", template),
        400,
        "parameter_invalid",
        "template must be one of plain, personal");

    Map<String, Object> noTo = inApp("Hello", to);
    noTo.remove("to");
    assertThat(api.post("/messages", noTo).status()).isEqualTo(400);

    assertError(
        api.post("/messages", inApp("Hello", List.of())),
        400,
        "parameter_invalid",
        "to must name at least one recipient");
    assertError(
        api.post("/messages", inApp("Hello", Map.of("type", "visitor", "id", user))),
        400,
        "parameter_invalid",
        "to.type must be one of user, lead");
    assertError(
        api.post("/messages", inApp("Hello", Map.of("type", "user", "id", 123))),
        400,
        "parameter_invalid",
        "to.id must be a string");
    assertError(
        api.post("/messages", inApp("Hello", List.of(Map.of("id", user)))),
        400,
        "parameter_not_found",
        null);
    assertError(
        api.post("/messages", inApp("Hello", List.of(to, "x"))),
        400,
        "parameter_invalid",
        "to[1] must be an object");

    assertError(
        api.post("/messages", inApp("Hello", Map.of("type", "user", "id", "5" + "0".repeat(23)))),
        404,
        "not_found",
        "User Not Found");
    Map<String, Object> unknownAdmin = inApp("Hello", to);
    unknownAdmin.put("from", Map.of("type", "admin", "id", 999_999_999));
    assertError(api.post("/messages", unknownAdmin), 404, "admin_not_found", "Admin not found");

    Map<String, Object> unknownBcc = inApp("Hello", to);
    unknownBcc.put("bcc", List.of(Map.of("type", "user", "id", "6" + "0".repeat(23))));
    assertError(api.post("/messages", unknownBcc), 404, "not_found", "User Not Found");

    assertThat(ok(api.get("/conversations")).get("total_count").asLong()).isEqualTo(before);
  }

  @Test
  void aMessageIsErasedWithItsConversation() {
    String user = contact("user");
    Map<String, Object> body = inApp("secret plan", Map.of("type", "user", "id", user));
    body.put("create_conversation_without_contact_reply", true);
    String conversationId = ok(api.post("/messages", body)).get("conversation_id").asText();
    ok(api.delete("/conversations/" + conversationId));
    assertThat(api.get("/conversations/" + conversationId).status()).isEqualTo(404);
  }
}
