package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import dev.parley.testing.WebhookReceiver;
import dev.parley.testing.WebhookReceiver.Received;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The conversation webhook topics (issue 14): each change raises its one topic, whose item is the
 * conversation as {@code GET /conversations/{id}} renders it right after, except that {@code
 * conversation_parts} holds only the parts the change wrote; in Intercom's envelope, signed with
 * the workspace's client_secret. The subscription takes every conversation topic plus the fence's
 * topics: after the event a known second change (archiving or unarchiving a contact kept for that)
 * is made and awaited, and one delivery worker sends in the order notifications were raised, so
 * what the event raised arrives before the fence.
 */
class ConversationTopicsTest {
  private static final List<String> TOPICS =
      List.of(
          "conversation.user.created",
          "conversation.user.replied",
          "conversation.admin.replied",
          "conversation.admin.single.created",
          "conversation.admin.assigned",
          "conversation.admin.noted",
          "conversation.admin.closed",
          "conversation.admin.opened",
          "conversation.admin.snoozed",
          "conversation.admin.unsnoozed",
          "conversation.read",
          "conversation.priority.updated",
          "conversation_part.redacted",
          "conversation_part.tag.created",
          "conversation.contact.attached",
          "conversation.contact.detached",
          "conversation.deleted",
          "contact.archived",
          "contact.unarchived");

  @RegisterExtension static final ParleyExtension parley = TopicWindow.server();

  static WebhookReceiver receiver;
  static Api api;
  static Scenario s;
  static String secret;
  static String appId;
  static String fenceContact;
  static boolean fenceArchived;

  @BeforeAll
  static void subscribe() {
    receiver = WebhookReceiver.start();
    api = parley.api();
    s = new Scenario(api);
    Api operator = api.withToken(ParleyProcess.OPERATOR_TOKEN);
    ApiResponse ws = operator.get("/_parley/workspaces/default");
    assertThat(ws.status()).as(ws.toString()).isEqualTo(200);
    secret = ws.json().get("client_secret").asText();
    appId = ws.json().get("app_id").asText();
    fenceContact = s.contact("fence-" + UUID.randomUUID() + "@example.com");
    ApiResponse sub =
        operator.post(
            "/_parley/workspaces/default/webhooks",
            Map.of("url", receiver.url(), "topics", TOPICS));
    assertThat(sub.status()).as(sub.toString()).isEqualTo(200);
    receiver.awaitTopic("ping");
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  /** Runs {@code event}, then the fence; returns what arrived between them (the fence left out). */
  private static List<Received> during(Runnable event) {
    int from = receiver.received().size();
    event.run();
    fenceArchived = !fenceArchived;
    ApiResponse fence =
        api.post(
            "/contacts/" + fenceContact + (fenceArchived ? "/archive" : "/unarchive"), Map.of());
    assertThat(fence.status()).as(fence.toString()).isEqualTo(200);
    String fenceTopic = fenceArchived ? "contact.archived" : "contact.unarchived";
    List<Received> all =
        receiver.await(
            list -> list.stream().skip(from).anyMatch(r -> r.topic().equals(fenceTopic)),
            Duration.ofSeconds(10));
    return all.subList(from, all.size()).stream()
        .filter(r -> !r.topic().startsWith("contact."))
        .toList();
  }

  /**
   * Checks the window holds exactly one notification of {@code topic}, signed, in Intercom's
   * envelope, whose item is the conversation as GET renders it now with only its {@code newParts}
   * most recent parts; returns the item.
   */
  private static JsonNode only(
      List<Received> window, String topic, String conversationId, int newParts) {
    assertThat(window).extracting(Received::topic).as("what arrived").containsExactly(topic);
    Received r = window.get(0);
    assertThat(r.signedWith(secret)).as("X-Hub-Signature keyed by client_secret").isTrue();
    JsonNode json = r.json();
    assertThat(json.get("type").asText()).isEqualTo("notification_event");
    assertThat(json.get("app_id").asText()).isEqualTo(appId);
    assertThat(json.get("data").get("type").asText()).isEqualTo("notification_event_data");
    assertThat(json.get("id").asText()).startsWith("notif_");
    assertThat(json.get("topic").asText()).isEqualTo(topic);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonNode item = r.item();
    JsonNode got = get("/conversations/" + conversationId);
    List<JsonNode> allParts = new ArrayList<>();
    got.get("conversation_parts").get("conversation_parts").forEach(allParts::add);
    List<JsonNode> expectedParts = allParts.subList(allParts.size() - newParts, allParts.size());
    ObjectNode expected = got.deepCopy();
    ObjectNode parts = (ObjectNode) expected.get("conversation_parts");
    parts.putArray("conversation_parts").addAll(expectedParts);
    parts.put("total_count", newParts);
    assertThat(item).isEqualTo(expected);
    return item;
  }

  private static JsonNode get(String path) {
    ApiResponse got = api.get(path);
    assertThat(got.status()).as(got.toString()).isEqualTo(200);
    return got.json();
  }

  /** A contact and a conversation it started, once that creation's notification has arrived. */
  private static String[] settledConversation() {
    String contact = s.contact("c-" + UUID.randomUUID() + "@example.com");
    String conversation = s.conversation(contact, "<p>hello</p>");
    receiver.await(
        list ->
            list.stream()
                .anyMatch(
                    r ->
                        r.topic().equals("conversation.user.created")
                            && r.item().path("id").asText().equals(conversation)),
        Duration.ofSeconds(10));
    return new String[] {contact, conversation};
  }

  private static void ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
  }

  private static ApiResponse manage(String conversation, Map<String, Object> body) {
    return api.post("/conversations/" + conversation + "/parts", body);
  }

  private static Map<String, Object> action(String messageType) {
    return Map.of("message_type", messageType, "type", "admin", "admin_id", s.adminId());
  }

  @Test
  void aContactsNewConversationRaisesConversationUserCreated() {
    String contact = s.contact("new-" + UUID.randomUUID() + "@example.com");
    String[] id = new String[1];
    List<Received> window = during(() -> id[0] = s.conversation(contact, "<p>help me</p>"));
    JsonNode item = only(window, "conversation.user.created", id[0], 0);
    assertThat(item.get("source").get("body").asText()).isEqualTo("<p>help me</p>");
  }

  @Test
  void anAdminsMessageRaisesConversationAdminSingleCreated() {
    String contact = s.contact("outbound-" + UUID.randomUUID() + "@example.com");
    String[] id = new String[1];
    List<Received> window =
        during(
            () -> {
              ApiResponse sent =
                  api.post(
                      "/messages",
                      Map.of(
                          "message_type",
                          "in_app",
                          "body",
                          "<p>news for you</p>",
                          "from",
                          Map.of("type", "admin", "id", s.adminId()),
                          "to",
                          Map.of("type", "user", "id", contact),
                          "create_conversation_without_contact_reply",
                          true));
              ok(sent);
              id[0] = sent.json().get("conversation_id").asText();
            });
    JsonNode item = only(window, "conversation.admin.single.created", id[0], 0);
    assertThat(item.get("source").get("delivered_as").asText()).isEqualTo("admin_initiated");
    assertThat(item.get("source").get("body").asText()).isEqualTo("<p>news for you</p>");
  }

  @Test
  void aContactsReplyRaisesConversationUserReplied() {
    String[] c = settledConversation();
    List<Received> window = during(() -> ok(s.contactReply(c[1], c[0], "<p>more</p>")));
    JsonNode item = only(window, "conversation.user.replied", c[1], 1);
    assertThat(item.at("/conversation_parts/conversation_parts/0/body").asText())
        .isEqualTo("<p>more</p>");
  }

  @Test
  void anAdminsCommentRaisesConversationAdminReplied() {
    String[] c = settledConversation();
    List<Received> window = during(() -> ok(s.adminReply(c[1], "comment", "<p>answer</p>")));
    JsonNode item = only(window, "conversation.admin.replied", c[1], 1);
    assertThat(item.at("/conversation_parts/conversation_parts/0/part_type").asText())
        .isEqualTo("comment");
  }

  @Test
  void anAdminsNoteRaisesConversationAdminNoted() {
    String[] c = settledConversation();
    List<Received> window = during(() -> ok(s.adminReply(c[1], "note", "<p>internal</p>")));
    JsonNode item = only(window, "conversation.admin.noted", c[1], 1);
    assertThat(item.at("/conversation_parts/conversation_parts/0/part_type").asText())
        .isEqualTo("note");
  }

  @Test
  void closingRaisesConversationAdminClosed() {
    String[] c = settledConversation();
    List<Received> window = during(() -> ok(manage(c[1], action("close"))));
    JsonNode item = only(window, "conversation.admin.closed", c[1], 1);
    assertThat(item.get("state").asText()).isEqualTo("closed");
  }

  @Test
  void openingAClosedConversationRaisesConversationAdminOpened() {
    String[] c = settledConversation();
    List<Received> closed = during(() -> ok(manage(c[1], action("close"))));
    assertThat(closed).extracting(Received::topic).containsExactly("conversation.admin.closed");
    List<Received> window = during(() -> ok(manage(c[1], action("open"))));
    JsonNode item = only(window, "conversation.admin.opened", c[1], 1);
    assertThat(item.get("state").asText()).isEqualTo("open");
  }

  @Test
  void snoozingRaisesSnoozedAndOpeningASnoozedOneRaisesUnsnoozed() {
    String[] c = settledConversation();
    long until = get("/conversations/" + c[1]).get("created_at").asLong() + 3_600;
    Map<String, Object> snooze =
        Map.of("message_type", "snoozed", "admin_id", s.adminId(), "snoozed_until", until);
    List<Received> snoozed = during(() -> ok(manage(c[1], snooze)));
    assertThat(snoozed).extracting(Received::topic).containsExactly("conversation.admin.snoozed");
    assertThat(snoozed.get(0).item().get("state").asText()).isEqualTo("snoozed");
    List<Received> window = during(() -> ok(manage(c[1], action("open"))));
    JsonNode item = only(window, "conversation.admin.unsnoozed", c[1], 1);
    assertThat(item.get("state").asText()).isEqualTo("open");
  }

  @Test
  void assigningRaisesConversationAdminAssigned() {
    String[] c = settledConversation();
    Map<String, Object> assign =
        Map.of(
            "message_type",
            "assignment",
            "type",
            "admin",
            "admin_id",
            s.adminId(),
            "assignee_id",
            s.adminId());
    List<Received> window = during(() -> ok(manage(c[1], assign)));
    JsonNode item = only(window, "conversation.admin.assigned", c[1], 1);
    assertThat(item.get("admin_assignee_id").asText()).isEqualTo(s.adminId());
  }

  @Test
  void markingReadRaisesConversationRead() {
    String[] c = settledConversation();
    assertThat(get("/conversations/" + c[1]).get("read").asBoolean()).isFalse();
    List<Received> window =
        during(() -> ok(api.put("/conversations/" + c[1], Map.of("read", true))));
    JsonNode item = only(window, "conversation.read", c[1], 0);
    assertThat(item.get("read").asBoolean()).isTrue();
    List<Received> again =
        during(() -> ok(api.put("/conversations/" + c[1], Map.of("read", true))));
    assertThat(again).as("already read: nothing raised").isEmpty();
  }

  @Test
  void redactingAPartRaisesConversationPartRedacted() {
    String[] c = settledConversation();
    ApiResponse reply = s.contactReply(c[1], c[0], "<p>secret</p>");
    ok(reply);
    JsonNode parts = reply.json().get("conversation_parts").get("conversation_parts");
    String partId = parts.get(parts.size() - 1).get("id").asText();
    receiver.await(
        list ->
            list.stream()
                .anyMatch(
                    r ->
                        r.topic().equals("conversation.user.replied")
                            && r.item().path("id").asText().equals(c[1])),
        Duration.ofSeconds(10));
    Map<String, Object> redact =
        Map.of(
            "type", "conversation_part", "conversation_id", c[1], "conversation_part_id", partId);
    List<Received> window = during(() -> ok(api.post("/conversations/redact", redact)));
    JsonNode item = only(window, "conversation_part.redacted", c[1], 1);
    assertThat(item.at("/conversation_parts/conversation_parts/0/redacted").asBoolean()).isTrue();
    assertThat(item.toString()).doesNotContain("secret");
  }

  @Test
  void taggingRaisesConversationPartTagCreated() {
    String[] c = settledConversation();
    ApiResponse tag = api.post("/tags", Map.of("name", "vip-" + UUID.randomUUID()));
    ok(tag);
    String tagId = tag.json().get("id").asText();
    List<Received> window =
        during(
            () ->
                ok(
                    api.post(
                        "/conversations/" + c[1] + "/tags",
                        Map.of("id", tagId, "admin_id", s.adminId()))));
    JsonNode item = only(window, "conversation_part.tag.created", c[1], 0);
    assertThat(item.at("/tags/tags/0/id").asText()).isEqualTo(tagId);
  }

  @Test
  void attachingAndDetachingAContactRaiseTheirTopics() {
    String[] c = settledConversation();
    String other = s.contact("other-" + UUID.randomUUID() + "@example.com");
    Map<String, Object> attach =
        Map.of("admin_id", s.adminId(), "customer", Map.of("intercom_user_id", other));
    List<Received> attached =
        during(() -> ok(api.post("/conversations/" + c[1] + "/customers", attach)));
    JsonNode item = only(attached, "conversation.contact.attached", c[1], 0);
    assertThat(item.at("/contacts/contacts").toString()).contains(other);
    List<Received> detached =
        during(
            () ->
                ok(
                    api.delete(
                        "/conversations/" + c[1] + "/customers/" + other,
                        Map.of("admin_id", s.adminId()))));
    JsonNode after = only(detached, "conversation.contact.detached", c[1], 0);
    assertThat(after.at("/contacts/contacts").toString()).doesNotContain(other);
  }

  @Test
  void deletingRaisesConversationDeletedWithIdentifyingFieldsOnly() {
    String[] c = settledConversation();
    List<Received> window = during(() -> ok(api.delete("/conversations/" + c[1])));
    assertThat(window).extracting(Received::topic).containsExactly("conversation.deleted");
    assertThat(window.get(0).signedWith(secret)).isTrue();
    JsonNode item = window.get(0).item();
    assertThat(item.fieldNames())
        .toIterable()
        .containsExactly("type", "id", "workspace_id", "deleted");
    assertThat(item.get("type").asText()).isEqualTo("conversation");
    assertThat(item.get("id").asText()).isEqualTo(c[1]);
    assertThat(item.get("workspace_id").asText()).isEqualTo(appId);
  }

  @Test
  void aConversationsNotificationsArriveInTheOrderItsChangesCommitted() {
    String[] c = settledConversation();
    List<Received> window =
        during(
            () -> {
              for (int i = 0; i < 5; i++) {
                ok(s.adminReply(c[1], "comment", "<p>reply " + i + "</p>"));
              }
            });
    assertThat(window)
        .extracting(r -> r.item().at("/conversation_parts/conversation_parts/0/body").asText())
        .containsExactly(
            "<p>reply 0</p>",
            "<p>reply 1</p>",
            "<p>reply 2</p>",
            "<p>reply 3</p>",
            "<p>reply 4</p>");
  }
}
