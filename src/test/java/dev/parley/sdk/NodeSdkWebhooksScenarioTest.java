package dev.parley.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ParleyExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's "the Node SDK drives a conversation while a receiver records notifications": {@code
 * src/test/node/sdk-scenario-webhooks.mjs} runs a Node webhook receiver that checks {@code
 * X-Hub-Signature} the way Intercom documents, subscribes it through the operator API, and drives
 * one conversation with Intercom's official Node SDK (created, admin reply, contact reply, note,
 * closed, opened, deleted). The tests check that what the receiver got is what an Intercom
 * integration gets: one notification per change, in order, in Intercom's envelope, signed, each
 * item carrying the part the SDK call wrote.
 *
 * <p>Without {@code node} and {@code npm} on the PATH every test is aborted (reported as skipped,
 * with the reason) after a loud message on standard error.
 */
class NodeSdkWebhooksScenarioTest {
  private static final String SCRIPT = "sdk-scenario-webhooks.mjs";

  @TempDir static Path root;

  @RegisterExtension
  static final ParleyExtension parley = ParleyExtension.perClass().arg("--webhook-poll-ms", "50");

  static NodeSdk.Run scenario;
  static String skipReason;

  @BeforeAll
  static void runScenario() throws Exception {
    // Aborted in @BeforeEach, not here: an abort in @BeforeAll is not counted as skipped.
    skipReason = NodeSdk.skipReason("NodeSdkWebhooksScenarioTest");
    if (skipReason != null) {
      return;
    }
    scenario = NodeSdk.installAndRun(SCRIPT, parley.process(), root);
  }

  @BeforeEach
  void skipWithoutNode() {
    if (skipReason != null) {
      Assumptions.abort(skipReason);
    }
  }

  @Test
  void theReceiverGetsThePingThenOneNotificationPerSdkCallInTheOrderTheyWereMade() {
    assertThat(topics())
        .containsExactly(
            "ping",
            "conversation.user.created",
            "conversation.admin.replied",
            "conversation.user.replied",
            "conversation.admin.noted",
            "conversation.admin.closed",
            "conversation.admin.opened",
            "conversation.deleted");
  }

  @Test
  void everyNotificationIsIntercomsEnvelopeSignedWithTheClientSecretAndSentOnce() {
    JsonNode result = result();
    List<String> ids = new ArrayList<>();
    for (JsonNode n : result.path("notifications")) {
      assertThat(n.path("signature_valid").asBoolean()).as("X-Hub-Signature of %s", n).isTrue();
      assertThat(n.path("method").asText()).isEqualTo("POST");
      assertThat(n.path("path").asText()).isEqualTo("/intercom/webhooks");
      assertThat(n.path("content_type").asText()).startsWith("application/json");
      assertThat(n.path("user_agent").asText()).startsWith("parley-webhooks/");
      assertThat(n.path("type").asText()).isEqualTo("notification_event");
      assertThat(n.path("data_type").asText()).isEqualTo("notification_event_data");
      assertThat(n.path("app_id").asText()).isEqualTo(result.path("app_id").asText());
      assertThat(n.path("id").asText()).startsWith("notif_");
      assertThat(n.path("delivery_attempts").asInt()).isEqualTo(1);
      assertThat(n.path("created_at").asLong()).isPositive();
      ids.add(n.path("id").asText());
    }
    assertThat(ids).hasSize(8).doesNotHaveDuplicates();
  }

  @Test
  void conversationUserCreatedCarriesTheConversationWithItsSourceAndContact() {
    JsonNode result = result();
    JsonNode n = notification("conversation.user.created");
    assertThat(n.path("item_type").asText()).isEqualTo("conversation");
    assertThat(n.path("item_id").asText()).isEqualTo(result.path("conversation_id").asText());
    assertThat(n.path("item_source_body").asText()).contains(result.path("opening_body").asText());
    assertThat(NodeSdk.texts(n.path("item_contact_ids")))
        .containsExactly(result.path("contact_id").asText());
    assertThat(n.path("item_part_ids").size()).isZero();
  }

  @Test
  void eachReplyNoteCloseAndOpenItemHoldsExactlyThePartTheSdkCallWrote() {
    JsonNode result = result();
    assertPart("conversation.admin.replied", "admin_reply_part_id", "comment", "reply_body");
    assertPart("conversation.user.replied", "user_reply_part_id", "comment", "user_reply_body");
    assertPart("conversation.admin.noted", "note_part_id", "note", "note_body");
    assertPart("conversation.admin.closed", "close_part_id", "close", null);
    assertPart("conversation.admin.opened", "open_part_id", "open", null);
    assertThat(notification("conversation.admin.closed").path("item_state").asText())
        .isEqualTo("closed");
    assertThat(notification("conversation.admin.opened").path("item_state").asText())
        .isEqualTo("open");
    for (String topic : List.of("conversation.admin.replied", "conversation.admin.opened")) {
      assertThat(notification(topic).path("item_id").asText())
          .isEqualTo(result.path("conversation_id").asText());
    }
  }

  @Test
  void conversationDeletedCarriesOnlyIdentifyingFieldsAndTheSdkSawTheDeletion() {
    JsonNode result = result();
    JsonNode n = notification("conversation.deleted");
    assertThat(NodeSdk.texts(n.path("item_keys")))
        .containsExactly("deleted", "id", "type", "workspace_id");
    assertThat(n.path("item_id").asText()).isEqualTo(result.path("conversation_id").asText());
    assertThat(n.path("item_type").asText()).isEqualTo("conversation");
    assertThat(result.path("deleted").path("deleted").asBoolean()).isTrue();
  }

  private static void assertPart(String topic, String partIdField, String type, String bodyField) {
    JsonNode result = result();
    JsonNode n = notification(topic);
    String partId = result.path(partIdField).asText();
    assertThat(partId).as(partIdField).isNotBlank();
    assertThat(NodeSdk.texts(n.path("item_part_ids"))).as(topic).containsExactly(partId);
    assertThat(NodeSdk.texts(n.path("item_part_types"))).as(topic).containsExactly(type);
    if (bodyField != null) {
      assertThat(n.path("item_part_bodies").path(0).asText())
          .as(topic)
          .contains(result.path(bodyField).asText());
    }
  }

  private static List<String> topics() {
    List<String> topics = new ArrayList<>();
    result().path("notifications").forEach(n -> topics.add(n.path("topic").asText()));
    return topics;
  }

  private static JsonNode notification(String topic) {
    for (JsonNode n : result().path("notifications")) {
      if (n.path("topic").asText().equals(topic)) {
        return n;
      }
    }
    throw new AssertionError("no " + topic + " in " + topics());
  }

  private static JsonNode result() {
    return NodeSdk.result(SCRIPT, scenario, parley.process().log());
  }
}
