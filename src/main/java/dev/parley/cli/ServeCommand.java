package dev.parley.cli;

import dev.parley.app.Parley;
import dev.parley.config.ParleyConfig;
import dev.parley.domain.ServerClock;
import dev.parley.domain.workspace.Tokens;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code serve}: runs the HTTP API until the process is stopped. */
@Command(
    name = "serve",
    description = {
      "Serve Intercom's REST API 2.14 on the embedded SQLite store in --data-dir, or on PostgreSQL"
          + " with --database-url.",
      "On a store with no workspace, creates workspace 'default', an owner admin and an access"
          + " token",
      "with every scope: PARLEY_BOOTSTRAP_TOKEN names it (at least 32 characters), otherwise a"
          + " random",
      "one is printed once. On a store bootstrapped before, PARLEY_BOOTSTRAP_TOKEN is ignored (with"
          + " a warning).",
      "PARLEY_OPERATOR_TOKEN (at least 32 characters) is the credential GET /metrics answers to;",
      "without it /metrics answers 404."
    })
public final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Mixin StoreOptions store;

  @Option(
      names = "--port",
      description = "HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE}).",
      defaultValue = "8080")
  int port;

  @Option(
      names = "--host",
      description =
          "Address to bind (default: ${DEFAULT-VALUE}, this machine only); 0.0.0.0 for every"
              + " interface, e.g. in a container or behind a load balancer.",
      defaultValue = ParleyConfig.Http.DEFAULT_HOST)
  String host;

  @Option(
      names = "--public-url",
      description = "Base URL of upload links (default: taken from each request's Host).")
  String publicUrl;

  @Option(
      names = "--max-request-size",
      description =
          "Largest request body in bytes; larger ones get 413 (default: ${DEFAULT-VALUE}).",
      defaultValue = "26214400")
  long maxRequestBytes;

  @Option(
      names = "--pool-size",
      description =
          "Read connections (SQLite), or the most connections the process holds, half for writes"
              + " and half for reads (PostgreSQL) (default: ${DEFAULT-VALUE}).",
      defaultValue = "8")
  int poolSize;

  @Option(
      names = "--drain-interval",
      description =
          "Seconds between drains of the upload deletion queue (default: ${DEFAULT-VALUE}).",
      defaultValue = "60")
  int drainInterval;

  @Option(
      names = "--vacuum-after-erasure-seconds",
      description =
          "PostgreSQL: VACUUM the erased tables in the background at most once per this many"
              + " seconds after erasures; 0 never (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + ParleyConfig.Maintenance.DEFAULT_VACUUM_AFTER_ERASURE_SECONDS)
  int vacuumAfterErasureSeconds;

  @Option(
      names = "--search-timeout-seconds",
      description =
          "A search running longer than this many seconds is cancelled and answers 408"
              + " request_timeout; 0 never (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + ParleyConfig.Limits.DEFAULT_SEARCH_TIMEOUT_SECONDS)
  int searchTimeoutSeconds;

  @Option(
      names = "--upload-intent-timeout",
      description =
          "Seconds after which the bytes of an upload whose reply never committed (a crash) are"
              + " removed by the drain; a reply still running then fails. On SQLite they are"
              + " removed at start-up (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + ParleyConfig.Maintenance.DEFAULT_UPLOAD_INTENT_TIMEOUT_SECONDS)
  int uploadIntentTimeoutSeconds;

  @Option(
      names = "--sqlite-wal-limit",
      description =
          "SQLite: MiB the write-ahead log may reach before a commit checkpoints and truncates it"
              + " (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + ParleyConfig.Store.DEFAULT_SQLITE_WAL_LIMIT_BYTES / (1024 * 1024))
  int sqliteWalLimitMib;

  @Option(
      names = "--owner-name",
      description =
          "Name of the owner admin created on the first start (default: ${DEFAULT-VALUE}).",
      defaultValue = ParleyConfig.Owner.DEFAULT_NAME)
  String ownerName;

  @Option(
      names = "--owner-email",
      description = "Email of that admin (default: ${DEFAULT-VALUE}).",
      defaultValue = ParleyConfig.Owner.DEFAULT_EMAIL)
  String ownerEmail;

  @Option(
      names = "--export-workers",
      description =
          "Threads that run reporting export jobs; 0 runs none in this process (default:"
              + " ${DEFAULT-VALUE}).",
      defaultValue = "2")
  int exportWorkers;

  @Option(
      names = "--export-expiry",
      description =
          "Seconds a complete reporting export file is kept before it is deleted (default:"
              + " ${DEFAULT-VALUE}, 24 h).",
      defaultValue = "86400")
  long exportExpirySeconds;

  @Option(
      names = "--export-dir",
      description =
          "Directory for reporting export files (default: <data-dir>/exports). Shared by every"
              + " process on one PostgreSQL.")
  Path exportDir;

  @Option(
      names = "--rate-limit-per-minute",
      description = {
        "Requests per minute a workspace may make unless it has its own limit (parley workspace"
            + " rate-limit),",
        "counted as Intercom does per 10-second window as a sixth of it; over it, 429"
            + " rate_limit_exceeded.",
        "0 turns the limit off (default: ${DEFAULT-VALUE}, Intercom's private-app figure)."
      },
      defaultValue = "" + ParleyConfig.Limits.DEFAULT_RATE_LIMIT_PER_MINUTE)
  long rateLimitPerMinute;

  @Option(
      names = "--auth-failures-per-minute",
      description = {
        "Unknown or revoked bearer tokens (401) a client address may send in a minute from its"
            + " first;",
        "after them every request from it answers 429 until that minute ends, slowing an online"
            + " guess",
        "of tokens. 0 turns this off (default: ${DEFAULT-VALUE})."
      },
      defaultValue = "" + ParleyConfig.Limits.DEFAULT_AUTH_FAILURES_PER_MINUTE)
  int authFailuresPerMinute;

  @Option(
      names = "--seed",
      paramLabel = "FILE",
      description =
          "A JSON fixture (admins, teams, tags, contacts, conversations with parts) to load at"
              + " start-up, in one transaction, into the workspace its \"workspace\" field names:"
              + " created when absent (its token printed once); skipped when it already holds"
              + " contacts or conversations, so a restart with the same flag adds nothing. Bad"
              + " input stops the start, naming the field. Format: docs/testing-with-parley.md,"
              + " \"Seeding a workspace\".")
  Path seedFile;

  @picocli.CommandLine.Mixin WebhookOptions webhookOptions = new WebhookOptions();

  @Override
  public Integer call() throws InterruptedException, IOException {
    ParleyConfig.Webhooks webhooks;
    try {
      webhooks = webhookOptions.toConfig();
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), e.getMessage());
    }
    if (rateLimitPerMinute < 0 || authFailuresPerMinute < 0) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this),
          "--rate-limit-per-minute and --auth-failures-per-minute must be >= 0");
    }
    if (exportWorkers < 0 || exportExpirySeconds < 1) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--export-workers must be >= 0 and --export-expiry >= 1");
    }
    if (searchTimeoutSeconds < 0) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--search-timeout-seconds must be >= 0");
    }
    if (uploadIntentTimeoutSeconds < 0 || sqliteWalLimitMib < 1) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this),
          "--upload-intent-timeout must be >= 0 and --sqlite-wal-limit >= 1");
    }
    if (poolSize < 1) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--pool-size must be >= 1");
    }
    if (port < 0 || port > 65535) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--port must be from 0 to 65535");
    }
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this),
          "--host " + host + " is not an address (it does not resolve)");
    }
    String bootstrapToken = StoreOptions.blank(System.getenv("PARLEY_BOOTSTRAP_TOKEN"));
    String operatorToken = StoreOptions.blank(System.getenv("PARLEY_OPERATOR_TOKEN"));
    if (bootstrapToken != null) {
      Tokens.checkChosen("PARLEY_BOOTSTRAP_TOKEN", bootstrapToken);
    }
    if (operatorToken != null) {
      Tokens.checkChosen("PARLEY_OPERATOR_TOKEN", operatorToken);
    }
    ParleyConfig config =
        new ParleyConfig(
            new ParleyConfig.Http(host, port, StoreOptions.blank(publicUrl), maxRequestBytes),
            store.store(poolSize, sqliteWalLimitMib * 1024L * 1024),
            new ParleyConfig.Owner(ownerName, ownerEmail, bootstrapToken),
            new ParleyConfig.Limits(
                rateLimitPerMinute, authFailuresPerMinute, searchTimeoutSeconds),
            new ParleyConfig.Maintenance(
                drainInterval, vacuumAfterErasureSeconds, uploadIntentTimeoutSeconds),
            new ParleyConfig.Exports(exportWorkers, exportExpirySeconds, exportDir),
            webhooks,
            operatorToken,
            seedFile);
    // Checked before the store is opened, so that a start that cannot serve creates nothing
    // (a first start would otherwise print a token for a server that never ran).
    String cannotListen = cannotListen(address);
    if (cannotListen != null) {
      System.err.println("error: cannot listen on " + host + ":" + port + ": " + cannotListen);
      return 1;
    }
    FileLock lock = null;
    Parley parley = null;
    try {
      if (!config.postgres()) {
        lock = lockDataDir(config.store().dataDir());
        if (lock == null) {
          System.err.println(
              "error: another parley serve is using the data dir "
                  + config.store().dataDir()
                  + "; one process serves a SQLite data dir (several processes need PostgreSQL)");
          return 1;
        }
      }
      parley = new Parley(config, new ServerClock());
      parley.start(System.out, System.err);
    } catch (RuntimeException | IOException e) {
      if (parley != null) {
        parley.close();
      }
      LOG.debug("serve could not start", e);
      System.err.println("error: parley could not start: " + rootMessage(e));
      return 1;
    }
    Parley started = parley;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  started.close();
                  stopped.countDown();
                },
                "parley-shutdown"));
    stopped.await();
    if (lock != null) {
      lock.channel().close(); // held until here, the process's end
    }
    return 0;
  }

  /** Why nothing can listen on {@code address} now (e.g. the port is taken), or null. */
  private static String cannotListen(InetSocketAddress address) {
    if (address.getPort() == 0) {
      return null;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(address);
      return null;
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  /**
   * Takes {@code serve.lock} in the SQLite data dir for as long as this process lives, or null when
   * another serve holds it: two servers on one file would each count their own rate-limit windows
   * and race their start-up recovery (operator commands need no lock: they wait for the store).
   */
  private static FileLock lockDataDir(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    FileChannel channel =
        FileChannel.open(
            dataDir.resolve("serve.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = channel.tryLock();
    if (lock == null) {
      channel.close();
    }
    return lock;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null
            ? root.getClass().getSimpleName()
            : root instanceof IOException
                ? root.getClass().getSimpleName() + " " + root.getMessage()
                : root.getMessage();
    return e == root || e.getMessage() == null ? message : e.getMessage() + ": " + message;
  }
}
