package dev.parley.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.Cli;
import dev.parley.testing.ParleyProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two parley processes on one PostgreSQL share each workspace's 10-second window (issue 12,
 * "Rate limits"): together they answer exactly the window's limit, each reserving batches of
 * it from the shared row, and both refuse once it is used up.
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
    cli("admin", "create", "--workspace", "shared-window", "--name", "Owner", "--email", "owner@shared.example");
    // 600 a minute: 100 a window, reserved 2 at a time
    cli("workspace", "rate-limit", "shared-window", "--per-minute", "600");
    String output = cli("token", "create", "--workspace", "shared-window", "--scopes", "read").output();
    String token = output.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce((x, y) -> y).orElseThrow();
    Api onA = new Api(a.baseUrl(), token);
    Api onB = new Api(b.baseUrl(), token);

    // stay inside one window: start when at least 6 seconds of it are left
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> System.currentTimeMillis() % 10_000 < 4_000);
    int okA = 0;
    int okB = 0;
    boolean refusedA = false;
    boolean refusedB = false;
    Set<String> resets = new HashSet<>();
    for (int i = 0; !(refusedA && refusedB) && i < 1000; i++) {
      boolean toA = i % 2 == 0;
      if (toA ? refusedA : refusedB) {
        continue;
      }
      ApiResponse response = (toA ? onA : onB).get("/me");
      resets.add(response.header("X-RateLimit-Reset"));
      assertThat(response.header("X-RateLimit-Limit")).isEqualTo("100");
      if (response.status() == 200) {
        if (toA) {
          okA++;
        } else {
          okB++;
        }
      } else {
        assertThat(response.status()).as(response.toString()).isEqualTo(429);
        assertThat(response.errorCode()).isEqualTo("rate_limit_exceeded");
        assertThat(response.header("X-RateLimit-Remaining")).isEqualTo("0");
        if (toA) {
          refusedA = true;
        } else {
          refusedB = true;
        }
      }
    }
    assertThat(resets).as("all in one window").hasSize(1);
    assertThat(okA + okB).isEqualTo(100);
    assertThat(okA).isGreaterThan(0);
    assertThat(okB).isGreaterThan(0);
  }
}
