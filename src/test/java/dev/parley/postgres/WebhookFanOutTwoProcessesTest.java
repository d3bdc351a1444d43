package dev.parley.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import dev.parley.testing.WebhookReceiver;
import dev.parley.testing.WebhookReceiver.Received;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two parley processes on one PostgreSQL database raise events alternately (each request on the
 * other process than the one before), so that both delivery workers take events to fan out at the
 * same time (the advisory lock of {@code SqlWebhookRepository.takeFanOut} lets one at a time):
 * every event reaches every subscription exactly once (no process dies, so nothing is sent twice),
 * and each subscription receives each conversation's notifications in the order the changes
 * committed, whichever process raised or fanned them out.
 */
class WebhookFanOutTwoProcessesTest {
  private static final int SUBSCRIPTIONS = 3;
  private static final int CONVERSATIONS = 8;
  private static final int REPLIES = 5;
  private static final String BASE = "/_parley/workspaces/default/webhooks";

  @TempDir Path root;

  private static ParleyProcess start(SharedDatabase shared, String name) {
    return shared
        .process(name)
        .arg("--webhook-retry-initial", "1", "--webhook-retry-max", "1")
        .arg("--webhook-poll-ms", "50", "--webhook-timeout-ms", "2000")
        .start();
  }

  @Test
  void eventsRaisedOnBothProcessesReachEverySubscriptionOnceAndInCommitOrder() {
    SharedDatabase shared = new SharedDatabase(root);
    ParleyProcess a = start(shared, "a");
    ParleyProcess b = start(shared, "b");
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      Api operator = a.api().withToken(ParleyProcess.OPERATOR_TOKEN);
      for (int i = 0; i < SUBSCRIPTIONS; i++) {
        ApiResponse created =
            operator.post(
                BASE,
                Map.of(
                    "url",
                    receiver.url() + "/" + i,
                    "topics",
                    List.of("conversation.user.created", "conversation.admin.replied")));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
      }
      receiver.await(list -> list.size() >= SUBSCRIPTIONS, Duration.ofSeconds(30));

      List<Scenario> on = List.of(new Scenario(a.api()), new Scenario(b.api()));
      String contact = on.get(0).contact("fanout@example.com");
      List<String> conversations = new ArrayList<>();
      for (int c = 0; c < CONVERSATIONS; c++) {
        conversations.add(on.get(c % 2).conversation(contact, "<p>start " + c + "</p>"));
      }
      int request = 0;
      for (int r = 0; r < REPLIES; r++) {
        for (String conversation : conversations) {
          ApiResponse reply =
              on.get(request++ % 2).adminReply(conversation, "comment", "<p>r" + r + "</p>");
          assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        }
      }

      int expected = SUBSCRIPTIONS * CONVERSATIONS * (1 + REPLIES);
      receiver.await(list -> list.size() >= SUBSCRIPTIONS + expected, Duration.ofSeconds(90));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      List<JsonNode> log = log(operator);
      while (log.stream().anyMatch(e -> !e.path("status").asText().equals("delivered"))
          && System.nanoTime() < deadline) {
        sleep(50);
        log = log(operator);
      }
      assertThat(log).hasSize(expected);
      assertThat(log).allSatisfy(e -> assertThat(e.path("status").asText()).isEqualTo("delivered"));

      List<Received> got = receiver.received();
      assertThat(got).as("none twice").hasSize(SUBSCRIPTIONS + expected);
      Set<String> ids = new HashSet<>();
      got.forEach(r -> ids.add(r.id()));
      assertThat(ids).hasSize(SUBSCRIPTIONS + expected);

      // Per subscription and conversation, in arrival order: created, then r0 .. r4.
      Map<String, List<String>> arrived = new LinkedHashMap<>();
      for (Received r : got) {
        if (r.topic().equals("ping")) {
          continue;
        }
        String key = r.path() + " " + r.item().path("id").asText();
        String what =
            r.topic().equals("conversation.user.created")
                ? "created"
                : r.item()
                    .path("conversation_parts")
                    .path("conversation_parts")
                    .path(0)
                    .path("body")
                    .asText();
        arrived.computeIfAbsent(key, k -> new ArrayList<>()).add(what);
      }
      List<String> inOrder = new ArrayList<>(List.of("created"));
      for (int r = 0; r < REPLIES; r++) {
        inOrder.add("<p>r" + r + "</p>");
      }
      assertThat(arrived).hasSize(SUBSCRIPTIONS * CONVERSATIONS);
      assertThat(arrived.values()).allSatisfy(seq -> assertThat(seq).isEqualTo(inOrder));
    } finally {
      a.stop();
      b.stop();
    }
  }

  private static List<JsonNode> log(Api operator) {
    List<JsonNode> entries = new ArrayList<>();
    operator
        .get(BASE + "/deliveries?limit=10000")
        .json()
        .path("data")
        .forEach(
            e -> {
              if (!e.path("topic").asText().equals("ping")) {
                entries.add(e);
              }
            });
    return entries;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
