package dev.parley.testing;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
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
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Finding and running external programs (node, npm) from tests. */
public final class Executables {
  private Executables() {}

  /**
   * One finished command.
   *
   * @param exitCode null when it was killed at its timeout
   */
  public record Run(Integer exitCode, String stdout, String stderr) {
    public String describe() {
      return "exit code: "
          + (exitCode == null ? "none (timed out)" : exitCode)
          + "\n--- stdout ---\n"
          + stdout
          + "\n--- stderr ---\n"
          + stderr;
    }
  }

  /** The executable {@code name} on the PATH (with Windows' extensions), if any. */
  public static Optional<Path> onPath(String name) {
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

  /**
   * Runs a command in {@code dir} to its end, or kills it (and its children) at the timeout;
   * standard output and error go to files under {@code outputs}.
   */
  public static Run run(
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

  /**
   * Writes a jar holding only a manifest: Main-Class parley's, Class-Path this test JVM's
   * classpath, so that {@code java -jar <it>} runs this build's parley as {@code java -jar
   * target/parley.jar} would (the real jar is made after the tests, in {@code package}).
   */
  public static void launcherJar(Path jar) throws IOException {
    Files.createDirectories(jar.getParent());
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(Path.of(entry).toAbsolutePath().toUri().toString());
      }
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.parley.cli.Main");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", entries));
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream ignored = new JarOutputStream(out, manifest)) {
      // the manifest is the whole jar
    }
  }
}
