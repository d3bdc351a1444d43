package dev.parley.cli;

import dev.parley.app.Parley;
import dev.parley.config.ParleyConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code serve}: runs the HTTP API until the process is stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve Intercom's REST API 2.14 on the embedded SQLite store in --data-dir, or on PostgreSQL with --database-url.",
      "On a store with no workspace, creates workspace 'default', an owner admin and an access token",
      "with every scope: PARLEY_BOOTSTRAP_TOKEN names it, otherwise a random one is printed once."
    })
public final class ServeCommand implements Callable<Integer> {
  @Mixin StoreOptions store;

  @Option(names = "--port", description = "HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE}).", defaultValue = "8080")
  int port;

  @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}).", defaultValue = ParleyConfig.DEFAULT_HOST)
  String host;

  @Option(names = "--public-url", description = "Base URL of upload links (default: taken from each request's Host).")
  String publicUrl;

  @Option(
      names = "--max-request-size",
      description = "Largest request body in bytes; larger ones get 413 (default: ${DEFAULT-VALUE}).",
      defaultValue = "26214400")
  long maxRequestBytes;

  @Option(names = "--pool-size", description = "Read connections (SQLite), or the most connections the process holds, half for writes and half for reads (PostgreSQL) (default: ${DEFAULT-VALUE}).", defaultValue = "8")
  int poolSize;

  @Option(names = "--drain-interval", description = "Seconds between drains of the upload deletion queue (default: ${DEFAULT-VALUE}).", defaultValue = "60")
  int drainInterval;

  @Option(
      names = "--vacuum-after-erasure-seconds",
      description = "PostgreSQL: VACUUM the erased tables in the background at most once per this many seconds after erasures; 0 never (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + ParleyConfig.DEFAULT_VACUUM_AFTER_ERASURE_SECONDS)
  int vacuumAfterErasureSeconds;

  @Option(
      names = "--upload-intent-timeout",
      description = "Seconds after which the bytes of an upload whose reply never committed (a crash) are removed by the drain; a reply still running then fails. On SQLite they are removed at start-up (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + ParleyConfig.DEFAULT_UPLOAD_INTENT_TIMEOUT_SECONDS)
  int uploadIntentTimeoutSeconds;

  @Option(
      names = "--sqlite-wal-limit",
      description = "SQLite: MiB the write-ahead log may reach before a commit checkpoints and truncates it (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + ParleyConfig.DEFAULT_SQLITE_WAL_LIMIT_BYTES / (1024 * 1024))
  int sqliteWalLimitMib;

  @Option(names = "--owner-name", description = "Name of the owner admin created on the first start (default: ${DEFAULT-VALUE}).", defaultValue = ParleyConfig.DEFAULT_OWNER_NAME)
  String ownerName;

  @Option(names = "--owner-email", description = "Email of that admin (default: ${DEFAULT-VALUE}).", defaultValue = ParleyConfig.DEFAULT_OWNER_EMAIL)
  String ownerEmail;

  @Option(
      names = "--export-workers",
      description = "Threads that run reporting export jobs; 0 runs none in this process (default: ${DEFAULT-VALUE}).",
      defaultValue = "2")
  int exportWorkers;

  @Option(
      names = "--export-expiry",
      description = "Seconds a complete reporting export file is kept before it is deleted (default: ${DEFAULT-VALUE}, 24 h).",
      defaultValue = "86400")
  long exportExpirySeconds;

  @Option(
      names = "--export-dir",
      description = "Directory for reporting export files (default: <data-dir>/exports). Shared by every process on one PostgreSQL.")
  Path exportDir;

  @Override
  public Integer call() throws InterruptedException {
    if (exportWorkers < 0 || exportExpirySeconds < 1) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--export-workers must be >= 0 and --export-expiry >= 1");
    }
    if (uploadIntentTimeoutSeconds < 0 || sqliteWalLimitMib < 1) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--upload-intent-timeout must be >= 0 and --sqlite-wal-limit >= 1");
    }
    if (poolSize < 1) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--pool-size must be >= 1");
    }
    ParleyConfig config =
        new ParleyConfig(
            host,
            port,
            store.dataDir,
            StoreOptions.blank(store.databaseUrl),
            StoreOptions.blank(store.databaseUser),
            StoreOptions.blank(store.databasePassword),
            store.blobDir,
            StoreOptions.blank(publicUrl),
            maxRequestBytes,
            poolSize,
            drainInterval,
            ownerName,
            ownerEmail,
            StoreOptions.blank(System.getenv("PARLEY_BOOTSTRAP_TOKEN")),
            new ParleyConfig.Exports(exportWorkers, exportExpirySeconds, exportDir),
            vacuumAfterErasureSeconds,
            uploadIntentTimeoutSeconds,
            sqliteWalLimitMib * 1024L * 1024);
    Parley parley = new Parley(config, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  parley.close();
                  stopped.countDown();
                },
                "parley-shutdown"));
    parley.start(System.out);
    stopped.await();
    return 0;
  }
}
