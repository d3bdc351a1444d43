package dev.parley.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Cli;
import dev.parley.testing.ParleyExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Intercom's Node SDK ({@code intercom-client}) against parley's rate limit, through {@code
 * src/test/node/sdk-scenario-rate-limit.mjs}: a workspace limited to one request per 10-second
 * window (6 a minute, set with {@code parley workspace rate-limit}) drives the SDK into a 429; the
 * SDK waits until {@code X-RateLimit-Reset}, retries, and its call succeeds.
 *
 * <p>Without {@code node} and {@code npm} on the PATH every test is aborted (reported as skipped,
 * with the reason).
 */
class NodeSdkRateLimitTest {
  @TempDir static Path root;
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static NodeSdk.Run scenario;
  static String skipReason;

  @BeforeAll
  static void runScenario() throws Exception {
    skipReason = NodeSdk.skipReason("NodeSdkRateLimitTest");
    if (skipReason != null) {
      return;
    }
    NodeSdk.install(root.resolve("npm-ci"));
    Cli.Result created = parley.process().cli("workspace", "create", "tiny");
    assertThat(created.exitCode()).as(created.output()).isZero();
    Cli.Result limited =
        parley.process().cli("workspace", "rate-limit", "tiny", "--per-minute", "6");
    assertThat(limited.exitCode()).as(limited.output()).isZero();
    assertThat(limited.output())
        .contains("workspace tiny may make 6 requests per minute (1 per 10 seconds)");
    Cli.Result admin =
        parley
            .process()
            .cli(
                "admin",
                "create",
                "--workspace",
                "tiny",
                "--name",
                "Tiny Owner",
                "--email",
                "owner@tiny.example");
    assertThat(admin.exitCode()).as(admin.output()).isZero();
    Cli.Result token =
        parley.process().cli("token", "create", "--workspace", "tiny", "--scopes", "read");
    assertThat(token.exitCode()).as(token.output()).isZero();
    String secret =
        token
            .output()
            .lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty())
            .reduce((a, b) -> b)
            .orElseThrow();
    scenario =
        NodeSdk.scenario(
            "sdk-scenario-rate-limit.mjs",
            Map.of("PARLEY_BASE_URL", parley.process().baseUrl(), "PARLEY_TOKEN", secret),
            root.resolve("scenario"));
  }

  @BeforeEach
  void skipWithoutNode() {
    if (skipReason != null) {
      Assumptions.abort(skipReason);
    }
  }

  @Test
  void theSdkBacksOffAfterA429UntilTheResetAndItsCallSucceeds() {
    JsonNode result =
        NodeSdk.result("sdk-scenario-rate-limit.mjs", scenario, parley.process().log());
    assertThat(result.path("sdk_version").asText()).startsWith("7.");
    JsonNode calls = result.path("calls");
    JsonNode last = calls.get(calls.size() - 1);
    assertThat(last.path("ok").asBoolean()).isTrue();
    assertThat(last.path("admins").asInt()).isEqualTo(1);
    JsonNode exchanges = last.path("exchanges");
    List<Integer> statuses = new ArrayList<>();
    exchanges.forEach(e -> statuses.add(e.path("status").asInt()));
    assertThat(statuses).as(result.toString()).containsExactly(429, 200);

    JsonNode refused = exchanges.get(0);
    JsonNode retried = exchanges.get(1);
    assertThat(refused.path("limit").asText()).isEqualTo("1");
    assertThat(refused.path("remaining").asText()).isEqualTo("0");
    long reset = Long.parseLong(refused.path("reset").asText());
    // The SDK waited for the window named by X-RateLimit-Reset before it retried, and the
    // retry was counted in that next window.
    assertThat(retried.path("sent_at_ms").asLong()).isGreaterThanOrEqualTo(reset * 1000);
    assertThat(Long.parseLong(retried.path("reset").asText())).isGreaterThanOrEqualTo(reset + 10);
    assertThat(retried.path("limit").asText()).isEqualTo("1");
    assertThat(retried.path("remaining").asText()).isEqualTo("0");
  }

  @Test
  void theServerAnsweredThe429AndLoggedIt() {
    NodeSdk.result("sdk-scenario-rate-limit.mjs", scenario, parley.process().log());
    assertThat(parley.process().log())
        .containsPattern("GET /admins operation=listAdmins status=429");
  }
}
