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
 * @param readerPoolSize read connections (SQLite) or pool size (PostgreSQL)
 * @param drainIntervalSeconds how often the blob deletion queue is drained, seconds
 * @param ownerName name of the owner admin created on the first start
 * @param ownerEmail email of that admin
 * @param bootstrapToken the first token to register, or null to generate and print one
 * @param vacuumAfterErasureSeconds PostgreSQL: at most one VACUUM of the erased tables per
 *     this many seconds, in the background after erasures; 0 never (default {@value
 *     #DEFAULT_VACUUM_AFTER_ERASURE_SECONDS}; docs/erasure.md)
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
    int vacuumAfterErasureSeconds) {

  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_DATA_DIR = "./parley-data";
  public static final long DEFAULT_MAX_REQUEST_BYTES = 25L * 1024 * 1024;
  public static final int DEFAULT_READER_POOL_SIZE = 8;
  public static final int DEFAULT_DRAIN_INTERVAL_SECONDS = 60;
  public static final String DEFAULT_OWNER_NAME = "Owner";
  public static final String DEFAULT_OWNER_EMAIL = "owner@parley.local";
  public static final int DEFAULT_VACUUM_AFTER_ERASURE_SECONDS = 60;

  /** Whether the store is PostgreSQL. */
  public boolean postgres() {
    return databaseUrl != null && !databaseUrl.isBlank();
  }

  /** The blob directory, defaulting to {@code <dataDir>/uploads}. */
  public Path effectiveBlobDir() {
    return blobDir != null ? blobDir : dataDir.resolve("uploads");
  }
}
