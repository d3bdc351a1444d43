package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.Cli;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.WebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code webhook} commands and {@code workspace show|rotate-secret} on the store of a running
 * server, in their own JVMs as an operator runs them: what they print (the operator API's JSON),
 * the {@code ping} a CLI-created subscription gets from the running server, signed with the secret
 * {@code workspace show} prints, the delivery log, delete, resume and secret rotation, and the
 * errors (message on standard error, exit code 2).
 *
 * <p>The server runs without {@code PARLEY_OPERATOR_TOKEN}: the commands need no operator API, and
 * the operator API is then off (404). One error pauses a subscription (for 10 minutes) and a failed
 * notification is retried after a second, so that pause, resume and redelivery happen within the
 * test.
 */
class WebhookCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final ParleyExtension parley =
      ParleyExtension.perClass()
          .env("PARLEY_OPERATOR_TOKEN", "")
          .arg(
              "--webhook-poll-ms", "100",
              "--webhook-retry-initial", "1",
              "--webhook-retry-max", "2",
              "--webhook-pause-after-errors", "1",
              "--webhook-pause", "600");

  @Test
  void createOnARunningServersStoreQueuesAPingTheServerSignsWithTheSecretWorkspaceShowPrints() {
    JsonNode workspace = ok("workspace", "show", "default");
    assertThat(workspace.path("type").asText()).isEqualTo("workspace");
    assertThat(workspace.path("name").asText()).isEqualTo("default");
    String secret = workspace.path("client_secret").asText();
    assertThat(secret).matches("[0-9a-f]{64}");
    String appId = workspace.path("app_id").asText();
    assertThat(appId).isNotBlank();
    // Shown again: the same secret (it is created once, not per show).
    assertThat(ok("workspace", "show", "default").path("client_secret").asText()).isEqualTo(secret);

    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      JsonNode created =
          ok(
              "webhook",
              "create",
              "--workspace",
              "default",
              "--url",
              receiver.url(),
              "--topics",
              "conversation.user.created,contact.deleted");
      assertThat(created.path("type").asText()).isEqualTo("webhook_subscription");
      String id = created.path("id").asText();
      assertThat(id).matches("[0-9]+");
      assertThat(created.path("url").asText()).isEqualTo(receiver.url());
      assertThat(texts(created.path("topics")))
          .containsExactly("conversation.user.created", "contact.deleted");
      assertThat(created.path("state").asText()).isEqualTo("active");
      assertThat(created.path("consecutive_errors").asLong()).isZero();

      WebhookReceiver.Received ping = receiver.awaitTopic("ping");
      assertThat(ping.signedWith(secret)).as(ping.header("X-Hub-Signature")).isTrue();
      JsonNode envelope = ping.json();
      assertThat(envelope.path("type").asText()).isEqualTo("notification_event");
      assertThat(envelope.path("app_id").asText()).isEqualTo(appId);
      assertThat(ping.item().path("type").asText()).isEqualTo("ping");
      assertThat(ping.id()).startsWith("notif_");

      JsonNode entry =
          awaitDeliveries(
                  "default", id, list -> list.size() == 1 && status(list.get(0), "delivered"))
              .get(0);
      assertThat(entry.path("id").asText()).isEqualTo(ping.id());
      assertThat(entry.path("subscription_id").asText()).isEqualTo(id);
      assertThat(entry.path("topic").asText()).isEqualTo("ping");
      assertThat(entry.path("attempts").asLong()).isEqualTo(1);
      assertThat(entry.path("last_status_code").asInt()).isEqualTo(200);
      assertThat(entry.path("delivered_at").isNumber()).isTrue();

      JsonNode listed = ok("webhook", "list", "--workspace", "default");
      assertThat(listed.path("type").asText()).isEqualTo("list");
      assertThat(listed.path("data").size()).isEqualTo(1);
      assertThat(listed.path("data").path(0).path("id").asText()).isEqualTo(id);
      assertThat(listed.path("data").path(0).path("url").asText()).isEqualTo(receiver.url());
    }
  }

  @Test
  void listDeleteDeliveriesAndResume() {
    workspace("lists");
    try (WebhookReceiver live = WebhookReceiver.start();
        WebhookReceiver down = WebhookReceiver.start()) {
      down.stop();
      String first = create("lists", live.url(), "ping").path("id").asText();
      String failing = create("lists", down.url(), "contact.deleted").path("id").asText();
      assertThat(live.awaitTopic("ping").signedWith(secret("lists"))).isTrue();

      // The dead endpoint refuses the ping once: one error pauses the subscription.
      JsonNode paused = awaitSubscription("lists", failing, s -> state(s, "paused"));
      assertThat(paused.path("paused_until").isNumber()).as(paused.toString()).isTrue();
      assertThat(paused.path("failing_since").isNumber()).as(paused.toString()).isTrue();
      JsonNode pending = awaitDeliveries("lists", failing, list -> list.size() == 1).get(0);
      assertThat(pending.path("status").asText()).isEqualTo("pending");
      assertThat(pending.path("attempts").asLong()).isEqualTo(1);
      assertThat(pending.path("last_error").asText()).isNotEmpty();
      assertThat(pending.path("next_attempt_at").isNumber()).isTrue();

      JsonNode all = ok("webhook", "list", "--workspace", "lists").path("data");
      assertThat(ids(all)).containsExactly(first, failing);

      // Resumed with its endpoint back: active, and the same notification is delivered.
      down.restart();
      JsonNode resumed = ok("webhook", "resume", "--workspace", "lists", failing);
      assertThat(resumed.path("id").asText()).isEqualTo(failing);
      assertThat(resumed.path("state").asText()).isEqualTo("active");
      assertThat(resumed.path("paused_until").isNull()).isTrue();
      assertThat(resumed.path("consecutive_errors").asLong()).isZero();
      assertThat(down.awaitTopic("ping").id()).isEqualTo(pending.path("id").asText());

      // The newest first, each subscription's own with --subscription; --limit.
      JsonNode log = ok("webhook", "deliveries", "--workspace", "lists").path("data");
      assertThat(log.size()).isEqualTo(2);
      assertThat(log.path(0).path("subscription_id").asText()).isEqualTo(failing);
      assertThat(
              ok("webhook", "deliveries", "--workspace", "lists", "--limit", "1")
                  .path("data")
                  .size())
          .isEqualTo(1);

      JsonNode deleted = ok("webhook", "delete", "--workspace", "lists", first);
      assertThat(deleted.path("id").asText()).isEqualTo(first);
      assertThat(deleted.path("deleted").asBoolean()).isTrue();
      assertThat(ids(ok("webhook", "list", "--workspace", "lists").path("data")))
          .containsExactly(failing);
      // The delivery log keeps the deleted subscription's entries.
      assertThat(
              ok("webhook", "deliveries", "--workspace", "lists", "--subscription", first)
                  .path("data")
                  .path(0)
                  .path("status")
                  .asText())
          .isEqualTo("delivered");

      assertThat(fails("webhook", "delete", "--workspace", "lists", first))
          .contains("no webhook subscription " + first + " in workspace lists");
      assertThat(fails("webhook", "resume", "--workspace", "lists", "999999"))
          .contains("no webhook subscription 999999 in workspace lists");
    }
  }

  @Test
  void deletingASubscriptionDropsItsUndeliveredNotifications() {
    workspace("drops");
    try (WebhookReceiver down = WebhookReceiver.start()) {
      down.stop();
      String id = create("drops", down.url(), "contact.deleted").path("id").asText();
      awaitDeliveries("drops", id, list -> list.size() == 1 && attempts(list.get(0)) >= 1);
      ok("webhook", "delete", "--workspace", "drops", id);
      JsonNode entry = ok("webhook", "deliveries", "--workspace", "drops").path("data");
      assertThat(entry.size()).isEqualTo(1);
      assertThat(entry.path(0).path("status").asText()).isEqualTo("dropped");
      assertThat(entry.path(0).path("next_attempt_at").isNull()).isTrue();
      down.restart();
      assertThat(ok("webhook", "list", "--workspace", "drops").path("data").size()).isZero();
    }
  }

  @Test
  void rotateSecretSignsLaterNotificationsWithTheNewSecretOnly() {
    workspace("rotates");
    String before = secret("rotates");
    JsonNode rotated = ok("workspace", "rotate-secret", "rotates");
    String after = rotated.path("client_secret").asText();
    assertThat(after).matches("[0-9a-f]{64}").isNotEqualTo(before);
    assertThat(rotated.path("name").asText()).isEqualTo("rotates");
    assertThat(secret("rotates")).isEqualTo(after);
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      create("rotates", receiver.url(), "ping");
      WebhookReceiver.Received ping = receiver.awaitTopic("ping");
      assertThat(ping.signedWith(after)).isTrue();
      assertThat(ping.signedWith(before)).isFalse();
    }
  }

  @Test
  void badInputIsRefusedNamingIt() {
    workspace("refuses");
    assertThat(
            fails(
                "webhook",
                "create",
                "--workspace",
                "refuses",
                "--url",
                "ftp://example.com/hook",
                "--topics",
                "ping"))
        .contains("error: ")
        .contains("ftp://example.com/hook");
    assertThat(
            fails(
                "webhook",
                "create",
                "--workspace",
                "refuses",
                "--url",
                "http://127.0.0.1:1/hook",
                "--topics",
                "ping,conversation.nonsense"))
        .contains("unknown topic 'conversation.nonsense'");
    assertThat(
            fails(
                "webhook",
                "create",
                "--workspace",
                "nowhere",
                "--url",
                "http://127.0.0.1:1/hook",
                "--topics",
                "ping"))
        .contains("no workspace named 'nowhere'");
    assertThat(fails("webhook", "list", "--workspace", "nowhere"))
        .contains("no workspace named 'nowhere'");
    assertThat(fails("webhook", "deliveries", "--workspace", "nowhere"))
        .contains("no workspace named 'nowhere'");
    assertThat(fails("workspace", "show", "nowhere")).contains("no workspace named 'nowhere'");
    assertThat(fails("workspace", "rotate-secret", "nowhere"))
        .contains("no workspace named 'nowhere'");
    assertThat(fails("webhook", "deliveries", "--workspace", "refuses", "--limit", "0"))
        .contains("--limit");
    // Nothing was created by the refused commands.
    assertThat(ok("webhook", "list", "--workspace", "refuses").path("data").size()).isZero();
  }

  @Test
  void withoutAnOperatorTokenTheOperatorApiIsOffWhileTheCommandsWork() {
    ParleyProcess server = parley.process();
    for (String token : new String[] {server.token(), null}) {
      assertThat(server.api().withToken(token).get("/_parley/workspaces/default/webhooks").status())
          .isEqualTo(404);
      assertThat(server.api().withToken(token).get("/_parley/workspaces/default").status())
          .isEqualTo(404);
    }
    assertThat(ok("webhook", "list", "--workspace", "default").path("type").asText())
        .isEqualTo("list");
  }

  private static JsonNode create(String workspace, String url, String topics) {
    return ok("webhook", "create", "--workspace", workspace, "--url", url, "--topics", topics);
  }

  private static void workspace(String name) {
    Cli.Result result = parley.process().cli("workspace", "create", name);
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  private static String secret(String workspace) {
    return ok("workspace", "show", workspace).path("client_secret").asText();
  }

  /** Runs a command that must succeed and parses what it printed, one JSON object. */
  private static JsonNode ok(String... args) {
    Cli.Result result = parley.process().cli(args);
    assertThat(result.exitCode())
        .as("parley %s:\n%s", String.join(" ", args), result.output())
        .isZero();
    try {
      return JSON.readTree(result.output());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + result.output(), e);
    }
  }

  /** Runs a command that must fail with exit code 2 and returns what it printed. */
  private static String fails(String... args) {
    Cli.Result result = parley.process().cli(args);
    assertThat(result.exitCode())
        .as("parley %s:\n%s", String.join(" ", args), result.output())
        .isEqualTo(2);
    assertThat(result.output()).doesNotContain("Exception").doesNotContain("\tat ");
    return result.output();
  }

  /** Runs {@code webhook deliveries} until its entries satisfy {@code condition} (20 s at most). */
  private static List<JsonNode> awaitDeliveries(
      String workspace, String subscription, Predicate<List<JsonNode>> condition) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (true) {
      List<JsonNode> entries = new ArrayList<>();
      ok("webhook", "deliveries", "--workspace", workspace, "--subscription", subscription)
          .path("data")
          .forEach(entries::add);
      if (condition.test(entries)) {
        return entries;
      }
      assertThat(System.nanoTime()).as("delivery log: %s", entries).isLessThan(deadline);
    }
  }

  /** Runs {@code webhook list} until subscription {@code id} satisfies {@code condition}. */
  private static JsonNode awaitSubscription(
      String workspace, String id, Predicate<JsonNode> condition) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (true) {
      for (JsonNode s : ok("webhook", "list", "--workspace", workspace).path("data")) {
        if (s.path("id").asText().equals(id) && condition.test(s)) {
          return s;
        }
      }
      assertThat(System.nanoTime()).as("subscription %s never matched", id).isLessThan(deadline);
    }
  }

  private static boolean status(JsonNode entry, String status) {
    return entry.path("status").asText().equals(status);
  }

  private static boolean state(JsonNode subscription, String state) {
    return subscription.path("state").asText().equals(state);
  }

  private static long attempts(JsonNode entry) {
    return entry.path("attempts").asLong();
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(t -> texts.add(t.asText()));
    return texts;
  }

  private static List<String> ids(JsonNode data) {
    List<String> ids = new ArrayList<>();
    data.forEach(s -> ids.add(s.path("id").asText()));
    return ids;
  }
}
