package dev.parley.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.ParleyProcess;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the Node SDK scenario tests share: finding {@code node} and {@code npm}, installing the
 * pinned {@code intercom-client} in {@code src/test/node} with {@code npm ci} on first use, running
 * a scenario script, and reading its one {@code SCENARIO_RESULT <json>} line.
 */
final class NodeSdk {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RESULT_PREFIX = "SCENARIO_RESULT ";
  private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration SCENARIO_TIMEOUT = Duration.ofMinutes(2);

  private NodeSdk() {}

  /** One finished command: exit code (null when it timed out) and its output. */
  record Run(Integer exitCode, String stdout, String stderr) {
    String describe() {
      return "exit code: "
          + (exitCode == null ? "none (timed out)" : exitCode)
          + "\n--- stdout ---\n"
          + stdout
          + "\n--- stderr ---\n"
          + stderr;
    }
  }

  /**
   * Why a test class named {@code testName} cannot run here (no {@code node} or {@code npm} on the
   * PATH), printed loudly on standard error; or null when both are there.
   */
  static String skipReason(String testName) {
    Optional<Path> node = onPath("node");
    Optional<Path> npm = onPath("npm");
    if (node.isPresent() && npm.isPresent()) {
      return null;
    }
    String message =
        testName
            + " SKIPPED: "
            + (node.isEmpty() ? "'node' " : "")
            + (npm.isEmpty() ? "'npm' " : "")
            + "not found on the PATH; parley was NOT checked against Intercom's official Node SDK."
            + " Install Node.js 18+ with npm to run this test.";
    System.err.println("*".repeat(100));
    System.err.println(message);
    System.err.println("*".repeat(100));
    return message;
  }

  /** Runs {@code npm ci} in the Node project unless {@code intercom-client} is installed. */
  static void install(Path outputs) throws IOException, InterruptedException {
    Path project = nodeProject();
    if (Files.isDirectory(project.resolve("node_modules").resolve("intercom-client"))) {
      return;
    }
    Run install =
        run(
            List.of(onPath("npm").orElseThrow().toString(), "ci", "--no-audit", "--no-fund"),
            project,
            Map.of(),
            NPM_TIMEOUT,
            outputs);
    assertThat(install.exitCode()).as("npm ci in %s\n%s", project, install.describe()).isEqualTo(0);
  }

  /** Runs {@code node script} in the Node project with {@code env} added, to its end. */
  static Run scenario(String script, Map<String, String> env, Path outputs)
      throws IOException, InterruptedException {
    Run run =
        run(
            List.of(onPath("node").orElseThrow().toString(), script),
            nodeProject(),
            env,
            SCENARIO_TIMEOUT,
            outputs);
    System.out.println(script + " " + run.describe());
    return run;
  }

  /**
   * Installs the Node project ({@link #install}, outputs under {@code root/npm-ci}) and runs {@code
   * script} against {@code parley} ({@link #scenario}, outputs under {@code root/scenario}), with
   * {@code PARLEY_BASE_URL}, {@code PARLEY_TOKEN} (the process's workspace token) and {@code
   * PARLEY_OPERATOR_TOKEN} set.
   */
  static Run installAndRun(String script, ParleyProcess parley, Path root)
      throws IOException, InterruptedException {
    install(root.resolve("npm-ci"));
    return scenario(
        script,
        Map.of(
            "PARLEY_BASE_URL",
            parley.baseUrl(),
            "PARLEY_TOKEN",
            parley.token(),
            "PARLEY_OPERATOR_TOKEN",
            ParleyProcess.OPERATOR_TOKEN),
        root.resolve("scenario"));
  }

  /**
   * The scenario's {@code SCENARIO_RESULT} JSON; fails with everything node printed (and {@code
   * parleyLog}) unless it ended cleanly with exactly one such line.
   */
  static JsonNode result(String script, Run scenario, String parleyLog) {
    assertThat(scenario.exitCode())
        .as("node %s\n%s\n--- parley log ---\n%s", script, scenario.describe(), parleyLog)
        .isEqualTo(0);
    List<String> lines =
        scenario.stdout().lines().filter(l -> l.startsWith(RESULT_PREFIX)).toList();
    assertThat(lines).as("one SCENARIO_RESULT line in\n%s", scenario.describe()).hasSize(1);
    try {
      return JSON.readTree(lines.get(0).substring(RESULT_PREFIX.length()));
    } catch (IOException e) {
      throw new AssertionError("SCENARIO_RESULT is not JSON: " + lines.get(0), e);
    }
  }

  /** The array's elements as text. */
  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** {@code src/test/node} under the Maven base directory. */
  static Path nodeProject() {
    Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    Path project = base.resolve("src").resolve("test").resolve("node");
    assertThat(project.resolve("package.json")).as("the Node project of this test").exists();
    return project.toAbsolutePath();
  }

  /** The executable {@code name} on the PATH (with Windows' extensions), if any. */
  static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    boolean windows =
        System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    List<String> names = windows ? List.of(name + ".exe", name + ".cmd", name) : List.of(name);
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      for (String candidate : names) {
        Path file = Path.of(dir, candidate);
        if (Files.isRegularFile(file) && Files.isExecutable(file)) {
          return Optional.of(file);
        }
      }
    }
    return Optional.empty();
  }

  /** Runs a command to its end (or kills it at the timeout), output captured to files. */
  static Run run(
      List<String> command, Path dir, Map<String, String> env, Duration timeout, Path outputs)
      throws IOException, InterruptedException {
    Files.createDirectories(outputs);
    Path out = outputs.resolve("stdout.txt");
    Path err = outputs.resolve("stderr.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    Integer exit = null;
    if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      exit = process.exitValue();
    } else {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    return new Run(
        exit,
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
