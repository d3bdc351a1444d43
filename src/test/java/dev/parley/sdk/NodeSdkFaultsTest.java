package dev.parley.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ParleyExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's "a test whose client retries after an injected 429 and succeeds": {@code
 * src/test/node/sdk-scenario-faults.mjs} sets faults through {@code /_parley/faults} and drives
 * Intercom's official Node SDK into them. The SDK retries the injected 429 and 503 of {@code
 * listAdmins} and its call succeeds; an injected 404 reaches the caller as the SDK's error, with
 * Intercom's error code.
 *
 * <p>Without {@code node} and {@code npm} on the PATH every test is aborted (reported as skipped,
 * with the reason).
 */
class NodeSdkFaultsTest {
  private static final String SCRIPT = "sdk-scenario-faults.mjs";

  @TempDir static Path root;
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static NodeSdk.Run scenario;
  static String skipReason;

  @BeforeAll
  static void runScenario() throws Exception {
    skipReason = NodeSdk.skipReason("NodeSdkFaultsTest");
    if (skipReason != null) {
      return;
    }
    scenario = NodeSdk.installAndRun(SCRIPT, parley.process(), root);
  }

  @BeforeEach
  void skipWithoutNode() {
    if (skipReason != null) {
      Assumptions.abort(skipReason);
    }
  }

  private static JsonNode call(JsonNode result, String name) {
    for (JsonNode call : result.path("calls")) {
      if (call.path("call").asText().equals(name)) {
        return call;
      }
    }
    throw new AssertionError("no call " + name + " in " + result);
  }

  private static List<Integer> statuses(JsonNode call) {
    List<Integer> statuses = new ArrayList<>();
    call.path("exchanges").forEach(e -> statuses.add(e.path("status").asInt()));
    return statuses;
  }

  @Test
  void theSdkRetriesAnInjected429And503AndItsCallSucceeds() {
    JsonNode result = NodeSdk.result(SCRIPT, scenario, parley.process().log());
    assertThat(result.path("sdk_version").asText()).startsWith("7.");
    JsonNode list = call(result, "admins.list");
    assertThat(list.path("ok").asBoolean()).isTrue();
    assertThat(list.path("admins").asInt()).isEqualTo(1);
    assertThat(statuses(list)).as(result.toString()).containsExactly(429, 503, 200);
    JsonNode exchanges = list.path("exchanges");
    assertThat(exchanges.get(0).path("fault").asText())
        .isEqualTo(result.path("rules").get(0).path("id").asText());
    assertThat(exchanges.get(0).path("remaining").asText()).isEqualTo("0");
    assertThat(exchanges.get(1).path("fault").asText())
        .isEqualTo(result.path("rules").get(1).path("id").asText());
    assertThat(exchanges.get(2).path("fault").isNull()).isTrue();
  }

  @Test
  void anInjected404ReachesTheCallerAsTheSdksErrorWithoutARetry() {
    JsonNode result = NodeSdk.result(SCRIPT, scenario, parley.process().log());
    JsonNode find = call(result, "conversations.find");
    assertThat(find.path("ok").asBoolean()).isFalse();
    assertThat(find.path("status").asInt()).isEqualTo(404);
    assertThat(find.path("error_code").asText()).isEqualTo("not_found");
    assertThat(statuses(find)).containsExactly(404);
    assertThat(find.path("exchanges").get(0).path("fault").asText())
        .as("the injected 404, not the operation's own")
        .isEqualTo(result.path("rules").get(2).path("id").asText());
    assertThat(result.path("rules_left").asInt()).as("every rule used up").isZero();
  }

  @Test
  void theServerLoggedEachInjection() {
    JsonNode result = NodeSdk.result(SCRIPT, scenario, parley.process().log());
    String log = parley.process().log();
    for (JsonNode rule : result.path("rules")) {
      assertThat(log).contains("fault injected: fault=" + rule.path("id").asText() + " ");
    }
    assertThat(log).containsPattern("GET /admins operation=listAdmins status=429");
    assertThat(log).containsPattern("GET /admins operation=listAdmins status=503");
  }
}
