package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.WebhookReceiver;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pausing end to end: three error answers within a minute pause a subscription for two seconds
 * ({@code GET .../webhooks} shows {@code paused}); the pause ends by itself, or an operator's
 * resume ends it at once, and delivery goes on with the same notification.
 */
class DeliveryPauseTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension
  static final ParleyExtension parley =
      ParleyExtension.perClass()
          .arg(
              "--webhook-pause-after-errors", "3",
              "--webhook-pause-window", "60",
              "--webhook-pause", "2",
              "--webhook-retry-initial", "1",
              "--webhook-retry-max", "1",
              "--webhook-timeout-ms", "1000",
              "--webhook-poll-ms", "50");

  private Hooks hooks() {
    return new Hooks(parley.api().withToken(ParleyProcess.OPERATOR_TOKEN));
  }

  private static JsonNode pausedAfterThreeErrors(Hooks hooks, String sub) {
    JsonNode paused =
        Hooks.until(
            () -> hooks.subscription(sub), s -> s.path("state").asText().equals("paused"), WAIT);
    assertThat(paused.path("paused_until").isNull()).isFalse();
    JsonNode log = hooks.onlyDelivery(sub);
    assertThat(log.path("status").asText()).isEqualTo("pending");
    assertThat(log.path("attempts").asLong()).isEqualTo(3);
    assertThat(log.path("last_status_code").asInt()).isEqualTo(500);
    return log;
  }

  @Test
  void threeErrorsPauseAndDeliveryGoesOnWhenThePauseEnds() {
    Hooks hooks = hooks();
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.respondWith(500);
      String sub = hooks.subscribe(receiver.url());
      JsonNode log = pausedAfterThreeErrors(hooks, sub);

      receiver.respondWith(200);
      WebhookReceiver.Received got = receiver.awaitTopic("ping");
      assertThat(got.id()).isEqualTo(log.path("id").asText());
      assertThat(got.json().path("delivery_attempts").asLong()).isEqualTo(4);
      JsonNode active =
          Hooks.until(
              () -> hooks.subscription(sub), s -> s.path("state").asText().equals("active"), WAIT);
      assertThat(active.path("paused_until").isNull()).isTrue();
      assertThat(active.path("consecutive_errors").asLong()).isZero();
    }
  }

  @Test
  void resumeEndsAPauseAndDeliveryGoesOn() {
    Hooks hooks = hooks();
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.respondWith(500);
      String sub = hooks.subscribe(receiver.url());
      JsonNode log = pausedAfterThreeErrors(hooks, sub);

      receiver.respondWith(200);
      ApiResponse resumed = hooks.resume(sub);
      assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
      assertThat(resumed.json().path("state").asText()).isEqualTo("active");
      assertThat(resumed.json().path("paused_until").isNull()).isTrue();
      assertThat(receiver.awaitTopic("ping").id()).isEqualTo(log.path("id").asText());
      Hooks.until(
          () -> hooks.onlyDelivery(sub), d -> d.path("status").asText().equals("delivered"), WAIT);
    }
  }
}
