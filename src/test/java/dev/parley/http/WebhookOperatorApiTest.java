package dev.parley.http;

import static dev.parley.http.Acceptance.assertError;
import static dev.parley.http.Acceptance.raw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.WebhookReceiver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator API of webhooks under {@code /_parley/workspaces/{name}}: only the operator
 * credential opens it (a wrong token or any workspace token gets 401), bad input is Intercom's 400
 * {@code error.list} naming the field or topic, unknown workspaces and subscriptions are 404, and a
 * new subscription's {@code ping} arrives in Intercom's envelope, signed with the workspace's
 * client secret. (Without {@code PARLEY_OPERATOR_TOKEN} the API answers 404:
 * dev.parley.cli.WebhookCommandTest, whose server runs without one.)
 */
class WebhookOperatorApiTest {
  private static final String OP = ParleyProcess.OPERATOR_TOKEN;

  @RegisterExtension
  static final ParleyExtension parley =
      ParleyExtension.perClass().arg("--webhook-poll-ms", "100", "--webhook-retry-initial", "600");

  private static ApiResponse op(String method, String path, Object body) {
    return raw(parley.process(), OP, method, path, body);
  }

  @Test
  void onlyTheOperatorTokenOpensIt() {
    ParleyProcess server = parley.process();
    String workspaceToken = server.token();
    int subscriptions = subscriptionCount();
    String secret =
        op("GET", "/_parley/workspaces/default", null).json().path("client_secret").asText();
    for (String[] route :
        new String[][] {
          {"GET", "/_parley/workspaces/default"},
          {"POST", "/_parley/workspaces/default/rotate-secret"},
          {"GET", "/_parley/workspaces/default/webhooks"},
          {"POST", "/_parley/workspaces/default/webhooks"},
          {"GET", "/_parley/workspaces/default/webhooks/deliveries"},
          {"DELETE", "/_parley/workspaces/default/webhooks/1"},
          {"POST", "/_parley/workspaces/default/webhooks/1/resume"}
        }) {
      Object body =
          route[0].equals("POST")
              ? Map.of("url", "http://127.0.0.1:1/x", "topics", List.of("ping"))
              : null;
      for (String token : new String[] {OP + "x", workspaceToken, null}) {
        ApiResponse response = raw(server, token, route[0], route[1], body);
        assertThat(response.status())
            .as(route[0] + " " + route[1] + ": " + response)
            .isIn(401, 404);
        assertThat(response.body()).doesNotContain("client_secret");
      }
      assertError(raw(server, OP + "x", route[0], route[1], body), 401, "unauthorized");
    }
    // Nothing was created or rotated by the refused requests.
    assertThat(subscriptionCount()).isEqualTo(subscriptions);
    assertThat(op("GET", "/_parley/workspaces/default", null).json().path("client_secret").asText())
        .isEqualTo(secret);
  }

  private static int subscriptionCount() {
    return op("GET", "/_parley/workspaces/default/webhooks", null).json().path("data").size();
  }

  @Test
  void badInputIs400NamingIt() {
    String path = "/_parley/workspaces/default/webhooks";
    int subscriptions = subscriptionCount();
    JsonNode url =
        assertError(
            op("POST", path, Map.of("url", "ftp://example.com/h", "topics", List.of("ping"))),
            400,
            "parameter_invalid");
    assertThat(url.path("message").asText()).contains("ftp://example.com/h");
    JsonNode topic =
        assertError(
            op(
                "POST",
                path,
                Map.of(
                    "url", "http://127.0.0.1:1/h", "topics", List.of("ping", "contact.nonsense"))),
            400,
            "parameter_invalid");
    assertThat(topic.path("message").asText()).contains("contact.nonsense");
    for (Object body :
        List.of(
            Map.of("topics", List.of("ping")),
            Map.of("url", "http://127.0.0.1:1/h"),
            Map.of("url", 5, "topics", List.of("ping")),
            Map.of("url", "http://127.0.0.1:1/h", "topics", "ping"),
            Map.of("url", "http://127.0.0.1:1/h", "topics", List.of()),
            "{not json")) {
      ApiResponse response = op("POST", path, body);
      assertThat(response.status()).as(body + ": " + response).isEqualTo(400);
      assertThat(response.json().path("type").asText()).isEqualTo("error.list");
      Acceptance.assertNoInternals(response);
    }
    assertThat(subscriptionCount()).isEqualTo(subscriptions);
  }

  @Test
  void unknownWorkspacesAndSubscriptionsAre404() {
    assertError(op("GET", "/_parley/workspaces/nowhere", null), 404, "not_found");
    assertError(op("GET", "/_parley/workspaces/nowhere/webhooks", null), 404, "not_found");
    assertError(
        op(
            "POST",
            "/_parley/workspaces/nowhere/webhooks",
            Map.of("url", "http://127.0.0.1:1/h", "topics", List.of("ping"))),
        404,
        "not_found");
    assertError(
        op("DELETE", "/_parley/workspaces/default/webhooks/999999", null), 404, "not_found");
    assertError(op("DELETE", "/_parley/workspaces/default/webhooks/abc", null), 404, "not_found");
    assertError(
        op("POST", "/_parley/workspaces/default/webhooks/999999/resume", null), 404, "not_found");
  }

  @Test
  void thePingArrivesInIntercomsEnvelopeAndDeleteDropsWhatIsPending() {
    JsonNode workspace = op("GET", "/_parley/workspaces/default", null).json();
    String secret = workspace.path("client_secret").asText();
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      ApiResponse created =
          op(
              "POST",
              "/_parley/workspaces/default/webhooks",
              Map.of("url", receiver.url(), "topics", List.of("contact.deleted")));
      assertThat(created.status()).as(created.toString()).isEqualTo(200);
      String id = created.json().path("id").asText();
      assertThat(created.json().path("state").asText()).isEqualTo("active");

      WebhookReceiver.Received ping = receiver.awaitTopic("ping");
      assertThat(ping.signedWith(secret)).isTrue();
      assertThat(ping.header("Content-Type")).startsWith("application/json");
      assertThat(ping.header("User-Agent")).containsIgnoringCase("parley");
      JsonNode n = ping.json();
      assertThat(n.path("type").asText()).isEqualTo("notification_event");
      assertThat(n.path("app_id").asText()).isEqualTo(workspace.path("app_id").asText());
      assertThat(n.path("data").path("type").asText()).isEqualTo("notification_event_data");
      assertThat(n.path("data").path("item").path("type").asText()).isEqualTo("ping");
      assertThat(n.path("links").isObject()).isTrue();
      assertThat(n.path("links").size()).isZero();
      assertThat(n.path("id").asText()).startsWith("notif_");
      assertThat(n.path("topic").asText()).isEqualTo("ping");
      assertThat(n.has("delivery_status")).isTrue();
      assertThat(n.path("delivery_attempts").asInt()).isEqualTo(1);
      assertThat(n.has("delivered_at")).isTrue();
      assertThat(n.path("first_sent_at").isNumber()).isTrue();
      assertThat(n.path("created_at").isNumber()).isTrue();
      assertThat(n.has("self")).isTrue();
      assertThat(n.path("self").isNull()).isTrue();

      // The receiver answered; the worker records the delivery right after.
      String mine = "/_parley/workspaces/default/webhooks/deliveries?subscription_id=" + id;
      long delivered = System.nanoTime() + 20_000_000_000L;
      while (!op("GET", mine, null)
          .json()
          .path("data")
          .path(0)
          .path("status")
          .asText()
          .equals("delivered")) {
        assertThat(System.nanoTime()).isLessThan(delivered);
      }
      JsonNode entry = op("GET", mine, null).json().path("data").path(0);
      assertThat(entry.path("id").asText()).isEqualTo(ping.id());
      assertThat(entry.path("attempts").asInt()).isEqualTo(1);
      assertThat(entry.path("last_status_code").asInt()).isEqualTo(200);

      // A second subscription whose endpoint is down: its ping stays pending (retry in 600 s).
      receiver.stop();
      String down =
          op(
                  "POST",
                  "/_parley/workspaces/default/webhooks",
                  Map.of("url", receiver.url(), "topics", List.of("ping")))
              .json()
              .path("id")
              .asText();
      String deliveries = "/_parley/workspaces/default/webhooks/deliveries?subscription_id=" + down;
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (op("GET", deliveries, null).json().path("data").path(0).path("attempts").asInt() < 1) {
        assertThat(System.nanoTime()).isLessThan(deadline);
      }
      JsonNode deleted = op("DELETE", "/_parley/workspaces/default/webhooks/" + down, null).json();
      assertThat(deleted.path("deleted").asBoolean()).isTrue();
      JsonNode log = op("GET", deliveries, null).json().path("data");
      assertThat(log.size()).isEqualTo(1);
      assertThat(log.path(0).path("status").asText()).isEqualTo("dropped");
      JsonNode all = op("GET", "/_parley/workspaces/default/webhooks/deliveries", null).json();
      for (JsonNode each : all.path("data")) {
        assertThat(each.path("status").asText()).isNotEqualTo("pending");
      }
      JsonNode listed = op("GET", "/_parley/workspaces/default/webhooks", null).json();
      assertThat(listed.path("data").size()).isEqualTo(1);
      assertThat(listed.path("data").path(0).path("id").asText()).isEqualTo(id);

      // Rotation: the answer holds the new secret, which GET shows from then on.
      JsonNode rotated = op("POST", "/_parley/workspaces/default/rotate-secret", null).json();
      assertThat(rotated.path("client_secret").asText()).isNotEqualTo(secret);
      assertThat(
              op("GET", "/_parley/workspaces/default", null).json().path("client_secret").asText())
          .isEqualTo(rotated.path("client_secret").asText());
    }
  }
}
