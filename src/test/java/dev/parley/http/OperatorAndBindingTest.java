package dev.parley.http;

import static dev.parley.http.Acceptance.assertError;
import static dev.parley.http.Acceptance.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.Cli;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.ParleyProcess;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's security items: {@code GET /metrics} answers to the operator credential ({@code
 * PARLEY_OPERATOR_TOKEN}) only, never to a workspace token, and 404 when none is set; chosen
 * secrets shorter than 32 characters are refused at start; {@code serve} binds 127.0.0.1 unless
 * {@code --host} says otherwise.
 */
class OperatorAndBindingTest {
  static final String OPERATOR_TOKEN = "operator-" + java.util.UUID.randomUUID();

  /** Started with serve's default address and an operator token. */
  @RegisterExtension
  static final ParleyExtension parley =
      ParleyExtension.perClass()
          .host(null)
          .env("PARLEY_OPERATOR_TOKEN", OPERATOR_TOKEN)
          .arg("--auth-failures-per-minute", "0");

  /** Of the tests that start a server of their own. */
  @TempDir Path root;

  static Acceptance.Token readToken;

  @BeforeAll
  static void setUp() {
    readToken = Acceptance.token(parley.process(), "default", null, "read");
  }

  @Test
  void metricsAnswerTheOperatorToken() {
    ApiResponse response = raw(parley.process(), OPERATOR_TOKEN, "GET", "/metrics", null);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.header("Content-Type")).startsWith("text/plain");
    assertThat(response.body()).contains("parley_http_requests");
  }

  @Test
  void theClockRouteFreezesAdvancesAndReturnsToRealForTheOperatorOnly() {
    assertError(
        raw(parley.process(), parley.process().token(), "GET", "/_parley/clock", null),
        401,
        "unauthorized");
    ApiResponse frozen =
        raw(
            parley.process(),
            OPERATOR_TOKEN,
            "POST",
            "/_parley/clock",
            java.util.Map.of("frozen_at", 1_000_000));
    assertThat(frozen.status()).as(frozen.toString()).isEqualTo(200);
    assertThat(frozen.json().path("now").asLong()).isEqualTo(1_000_000);
    assertThat(frozen.json().path("frozen").asBoolean()).isTrue();
    ApiResponse advanced =
        raw(
            parley.process(),
            OPERATOR_TOKEN,
            "POST",
            "/_parley/clock",
            java.util.Map.of("advance_seconds", 5));
    assertThat(advanced.json().path("now").asLong()).isEqualTo(1_000_005);
    ApiResponse real =
        raw(
            parley.process(),
            OPERATOR_TOKEN,
            "POST",
            "/_parley/clock",
            java.util.Map.of("real", true));
    assertThat(real.json().path("frozen").asBoolean()).isFalse();
    assertThat(real.json().path("now").asLong())
        .isBetween(Acceptance.now() - 1, Acceptance.now() + 1);
  }

  @Test
  void aClockMoveOutOfRangeAmbiguousOrEmptyIsRefusedAndTheClockStays() {
    ApiResponse frozen =
        raw(parley.process(), OPERATOR_TOKEN, "POST", "/_parley/clock", Map.of("frozen_at", 2_000));
    assertThat(frozen.status()).as(frozen.toString()).isEqualTo(200);
    java.util.List<Map<String, Object>> refused =
        java.util.List.of(
            Map.of("advance_seconds", Long.MAX_VALUE),
            Map.of("advance_seconds", Long.MIN_VALUE),
            Map.of("advance_seconds", -2_001),
            Map.of("frozen_at", -1),
            Map.of("frozen_at", 253_402_300_800L),
            Map.of(),
            Map.of("real", false),
            Map.of("real", true, "advance_seconds", 5),
            Map.of("frozen_at", 3_000, "advance_seconds", 5));
    for (Map<String, Object> body : refused) {
      JsonNode error =
          assertError(
              raw(parley.process(), OPERATOR_TOKEN, "POST", "/_parley/clock", body),
              400,
              "parameter_invalid");
      assertThat(error.path("field").asText())
          .as(body.toString())
          .isIn("frozen_at", "advance_seconds", "real");
    }
    ApiResponse after = raw(parley.process(), OPERATOR_TOKEN, "GET", "/_parley/clock", null);
    assertThat(after.json().path("now").asLong()).isEqualTo(2_000);
    ApiResponse back =
        raw(
            parley.process(),
            OPERATOR_TOKEN,
            "POST",
            "/_parley/clock",
            Map.of("advance_seconds", -2_000));
    assertThat(back.json().path("now").asLong()).isZero();
    raw(parley.process(), OPERATOR_TOKEN, "POST", "/_parley/clock", Map.of("real", true));
  }

  @Test
  void aWrongMethodOnAnOperatorPathWithTheOperatorTokenIsNotA401() {
    for (String[] call :
        new String[][] {
          {"PUT", "/_parley/workspaces"},
          {"PATCH", "/_parley/clock"},
          {"DELETE", "/_parley/clock"},
          {"GET", "/_parley/workspaces/default/reset"},
          {"PUT", "/_parley/faults"},
          {"GET", "/_parley/nothing-here"}
        }) {
      ApiResponse answer = raw(parley.process(), OPERATOR_TOKEN, call[0], call[1], null);
      assertThat(answer.status()).as(String.join(" ", call) + " " + answer).isIn(404, 405);
      assertThat(answer.json().path("type").asText()).isEqualTo("error.list");
      assertError(
          raw(parley.process(), parley.process().token(), call[0], call[1], null),
          401,
          "unauthorized");
    }
  }

  @Test
  void metricsRefuseEveryWorkspaceTokenAndNoToken() {
    for (String token :
        new String[] {parley.process().token(), readToken.secret(), null, OPERATOR_TOKEN + "x"}) {
      ApiResponse response = raw(parley.process(), token, "GET", "/metrics", null);
      assertError(response, 401, "unauthorized");
      assertThat(response.body()).doesNotContain("parley_http_requests");
    }
    // The trailing slash reaches the same route (ignoreTrailingSlashes): same rule.
    ApiResponse slash = raw(parley.process(), parley.process().token(), "GET", "/metrics/", null);
    assertThat(slash.status()).as(slash.toString()).isEqualTo(401);
    assertThat(slash.body()).doesNotContain("parley_http_requests");
  }

  @Test
  void theOperatorTokenOpensNoWorkspace() {
    assertError(raw(parley.process(), OPERATOR_TOKEN, "GET", "/admins", null), 401, "unauthorized");
  }

  @Test
  void serveBindsLoopbackByDefault() throws IOException {
    assertThat(parley.process().log())
        .contains("listening on port " + parley.process().port() + ", address 127.0.0.1,");
    assertThat(raw(parley.process(), null, "GET", "/healthz", null).status()).isEqualTo(200);
    InetAddress outside = nonLoopbackAddress();
    assertThatThrownBy(() -> connect(outside, parley.process().port()))
        .as("connecting to %s:%d", outside, parley.process().port())
        .isInstanceOf(ConnectException.class);
  }

  /** One server for both: {@code --host 0.0.0.0}, and no operator token. */
  @Test
  void hostZeroZeroZeroZeroServesEveryInterfaceAndMetricsAnswer404WithoutAnOperatorToken()
      throws IOException {
    try (ParleyProcess everywhere =
        ParleyProcess.in(root.resolve("every-interface"))
            .host("0.0.0.0")
            .env("PARLEY_OPERATOR_TOKEN", "")
            .start()) {
      assertError(raw(everywhere, everywhere.token(), "GET", "/metrics", null), 404, "not_found");
      assertError(raw(everywhere, null, "GET", "/metrics", null), 404, "not_found");

      assertThat(everywhere.log()).contains("address 0.0.0.0,");
      InetAddress outside = nonLoopbackAddress();
      ApiResponse health =
          raw(
              "GET",
              "http://" + outside.getHostAddress() + ":" + everywhere.port() + "/healthz",
              Map.of(),
              null);
      assertThat(health.status()).as(health.toString()).isEqualTo(200);
    }
  }

  @Test
  void shortChosenTokensAreRefusedAtStartWithExitCode2() {
    for (String variable : new String[] {"PARLEY_BOOTSTRAP_TOKEN", "PARLEY_OPERATOR_TOKEN"}) {
      Cli.Result result =
          Cli.run(
              Map.of(variable, "x".repeat(31)),
              root.resolve("short-" + variable),
              null,
              "serve",
              "--port",
              "0");
      assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
      assertThat(result.output())
          .contains("error: " + variable + " must be at least 32 characters (it has 31)")
          .doesNotContain("Exception")
          .doesNotContain("x".repeat(31))
          .doesNotContain("listening");
    }
    Cli.Result spaced =
        Cli.run(
            Map.of("PARLEY_BOOTSTRAP_TOKEN", "a token with spaces that is long enough"),
            root.resolve("spaced"),
            null,
            "serve",
            "--port",
            "0");
    assertThat(spaced.exitCode()).as(spaced.output()).isEqualTo(2);
    assertThat(spaced.output()).contains("only printable ASCII characters without spaces");
  }

  private static void connect(InetAddress address, int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 5_000);
    }
  }

  /** An IPv4 address of this machine other than loopback; the test is skipped without one. */
  private static InetAddress nonLoopbackAddress() throws SocketException {
    Optional<InetAddress> found =
        Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
            .filter(OperatorAndBindingTest::up)
            .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
            .filter(
                a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
            .findFirst();
    if (found.isEmpty()) {
      System.err.println(
          "*** SKIPPED: this machine has no non-loopback IPv4 address to test the bind address"
              + " against");
    }
    Assumptions.assumeTrue(found.isPresent(), "no non-loopback IPv4 address on this machine");
    return found.get();
  }

  private static boolean up(NetworkInterface i) {
    try {
      return i.isUp() && !i.isLoopback();
    } catch (SocketException e) {
      return false;
    }
  }
}
