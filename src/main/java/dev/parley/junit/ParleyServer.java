package dev.parley.junit;

import dev.parley.app.CommonPoolParallelism;
import dev.parley.app.Parley;
import dev.parley.config.ParleyConfig;
import dev.parley.domain.ServerClock;
import dev.parley.domain.workspace.Tokens;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A parley server in this JVM: the same {@link Parley} that {@code parley serve} runs, on a new
 * temporary SQLite data dir, listening on a free port of 127.0.0.1, with a random operator token
 * (so the {@code /_parley/} API and the request journal are on). {@link #close()} stops it and
 * deletes the data dir.
 *
 * <p><b>On PostgreSQL.</b> When the system property {@value #DATABASE_URL_PROPERTY} (or the
 * environment variable {@value #DATABASE_URL_ENV}) holds a {@code jdbc:postgresql://} URL, {@link
 * #start()} serves that database instead of SQLite (user and password from {@value
 * #DATABASE_USER_PROPERTY} / {@value #DATABASE_USER_ENV} and {@value #DATABASE_PASSWORD_PROPERTY} /
 * {@value #DATABASE_PASSWORD_ENV}, else the driver's defaults); uploads and export files stay in
 * the temporary data dir. The database is migrated on start and kept afterwards: workspaces are
 * named with a random tag per server ({@code syncsContacts-3f9c2a1b-1}), so runs sharing a database
 * do not collide. Give the tests a database of their own: an empty one, or one earlier runs used.
 * {@link ParleyExtension} starts one per test run; a test or a tool can also start its own:
 *
 * <pre>{@code
 * try (ParleyServer parley = ParleyServer.start()) {
 *   ParleyWorkspace workspace = parley.createWorkspace();
 *   // call workspace.baseUrl() with workspace.token()
 * }
 * }</pre>
 */
public final class ParleyServer implements AutoCloseable {
  /** The system property naming a PostgreSQL database to serve instead of SQLite. */
  public static final String DATABASE_URL_PROPERTY = "parley.junit.databaseUrl";

  /** The environment variable read when {@value #DATABASE_URL_PROPERTY} is not set. */
  public static final String DATABASE_URL_ENV = "PARLEY_JUNIT_DATABASE_URL";

  /** The system property of the PostgreSQL user. */
  public static final String DATABASE_USER_PROPERTY = "parley.junit.databaseUser";

  /** The environment variable read when {@value #DATABASE_USER_PROPERTY} is not set. */
  public static final String DATABASE_USER_ENV = "PARLEY_JUNIT_DATABASE_USER";

  /** The system property of the PostgreSQL password. */
  public static final String DATABASE_PASSWORD_PROPERTY = "parley.junit.databasePassword";

  /** The environment variable read when {@value #DATABASE_PASSWORD_PROPERTY} is not set. */
  public static final String DATABASE_PASSWORD_ENV = "PARLEY_JUNIT_DATABASE_PASSWORD";

  private final Parley parley;
  private final Path dataDir;
  private final String baseUrl;
  private final String operatorToken;
  private final OperatorClient operator;
  private final ParleyClock clock;
  private final ParleyFaults faults;
  private final AtomicInteger workspaces = new AtomicInteger();
  private final String databaseUrl;
  private final String nameTag;
  private final Thread shutdownHook;
  private boolean closed;

  private ParleyServer(Parley parley, Path dataDir, String operatorToken, String databaseUrl) {
    this.parley = parley;
    this.dataDir = dataDir;
    this.databaseUrl = databaseUrl;
    // On a database that outlives the server, names of earlier runs must not be met again.
    this.nameTag =
        databaseUrl == null ? "" : "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    this.baseUrl = "http://127.0.0.1:" + parley.port();
    this.operatorToken = operatorToken;
    this.operator = new OperatorClient(baseUrl, operatorToken);
    this.clock = new ParleyClock(operator);
    this.faults = new ParleyFaults(operator);
    // Stops the server and deletes its data dir if nothing closed it (an older JUnit closes no
    // AutoCloseable in its store; a tool may forget).
    this.shutdownHook = new Thread(this::closeQuietly, "parley-junit-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts a server with {@code serve}'s defaults but for the port (a free one) and data dir, on
   * SQLite, or on the PostgreSQL database that {@value #DATABASE_URL_PROPERTY} or {@value
   * #DATABASE_URL_ENV} names.
   */
  public static ParleyServer start() {
    return start(UnaryOperator.identity());
  }

  /**
   * Starts a server whose configuration {@code adjust} may change, e.g. shorter webhook intervals
   * ({@link ParleyConfig#webhooks()}) or a rate limit. The operator token is always this server's
   * own random one.
   *
   * @param adjust takes the configuration built here (SQLite in a new temporary dir, port 0,
   *     127.0.0.1) and answers the one to start
   * @throws IllegalStateException when parley cannot start (the data dir is deleted then)
   */
  public static ParleyServer start(UnaryOperator<ParleyConfig> adjust) {
    CommonPoolParallelism.widen();
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("parley-junit-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary data dir", e);
    }
    String operatorToken = Tokens.generate();
    ParleyConfig defaults = ParleyConfig.defaults(dataDir);
    String url = setting(DATABASE_URL_PROPERTY, DATABASE_URL_ENV);
    if (url != null) {
      defaults =
          defaults.withStore(
              new ParleyConfig.Store(
                  dataDir,
                  url,
                  setting(DATABASE_USER_PROPERTY, DATABASE_USER_ENV),
                  setting(DATABASE_PASSWORD_PROPERTY, DATABASE_PASSWORD_ENV),
                  null,
                  ParleyConfig.Store.DEFAULT_READER_POOL_SIZE,
                  ParleyConfig.Store.DEFAULT_SQLITE_WAL_LIMIT_BYTES));
    }
    ParleyConfig config =
        adjust
            .apply(
                defaults
                    .withHttp(
                        new ParleyConfig.Http(
                            ParleyConfig.Http.DEFAULT_HOST,
                            0,
                            null,
                            ParleyConfig.Http.DEFAULT_MAX_REQUEST_BYTES))
                    .withOwner(
                        // A chosen bootstrap token, so that no token of 'default' is printed.
                        new ParleyConfig.Owner(
                            ParleyConfig.Owner.DEFAULT_NAME,
                            ParleyConfig.Owner.DEFAULT_EMAIL,
                            Tokens.generate())))
            .withOperatorToken(operatorToken);
    Parley parley = null;
    try {
      parley = new Parley(config, new ServerClock());
      PrintStream discard =
          new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
      parley.start(discard, System.err);
      return new ParleyServer(
          parley, dataDir, operatorToken, config.postgres() ? config.store().databaseUrl() : null);
    } catch (RuntimeException e) {
      if (parley != null) {
        parley.close();
      }
      delete(dataDir);
      throw new IllegalStateException("parley could not start: " + e.getMessage(), e);
    }
  }

  /**
   * The base URL of Intercom's API and of {@code /_parley/}, e.g. {@code http://127.0.0.1:41234}.
   */
  public String baseUrl() {
    return baseUrl;
  }

  /** The port the server listens on. */
  public int port() {
    return parley.port();
  }

  /** The operator credential ({@code Authorization: Bearer <it>} on {@code /_parley/} routes). */
  public String operatorToken() {
    return operatorToken;
  }

  /** A system property, else an environment variable; null when neither is set or blank. */
  private static String setting(String property, String env) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(env);
    }
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** The PostgreSQL URL the server serves, or null on SQLite. */
  public String databaseUrl() {
    return databaseUrl;
  }

  /** The temporary data dir (SQLite database and uploads); deleted by {@link #close()}. */
  public Path dataDir() {
    return dataDir;
  }

  /** The server's clock (one for every workspace). */
  public ParleyClock clock() {
    return clock;
  }

  /** Faults on demand. */
  public ParleyFaults faults() {
    return faults;
  }

  /** A new workspace with a generated name and a token with every scope. */
  public ParleyWorkspace createWorkspace() {
    return createWorkspace("workspace" + nameTag + "-" + workspaces.incrementAndGet());
  }

  /**
   * A new workspace named {@code name} with a token with every scope.
   *
   * @param name 1 to 100 letters, digits, dots, dashes and underscores, starting with a letter or a
   *     digit, not taken
   * @throws IllegalStateException with parley's 400 answer for a bad or taken name
   */
  public ParleyWorkspace createWorkspace(String name) {
    return createWorkspace(name, List.of("read", "write", "delete_conversations_and_metrics"));
  }

  /**
   * A new workspace named {@code name} whose token has exactly {@code scopes}.
   *
   * @param scopes any of {@code read}, {@code write}, {@code delete_conversations_and_metrics}
   */
  public ParleyWorkspace createWorkspace(String name, List<String> scopes) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("scopes", scopes);
    return new ParleyWorkspace(operator, baseUrl, operator.post("/_parley/workspaces", body));
  }

  /** A workspace name from {@code hint} (e.g. a test's name) that no other test here uses. */
  String uniqueName(String hint) {
    String clean = hint.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
    String suffix = nameTag + "-" + workspaces.incrementAndGet();
    if (clean.isEmpty()) {
      clean = "workspace";
    }
    return clean.substring(0, Math.min(clean.length(), 100 - suffix.length())) + suffix;
  }

  /** Stops the server and deletes its data dir; a second call does nothing. */
  @Override
  public void close() {
    closeQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down already: the hook is what called us, or will find us closed
    }
  }

  private synchronized void closeQuietly() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      parley.close();
    } finally {
      delete(dataDir);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  @Override
  public String toString() {
    return "ParleyServer["
        + baseUrl
        + ", data dir "
        + dataDir
        + (databaseUrl == null ? "" : ", PostgreSQL " + databaseUrl)
        + "]";
  }
}
