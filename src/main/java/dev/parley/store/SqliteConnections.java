package dev.parley.store;

import org.sqlite.SQLiteConfig;

/**
 * How {@link SqliteStore} configures its SQLite connections: WAL, {@code synchronous=FULL}, secure
 * delete, memory-mapped reads, page caches and how long a statement waits for a lock; the
 * migrations', the writer's and the readers' variants.
 */
final class SqliteConnections {
  private SqliteConnections() {}

  /**
   * Reads map the database file (shared page cache of the OS) up to this size, bytes. Mapped pages
   * count in the process's RSS as file-backed pages ({@code RssFile}), which the kernel can drop at
   * any time; this caps them at 256 MiB (bench/README.md, "Memory").
   */
  private static final long MMAP_BYTES = 256L << 20;

  /** The writer's page cache: negative means KiB in SQLite's {@code cache_size}. */
  private static final int WRITER_CACHE_KIB = -32768;

  /** How long statements wait for a lock another connection or process holds, milliseconds. */
  private static final int BUSY_MILLIS = 10_000;

  /** How long migrations wait for another process's migrations, milliseconds. */
  private static final int MIGRATION_BUSY_MILLIS = 300_000;

  /** Each reader's page cache (SQLite's default, stated): 2 MiB. */
  private static final int READER_CACHE_KIB = -2048;

  /**
   * SQLite's heap in this process ({@code soft_heap_limit}, process-wide): above it SQLite frees
   * page cache pages before it allocates more. The caches above add up to 48 MiB.
   */
  static final long SQLITE_SOFT_HEAP_BYTES = 64L << 20;

  /**
   * Migrations take the write lock when their transaction begins ({@code BEGIN IMMEDIATE}), not at
   * their first write: a deferred transaction that read the schema history while another process (a
   * server starting, an operator command) migrated would fail with {@code SQLITE_BUSY_SNAPSHOT}
   * instead of waiting. They wait up to {@link #MIGRATION_BUSY_MILLIS} for that lock, long enough
   * for another process's migrations to finish, and then find nothing left to do.
   */
  static SQLiteConfig migrationConfig() {
    SQLiteConfig config = config(false);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    config.setBusyTimeout(MIGRATION_BUSY_MILLIS);
    return config;
  }

  /**
   * The writer's: transactions take the write lock when they begin, and a WAL left larger than
   * {@code walLimitBytes} by a checkpoint is truncated to it ({@code journal_size_limit}).
   */
  static SQLiteConfig writerConfig(long walLimitBytes) {
    SQLiteConfig config = config(true);
    config.setPragma(SQLiteConfig.Pragma.JOURNAL_SIZE_LIMIT, Long.toString(walLimitBytes));
    return config;
  }

  /** A reader's (the pool adds {@code query_only}). */
  static SQLiteConfig readerConfig() {
    return config(false);
  }

  private static SQLiteConfig config(boolean writer) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(BUSY_MILLIS);
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
    config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, Long.toString(MMAP_BYTES));
    if (writer) {
      config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      config.setCacheSize(WRITER_CACHE_KIB);
    } else {
      config.setCacheSize(READER_CACHE_KIB);
    }
    return config;
  }
}
