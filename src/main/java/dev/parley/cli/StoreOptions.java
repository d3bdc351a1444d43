package dev.parley.cli;

import dev.parley.config.ParleyConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the store is: the data dir (SQLite), or a PostgreSQL URL. Shared by every command. */
public final class StoreOptions {
  @Option(
      names = "--data-dir",
      description = "Data directory: SQLite database and uploads (default: ${DEFAULT-VALUE}).",
      defaultValue = ParleyConfig.DEFAULT_DATA_DIR)
  Path dataDir;

  @Option(
      names = "--database-url",
      description = "jdbc:postgresql://host:port/db to use PostgreSQL instead of SQLite (env PARLEY_DATABASE_URL).",
      defaultValue = "${env:PARLEY_DATABASE_URL}")
  String databaseUrl;

  @Option(
      names = "--database-user",
      description = "PostgreSQL user (env PARLEY_DATABASE_USER).",
      defaultValue = "${env:PARLEY_DATABASE_USER}")
  String databaseUser;

  @Option(
      names = "--database-password",
      description = "PostgreSQL password (env PARLEY_DATABASE_PASSWORD).",
      defaultValue = "${env:PARLEY_DATABASE_PASSWORD}")
  String databasePassword;

  @Option(
      names = "--blob-dir",
      description = "Directory for upload bytes (default: <data-dir>/uploads). Shared by every process on one PostgreSQL.")
  Path blobDir;

  /** A configuration for commands that only open the store. */
  ParleyConfig config() {
    return new ParleyConfig(
        ParleyConfig.DEFAULT_HOST,
        ParleyConfig.DEFAULT_PORT,
        dataDir,
        blank(databaseUrl),
        blank(databaseUser),
        blank(databasePassword),
        blobDir,
        null,
        ParleyConfig.DEFAULT_MAX_REQUEST_BYTES,
        2,
        ParleyConfig.DEFAULT_DRAIN_INTERVAL_SECONDS,
        ParleyConfig.DEFAULT_OWNER_NAME,
        ParleyConfig.DEFAULT_OWNER_EMAIL,
        null,
        ParleyConfig.Exports.DEFAULT,
        0,
        ParleyConfig.DEFAULT_SEARCH_TIMEOUT_SECONDS,
        null,
        ParleyConfig.DEFAULT_RATE_LIMIT_PER_MINUTE,
        ParleyConfig.DEFAULT_AUTH_FAILURES_PER_MINUTE,

        ParleyConfig.DEFAULT_UPLOAD_INTENT_TIMEOUT_SECONDS,
        ParleyConfig.DEFAULT_SQLITE_WAL_LIMIT_BYTES);
  }

  static String blank(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
