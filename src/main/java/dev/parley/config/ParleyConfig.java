package dev.parley.config;

import java.nio.file.Path;

/**
 * parley's configuration, immutable. Flags override environment variables, which override
 * the defaults named here.
 *
 * @param host address to bind (default {@value #DEFAULT_HOST})
 * @param port HTTP port (default {@value #DEFAULT_PORT}; 0 picks a free one)
 * @param dataDir the data directory: SQLite database, uploads (default {@code ./parley-data})
 * @param databaseUrl a {@code jdbc:postgresql://} URL, or null for the embedded SQLite store
 * @param databaseUser PostgreSQL user, or null
 * @param databasePassword PostgreSQL password, or null
 * @param blobDir where upload bytes live (default {@code <dataDir>/uploads})
 * @param publicUrl base URL of upload links, or null to use each request's Host
 * @param maxRequestBytes largest accepted request body, bytes (default 25 MiB)
 * @param readerPoolSize read connections (SQLite), or the most connections, half for writes and
 *     half for reads (PostgreSQL)
 * @param drainIntervalSeconds how often the blob deletion queue is drained, seconds
 * @param ownerName name of the owner admin created on the first start
 * @param ownerEmail email of that admin
 * @param bootstrapToken the first token to register, or null to generate and print one
 * @param exports the reporting export workers and files
 * @param vacuumAfterErasureSeconds PostgreSQL: at most one VACUUM of the erased tables per
 *     this many seconds, in the background after erasures; 0 never (default {@value
 *     #DEFAULT_VACUUM_AFTER_ERASURE_SECONDS}; docs/erasure.md)
 * @param searchTimeoutSeconds how long a search may run before it answers 408 {@code
 *     request_timeout}, seconds; 0 for no limit (default {@value
 *     #DEFAULT_SEARCH_TIMEOUT_SECONDS}; docs/search.md, "Bounds")
 * @param operatorToken the operator credential ({@code PARLEY_OPERATOR_TOKEN}) that
 *     {@code GET /metrics} answers to, or null: then {@code /metrics} answers 404
 *     (docs/security.md)
 * @param rateLimitPerMinute requests per minute of a workspace without its own limit,
 *     counted per 10-second window as a sixth of it; 0 none (default {@value
 *     #DEFAULT_RATE_LIMIT_PER_MINUTE}, Intercom's private-app figure)
 * @param authFailuresPerMinute failed authentications (401) allowed per client address per
 *     minute before its requests answer 429; 0 no throttle (default {@value
 *     #DEFAULT_AUTH_FAILURES_PER_MINUTE})
 * @param uploadIntentTimeoutSeconds seconds after which the bytes of a reply's upload whose
 *     transaction has not committed are taken as abandoned and removed by the drain (a reply
 *     still running then fails); on SQLite every intent left at start-up is (default {@value
 *     #DEFAULT_UPLOAD_INTENT_TIMEOUT_SECONDS}; 0 takes every intent a drain finds, which only a
 *     test that sends no reply during a drain may do)
 * @param sqliteWalLimitBytes SQLite: after a commit that leaves the write-ahead log larger than
 *     this, it is checkpointed and truncated (default {@value #DEFAULT_SQLITE_WAL_LIMIT_BYTES},
 *     32 MiB; docs/scaling.md)
 */
public record ParleyConfig(
    String host,
    int port,
    Path dataDir,
    String databaseUrl,
    String databaseUser,
    String databasePassword,
    Path blobDir,
    String publicUrl,
    long maxRequestBytes,
    int readerPoolSize,
    int drainIntervalSeconds,
    String ownerName,
    String ownerEmail,
    String bootstrapToken,
    Exports exports,
    int vacuumAfterErasureSeconds,
    int searchTimeoutSeconds,
    String operatorToken,
    long rateLimitPerMinute,
    int authFailuresPerMinute,
    int uploadIntentTimeoutSeconds,
    long sqliteWalLimitBytes) {

  /**
   * Loopback only: a first start prints a token with every scope, so nothing is reachable
   * from elsewhere unless the operator says so ({@code --host 0.0.0.0} in a container or
   * behind a load balancer).
   */
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_DATA_DIR = "./parley-data";
  public static final long DEFAULT_MAX_REQUEST_BYTES = 25L * 1024 * 1024;
  public static final int DEFAULT_READER_POOL_SIZE = 8;
  public static final int DEFAULT_DRAIN_INTERVAL_SECONDS = 60;
  public static final String DEFAULT_OWNER_NAME = "Owner";
  public static final String DEFAULT_OWNER_EMAIL = "owner@parley.local";
  public static final int DEFAULT_VACUUM_AFTER_ERASURE_SECONDS = 60;
  public static final int DEFAULT_SEARCH_TIMEOUT_SECONDS = 5;
  public static final long DEFAULT_RATE_LIMIT_PER_MINUTE = 10_000;
  public static final int DEFAULT_AUTH_FAILURES_PER_MINUTE = 30;
  public static final int DEFAULT_UPLOAD_INTENT_TIMEOUT_SECONDS = 600;
  /** The same as {@code SqliteStore.DEFAULT_WAL_LIMIT_BYTES}: 32 MiB. */
  public static final long DEFAULT_SQLITE_WAL_LIMIT_BYTES = 32L * 1024 * 1024;

  /**
   * A configuration with the default {@link Exports}, vacuum interval, search timeout and rate
   * limits, and no operator token.
   */
  public ParleyConfig(
      String host,
      int port,
      Path dataDir,
      String databaseUrl,
      String databaseUser,
      String databasePassword,
      Path blobDir,
      String publicUrl,
      long maxRequestBytes,
      int readerPoolSize,
      int drainIntervalSeconds,
      String ownerName,
      String ownerEmail,
      String bootstrapToken) {
    this(
        host, port, dataDir, databaseUrl, databaseUser, databasePassword, blobDir, publicUrl,
        maxRequestBytes, readerPoolSize, drainIntervalSeconds, ownerName, ownerEmail, bootstrapToken,
        Exports.DEFAULT, DEFAULT_VACUUM_AFTER_ERASURE_SECONDS, DEFAULT_SEARCH_TIMEOUT_SECONDS,
        null, DEFAULT_RATE_LIMIT_PER_MINUTE, DEFAULT_AUTH_FAILURES_PER_MINUTE,
        DEFAULT_UPLOAD_INTENT_TIMEOUT_SECONDS, DEFAULT_SQLITE_WAL_LIMIT_BYTES);
  }

  /**
   * The reporting export settings (Intercom's {@code /export/reporting_data/*}).
   *
   * @param workers threads that run export jobs in this process (default
   *     {@value #DEFAULT_WORKERS}); 0 runs none, so jobs stay pending until a process with
   *     workers on the same PostgreSQL claims them
   * @param expirySeconds how long a complete export's file is kept, seconds (default 24 h)
   * @param dir where export files are written (default {@code <dataDir>/exports}); shared by
   *     every process on one PostgreSQL, like the blob dir
   */
  public record Exports(int workers, long expirySeconds, Path dir) {
    public static final int DEFAULT_WORKERS = 2;
    public static final long DEFAULT_EXPIRY_SECONDS = 24 * 3600L;
    public static final Exports DEFAULT = new Exports(DEFAULT_WORKERS, DEFAULT_EXPIRY_SECONDS, null);
  }

  /** The export settings, defaulted when none were given. */
  public Exports effectiveExports() {
    return exports != null ? exports : Exports.DEFAULT;
  }

  /** The export dir, defaulting to {@code <dataDir>/exports}. */
  public Path effectiveExportDir() {
    Path dir = effectiveExports().dir();
    return dir != null ? dir : dataDir.resolve("exports");
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
