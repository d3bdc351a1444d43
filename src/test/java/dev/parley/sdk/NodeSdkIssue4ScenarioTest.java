package dev.parley.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Cli;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives a real parley with Intercom's official Node SDK ({@code intercom-client}, pinned in
 * {@code src/test/node/package.json}) through {@code src/test/node/sdk-scenario-issue4.mjs}: the
 * operations of issue 4, each called the way an integration written against Intercom calls it.
 * The script prints what the SDK observed as one {@code SCENARIO_RESULT} JSON line; the tests
 * here check those values.
 *
 * <p>Without {@code node} and {@code npm} on the PATH every test is aborted (reported as
 * skipped, with the reason) after a loud message on standard error.
 */
class NodeSdkIssue4ScenarioTest {
  private static final String SCRIPT = "sdk-scenario-issue4.mjs";

  @TempDir static Path root;
  static ParleyProcess parley;
  static NodeSdk.Run scenario;
  /** Why the tests cannot run here (no node or npm), or null. */
  static String skipReason;

  @BeforeAll
  static void runScenario() throws Exception {
    // Aborted in @BeforeEach, not here: an abort in @BeforeAll is not counted as skipped
    // by Surefire, so the report would show no test at all.
    skipReason = NodeSdk.skipReason("NodeSdkIssue4ScenarioTest");
    if (skipReason != null) {
      return;
    }
    NodeSdk.install(root.resolve("npm-ci"));
    parley = ParleyProcess.in(root).start();
    String otherAdmin =
        idOf(parley.cli("admin", "create", "--workspace", "default", "--name", "Ana", "--email", "ana@example.com"));
    String admin = new Scenario(parley.api()).adminId();
    String team =
        idOf(parley.cli("team", "create", "--workspace", "default", "--name", "Support", "--admin", admin, "--admin", otherAdmin));
    scenario =
        NodeSdk.scenario(
            SCRIPT,
            Map.of(
                "PARLEY_BASE_URL", parley.baseUrl(),
                "PARLEY_TOKEN", parley.token(),
                "PARLEY_TEAM_ID", team,
                "PARLEY_OTHER_ADMIN_ID", otherAdmin),
            root.resolve("scenario"));
  }

  @BeforeEach
  void skipWithoutNode() {
    if (skipReason != null) {
      Assumptions.abort(skipReason);
    }
  }

  @AfterAll
  static void stop() {
    if (parley != null) {
      parley.stop();
    }
  }

  @Test
  void theSdkScenarioRunsToItsEndWithoutAnSdkError() {
    assertThat(result().path("sdk_version").asText()).startsWith("7.");
  }

  private static JsonNode result() {
    return NodeSdk.result(SCRIPT, scenario, parley.log());
  }

  private static List<String> texts(JsonNode array) {
    return NodeSdk.texts(array);
  }

  /** The id at the end of a CLI command's last output line ("... created: <id>"). */
  private static String idOf(Cli.Result result) {
    assertThat(result.exitCode()).as(result.output()).isZero();
    String[] lines = result.output().strip().split("\n");
    String line = lines[lines.length - 1].strip();
    return line.substring(line.lastIndexOf(' ') + 1);
  }
}
