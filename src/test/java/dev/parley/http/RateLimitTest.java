package dev.parley.http;

import static dev.parley.http.Acceptance.assertError;
import static dev.parley.http.Acceptance.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.Cli;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.ParleyProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Intercom's rate limits (issue 12, "Rate limits"): {@code X-RateLimit-Limit}, {@code -Remaining}
 * and {@code -Reset} on every authenticated response and on none other; a per-workspace limit set
 * with {@code parley workspace rate-limit} and counted per 10-second window, refused with 429
 * {@code rate_limit_exceeded} "Exceeded rate limit of N in 10_seconds"; and repeated failed
 * authentications from one address throttled with 429.
 *
 * <p>Windows follow the server's clock, aligned on multiples of 10 Unix seconds: a test that must
 * stay inside one window first waits (polling, not sleeping a fixed time) until the window has at
 * least 5 seconds left.
 */
class RateLimitTest {
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();

  /** Of the tests that start a server of their own. */
  @TempDir Path root;

  static Api api;

  @BeforeAll
  static void setUp() {
    api = parley.api();
  }

  /** A new workspace with its own limit and a read token; returns a client with that token. */
  static Api workspaceLimitedTo(String name, long perMinute) {
    Acceptance.workspace(parley.process(), name);
    Acceptance.admin(parley.process(), name, "Owner of " + name, "owner@" + name + ".example");
    Acceptance.cli(
        parley.process(),
        "workspace",
        "rate-limit",
        name,
        "--per-minute",
        Long.toString(perMinute));
    return api.withToken(Acceptance.token(parley.process(), name, null, "read").secret());
  }

  @Test
  void everyAuthenticatedResponseCarriesTheDefaultWindowOf1667() {
    long before = System.currentTimeMillis() / 1000;
    ApiResponse first = api.get("/me");
    ApiResponse second = api.get("/conversations/999999999");
    long after = System.currentTimeMillis() / 1000;
    assertThat(first.status()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(404);
    for (ApiResponse response : List.of(first, second)) {
      assertThat(response.header("X-RateLimit-Limit")).as(response.toString()).isEqualTo("1667");
      long reset = Long.parseLong(response.header("X-RateLimit-Reset"));
      assertThat(reset % 10).isZero();
      assertThat(reset).isGreaterThan(before).isLessThanOrEqualTo(after + 10);
    }
    long remaining = Long.parseLong(first.header("X-RateLimit-Remaining"));
    assertThat(remaining).isBetween(0L, 1666L);
    if (first.header("X-RateLimit-Reset").equals(second.header("X-RateLimit-Reset"))) {
      assertThat(second.header("X-RateLimit-Remaining")).isEqualTo(Long.toString(remaining - 1));
    }
  }

  @Test
  void unauthenticatedResponsesCarryNoRateLimitHeaders() {
    for (ApiResponse response :
        List.of(
            api.withToken(null).get("/me"),
            api.withToken("not-a-parley-token").get("/admins"),
            api.get("/healthz"))) {
      assertThat(response.header("X-RateLimit-Limit")).as(response.toString()).isNull();
      assertThat(response.header("X-RateLimit-Remaining")).as(response.toString()).isNull();
      assertThat(response.header("X-RateLimit-Reset")).as(response.toString()).isNull();
    }
  }

  @Test
  void theEleventhRequestInAWindowOfTenAnswers429AndTheNextWindowAnswersAgain() {
    Api tiny = workspaceLimitedTo("sixty-a-minute", 60);
    // The server clock stands at the start of the next window (windows start at Unix seconds
    // that are multiples of 10) while the eleven requests are made.
    long windowStart = (System.currentTimeMillis() / 1000 / 10 + 1) * 10;
    parley.process().moveClock("{\"frozen_at\": " + windowStart + "}");
    List<String> remaining = new ArrayList<>();
    List<String> resets = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ApiResponse ok = tiny.get("/admins");
      assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
      assertThat(ok.header("X-RateLimit-Limit")).isEqualTo("10");
      remaining.add(ok.header("X-RateLimit-Remaining"));
      resets.add(ok.header("X-RateLimit-Reset"));
    }
    assertThat(remaining).containsExactly("9", "8", "7", "6", "5", "4", "3", "2", "1", "0");
    assertThat(resets).containsOnly(resets.get(0));

    ApiResponse refused = tiny.get("/admins");
    JsonNode error = assertError(refused, 429, "rate_limit_exceeded");
    assertThat(error.path("message").asText()).isEqualTo("Exceeded rate limit of 10 in 10_seconds");
    assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("10");
    assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
    assertThat(refused.header("X-RateLimit-Reset")).isEqualTo(resets.get(0));

    // another workspace has a window of its own
    assertThat(api.get("/admins").status()).isEqualTo(200);

    long reset = Long.parseLong(resets.get(0));
    assertThat(reset).isEqualTo(windowStart + 10);
    parley.process().moveClock("{\"advance_seconds\": 10}");
    ApiResponse next = tiny.get("/admins");
    assertThat(next.status()).as(next.toString()).isEqualTo(200);
    assertThat(Long.parseLong(next.header("X-RateLimit-Reset"))).isEqualTo(reset + 10);
    assertThat(next.header("X-RateLimit-Remaining")).isEqualTo("9");
  }

  @Test
  void aWorkspaceLimitOfZeroSendsNoHeadersAndDefaultFollowsTheServerAgain() {
    Api unlimited = workspaceLimitedTo("unlimited", 0);
    ApiResponse response = unlimited.get("/admins");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("X-RateLimit-Limit")).isNull();
    assertThat(response.header("X-RateLimit-Reset")).isNull();

    String output =
        Acceptance.cli(parley.process(), "workspace", "rate-limit", "unlimited", "--default");
    assertThat(output).contains("workspace unlimited follows the server's rate limit");
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> "1667".equals(unlimited.get("/admins").header("X-RateLimit-Limit")));
  }

  @Test
  void theCliRefusesANegativeLimitAndAnUnknownWorkspace() {
    Cli.Result negative =
        parley.process().cli("workspace", "rate-limit", "default", "--per-minute", "-1");
    assertThat(negative.exitCode()).as(negative.output()).isNotZero();
    assertThat(negative.output()).contains("--per-minute must be 0 (no limit) or more");
    Cli.Result unknown =
        parley.process().cli("workspace", "rate-limit", "no-such-workspace", "--per-minute", "5");
    assertThat(unknown.exitCode()).as(unknown.output()).isNotZero();
  }

  @Test
  void serveHelpNamesTheRateLimitFlags() {
    Cli.Result help = Cli.run((Path) null, null, "serve", "--help");
    assertThat(help.output())
        .contains("--rate-limit-per-minute")
        .contains("(default: 10000, Intercom's")
        .contains("--auth-failures-per-minute")
        .contains("(default: 30)");
  }

  @Test
  void anAddressThatFailedAuthenticationTooOftenGets429EvenWithAValidToken() {
    ParleyProcess throttled =
        ParleyProcess.in(root.resolve("throttled")).arg("--auth-failures-per-minute", "3").start();
    try {
      Api good = throttled.api();
      assertThat(good.get("/me").status()).isEqualTo(200);
      for (String guess : List.of("guess-1", "guess-2", "guess-3")) {
        assertError(good.withToken(guess).get("/me"), 401, "unauthorized");
      }
      for (ApiResponse refused : List.of(good.withToken("guess-4").get("/me"), good.get("/me"))) {
        JsonNode error = assertError(refused, 429, "rate_limit_exceeded");
        assertThat(error.path("message").asText())
            .startsWith("Too many failed authentications from this address");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(refused.header("X-RateLimit-Limit")).isNull();
      }
      // the throttle counts failures per server, not the workspace's window
      assertThat(parley.api().get("/me").status()).isEqualTo(200);
    } finally {
      throttled.stop();
    }
  }

  @Test
  void wrongOperatorTokensCountAgainstTheAddressLikeWrongWorkspaceTokens() {
    String operator = "operator-" + java.util.UUID.randomUUID();
    ParleyProcess throttled =
        ParleyProcess.in(root.resolve("throttled-operator"))
            .arg("--auth-failures-per-minute", "3")
            .env("PARLEY_OPERATOR_TOKEN", operator)
            .start();
    try {
      assertThat(raw(throttled, operator, "GET", "/metrics", null).status()).isEqualTo(200);
      for (String guess : List.of("guess-1", "guess-2", "guess-3")) {
        assertError(raw(throttled, guess, "GET", "/metrics", null), 401, "unauthorized");
      }
      // the address is refused everywhere now: the operator's route and the workspace's
      for (ApiResponse refused :
          List.of(raw(throttled, operator, "GET", "/metrics", null), throttled.api().get("/me"))) {
        assertError(refused, 429, "rate_limit_exceeded");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
      }
    } finally {
      throttled.stop();
    }
  }
}
