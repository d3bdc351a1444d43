package dev.parley.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
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
 * delivery log shows every one delivered.
 */
class WebhookTwoProcessesTest {
  private static final int SUBSCRIPTIONS = 30;
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

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
