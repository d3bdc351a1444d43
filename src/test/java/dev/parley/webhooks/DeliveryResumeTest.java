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
 * A resume sends the held notifications at once, not after their retry delay: with one error
 * pausing for ten minutes and a ten-minute retry delay, the ping still arrives soon after the
 * resume.
 */
class DeliveryResumeTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension
  static final ParleyExtension parley =
      ParleyExtension.perClass()
          .arg(
              "--webhook-pause-after-errors", "1",
              "--webhook-pause", "600",
              "--webhook-retry-initial", "600",
              "--webhook-retry-max", "600",
              "--webhook-timeout-ms", "1000",
              "--webhook-poll-ms", "50");

  @Test
  void resumeSendsTheHeldNotificationAtOnce() {
    Hooks hooks = new Hooks(parley.api().withToken(ParleyProcess.OPERATOR_TOKEN));
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.respondWith(503);
      String sub = hooks.subscribe(receiver.url());
      Hooks.until(
          () -> hooks.subscription(sub), s -> s.path("state").asText().equals("paused"), WAIT);
      JsonNode log = hooks.onlyDelivery(sub);
      assertThat(log.path("attempts").asLong()).isEqualTo(1);
      assertThat(log.path("last_status_code").asInt()).isEqualTo(503);

      receiver.respondWith(200);
      ApiResponse resumed = hooks.resume(sub);
      assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
      WebhookReceiver.Received got = receiver.await(l -> !l.isEmpty(), WAIT).get(0);
      assertThat(got.id()).isEqualTo(log.path("id").asText());
      assertThat(got.json().path("delivery_attempts").asLong()).isEqualTo(2);
    }
  }
}
