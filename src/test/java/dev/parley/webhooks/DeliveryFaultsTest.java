package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.WebhookReceiver;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The delivery worker against endpoints that fail: refused connections, 500, 429, answers slower
 * than {@code --webhook-timeout-ms} and redirects. Each notification is retried with its id until a
 * 2xx, and the delivery log says why each attempt failed. Short intervals (1 s retries and
 * throttles); no assertion on time, waits are bounded.
 */
class DeliveryFaultsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension
  static final ParleyExtension parley =
      ParleyExtension.perClass()
          .arg(
              "--webhook-timeout-ms", "400",
              "--webhook-retry-initial", "1",
              "--webhook-retry-max", "1",
              "--webhook-throttle-initial", "1",
              "--webhook-throttle-max", "2",
              "--webhook-poll-ms", "50");

  private Hooks hooks() {
    return new Hooks(parley.api().withToken(ParleyProcess.OPERATOR_TOKEN));
  }

  @Test
  void anEndpointThatIsDownThenUpGetsTheNotificationWithItsIdAfterRetries() {
    Hooks hooks = hooks();
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.stop();
      String sub = hooks.subscribe(receiver.url());
      JsonNode failing =
          Hooks.until(() -> hooks.onlyDelivery(sub), d -> d.path("attempts").asLong() >= 1, WAIT);
      assertThat(failing.path("status").asText()).isEqualTo("pending");
      assertThat(failing.path("last_error").asText()).isEqualTo("connection");
      assertThat(failing.path("delivered_at").isNull()).isTrue();
      String id = failing.path("id").asText();
      assertThat(id).startsWith("notif_");

      receiver.restart();
      WebhookReceiver.Received got = receiver.awaitTopic("ping");
      assertThat(got.id()).isEqualTo(id);
      assertThat(got.json().path("delivery_attempts").asLong()).isGreaterThan(1);
      JsonNode delivered =
          Hooks.until(
              () -> hooks.onlyDelivery(sub),
              d -> d.path("status").asText().equals("delivered"),
              WAIT);
      assertThat(delivered.path("id").asText()).isEqualTo(id);
      assertThat(delivered.path("last_status_code").asInt()).isEqualTo(200);
      assertThat(delivered.path("last_error").isNull()).isTrue();
      assertThat(receiver.received()).hasSize(1);
    }
  }

  @Test
  void a500IsRetriedWithTheSameIdUntilA200() {
    Hooks hooks = hooks();
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.respondWith(500);
      String sub = hooks.subscribe(receiver.url());
      JsonNode failing =
          Hooks.until(() -> hooks.onlyDelivery(sub), d -> d.path("attempts").asLong() >= 2, WAIT);
      assertThat(failing.path("status").asText()).isEqualTo("pending");
      assertThat(failing.path("last_status_code").asInt()).isEqualTo(500);
      assertThat(receiver.attempts()).isGreaterThanOrEqualTo(2);

      receiver.respondWith(200);
      WebhookReceiver.Received got = receiver.awaitTopic("ping");
      assertThat(got.id()).isEqualTo(failing.path("id").asText());
      assertThat(got.json().path("delivery_attempts").asLong()).isGreaterThan(2);
      Hooks.until(
          () -> hooks.onlyDelivery(sub), d -> d.path("status").asText().equals("delivered"), WAIT);
    }
  }

  @Test
  void a429ThrottlesTheSubscriptionAndTheNotificationIsDeliveredAfterWithTheSameId() {
    Hooks hooks = hooks();
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.respondWith(429);
      String sub = hooks.subscribe(receiver.url());
      JsonNode throttled =
          Hooks.until(
              () -> hooks.subscription(sub), s -> !s.path("throttled_until").isNull(), WAIT);
      assertThat(throttled.path("state").asText()).isEqualTo("active");
      assertThat(throttled.path("consecutive_errors").asLong()).isZero();
      JsonNode log = hooks.onlyDelivery(sub);
      assertThat(log.path("status").asText()).isEqualTo("pending");
      assertThat(log.path("last_status_code").asInt()).isEqualTo(429);

      receiver.respondWith(200);
      WebhookReceiver.Received got = receiver.awaitTopic("ping");
      assertThat(got.id()).isEqualTo(log.path("id").asText());
      Hooks.until(
          () -> hooks.onlyDelivery(sub), d -> d.path("status").asText().equals("delivered"), WAIT);
      JsonNode after =
          Hooks.until(() -> hooks.subscription(sub), s -> s.path("throttled_until").isNull(), WAIT);
      assertThat(after.path("state").asText()).isEqualTo("active");
    }
  }

  @Test
  void anEndpointSlowerThanTheTimeoutIsRecordedAsATimeoutAndRetried() {
    Hooks hooks = hooks();
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.delay(Duration.ofMillis(2_000));
      String sub = hooks.subscribe(receiver.url());
      JsonNode failing =
          Hooks.until(() -> hooks.onlyDelivery(sub), d -> d.path("attempts").asLong() >= 1, WAIT);
      assertThat(failing.path("status").asText()).isEqualTo("pending");
      assertThat(failing.path("last_error").asText()).isEqualTo("timeout");
      assertThat(failing.path("last_status_code").isNull()).isTrue();

      receiver.delay(Duration.ZERO);
      JsonNode delivered =
          Hooks.until(
              () -> hooks.onlyDelivery(sub),
              d -> d.path("status").asText().equals("delivered"),
              WAIT);
      assertThat(delivered.path("attempts").asLong()).isGreaterThan(1);
      // the slow answers still reached the receiver (it records 2xx answers it sent late): every
      // one carries the same notification id
      assertThat(receiver.received()).isNotEmpty();
      assertThat(receiver.received())
          .allSatisfy(r -> assertThat(r.id()).isEqualTo(failing.path("id").asText()));
    }
  }

  @Test
  void aRedirectIsAnErrorAndItsLocationIsNeverCalled() {
    Hooks hooks = hooks();
    try (WebhookReceiver elsewhere = WebhookReceiver.start();
        WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.respondWith(302).location(elsewhere.url());
      String sub = hooks.subscribe(receiver.url());
      JsonNode failing =
          Hooks.until(() -> hooks.onlyDelivery(sub), d -> d.path("attempts").asLong() >= 2, WAIT);
      assertThat(failing.path("status").asText()).isEqualTo("pending");
      assertThat(failing.path("last_status_code").asInt()).isEqualTo(302);
      assertThat(hooks.subscription(sub).path("consecutive_errors").asLong()).isGreaterThan(0);

      receiver.respondWith(200).location(null);
      WebhookReceiver.Received got = receiver.awaitTopic("ping");
      assertThat(got.id()).isEqualTo(failing.path("id").asText());
      assertThat(elsewhere.attempts()).isZero();
    }
  }
}
