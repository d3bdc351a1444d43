package dev.parley.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.domain.Repositories;
import dev.parley.domain.Store;
import dev.parley.store.migration.Migrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded store: one SQLite database file in WAL mode.
 *
 * <p>How its connections are configured (pragmas, caches, lock waits): {@link SqliteConnections}.
 *
 * <p>Writes go through one writer connection on one thread, which takes every transaction waiting
 * at that moment and runs them in one SQLite transaction, each in its own savepoint (a failure
 * rolls back only its own savepoint), then commits once: one fsync serves many requests. A write
 * call returns only after that commit, with {@code synchronous=FULL}, so a power cut after the
 * answer loses nothing. Reads use a pool of {@code query_only} connections beside the writer. Both
 * keep their prepared statements for reuse ({@link SqliteStatementCache}).
 *
 * <p>Forensic settings: {@code secure_delete=ON} zeroes deleted content in the database pages, and
 * a group that holds an {@link #erase} is followed, after its commit and before any of its callers
 * hears back, by {@code wal_checkpoint(TRUNCATE)}, so that page images of erased rows leave the
 * WAL.
 *
 * <p>The WAL is bounded: SQLite's own checkpoints (every 1,000 pages, {@code PASSIVE}) copy pages
 * into the database but cannot restart the WAL while readers keep arriving, so under sustained
 * reads and writes it grew without end. After a commit that leaves the WAL file larger than the
 * limit, the writer runs {@code wal_checkpoint(TRUNCATE)}, which waits for the readers of older
 * snapshots (up to the busy timeout) and truncates the file to zero bytes; {@code
 * journal_size_limit} is set to the same limit, so any other restart of the WAL shrinks it too. The
 * file thus exceeds the limit by at most one group commit's pages (docs/scaling.md).
 */
public final class SqliteStore implements Store {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
  private static final int MAX_BATCH = 512;

  /** The WAL limit of {@code serve} by default (its {@code --sqlite-wal-limit}), bytes: 32 MiB. */
  public static final long DEFAULT_WAL_LIMIT_BYTES = 32L * 1024 * 1024;

  private final Path file;
  private final Path wal;
  private final long walLimitBytes;
  private final HikariDataSource readers;
  private final Jdbi readJdbi;
  private final Handle writer;
  private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
  private final Thread writerThread;
  private final SearchBounds searches;
  private volatile boolean running = true;

  /** Search timeout of {@link #SqliteStore(Path, int)}, seconds. */
  public static final int DEFAULT_SEARCH_TIMEOUT_SECONDS = 5;

  /** SQLite virtual machine steps between two looks at a search's deadline. */
  private static final int PROGRESS_STEPS = 10_000;

  /**
   * Opens (creating and migrating if needed) the database at {@code file}, with the default search
   * timeout and WAL limit ({@value #DEFAULT_WAL_LIMIT_BYTES} bytes).
   *
   * @param readerPoolSize read-only connections beside the writer
   */
  public SqliteStore(Path file, int readerPoolSize) {
    this(file, readerPoolSize, DEFAULT_SEARCH_TIMEOUT_SECONDS, DEFAULT_WAL_LIMIT_BYTES);
  }

  /**
   * Opens (creating and migrating if needed) the database at {@code file}, with the default WAL
   * limit.
   *
   * @param readerPoolSize read-only connections beside the writer
   * @param searchTimeoutSeconds how long a whole search may run, seconds; 0 for no limit
   */
  public SqliteStore(Path file, int readerPoolSize, int searchTimeoutSeconds) {
    this(file, readerPoolSize, searchTimeoutSeconds, DEFAULT_WAL_LIMIT_BYTES);
  }

  /**
   * Opens (creating and migrating if needed) the database at {@code file}.
   *
   * @param readerPoolSize read-only connections beside the writer
   * @param searchTimeoutSeconds how long a whole search may run, seconds; 0 for no limit
   * @param walLimitBytes after a commit that leaves the WAL file larger than this many bytes, it is
   *     checkpointed and truncated
   * @throws IllegalArgumentException when {@code searchTimeoutSeconds} is below 0 or {@code
   *     walLimitBytes} below 1
   */
  public SqliteStore(Path file, int readerPoolSize, int searchTimeoutSeconds, long walLimitBytes) {
    if (walLimitBytes < 1) {
      throw new IllegalArgumentException("walLimitBytes must be positive");
    }
    this.file = file;
    this.searches = new SearchBounds(readerPoolSize, searchTimeoutSeconds);
    this.wal = file.resolveSibling(file.getFileName() + "-wal");
    this.walLimitBytes = walLimitBytes;
    String url = "jdbc:sqlite:" + file.toAbsolutePath();
    SQLiteDataSource migrationSource = new SQLiteDataSource(SqliteConnections.migrationConfig());
    migrationSource.setUrl(url);
    Migrations.migrate(migrationSource);

    SQLiteDataSource writerSource =
        new SQLiteDataSource(SqliteConnections.writerConfig(walLimitBytes));
    writerSource.setUrl(url);
    SqliteStatementCache statements = new SqliteStatementCache();
    this.writer = Jdbi.create(writerSource).setStatementBuilderFactory(statements).open();
    writer.execute("PRAGMA journal_mode = WAL");
    writer
        .createQuery("PRAGMA soft_heap_limit = " + SqliteConnections.SQLITE_SOFT_HEAP_BYTES)
        .mapTo(Long.class)
        .one();

    SQLiteDataSource readerSource = new SQLiteDataSource(SqliteConnections.readerConfig());
    readerSource.setUrl(url);
    HikariConfig pool = new HikariConfig();
    pool.setDataSource(readerSource);
    pool.setMaximumPoolSize(readerPoolSize);
    pool.setMinimumIdle(1);
    pool.setPoolName("parley-sqlite-readers");
    pool.setConnectionInitSql("PRAGMA query_only = 1");
    this.readers = new HikariDataSource(pool);
    this.readJdbi = Jdbi.create(readers).setStatementBuilderFactory(statements);

    this.writerThread = new Thread(this::writeLoop, "parley-sqlite-writer");
    writerThread.setDaemon(true);
    writerThread.start();
  }

  @Override
  public <T> T read(Function<Repositories, T> work) {
    return readJdbi.inTransaction(
        handle -> work.apply(new SqlRepositories(handle, Dialect.SQLITE)));
  }

  /**
   * Runs {@code work} as {@link #read} does, under {@link SearchBounds}: SQLite has no statement
   * timeout, so a progress handler on the connection looks at the search's deadline every {@value
   * #PROGRESS_STEPS} virtual machine steps and interrupts the running statement once it has passed
   * ({@code SQLITE_INTERRUPT}, which becomes 408 {@code request_timeout}).
   */
  @Override
  public <T> T search(Function<Repositories, T> work) {
    AtomicBoolean interrupted = new AtomicBoolean();
    long timeout = searches.timeoutMillis();
    return searches.run(
        () ->
            readJdbi.inTransaction(
                handle -> {
                  if (timeout > 0) {
                    progressHandler(handle, deadline(timeout, interrupted));
                  }
                  try {
                    return work.apply(new SqlRepositories(handle, Dialect.SQLITE));
                  } finally {
                    if (timeout > 0) {
                      progressHandler(handle, null);
                    }
                  }
                }),
        e -> e instanceof SQLException && interrupted.get());
  }

  /** Sets the progress handler of the handle's connection, or clears it ({@code null}). */
  private static void progressHandler(Handle handle, ProgressHandler handler) {
    try {
      Connection connection = handle.getConnection().unwrap(SQLiteConnection.class);
      if (handler == null) {
        ProgressHandler.clearHandler(connection);
      } else {
        ProgressHandler.setHandler(connection, PROGRESS_STEPS, handler);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot set the search's progress handler", e);
    }
  }

  /** A progress handler that interrupts the statement once {@code timeoutMillis} have passed. */
  private static ProgressHandler deadline(long timeoutMillis, AtomicBoolean interrupted) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    return new ProgressHandler() {
      @Override
      protected int progress() {
        if (System.nanoTime() - deadline > 0) {
          interrupted.set(true);
          return 1;
        }
        return 0;
      }
    };
  }

  @Override
  public <T> T write(Function<Repositories, T> work) {
    return submit(new Task<>(work, false));
  }

  @Override
  public <T> T erase(Function<Repositories, T> work) {
    return submit(new Task<>(work, true));
  }

  @Override
  public String kind() {
    return "sqlite";
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  private <T> T submit(Task<T> task) {
    if (!running) {
      throw new IllegalStateException("the store is closed");
    }
    queue.add(task);
    try {
      return task.future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the writer", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  private void writeLoop() {
    List<Task<?>> batch = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        Task<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        runBatch(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException | Error e) {
        LOG.error("sqlite writer: unexpected failure of a batch", e);
        for (Task<?> task : batch) {
          task.future.completeExceptionally(e);
        }
      } finally {
        batch.clear();
      }
    }
    for (Task<?> task; (task = queue.poll()) != null; ) {
      task.future.completeExceptionally(new IllegalStateException("the store is closed"));
    }
  }

  private void runBatch(List<Task<?>> batch) {
    List<Task<?>> done = new ArrayList<>();
    boolean erased = false;
    writer.begin();
    for (Task<?> task : batch) {
      writer.savepoint("work");
      try {
        task.run(new SqlRepositories(writer, Dialect.SQLITE));
        writer.release("work");
        done.add(task);
        erased |= task.erase;
      } catch (RuntimeException | Error e) {
        try {
          writer.rollbackToSavepoint("work");
          writer.release("work");
        } catch (RuntimeException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
        task.future.completeExceptionally(e);
      }
    }
    try {
      writer.commit();
    } catch (RuntimeException e) {
      try {
        writer.rollback();
      } catch (RuntimeException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      for (Task<?> task : done) {
        task.future.completeExceptionally(e);
      }
      return;
    }
    if (erased || walBytes() > walLimitBytes) {
      checkpoint();
    }
    for (Task<?> task : done) {
      task.complete();
    }
  }

  /** The size of the WAL file, bytes; 0 when there is none. */
  private long walBytes() {
    try {
      return Files.size(wal);
    } catch (IOException e) {
      return 0;
    }
  }

  /** Runs {@code wal_checkpoint(TRUNCATE)} on the writer; true when nothing blocked it. */
  private boolean checkpoint() {
    try {
      int busy =
          writer
              .createQuery("PRAGMA wal_checkpoint(TRUNCATE)")
              .map((rs, ctx) -> rs.getInt(1))
              .one();
      if (busy != 0) {
        LOG.debug("wal checkpoint was blocked by readers; it will run again");
      }
      return busy == 0;
    } catch (RuntimeException e) {
      LOG.warn("wal checkpoint failed: {}", e.getClass().getSimpleName());
      return false;
    }
  }

  @Override
  public void close() {
    if (!running) {
      return;
    }
    running = false;
    try {
      writerThread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    readers.close();
    checkpoint();
    writer.close();
  }

  private static final class Task<T> {
    final Function<Repositories, T> work;

    /** An erasure: the group's commit is followed by a checkpoint before it completes. */
    final boolean erase;

    final CompletableFuture<T> future = new CompletableFuture<>();
    T result;
    SqlRepositories repos;

    Task(Function<Repositories, T> work, boolean erase) {
      this.work = work;
      this.erase = erase;
    }

    void run(SqlRepositories repos) {
      this.repos = repos;
      result = work.apply(repos);
    }

    /** Runs the work's after-commit actions, then hands its result to the caller. */
    void complete() {
      repos.committed();
      future.complete(result);
    }
  }
}
