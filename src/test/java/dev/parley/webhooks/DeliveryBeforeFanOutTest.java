package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import dev.parley.testing.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event committed but not yet fanned out survives a crash: a process that fans out nothing
 * ({@code --webhook-workers 0}) raises it, shows no delivery-log entry for it (only the ping, which
 * is written with its notification), and is killed (SIGKILL); a process started on the same store
 * fans it out and delivers it.
 */
class DeliveryBeforeFanOutTest {
  private static final String TOKEN = "webhook-fanout-token-0123456789abcdef01";

  @TempDir Path root;

  @Test
  void anEventNotYetFannedOutAtAKillIsDeliveredAfterTheRestart() {
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      ParleyProcess first =
          ParleyProcess.in(root).token(TOKEN).arg("--webhook-workers", "0").start();
      ParleyProcess restarted = null;
      try {
        Hooks hooks = new Hooks(first.api().withToken(ParleyProcess.OPERATOR_TOKEN));
        String sub =
            first
                .api()
                .withToken(ParleyProcess.OPERATOR_TOKEN)
                .post(
                    "/_parley/workspaces/default/webhooks",
                    Map.of("url", receiver.url(), "topics", List.of("contact.user.created")))
                .json()
                .path("id")
                .asText();
        String contact = new Scenario(first.api()).contact("before-fan-out@example.com");
        JsonNode log = hooks.deliveries(sub);
        assertThat(log.size()).as("only the ping: the event waits for its fan-out").isEqualTo(1);
        assertThat(log.path(0).path("topic").asText()).isEqualTo("ping");
        first.kill();

        restarted =
            ParleyProcess.in(root)
                .token(TOKEN)
                .databaseUrl(first.databaseUrl())
                .arg("--webhook-poll-ms", "50")
                .start();
        WebhookReceiver.Received created = receiver.awaitTopic("contact.user.created");
        assertThat(created.item().path("id").asText()).isEqualTo(contact);
        Hooks after = new Hooks(restarted.api().withToken(ParleyProcess.OPERATOR_TOKEN));
        JsonNode entries =
            Hooks.until(
                () -> after.deliveries(sub),
                l ->
                    l.size() == 2
                        && l.path(0).path("status").asText().equals("delivered")
                        && l.path(1).path("status").asText().equals("delivered"),
                Duration.ofSeconds(30));
        assertThat(entries.path(0).path("topic").asText()).isEqualTo("contact.user.created");
        assertThat(entries.path(0).path("id").asText()).isEqualTo(created.id());
      } finally {
        first.kill();
        if (restarted != null) {
          restarted.stop();
        }
      }
    }
  }
}
