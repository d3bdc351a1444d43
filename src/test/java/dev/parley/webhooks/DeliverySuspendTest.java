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
 * Suspension end to end: a subscription still failing {@code --webhook-suspend-after} (2 s) after
 * its first error is suspended and stays so after its endpoint recovers; an operator's resume sets
 * it active and the held notification is delivered with its id.
 */
class DeliverySuspendTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension
  static final ParleyExtension parley =
      ParleyExtension.perClass()
          .arg(
              "--webhook-suspend-after", "2",
              "--webhook-pause-after-errors", "1000",
              "--webhook-retry-initial", "1",
              "--webhook-retry-max", "1",
              "--webhook-timeout-ms", "1000",
              "--webhook-poll-ms", "50");

  @Test
  void aSubscriptionFailingLongEnoughIsSuspendedUntilResumed() {
    Hooks hooks = new Hooks(parley.api().withToken(ParleyProcess.OPERATOR_TOKEN));
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.respondWith(500);
      String sub = hooks.subscribe(receiver.url());
      JsonNode suspended =
          Hooks.until(
              () -> hooks.subscription(sub),
              s -> s.path("state").asText().equals("suspended"),
              WAIT);
      assertThat(suspended.path("failing_since").isNull()).isFalse();
      JsonNode log = hooks.onlyDelivery(sub);
      assertThat(log.path("status").asText()).isEqualTo("pending");
      assertThat(log.path("attempts").asLong()).isGreaterThanOrEqualTo(3);
      int attemptsWhenSuspended = receiver.attempts();

      receiver.respondWith(200);
      // nothing is sent to a suspended subscription, even once its endpoint recovers
      assertThat(hooks.subscription(sub).path("state").asText()).isEqualTo("suspended");
      assertThat(receiver.attempts()).isEqualTo(attemptsWhenSuspended);

      ApiResponse resumed = hooks.resume(sub);
      assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
      assertThat(resumed.json().path("state").asText()).isEqualTo("active");
      assertThat(resumed.json().path("failing_since").isNull()).isTrue();
      WebhookReceiver.Received got = receiver.awaitTopic("ping");
      assertThat(got.id()).isEqualTo(log.path("id").asText());
      Hooks.until(
          () -> hooks.onlyDelivery(sub), d -> d.path("status").asText().equals("delivered"), WAIT);
      assertThat(hooks.subscription(sub).path("state").asText()).isEqualTo("active");
    }
  }
}
