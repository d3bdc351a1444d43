package dev.parley.config;

import java.nio.file.Path;

/**
 * parley's configuration, immutable, in groups of related settings. Flags override environment
 * variables, which override the defaults named here ({@link #defaults} gives a configuration with
 * every default; the {@code with*} methods change one group).
 *
 * @param http where and how the API is served
 * @param store where the data lives
 * @param owner the first start's owner admin and token
 * @param limits what one workspace or client may ask
 * @param maintenance the background work's intervals
 * @param exports the reporting export workers and files
 * @param webhooks how notifications are delivered (null: the defaults)
 * @param operatorToken the operator credential ({@code PARLEY_OPERATOR_TOKEN}) that {@code GET
 *     /metrics} answers to, or null: then {@code /metrics} answers 404 (docs/security.md)
 * @param seedFile a fixture to seed at start-up ({@code serve --seed FILE};
 *     docs/testing-with-parley.md, "Seeding a workspace"), or null
 */
public record ParleyConfig(
    Http http,
    Store store,
    Owner owner,
    Limits limits,
    Maintenance maintenance,
    Exports exports,
    Webhooks webhooks,
    String operatorToken,
    Path seedFile) {

  /** The configuration of a store in {@code dataDir} with every other setting at its default. */
  public static ParleyConfig defaults(Path dataDir) {
    return new ParleyConfig(
        Http.DEFAULT,
        Store.sqlite(dataDir),
        Owner.DEFAULT,
        Limits.DEFAULT,
        Maintenance.DEFAULT,
        Exports.DEFAULT,
        Webhooks.DEFAULT,
        null,
        null);
  }

  /** This configuration with {@code http} instead of its own. */
  public ParleyConfig withHttp(Http http) {
    return new ParleyConfig(
        http, store, owner, limits, maintenance, exports, webhooks, operatorToken, seedFile);
  }

  /** This configuration with {@code store} instead of its own. */
  public ParleyConfig withStore(Store store) {
    return new ParleyConfig(
        http, store, owner, limits, maintenance, exports, webhooks, operatorToken, seedFile);
  }

  /** This configuration with {@code owner} instead of its own. */
  public ParleyConfig withOwner(Owner owner) {
    return new ParleyConfig(
        http, store, owner, limits, maintenance, exports, webhooks, operatorToken, seedFile);
  }

  /** This configuration with {@code seedFile} (null: none) to seed at start-up. */
  public ParleyConfig withSeedFile(Path seedFile) {
    return new ParleyConfig(
        http, store, owner, limits, maintenance, exports, webhooks, operatorToken, seedFile);
  }

  /** This configuration with the operator credential {@code operatorToken} (null: none). */
  public ParleyConfig withOperatorToken(String operatorToken) {
    return new ParleyConfig(
        http, store, owner, limits, maintenance, exports, webhooks, operatorToken, seedFile);
  }

  /**
   * Where and how the API is served.
   *
   * @param host address to bind (default {@value #DEFAULT_HOST})
   * @param port HTTP port (default {@value #DEFAULT_PORT}; 0 picks a free one)
   * @param publicUrl base URL of upload links, or null to use each request's Host
   * @param maxRequestBytes largest accepted request body, bytes (default 25 MiB)
   */
  public record Http(String host, int port, String publicUrl, long maxRequestBytes) {
    /**
     * Loopback only: a first start prints a token with every scope, so nothing is reachable from
     * elsewhere unless the operator says so ({@code --host 0.0.0.0} in a container or behind a load
     * balancer).
     */
    public static final String DEFAULT_HOST = "127.0.0.1";

    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_REQUEST_BYTES = 25L * 1024 * 1024;
    public static final Http DEFAULT =
        new Http(DEFAULT_HOST, DEFAULT_PORT, null, DEFAULT_MAX_REQUEST_BYTES);
  }

  /**
   * Where the data lives: SQLite in the data dir, or PostgreSQL.
   *
   * @param dataDir the data directory: SQLite database, uploads (default {@code ./parley-data})
   * @param databaseUrl a {@code jdbc:postgresql://} URL, or null for the embedded SQLite store
   * @param databaseUser PostgreSQL user, or null
   * @param databasePassword PostgreSQL password, or null
   * @param blobDir where upload bytes live (default {@code <dataDir>/uploads})
   * @param readerPoolSize read connections (SQLite), or the most connections, half for writes and
   *     half for reads (PostgreSQL)
   * @param sqliteWalLimitBytes SQLite: after a commit that leaves the write-ahead log larger than
   *     this, it is checkpointed and truncated (default {@value #DEFAULT_SQLITE_WAL_LIMIT_BYTES},
   *     32 MiB; docs/scaling.md)
   */
  public record Store(
      Path dataDir,
      String databaseUrl,
      String databaseUser,
      String databasePassword,
      Path blobDir,
      int readerPoolSize,
      long sqliteWalLimitBytes) {
    public static final String DEFAULT_DATA_DIR = "./parley-data";
    public static final int DEFAULT_READER_POOL_SIZE = 8;

    /** The same as {@code SqliteStore.DEFAULT_WAL_LIMIT_BYTES}: 32 MiB. */
    public static final long DEFAULT_SQLITE_WAL_LIMIT_BYTES = 32L * 1024 * 1024;

    /** SQLite in {@code dataDir}, uploads under it, default pool and write-ahead log limit. */
    public static Store sqlite(Path dataDir) {
      return new Store(
          dataDir,
          null,
          null,
          null,
          null,
          DEFAULT_READER_POOL_SIZE,
          DEFAULT_SQLITE_WAL_LIMIT_BYTES);
    }

    /** Whether the store is PostgreSQL. */
    public boolean postgres() {
      return databaseUrl != null && !databaseUrl.isBlank();
    }

    /** The blob directory, defaulting to {@code <dataDir>/uploads}. */
    public Path effectiveBlobDir() {
      return blobDir != null ? blobDir : dataDir.resolve("uploads");
    }
  }

  /**
   * The owner admin created on the first start, and its token.
   *
   * @param name name of the owner admin
   * @param email email of that admin
   * @param bootstrapToken the first token to register, or null to generate and print one
   */
  public record Owner(String name, String email, String bootstrapToken) {
    public static final String DEFAULT_NAME = "Owner";
    public static final String DEFAULT_EMAIL = "owner@parley.local";
    public static final Owner DEFAULT = new Owner(DEFAULT_NAME, DEFAULT_EMAIL, null);
  }

  /**
   * What one workspace or client address may ask.
   *
   * @param rateLimitPerMinute requests per minute of a workspace without its own limit, counted per
   *     10-second window as a sixth of it; 0 none (default {@value #DEFAULT_RATE_LIMIT_PER_MINUTE},
   *     Intercom's private-app figure)
   * @param authFailuresPerMinute failed authentications (401) allowed per client address per minute
   *     before its requests answer 429; 0 no throttle (default {@value
   *     #DEFAULT_AUTH_FAILURES_PER_MINUTE})
   * @param searchTimeoutSeconds how long a search may run before it answers 408 {@code
   *     request_timeout}, seconds; 0 for no limit (default {@value
   *     #DEFAULT_SEARCH_TIMEOUT_SECONDS}; docs/search.md, "Bounds")
   */
  public record Limits(
      long rateLimitPerMinute, int authFailuresPerMinute, int searchTimeoutSeconds) {
    public static final long DEFAULT_RATE_LIMIT_PER_MINUTE = 10_000;
    public static final int DEFAULT_AUTH_FAILURES_PER_MINUTE = 30;
    public static final int DEFAULT_SEARCH_TIMEOUT_SECONDS = 5;
    public static final Limits DEFAULT =
        new Limits(
            DEFAULT_RATE_LIMIT_PER_MINUTE,
            DEFAULT_AUTH_FAILURES_PER_MINUTE,
            DEFAULT_SEARCH_TIMEOUT_SECONDS);
  }

  /**
   * The intervals of the background work, seconds.
   *
   * @param drainIntervalSeconds how often the blob deletion queue is drained (default {@value
   *     #DEFAULT_DRAIN_INTERVAL_SECONDS})
   * @param vacuumAfterErasureSeconds PostgreSQL: at most one VACUUM of the erased tables per this
   *     many seconds, in the background after erasures; 0 never (default {@value
   *     #DEFAULT_VACUUM_AFTER_ERASURE_SECONDS}; docs/erasure.md)
   * @param uploadIntentTimeoutSeconds seconds after which the bytes of a reply's upload whose
   *     transaction has not committed are taken as abandoned and removed by the drain (a reply
   *     still running then fails); on SQLite every intent left at start-up is (default {@value
   *     #DEFAULT_UPLOAD_INTENT_TIMEOUT_SECONDS}; 0 takes every intent a drain finds, which only a
   *     test that sends no reply during a drain may do)
   */
  public record Maintenance(
      int drainIntervalSeconds, int vacuumAfterErasureSeconds, int uploadIntentTimeoutSeconds) {
    public static final int DEFAULT_DRAIN_INTERVAL_SECONDS = 60;
    public static final int DEFAULT_VACUUM_AFTER_ERASURE_SECONDS = 60;
    public static final int DEFAULT_UPLOAD_INTENT_TIMEOUT_SECONDS = 600;
    public static final Maintenance DEFAULT =
        new Maintenance(
            DEFAULT_DRAIN_INTERVAL_SECONDS,
            DEFAULT_VACUUM_AFTER_ERASURE_SECONDS,
            DEFAULT_UPLOAD_INTENT_TIMEOUT_SECONDS);
  }

  /**
   * The reporting export settings (Intercom's {@code /export/reporting_data/*}).
   *
   * @param workers threads that run export jobs in this process (default {@value
   *     #DEFAULT_WORKERS}); 0 runs none, so jobs stay pending until a process with workers on the
   *     same PostgreSQL claims them
   * @param expirySeconds how long a complete export's file is kept, seconds (default 24 h)
   * @param dir where export files are written (default {@code <dataDir>/exports}); shared by every
   *     process on one PostgreSQL, like the blob dir
   */
  public record Exports(int workers, long expirySeconds, Path dir) {
    public static final int DEFAULT_WORKERS = 2;
    public static final long DEFAULT_EXPIRY_SECONDS = 24 * 3600L;
    public static final Exports DEFAULT =
        new Exports(DEFAULT_WORKERS, DEFAULT_EXPIRY_SECONDS, null);
  }

  /**
   * How webhook notifications are delivered (docs/webhooks.md, "Delivery"), after Intercom's
   * published rules; every interval can be shortened so that tests run in seconds.
   *
   * @param timeoutMillis how long an endpoint may take to answer before the attempt counts as
   *     failed (Intercom: 5 s)
   * @param retryInitialSeconds the delay before the first retry of a failed notification; each
   *     further retry waits twice as long as the one before
   * @param retryMaxSeconds the longest delay between retries
   * @param throttleInitialSeconds after a 429 from an endpoint, how long its subscription waits
   *     (Intercom: 1 minute); doubled after each further 429 in a row
   * @param throttleMaxSeconds the longest such wait (Intercom: 2 hours)
   * @param pauseAfterErrors consecutive error responses within {@code pauseWindowSeconds} that
   *     pause a subscription (Intercom: 1,000 in 15 minutes)
   * @param pauseWindowSeconds that window
   * @param pauseSeconds how long a pause lasts (Intercom: 15 minutes)
   * @param suspendAfterSeconds how long a subscription may keep failing before it is suspended
   *     until an operator resumes it (Intercom: 7 days)
   * @param pollMillis how often an idle worker looks for due notifications committed by other
   *     processes or due for a retry (a commit in this process wakes it at once)
   * @param workers concurrent requests this process may have in flight; 0 delivers nothing here
   * @param busyRate notifications a second this process sends while the API is busy
   *     (dev.parley.jobs.DeliveryGovernor), so that delivery does not slow the API; 0 (the default)
   *     sends none then
   */
  public record Webhooks(
      long timeoutMillis,
      long retryInitialSeconds,
      long retryMaxSeconds,
      long throttleInitialSeconds,
      long throttleMaxSeconds,
      long pauseAfterErrors,
      long pauseWindowSeconds,
      long pauseSeconds,
      long suspendAfterSeconds,
      long pollMillis,
      int workers,
      int busyRate) {
    public static final Webhooks DEFAULT =
        new Webhooks(5_000, 60, 3_600, 60, 7_200, 1_000, 900, 900, 7 * 24 * 3_600L, 500, 128, 0);
  }

  /** The webhook settings, defaulted when none were given. */
  public Webhooks effectiveWebhooks() {
    return webhooks != null ? webhooks : Webhooks.DEFAULT;
  }

  /** The export settings, defaulted when none were given. */
  public Exports effectiveExports() {
    return exports != null ? exports : Exports.DEFAULT;
  }

  /** The export dir, defaulting to {@code <dataDir>/exports}. */
  public Path effectiveExportDir() {
    Path dir = effectiveExports().dir();
    return dir != null ? dir : store.dataDir().resolve("exports");
  }

  /** Whether the store is PostgreSQL. */
  public boolean postgres() {
    return store.postgres();
  }
}
