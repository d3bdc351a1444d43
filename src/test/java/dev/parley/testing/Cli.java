package dev.parley.testing;

import dev.parley.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code parley <command>}: in its own JVM, as an operator would ({@link #run}), or in the
 * test JVM ({@link #inThisJvm}), which starts in milliseconds instead of seconds and is what {@link
 * ParleyProcess#cli} uses: the command opens the store itself either way, beside the server's
 * process.
 */
public final class Cli {
  private Cli() {}

  /**
   * What a command run by {@link #inThisJvm} prints, to standard output or error, from its own
   * thread; null on every other thread, whose output goes where it always went.
   */
  private static final ThreadLocal<ByteArrayOutputStream> CAPTURED = new ThreadLocal<>();

  static {
    System.setOut(routed(System.out));
    System.setErr(routed(System.err));
  }

  private static PrintStream routed(PrintStream original) {
    OutputStream router =
        new OutputStream() {
          private OutputStream target() {
            ByteArrayOutputStream captured = CAPTURED.get();
            return captured != null ? captured : original;
          }

          @Override
          public void write(int b) throws IOException {
            target().write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            target().write(b, off, len);
          }

          @Override
          public void flush() throws IOException {
            target().flush();
          }
        };
    return new PrintStream(router, true, StandardCharsets.UTF_8);
  }

  /**
   * Runs a command in this JVM ({@code Main.run}, the code {@code main} runs before it exits), with
   * {@code --data-dir} (and {@code --database-url} when not null) appended; what it prints to
   * standard output and error from this thread (its log lines included) is the result's output. Not
   * for {@code serve}, which runs until it is stopped.
   */
  public static Result inThisJvm(Path dataDir, String databaseUrl, String... args) {
    List<String> command = new ArrayList<>(List.of(args));
    if (dataDir != null) {
      command.addAll(List.of("--data-dir", dataDir.toString()));
    }
    if (databaseUrl != null) {
      command.addAll(List.of("--database-url", databaseUrl, "--database-user", TestStore.pgUser()));
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    CAPTURED.set(output);
    int exitCode;
    try {
      exitCode = Main.run(command.toArray(String[]::new));
    } catch (RuntimeException e) {
      // As the JVM would: the stack trace on standard error, exit code 1.
      e.printStackTrace(System.err);
      exitCode = 1;
    } finally {
      System.out.flush();
      System.err.flush();
      CAPTURED.remove();
    }
    return new Result(exitCode, output.toString(StandardCharsets.UTF_8));
  }

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
