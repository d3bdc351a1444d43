package dev.parley.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the {@code js} block under the README's "Intercom's Node SDK" heading exactly as written
 * (with {@code node --input-type=module} in {@code src/test/node}, where {@code intercom-client} is
 * installed) against a started parley, with {@code PARLEY_TOKEN} and {@code PARLEY_URL} set: it
 * must exit 0, and the conversation it created must be erased.
 */
class ReadmeNodeSnippetTest {
  @TempDir Path root;

  /** The first {@code ```js} block after the heading {@code ## Intercom's Node SDK}. */
  static String snippet() throws Exception {
    Path readme = NodeSdk.nodeProject().resolve("../../..").normalize().resolve("README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int heading = text.indexOf("\n## Intercom's Node SDK\n");
    assertThat(heading).as("the README's Node SDK heading").isNotNegative();
    Matcher block = Pattern.compile("\n```js\n(.*?)\n```\n", Pattern.DOTALL).matcher(text);
    assertThat(block.find(heading)).as("a js block under the heading").isTrue();
    return block.group(1);
  }

  @Test
  void theReadmesNodeSdkSnippetRunsAsWrittenAndDeletesTheConversationItCreated() throws Exception {
    String skip = NodeSdk.skipReason("ReadmeNodeSnippetTest");
    Assumptions.assumeTrue(skip == null, skip);
    String code = snippet();
    NodeSdk.install(root.resolve("npm-ci"));
    ParleyProcess parley = ParleyProcess.in(root).start();
    try {
      NodeSdk.Run run =
          NodeSdk.run(
              List.of(
                  NodeSdk.onPath("node").orElseThrow().toString(),
                  "--input-type=module",
                  "--eval",
                  code),
              NodeSdk.nodeProject(),
              Map.of("PARLEY_TOKEN", parley.token(), "PARLEY_URL", parley.baseUrl()),
              Duration.ofMinutes(2),
              root.resolve("snippet"));
      assertThat(run.exitCode())
          .as("%s\n%s\n--- parley log ---\n%s", code, run.describe(), parley.log())
          .isEqualTo(0);
      assertThat(run.stdout()).contains("deleted: true");
      // the snippet's contact stays, its conversation is erased
      assertThat(parley.api().get("/contacts").json().path("total_count").asInt()).isEqualTo(1);
      assertThat(parley.api().get("/conversations").json().path("conversations").size()).isZero();
    } finally {
      parley.stop();
    }
  }
}
