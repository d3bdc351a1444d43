package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import dev.parley.testing.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "A slow or dead endpoint delays only its own subscription" (issue 14): one subscription may have
 * at most a quarter of {@code --webhook-workers} requests in flight from a process, so an endpoint
 * that hangs cannot take every worker while the other subscriptions' notifications wait.
 */
class DeliveryIsolationTest {
  private static final int CONTACTS = 24;

  @RegisterExtension
  static final ParleyExtension parley =
      ParleyExtension.perClass()
          .arg(
              "--webhook-workers", "8",
              "--webhook-timeout-ms", "60000",
              "--webhook-poll-ms", "50");

  @Test
  void aHangingEndpointHoldsAtMostAQuarterOfTheWorkersAndAnotherSubscriptionGetsEverything() {
    Api api = parley.api();
    Api operator = api.withToken(ParleyProcess.OPERATOR_TOKEN);
    try (WebhookReceiver hanging = WebhookReceiver.start();
        WebhookReceiver healthy = WebhookReceiver.start()) {
      hanging.delay(Duration.ofSeconds(50));
      for (WebhookReceiver receiver : List.of(hanging, healthy)) {
        ApiResponse sub =
            operator.post(
                Hooks.BASE,
                Map.of("url", receiver.url(), "topics", List.of("contact.user.created")));
        assertThat(sub.status()).as(sub.toString()).isEqualTo(200);
      }
      Scenario s = new Scenario(api);
      for (int i = 0; i < CONTACTS; i++) {
        s.contact("isolated-" + i + "-" + UUID.randomUUID() + "@example.com");
      }

      List<WebhookReceiver.Received> got =
          healthy.await(
              list ->
                  list.stream().filter(r -> r.topic().equals("contact.user.created")).count()
                      == CONTACTS,
              Duration.ofSeconds(30));

      assertThat(got)
          .extracting(WebhookReceiver.Received::topic)
          .containsOnly("ping", "contact.user.created");
      assertThat(hanging.attempts())
          .as("requests the hanging endpoint holds (its ping among them): at most 8 workers / 4")
          .isBetween(1, 2);
      assertThat(hanging.received()).isEmpty();
    }
  }
}
