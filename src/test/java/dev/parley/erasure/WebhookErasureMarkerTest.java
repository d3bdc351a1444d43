package dev.parley.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.domain.webhook.Topic;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ByteSearch;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import dev.parley.testing.WebhookReceiver;
import dev.parley.testing.WebhookReceiver.Received;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof of erasure for webhooks (issue 14): notifications that carry a contact's and a
 * conversation's content sit undelivered in the outbox while the endpoint is down; deleting the
 * conversation and the contact drops them ({@code dropped}, {@code last_error} "erased"), leaves
 * only the identifying {@code *.deleted} notifications pending, and no marker survives under the
 * data dir, in the log or (PostgreSQL) in any row. When the endpoint is back, the {@code *.deleted}
 * notifications are delivered.
 */
class WebhookErasureMarkerTest {
  private static final String[] ARGS = {
    "--webhook-workers", "1",
    "--webhook-poll-ms", "50",
    "--webhook-retry-initial", "1",
    "--webhook-retry-max", "1"
  };

  @TempDir Path root;

  private final List<String> markers = new ArrayList<>();

  private String marker(String field) {
    String marker = "MK" + field + UUID.randomUUID().toString().replace("-", "");
    markers.add(marker);
    return marker;
  }

  @Test
  void erasingDropsUndeliveredNotificationsAndNoMarkerSurvives() throws Exception {
    String token = "test-token-" + UUID.randomUUID();
    ParleyProcess parley = ParleyProcess.in(root).token(token).arg(ARGS).start();
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      Api api = parley.api();
      Api operator = api.withToken(ParleyProcess.OPERATOR_TOKEN);
      Scenario s = new Scenario(api);
      ApiResponse sub =
          operator.post(
              "/_parley/workspaces/default/webhooks",
              Map.of("url", receiver.url(), "topics", Topic.names()));
      assertThat(sub.status()).as(sub.toString()).isEqualTo(200);
      String subscription = sub.json().get("id").asText();
      receiver.awaitTopic("ping");
      // The receiver records a request before it answers: stop it only once the answer reached
      // parley, or the ping's attempt fails and it stays pending.
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      while (deliveries(operator, subscription).stream()
          .noneMatch(n -> n.get("status").asText().equals("delivered"))) {
        assertThat(System.nanoTime()).as("the ping is recorded as delivered").isLessThan(deadline);
        Thread.sleep(20);
      }
      receiver.stop();

      // A contact with a marker in every field it keeps.
      Map<String, Object> contactBody = new LinkedHashMap<>();
      contactBody.put("role", "user");
      contactBody.put("email", marker("email").toLowerCase() + "@example.com");
      markers.set(markers.size() - 1, contactBody.get("email").toString());
      contactBody.put("external_id", marker("externalid"));
      contactBody.put("name", marker("name"));
      contactBody.put("phone", "+1555" + (1_000_000 + (long) (Math.random() * 8_000_000)));
      markers.add(contactBody.get("phone").toString());
      contactBody.put("custom_attributes", Map.of(marker("cattrname"), marker("cattrvalue")));
      String contact = s.contact(contactBody);
      ApiResponse updated =
          api.put(
              "/contacts/" + contact,
              Map.of(
                  "name", marker("rename"), "custom_attributes", Map.of("plan", marker("plan"))));
      assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
      assertThat(api.post("/contacts/" + contact + "/archive", Map.of()).status()).isEqualTo(200);
      assertThat(api.post("/contacts/" + contact + "/unarchive", Map.of()).status()).isEqualTo(200);

      // A conversation with a marker in every field it keeps.
      Map<String, Object> create = new LinkedHashMap<>();
      create.put("from", Map.of("type", "user", "id", contact));
      create.put("body", "<p>" + marker("source") + "</p>");
      create.put("subject", marker("subject"));
      ApiResponse created = api.post("/conversations", create);
      assertThat(created.status()).as(created.toString()).isEqualTo(200);
      String conversation = created.json().get("conversation_id").asText();
      ApiResponse titled =
          api.put(
              "/conversations/" + conversation,
              Map.of(
                  "title",
                  marker("title"),
                  "custom_attributes",
                  Map.of(marker("attrname"), marker("attrvalue"))));
      assertThat(titled.status()).as(titled.toString()).isEqualTo(200);
      assertThat(s.adminReply(conversation, "comment", "<p>" + marker("reply") + "</p>").status())
          .isEqualTo(200);
      assertThat(s.adminReply(conversation, "note", "<p>" + marker("note") + "</p>").status())
          .isEqualTo(200);
      assertThat(s.contactReply(conversation, contact, marker("contactreply")).status())
          .isEqualTo(200);
      Map<String, Object> withFile =
          s.adminReplyBody("comment", "<p>" + marker("replywithfile") + "</p>");
      withFile.put(
          "attachment_files",
          List.of(
              Scenario.file(
                  marker("filename") + ".txt",
                  "text/plain",
                  ("bytes " + marker("filebytes")).getBytes(StandardCharsets.UTF_8))));
      ApiResponse reply = s.reply(conversation, withFile);
      assertThat(reply.status()).as(reply.toString()).isEqualTo(200);

      List<JsonNode> before =
          deliveriesWhen(
              operator,
              subscription,
              log ->
                  log.stream()
                      .anyMatch(n -> n.get("subject").asText().equals("contact:" + contact)));
      assertThat(before)
          .as("notifications of the contact wait undelivered")
          .anyMatch(
              n ->
                  n.get("subject").asText().equals("contact:" + contact)
                      && n.get("status").asText().equals("pending"));

      ApiResponse deletedConversation = api.delete("/conversations/" + conversation);
      assertThat(deletedConversation.status()).as(deletedConversation.toString()).isEqualTo(200);
      ApiResponse deletedContact = api.delete("/contacts/" + contact);
      assertThat(deletedContact.status()).as(deletedContact.toString()).isEqualTo(200);

      // The delivery worker writes a notification when it fans its event out, just after the
      // commit: the log is read again until both *.deleted notifications are in it.
      List<JsonNode> after =
          deliveriesWhen(
              operator,
              subscription,
              log ->
                  log.stream().filter(n -> n.get("topic").asText().endsWith(".deleted")).count()
                      >= 2);
      List<String> pending = new ArrayList<>();
      for (JsonNode n : after) {
        String topic = n.get("topic").asText();
        String status = n.get("status").asText();
        if (topic.equals("ping")) {
          assertThat(status).isEqualTo("delivered");
        } else if (topic.endsWith(".deleted")) {
          assertThat(status).as(n.toString()).isEqualTo("pending");
          pending.add(topic + " " + n.get("subject").asText());
        } else {
          assertThat(status).as(n.toString()).isEqualTo("dropped");
          assertThat(n.get("last_error").asText()).as(n.toString()).isEqualTo("erased");
        }
      }
      assertThat(after).as("the contact's notifications were raised").hasSizeGreaterThan(5);
      assertThat(pending)
          .containsExactlyInAnyOrder(
              "conversation.deleted conversation:" + conversation,
              "contact.deleted contact:" + contact);

      parley.stop();

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

      // The endpoint is back: the identifying notifications are delivered, and nothing else.
      ParleyProcess.Builder again = ParleyProcess.in(root).token(token).arg(ARGS);
      if (parley.databaseUrl() != null) {
        again.databaseUrl(parley.databaseUrl());
      }
      ParleyProcess restarted = again.start();
      try {
        receiver.restart();
        List<Received> got =
            receiver.await(
                list ->
                    list.stream().anyMatch(r -> r.topic().equals("contact.deleted"))
                        && list.stream().anyMatch(r -> r.topic().equals("conversation.deleted")),
                Duration.ofSeconds(20));
        assertThat(got)
            .extracting(Received::topic)
            .containsExactlyInAnyOrder("ping", "conversation.deleted", "contact.deleted");
        JsonNode contactItem = receiver.received("contact.deleted").get(0).item();
        assertThat(contactItem.fieldNames())
            .toIterable()
            .containsExactlyInAnyOrder("type", "id", "workspace_id", "deleted");
        assertThat(contactItem.get("id").asText()).isEqualTo(contact);
        assertThat(receiver.received("conversation.deleted").get(0).item().get("id").asText())
            .isEqualTo(conversation);
        for (Received r : got) {
          for (String marker : forms) {
            assertThat(r.body()).doesNotContain(marker);
          }
        }
      } finally {
        restarted.stop();
      }
    } finally {
      parley.close();
    }
  }

  /** The delivery log, read until {@code ready} holds of it (at most 30 s). */
  private static List<JsonNode> deliveriesWhen(
      Api operator, String subscription, Predicate<List<JsonNode>> ready) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<JsonNode> log = deliveries(operator, subscription);
    while (!ready.test(log) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      log = deliveries(operator, subscription);
    }
    return log;
  }

  private static List<JsonNode> deliveries(Api operator, String subscription) {
    ApiResponse log =
        operator.get(
            "/_parley/workspaces/default/webhooks/deliveries?limit=1000&subscription_id="
                + subscription);
    assertThat(log.status()).as(log.toString()).isEqualTo(200);
    List<JsonNode> entries = new ArrayList<>();
    log.json().get("data").forEach(entries::add);
    return entries;
  }
}
