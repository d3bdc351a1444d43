package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At least once across a crash: notifications committed but not yet delivered when parley is killed
 * (SIGKILL) are delivered after a restart on the same store, with their original ids.
 */
class DeliveryAfterKillTest {
  private static final String TOKEN = "webhook-kill-token-0123456789abcdef0123";
  private static final int SUBSCRIPTIONS = 5;

  @TempDir Path root;

  @Test
  void notificationsQueuedAtAKillArriveAfterTheRestartWithTheirIds() {
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.stop();
      ParleyProcess first =
          ParleyProcess.in(root)
              .token(TOKEN)
              .arg("--webhook-retry-initial", "1", "--webhook-retry-max", "1")
              .arg("--webhook-poll-ms", "50", "--webhook-timeout-ms", "1000")
              .start();
      List<String> ids = new ArrayList<>();
      ParleyProcess restarted = null;
      try {
        Hooks hooks = new Hooks(first.api().withToken(ParleyProcess.OPERATOR_TOKEN));
        List<String> subs = new ArrayList<>();
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
          subs.add(hooks.subscribe(receiver.url() + "?n=" + i));
        }
        for (String sub : subs) {
          ids.add(hooks.onlyDelivery(sub).path("id").asText());
        }
        // committed; some attempted (refused), none delivered
        Hooks.until(
            () -> hooks.onlyDelivery(subs.get(0)),
            d -> d.path("attempts").asLong() >= 1,
            Duration.ofSeconds(30));
        first.kill();

        receiver.restart();
        restarted =
            ParleyProcess.in(root)
                .token(TOKEN)
                .databaseUrl(first.databaseUrl())
                .arg("--webhook-retry-initial", "1", "--webhook-retry-max", "1")
                .arg("--webhook-poll-ms", "50", "--webhook-timeout-ms", "1000")
                .start();
        // on PostgreSQL a lease left by the killed process expires first (timeout + 30 s)
        List<WebhookReceiver.Received> got =
            receiver.await(
                list ->
                    list.stream()
                        .map(WebhookReceiver.Received::id)
                        .collect(Collectors.toSet())
                        .containsAll(ids),
                Duration.ofSeconds(90));
        Set<String> receivedIds =
            got.stream().map(WebhookReceiver.Received::id).collect(Collectors.toSet());
        assertThat(receivedIds).containsExactlyInAnyOrderElementsOf(ids);
        Hooks after = new Hooks(restarted.api().withToken(ParleyProcess.OPERATOR_TOKEN));
        for (String sub : subs) {
          JsonNode d =
              Hooks.until(
                  () -> after.onlyDelivery(sub),
                  e -> e.path("status").asText().equals("delivered"),
                  Duration.ofSeconds(30));
          assertThat(ids).contains(d.path("id").asText());
        }
      } finally {
        first.kill();
        if (restarted != null) {
          restarted.stop();
        }
      }
    }
  }
}
