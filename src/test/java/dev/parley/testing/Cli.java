package dev.parley.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code parley <command>} in its own JVM, as an operator would. */
public final class Cli {
  private Cli() {}

  /** The exit code and everything the command printed. */
  public record Result(int exitCode, String output) {}

  /** Runs a command; {@code --data-dir} (and {@code --database-url} when not null) are appended. */
  public static Result run(Path dataDir, String databaseUrl, String... args) {
    return run(java.util.Map.of(), dataDir, databaseUrl, args);
  }

  /**
   * Runs a command with these environment variables added (and {@code PARLEY_BOOTSTRAP_TOKEN} and
   * {@code PARLEY_OPERATOR_TOKEN} from the test's own environment left out).
   */
  public static Result run(
      java.util.Map<String, String> env, Path dataDir, String databaseUrl, String... args) {
    List<String> command = new ArrayList<>(ParleyProcess.javaCommand("-Xmx128m"));
    command.add("dev.parley.cli.Main");
    command.addAll(List.of(args));
    if (dataDir != null) {
      command.addAll(List.of("--data-dir", dataDir.toString()));
    }
    if (databaseUrl != null) {
      command.addAll(List.of("--database-url", databaseUrl, "--database-user", TestStore.pgUser()));
    }
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().remove("PARLEY_BOOTSTRAP_TOKEN");
      builder.environment().remove("PARLEY_OPERATOR_TOKEN");
      builder.environment().putAll(env);
      Process process = builder.start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("parley " + String.join(" ", args) + " did not finish");
      }
      return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
