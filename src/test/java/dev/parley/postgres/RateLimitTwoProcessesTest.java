package dev.parley.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.Cli;
import dev.parley.testing.ParleyProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two parley processes on one PostgreSQL share each workspace's 10-second window (issue 12, "Rate
 * limits"): together they answer exactly the window's limit, reserving it from the shared row, and
 * both refuse once it is used up; never more than the limit in any window.
 */
class RateLimitTwoProcessesTest {
  @TempDir Path root;

  private SharedDatabase shared;
  private ParleyProcess a;
  private ParleyProcess b;

  @BeforeEach
  void startTwoProcesses() {
    shared = new SharedDatabase(root);
    a = shared.start("a");
    b = shared.start("b");
  }

  @AfterEach
  void stop() {
    if (a != null) {
      a.stop();
    }
    if (b != null) {
      b.stop();
    }
  }

  private Cli.Result cli(String... args) {
    Cli.Result result = a.cli(args);
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result;
  }

  @Test
  void twoProcessesTogetherAnswerExactlyTheWindowsLimit() {
    cli("workspace", "create", "shared-window");
    cli(
        "admin",
        "create",
        "--workspace",
        "shared-window",
        "--name",
        "Owner",
        "--email",
        "owner@shared.example");
    // 240 a minute: 40 a window (RateLimitWindowsTest covers reservations of batches)
    cli("workspace", "rate-limit", "shared-window", "--per-minute", "240");
    String output =
        cli("token", "create", "--workspace", "shared-window", "--scopes", "read").output();
    String token =
        output
            .lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty())
            .reduce((x, y) -> y)
            .orElseThrow();
    Api onA = new Api(a.baseUrl(), token);
    Api onB = new Api(b.baseUrl(), token);

    // Each window counted apart (a slow machine may need several): the first window in
    // which both processes answered 429 must have answered exactly its limit in 200s.
    Map<String, Integer> okInWindow = new HashMap<>();
    Map<String, Set<String>> refusedInWindow = new HashMap<>();
    Map<String, Set<String>> servedInWindow = new HashMap<>();
    String complete = null;
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    for (int i = 0; complete == null && System.nanoTime() < deadline; i++) {
      String process = i % 2 == 0 ? "a" : "b";
      ApiResponse response = (process.equals("a") ? onA : onB).get("/me");
      String window = response.header("X-RateLimit-Reset");
      assertThat(response.header("X-RateLimit-Limit")).isEqualTo("40");
      if (response.status() == 200) {
        assertThat(refusedInWindow.getOrDefault(window, Set.of()))
            .as("a process that refused stays refused in its window")
            .doesNotContain(process);
        okInWindow.merge(window, 1, Integer::sum);
        servedInWindow.computeIfAbsent(window, w -> new HashSet<>()).add(process);
      } else {
        assertThat(response.status()).as(response.toString()).isEqualTo(429);
        assertThat(response.errorCode()).isEqualTo("rate_limit_exceeded");
        assertThat(response.header("X-RateLimit-Remaining")).isEqualTo("0");
        Set<String> refused = refusedInWindow.computeIfAbsent(window, w -> new HashSet<>());
        refused.add(process);
        if (refused.size() == 2) {
          complete = window;
        }
      }
      assertThat(okInWindow.getOrDefault(window, 0))
          .as("never over the limit in a window")
          .isLessThanOrEqualTo(40);
    }
    assertThat(complete)
        .as("a window in which both processes answered 429: %s", okInWindow)
        .isNotNull();
    assertThat(okInWindow.get(complete)).isEqualTo(40);
    assertThat(servedInWindow.get(complete)).containsExactlyInAnyOrder("a", "b");
  }
}
