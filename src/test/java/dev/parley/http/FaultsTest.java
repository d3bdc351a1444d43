package dev.parley.http;

import static dev.parley.http.Acceptance.assertError;
import static dev.parley.http.Acceptance.raw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.ParleyProcess;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults on demand ({@code /_parley/faults}, issue 17): the next N requests of an operation (or of
 * any) answer the asked status in Intercom's {@code error.list} body, a 429 with rate-limit
 * headers; a delay lets the operation answer late; a drop closes the connection without an answer;
 * a fraction applies to about that share; rules are listed, cleared one by one or all at once, and
 * each injection is logged as injected. Only the operator credential reaches the routes, and bad
 * rules are 400 naming the field.
 */
class FaultsTest {
  private static final String OP = ParleyProcess.OPERATOR_TOKEN;

  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();

  private static ApiResponse op(String method, String path, Object body) {
    return raw(parley.process(), OP, method, path, body);
  }

  private static ApiResponse api(String method, String path) {
    return raw(parley.process(), parley.process().token(), method, path, null);
  }

  private static JsonNode fault(Object... pairs) {
    Map<String, Object> body = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      body.put((String) pairs[i], pairs[i + 1]);
    }
    ApiResponse response = op("POST", "/_parley/faults", body);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  @AfterEach
  void clear() {
    op("DELETE", "/_parley/faults", null);
  }

  @Test
  void theNextNRequestsOfAnOperationAnswerTheStatusThenItAnswersAsBefore() {
    JsonNode rule = fault("operation_id", "listAdmins", "status", 503, "count", 2);
    assertThat(rule.path("type").asText()).isEqualTo("fault");
    assertThat(rule.path("action").asText()).isEqualTo("error");
    assertThat(rule.path("remaining").asLong()).isEqualTo(2);

    assertThat(api("GET", "/me").status()).as("another operation").isEqualTo(200);
    for (int i = 0; i < 2; i++) {
      ApiResponse refused = api("GET", "/admins");
      assertError(refused, 503, "service_unavailable");
      assertThat(refused.header("X-Parley-Fault")).isEqualTo(rule.path("id").asText());
    }
    ApiResponse after = api("GET", "/admins");
    assertThat(after.status()).isEqualTo(200);
    assertThat(after.json().path("type").asText()).isEqualTo("admin.list");
    assertThat(after.header("X-Parley-Fault")).isNull();
    assertThat(op("GET", "/_parley/faults", null).json().path("data").size())
        .as("a used-up rule is gone")
        .isZero();
    assertThat(parley.process().log())
        .contains("fault injected: fault=" + rule.path("id").asText() + " operation=listAdmins")
        .contains("status=503");
  }

  @Test
  void anInjected429CarriesRateLimitHeadersWithNothingRemaining() {
    fault("status", 429);
    ApiResponse refused = api("GET", "/conversations");
    JsonNode error = assertError(refused, 429, "rate_limit_exceeded");
    assertThat(error.path("message").asText())
        .startsWith("Exceeded rate limit of ")
        .endsWith(" in 10_seconds");
    assertThat(refused.header("X-RateLimit-Limit")).isNotNull();
    assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
    long reset = Long.parseLong(refused.header("X-RateLimit-Reset"));
    assertThat(reset).isBetween(Acceptance.now(), Acceptance.now() + 2);
    assertThat(api("GET", "/conversations").status()).as("count defaults to 1").isEqualTo(200);
  }

  @Test
  void aFaultAppliesOnlyToItsWorkspaceAndNeverToTheOperatorApi() {
    ApiResponse another = op("POST", "/_parley/workspaces", Map.of("name", "another"));
    assertThat(another.status()).as(another.toString()).isEqualTo(200);
    fault("status", 500, "workspace", "another", "count", 5);
    assertThat(api("GET", "/admins").status()).isEqualTo(200);
    fault("status", 500, "count", 5);
    assertThat(op("GET", "/_parley/faults", null).status()).isEqualTo(200);
    assertError(api("GET", "/admins"), 500, "server_error");
  }

  @Test
  void aRuleNamingAnUnknownWorkspaceIs404AndSetsNothing() {
    ApiResponse refused =
        op("POST", "/_parley/faults", Map.of("workspace", "no-such-workspace", "status", 503));
    JsonNode error = assertError(refused, 404, "not_found");
    assertThat(error.path("message").asText()).contains("no-such-workspace");
    assertThat(op("GET", "/_parley/faults", null).json().path("data").size()).isZero();
    assertThat(api("GET", "/admins").status()).isEqualTo(200);
  }

  @Test
  void aDelayAnswersLateWithTheOperationsOwnAnswer() {
    fault("operation_id", "identifyAdmin", "delay_ms", 700);
    long started = System.nanoTime();
    ApiResponse late = api("GET", "/me");
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    assertThat(late.status()).isEqualTo(200);
    assertThat(late.json().path("type").asText()).isEqualTo("admin");
    assertThat(tookMs).as("the answer waited the delay").isGreaterThanOrEqualTo(700);
  }

  @Test
  void aDropClosesTheConnectionWithoutAnAnswer() throws IOException {
    fault("operation_id", "listAdmins", "drop", true);
    // A plain socket: java.net.http retries a GET whose connection closed, which would hide it.
    URI base = URI.create(parley.process().baseUrl());
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      socket
          .getOutputStream()
          .write(
              ("GET /admins HTTP/1.1\r\nHost: parley\r\nAuthorization: Bearer "
                      + parley.process().token()
                      + "\r\nAccept: application/json\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      byte[] answer = socket.getInputStream().readAllBytes();
      assertThat(new String(answer, StandardCharsets.US_ASCII)).as("no HTTP answer").isEmpty();
    }
    assertThat(api("GET", "/admins").status()).isEqualTo(200);
    assertThat(parley.process().log()).contains("action=drop");
  }

  @Test
  void aFractionAppliesToAboutThatShareUntilCleared() {
    JsonNode rule = fault("operation_id", "listAdmins", "status", 500, "fraction", 0.5);
    assertThat(rule.path("remaining").isNull()).as("no limit").isTrue();
    int refused = 0;
    for (int i = 0; i < 200; i++) {
      if (api("GET", "/admins").status() == 500) {
        refused++;
      }
    }
    // 200 draws at 0.5: outside 60..140 with a probability below 1e-8.
    assertThat(refused).isBetween(60, 140);
    JsonNode listed = op("GET", "/_parley/faults", null).json().path("data").path(0);
    assertThat(listed.path("injected").asInt()).isEqualTo(refused);
    assertThat(op("DELETE", "/_parley/faults/" + rule.path("id").asText(), null).status())
        .isEqualTo(200);
    assertThat(api("GET", "/admins").status()).isEqualTo(200);
    assertError(
        op("DELETE", "/_parley/faults/" + rule.path("id").asText(), null), 404, "not_found");
  }

  @Test
  void rulesAreListedInOrderAndClearedAllAtOnce() {
    fault("operation_id", "listAdmins", "status", 500, "count", 3);
    fault("status", 503, "count", 3);
    JsonNode list = op("GET", "/_parley/faults", null).json();
    assertThat(list.path("type").asText()).isEqualTo("list");
    assertThat(list.path("data").size()).isEqualTo(2);
    assertThat(list.path("data").path(0).path("operation_id").asText()).isEqualTo("listAdmins");
    assertThat(list.path("data").path(1).path("operation_id").isNull()).as("any").isTrue();
    assertError(api("GET", "/admins"), 500, "server_error");
    assertError(api("GET", "/me"), 503, "service_unavailable");
    assertThat(op("DELETE", "/_parley/faults", null).json().path("deleted").asInt()).isEqualTo(2);
    assertThat(api("GET", "/admins").status()).isEqualTo(200);
  }

  @Test
  void badRulesAre400NamingTheFieldAndAddNothing() {
    for (Object[] bad :
        List.of(
            new Object[] {Map.of("operation_id", "noSuchOperation", "status", 500), "operation_id"},
            new Object[] {Map.of("operation_id", "getClock", "status", 500), "operation_id"},
            new Object[] {Map.of("status", 200), "status"},
            new Object[] {Map.of("status", 99999999999L), "status"},
            new Object[] {Map.of("status", "x"), "status"},
            new Object[] {Map.of("status", 500, "count", 0), "count"},
            new Object[] {Map.of("status", 500, "fraction", 1.5), "fraction"},
            new Object[] {Map.of("status", 500, "fraction", "half"), "fraction"},
            new Object[] {Map.of("delay_ms", -1), "delay_ms"},
            new Object[] {Map.of("delay_ms", 300_001), "delay_ms"},
            new Object[] {Map.of("count", 2), "status"})) {
      ApiResponse response = op("POST", "/_parley/faults", bad[0]);
      assertThat(response.status()).as(bad[0] + ": " + response).isEqualTo(400);
      assertThat(response.json().path("errors").path(0).path("field").asText())
          .as(bad[0].toString())
          .isEqualTo(bad[1]);
    }
    assertThat(op("GET", "/_parley/faults", null).json().path("data").size()).isZero();
  }

  @Test
  void onlyTheOperatorTokenReachesTheRoutes() {
    fault("operation_id", "listAdmins", "status", 500, "count", 100);
    for (String[] route :
        new String[][] {
          {"POST", "/_parley/faults"},
          {"GET", "/_parley/faults"},
          {"DELETE", "/_parley/faults"},
          {"DELETE", "/_parley/faults/1"}
        }) {
      for (String token : new String[] {OP + "x", parley.process().token(), null}) {
        ApiResponse response =
            raw(
                parley.process(),
                token,
                route[0],
                route[1],
                route[0].equals("POST") ? Map.of("status", 500) : null);
        assertThat(response.status()).as(route[0] + " " + route[1]).isEqualTo(401);
      }
    }
    assertThat(op("GET", "/_parley/faults", null).json().path("data").size())
        .as("nothing added or cleared")
        .isEqualTo(1);
  }
}
