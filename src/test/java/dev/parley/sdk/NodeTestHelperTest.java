package dev.parley.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Executables;
import dev.parley.testing.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Node helper ({@code src/test/node/parley-test-helper.mjs}) under its own node:test suite
 * ({@code parley-test-helper.test.mjs}), as a Node project runs it: the helper starts {@code java
 * -jar parley.jar serve} itself, and Intercom's Node SDK drives a workspace per test, a frozen and
 * advanced clock, an injected 429 it retries, the journal, and a snapshot restored. {@code
 * PARLEY_JAR} is a jar holding only a manifest over this build's classpath ({@link
 * Executables#launcherJar}), since the real jar is made after the tests.
 *
 * <p>Without {@code node} and {@code npm} on the PATH the test is aborted (reported as skipped,
 * with the reason).
 */
class NodeTestHelperTest {
  private static final String SUITE = "parley-test-helper.test.mjs";

  @TempDir Path root;

  @Test
  void theHelpersNodeTestSuitePassesWithIntercomsSdk() throws Exception {
    Assumptions.assumeFalse(
        TestStore.postgres(), "the helper starts its own SQLite parley; once is enough");
    String skipReason = NodeSdk.skipReason("NodeTestHelperTest");
    Assumptions.assumeTrue(skipReason == null, skipReason);
    NodeSdk.install(root.resolve("npm-ci"));
    Path jar = root.resolve("parley.jar");
    Executables.launcherJar(jar);

    NodeSdk.Run run =
        NodeSdk.run(
            List.of(
                NodeSdk.onPath("node").orElseThrow().toString(),
                "--test",
                "--test-reporter=tap",
                SUITE),
            NodeSdk.nodeProject(),
            Map.of("PARLEY_JAR", jar.toString(), "JAVA_HOME", System.getProperty("java.home")),
            Duration.ofMinutes(3),
            root.resolve("node-test"));
    System.out.println(SUITE + " " + run.describe());

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(0);
    assertThat(run.stdout())
        .as(run.describe())
        .contains("# tests 5", "# pass 5", "# fail 0")
        .contains("ok 2 - the SDK retries an injected 429 and its call succeeds");
  }
}
