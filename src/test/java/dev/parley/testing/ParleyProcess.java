package dev.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real parley server in its own JVM ({@code parley serve --port 0}) over a data dir, with its
 * standard output and error captured to a log file outside the data dir. The test classpath is
 * parley's classpath.
 */
public final class ParleyProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");

  private final Process process;
  private final Path dataDir;
  private final Path logFile;
  private final String token;
  private final String databaseUrl;
  private final int port;
  private volatile boolean clockMoved;

  private ParleyProcess(
      Process process, Path dataDir, Path logFile, String token, String databaseUrl, int port) {
    this.process = process;
    this.dataDir = dataDir;
    this.logFile = logFile;
    this.token = token;
    this.databaseUrl = databaseUrl;
    this.port = port;
  }

  /** A builder over a new data dir in {@code root}. */
  public static Builder in(Path root) {
    return new Builder(root);
  }

  /** Configures and starts a server. */
  public static final class Builder {
    private final Path root;
    private String token = "test-token-" + java.util.UUID.randomUUID();
    private String databaseUrl;
    private boolean databaseChosen;
    private final List<String> args = new ArrayList<>();
    private final java.util.Map<String, String> env = new java.util.HashMap<>();
    private String heap = "-Xmx256m";
    private String host = "127.0.0.1";

    Builder(Path root) {
      this.root = root;
    }

    /** The bootstrap token ({@code PARLEY_BOOTSTRAP_TOKEN}); null to let parley generate one. */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /** Use this database URL (PostgreSQL), e.g. to restart on the same database. */
    public Builder databaseUrl(String url) {
      this.databaseUrl = url;
      this.databaseChosen = true;
      return this;
    }

    /**
     * The {@code --host} to bind (default 127.0.0.1); null leaves the flag out (serve's default).
     */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder arg(String... more) {
      args.addAll(List.of(more));
      return this;
    }

    public Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    public ParleyProcess start() {
      try {
        Path dataDir = root.resolve("data");
        Files.createDirectories(dataDir);
        Path log = root.resolve("parley-" + System.nanoTime() + ".log");
        String db = databaseUrl;
        if (!databaseChosen && TestStore.postgres()) {
          db = TestStore.freshPostgresDatabase();
        }
        List<String> command = new ArrayList<>(javaCommand(heap));
        command.add("dev.parley.cli.Main");
        // A small pool: the PostgreSQL round starts many servers on one PostgreSQL, whose
        // connection limit (100 by default) must hold them all.
        command.addAll(
            List.of("serve", "--port", "0", "--data-dir", dataDir.toString(), "--pool-size", "4"));
        if (host != null) {
          command.addAll(List.of("--host", host));
        }
        if (db != null) {
          command.addAll(List.of("--database-url", db, "--database-user", TestStore.pgUser()));
        }
        command.addAll(args);
        ProcessBuilder builder =
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("PARLEY_BOOTSTRAP_TOKEN");
        if (token != null) {
          builder.environment().put("PARLEY_BOOTSTRAP_TOKEN", token);
        }
        builder.environment().put("PARLEY_OPERATOR_TOKEN", OPERATOR_TOKEN);
        builder.environment().putAll(env);
        builder.environment().values().removeIf(String::isEmpty);
        Process process = builder.start();
        int port = awaitPort(process, log);
        return new ParleyProcess(process, dataDir, log, token, db, port);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** {@code java -cp <test classpath>} with a heap limit. */
  public static List<String> javaCommand(String heap) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, heap, "-Djava.awt.headless=true"));
    // The JaCoCo agent the pom sets (coverage of the parley processes); empty without it.
    String agent = System.getProperty("parley.test.javaagent", "");
    if (!agent.isBlank()) {
      command.add(agent);
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    return command;
  }

  private static int awaitPort(Process process, Path log) throws IOException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      Matcher m = LISTENING.matcher(text);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("parley exited with " + process.exitValue() + ":\n" + text);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("parley did not start within 60 s:\n" + Files.readString(log));
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The bootstrap token (every scope). */
  public String token() {
    return token;
  }

  /** A client with the bootstrap token. */
  public Api api() {
    return new Api(baseUrl(), token);
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The PostgreSQL URL, or null on SQLite. */
  public String databaseUrl() {
    return databaseUrl;
  }

  /** Everything the server wrote to standard output and error so far. */
  public String log() {
    try {
      return Files.readString(logFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path logFile() {
    return logFile;
  }

  /** Stops the server as an operator would (SIGTERM) and waits for it to exit. */
  public void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sends SIGTERM and returns at once; {@link #stop} waits for the exit. */
  public void beginStop() {
    process.destroy();
  }

  /** Kills the server at once (SIGKILL), as a crash would. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * Creates an access token with the CLI ({@code token create}) and returns it.
   *
   * @param scopes comma separated, e.g. {@code "read"}
   */
  public String createToken(String workspace, String scopes) {
    Cli.Result result = cli("token", "create", "--workspace", workspace, "--scopes", scopes);
    if (result.exitCode() != 0) {
      throw new AssertionError("token create failed: " + result.output());
    }
    String[] lines = result.output().strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  /**
   * The operator credential every test parley starts with ({@code PARLEY_OPERATOR_TOKEN}), unless
   * the test set its own or none ({@code env("PARLEY_OPERATOR_TOKEN", ...)}).
   */
  public static final String OPERATOR_TOKEN = "test-operator-" + java.util.UUID.randomUUID();

  /**
   * Moves this parley's clock ({@code POST /_parley/clock}, see docs/testing-with-parley.md).
   *
   * @param body {@code {"frozen_at": s}}, {@code {"advance_seconds": n}} or {@code {"real": true}}
   * @return the clock's answer, {@code {"now": s, "frozen": bool}}
   */
  public String moveClock(String body) {
    try {
      java.net.http.HttpResponse<String> response =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(baseUrl() + "/_parley/clock"))
                      .header("Authorization", "Bearer " + OPERATOR_TOKEN)
                      .header("Content-Type", "application/json")
                      .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      clockMoved = true;
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "moving the clock answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Makes the server forget the tokens it found valid ({@code AuthService.CACHE_TTL}, which follows
   * the server clock), so that a token revocation or a workspace (un)restriction just made by the
   * CLI is in effect: moves the clock forward past the cache's time to live, where it stands until
   * {@link #resetClock} (which {@link ParleyExtension} calls after each test).
   */
  public void expireTokenCache() {
    long seconds = dev.parley.domain.workspace.AuthService.CACHE_TTL.toSeconds() + 1;
    moveClock("{\"advance_seconds\": " + seconds + "}");
  }

  /** Whether a test moved this parley's clock since it started or since {@link #resetClock}. */
  public boolean clockMoved() {
    return clockMoved;
  }

  /**
   * Returns this parley to the real clock. A token cached while the clock stood ahead stays cached
   * until the real clock reaches that time plus {@code AuthService.CACHE_TTL}.
   */
  public void resetClock() {
    moveClock("{\"real\": true}");
    clockMoved = false;
  }

  /**
   * Runs a parley CLI command against this server's store, in the test JVM ({@link Cli#inThisJvm}):
   * the command opens the store as its own JVM would, beside this server's process.
   */
  public Cli.Result cli(String... args) {
    return Cli.inThisJvm(dataDir, databaseUrl, args);
  }
}
