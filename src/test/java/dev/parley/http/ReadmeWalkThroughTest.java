package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Executables;
import dev.parley.testing.TestStore;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
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
 * The README's walk-through, taken from README.md exactly as written (its {@code ```sh} block) and
 * run with bash as a new user pastes it: it must start its own server, wait for it, create, reply,
 * retrieve and erase a conversation, show the 404 and the erasure log, stop the server, and exit 0.
 * A first user's paste once got 401 on every call (a bootstrap token set on a store bootstrapped
 * before), curl before the server listened, and SQLITE_BUSY.
 *
 * <p>{@code target/parley.jar} is, for this run, a jar holding only a manifest whose class path is
 * this build's classes and dependencies (the real jar is made after the tests, in {@code package});
 * the block runs in a directory holding that jar, with {@code PORT} set to a free port. Without
 * bash, curl, jq, od or mktemp the test is skipped, loudly.
 */
class ReadmeWalkThroughTest {
  private static final String SECTION = "## A walk-through with curl (and jq)";

  @TempDir Path dir;

  @Test
  void theWalkThroughRunsAsWrittenAndErasesItsConversation() throws Exception {
    Assumptions.assumeFalse(
        TestStore.postgres(), "the walk-through runs on its own SQLite data dir; once is enough");
    for (String tool : List.of("bash", "curl", "jq", "od", "mktemp")) {
      if (Executables.onPath(tool).isEmpty()) {
        String reason =
            "ReadmeWalkThroughTest SKIPPED: '"
                + tool
                + "' is not on the PATH; the README walk-through was NOT run";
        System.err.println("*".repeat(100) + "\n" + reason + "\n" + "*".repeat(100));
        Assumptions.abort(reason);
      }
    }
    Path script = dir.resolve("walk-through.sh");
    Files.writeString(script, walkThrough(), StandardCharsets.UTF_8);
    Path work = dir.resolve("project");
    Executables.launcherJar(work.resolve("target").resolve("parley.jar"));
    String java = Path.of(System.getProperty("java.home"), "bin").toString();

    Executables.Run run =
        Executables.run(
            List.of(Executables.onPath("bash").orElseThrow().toString(), script.toString()),
            work,
            Map.of(
                "PORT",
                Integer.toString(freePort()),
                "PATH",
                java + File.pathSeparator + System.getenv("PATH"),
                "PARLEY_BOOTSTRAP_TOKEN",
                ""),
            Duration.ofMinutes(3),
            dir.resolve("output"));
    String out = run.stdout();
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(0);

    Matcher ids = Pattern.compile("contact ([0-9a-f]{24}), conversation ([0-9]+)").matcher(out);
    assertThat(ids.find()).as(run.describe()).isTrue();
    String conversation = ids.group(2);
    assertThat(out.lines().filter(l -> l.equals("200")).count())
        .as("the three replies' statuses\n%s", out)
        .isEqualTo(3);
    assertThat(out)
        .contains("{\"part_type\":\"comment\",\"body\":\"Here is the guide\"}")
        .contains("{\"part_type\":\"note\",\"body\":\"solved\"}")
        .contains("{\"id\":\"" + conversation + "\",\"object\":\"conversation\",\"deleted\":true}")
        .containsPattern("\"errors\":\\[\\{\"code\":\"not_found\"")
        .contains("\"conversations\":[{\"type\":\"conversation\",\"id\":\"" + conversation + "\"")
        .containsPattern("(?m)^" + conversation + "\t\\S+\t\\d+\t\\d+\t3\t1\ttrue$")
        .contains("parley stopped")
        .doesNotContain("IGNORED")
        .doesNotContain("SQLITE_BUSY")
        .doesNotContain("Exception");
    assertThat(out + run.stderr()).doesNotContain("\"code\":\"unauthorized\"");
  }

  /** The first {@code ```sh} block of the walk-through section of README.md, as written. */
  static String walkThrough() throws IOException {
    Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    String readme = Files.readString(base.resolve("README.md"), StandardCharsets.UTF_8);
    int section = readme.indexOf(SECTION);
    assertThat(section).as("README.md has the section %s", SECTION).isNotNegative();
    int start = readme.indexOf("```sh\n", section);
    int end = readme.indexOf("\n```", start + 6);
    assertThat(start).as("a ```sh block in %s", SECTION).isPositive();
    return readme.substring(start + 6, end + 1);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
