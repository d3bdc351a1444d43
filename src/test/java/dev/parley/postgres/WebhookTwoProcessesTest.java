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
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two parley processes delivering one PostgreSQL database's webhook outbox: every notification is
 * received, none twice (no process dies, so no lease expires and nothing is sent again), and the
 * delivery log shows every one delivered; events raised on both fan out once each, in order.
 */
class WebhookTwoProcessesTest {
  private static final int SUBSCRIPTIONS = 30;
  private static final int FAN_OUT_SUBSCRIPTIONS = 3;
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
  void twoProcessesDeliverEveryQueuedNotificationOnce() {
    SharedDatabase shared = new SharedDatabase(root);
    ParleyProcess a = start(shared, "a");
    ParleyProcess b = start(shared, "b");
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.stop();
      List<Api> apis =
          List.of(
              a.api().withToken(ParleyProcess.OPERATOR_TOKEN),
              b.api().withToken(ParleyProcess.OPERATOR_TOKEN));
      List<String> subs = new ArrayList<>();
      for (int i = 0; i < SUBSCRIPTIONS; i++) {
        ApiResponse created =
            apis.get(i % 2)
                .post(BASE, Map.of("url", receiver.url() + "?n=" + i, "topics", List.of("ping")));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        subs.add(created.json().path("id").asText());
      }
      Function<Api, List<JsonNode>> log =
          api -> {
            List<JsonNode> entries = new ArrayList<>();
            api.get(BASE + "/deliveries?limit=1000").json().path("data").forEach(entries::add);
            return entries;
          };
      List<JsonNode> queued = log.apply(apis.get(0));
      assertThat(queued).hasSize(SUBSCRIPTIONS);
      Set<String> ids = queued.stream().map(e -> e.path("id").asText()).collect(Collectors.toSet());
      assertThat(ids).hasSize(SUBSCRIPTIONS);

      receiver.restart();
      List<WebhookReceiver.Received> got =
          receiver.await(
              list ->
                  list.stream()
                      .map(WebhookReceiver.Received::id)
                      .collect(Collectors.toSet())
                      .containsAll(ids),
              Duration.ofSeconds(60));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      List<JsonNode> entries = log.apply(apis.get(1));
      while (entries.stream().anyMatch(e -> !e.path("status").asText().equals("delivered"))
          && System.nanoTime() < deadline) {
        sleep(50);
        entries = log.apply(apis.get(1));
      }
      assertThat(entries)
          .allSatisfy(e -> assertThat(e.path("status").asText()).isEqualTo("delivered"));
      got = receiver.received();
      List<String> receivedIds = got.stream().map(WebhookReceiver.Received::id).toList();
      assertThat(new HashSet<>(receivedIds)).isEqualTo(ids);
      assertThat(receivedIds).as("no notification twice").hasSize(SUBSCRIPTIONS);
      // each arrived at its own subscription's URL
      assertThat(got.stream().map(r -> r.json().path("topic").asText()).distinct())
          .containsExactly("ping");
    } finally {
      a.stop();
      b.stop();
    }
  }

  /**
   * Two parley processes on one PostgreSQL database raise events alternately (each request on the
   * other process than the one before), so that both delivery workers take events to fan out at the
   * same time (the advisory lock of {@code SqlWebhookRepository.takeFanOut} lets one at a time):
   * every event reaches every subscription exactly once (no process dies, so nothing is sent
   * twice), and each subscription receives each conversation's notifications in the order the
   * changes committed, whichever process raised or fanned them out.
   */
  @Test
  void eventsRaisedOnBothProcessesReachEverySubscriptionOnceAndInCommitOrder() {
    SharedDatabase shared = new SharedDatabase(root);
    ParleyProcess a = start(shared, "a");
    ParleyProcess b = start(shared, "b");
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      Api operator = a.api().withToken(ParleyProcess.OPERATOR_TOKEN);
      for (int i = 0; i < FAN_OUT_SUBSCRIPTIONS; i++) {
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
      receiver.await(list -> list.size() >= FAN_OUT_SUBSCRIPTIONS, Duration.ofSeconds(30));

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

      int expected = FAN_OUT_SUBSCRIPTIONS * CONVERSATIONS * (1 + REPLIES);
      receiver.await(
          list -> list.size() >= FAN_OUT_SUBSCRIPTIONS + expected, Duration.ofSeconds(90));
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
      assertThat(got).as("none twice").hasSize(FAN_OUT_SUBSCRIPTIONS + expected);
      Set<String> ids = new HashSet<>();
      got.forEach(r -> ids.add(r.id()));
      assertThat(ids).hasSize(FAN_OUT_SUBSCRIPTIONS + expected);

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
      assertThat(arrived).hasSize(FAN_OUT_SUBSCRIPTIONS * CONVERSATIONS);
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
