package dev.parley.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Repositories;
import dev.parley.domain.Store;
import dev.parley.store.migration.Migrations;
import dev.parley.store.migration.WorkspaceForeignKeysMigration;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The production store: PostgreSQL through a HikariCP pool. Writes run in READ COMMITTED
 * transactions and lock the rows they change ({@code FOR UPDATE}), so several parley processes can
 * serve one database; PostgreSQL groups concurrent commits itself. Reads run in REPEATABLE READ
 * read-only transactions for a consistent snapshot, on a pool of their own whose connections are
 * set to that level once; {@code poolSize} connections are split between the two pools. Ids come
 * from sequences ({@link dev.parley.store.migration.IdSequencesMigration}), which hold no lock
 * until commit.
 *
 * <p>After erasures, a background {@code VACUUM} of the erased tables removes their dead tuples
 * ({@link ErasureVacuum}; docs/erasure.md). A background {@code ANALYZE} keeps the planner's
 * statistics current, with or without autovacuum ({@link PlannerStatistics}). Searches run on the
 * read pool under {@link SearchBounds}: at most half its connections, each search's queries
 * cancelled by {@code statement_timeout} after the search timeout.
 */
public final class PostgresStore implements Store {
  private final HikariDataSource pool;
  private final Jdbi jdbi;
  private final HikariDataSource readPool;
  private final Jdbi readJdbi;
  private final Set<String> sequenceKinds;
  private final ErasureVacuum vacuum;
  private final PlannerStatistics statistics;
  private final SearchBounds searches;

  /** Seconds between looks at the tables' change counts for ANALYZE. */
  static final int ANALYZE_INTERVAL_SECONDS = 10;

  /**
   * Connects and migrates, without the VACUUM after erasures (commands that do not serve, tests).
   *
   * @see #PostgresStore(String, String, String, int, int)
   */
  public PostgresStore(String url, String user, String password, int poolSize) {
    this(url, user, password, poolSize, 0, DEFAULT_SEARCH_TIMEOUT_SECONDS, false);
  }

  /** The search timeout of {@link #PostgresStore(String, String, String, int)}, seconds. */
  public static final int DEFAULT_SEARCH_TIMEOUT_SECONDS = 5;

  /**
   * Connects and migrates, and runs the background upkeep of a serving store: the VACUUM after
   * erasures and the ANALYZE of changed tables.
   *
   * @param url a {@code jdbc:postgresql://} URL
   * @param user the database user, or null for the driver's default
   * @param password the password, or null
   * @param poolSize the most connections the store holds, split between a pool for writes and one
   *     for reads (half each; with 1, one connection each)
   * @param vacuumAfterErasureSeconds at most one VACUUM of the erased tables per this many seconds
   *     after erasures; 0 never
   * @param searchTimeoutSeconds how long each query of a search may run, seconds; 0 for no limit
   * @throws IllegalArgumentException when {@code poolSize} is below 1 or {@code
   *     searchTimeoutSeconds} below 0
   */
  public PostgresStore(
      String url,
      String user,
      String password,
      int poolSize,
      int vacuumAfterErasureSeconds,
      int searchTimeoutSeconds) {
    this(url, user, password, poolSize, vacuumAfterErasureSeconds, searchTimeoutSeconds, true);
  }

  /**
   * Connects, and migrates the schema under Flyway's lock; {@code analyze} starts the ANALYZE
   * thread.
   */
  private PostgresStore(
      String url,
      String user,
      String password,
      int poolSize,
      int vacuumAfterErasureSeconds,
      int searchTimeoutSeconds,
      boolean analyze) {
    if (poolSize < 1) {
      throw new IllegalArgumentException("pool size must be at least 1: " + poolSize);
    }
    PGSimpleDataSource database = new PGSimpleDataSource();
    database.setUrl(url);
    if (user != null) {
      database.setUser(user);
    }
    if (password != null) {
      database.setPassword(password);
    }
    // Migrations first, on connections of their own that close when they are done: Flyway
    // holds two at once (its lock and the migration), more than a small pool may have.
    Migrations.migrate(database);
    int readConnections = Math.max(1, poolSize / 2);
    int writeConnections = Math.max(1, poolSize - readConnections);
    this.pool = new HikariDataSource(poolConfig(database, writeConnections, "parley-postgresql"));
    HikariDataSource readPool = null;
    try {
      this.jdbi = Jdbi.create(pool);
      this.sequenceKinds = sequenceKinds(jdbi);
      HikariConfig reads = poolConfig(database, readConnections, "parley-postgresql-reads");
      reads.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
      reads.setReadOnly(true);
      readPool = new HikariDataSource(reads);
      this.readPool = readPool;
      this.readJdbi = Jdbi.create(readPool);
      this.searches = new SearchBounds(readConnections, searchTimeoutSeconds);
      this.vacuum =
          vacuumAfterErasureSeconds > 0
              ? new ErasureVacuum(
                  pool, SqlConversationRepository.ERASED_TABLES, vacuumAfterErasureSeconds)
              : null;
      this.statistics = analyze ? new PlannerStatistics(pool, ANALYZE_INTERVAL_SECONDS) : null;
    } catch (RuntimeException e) {
      if (readPool != null) {
        readPool.close();
      }
      pool.close();
      throw e;
    }
  }

  /** A READ COMMITTED pool of at most {@code size} connections to {@code database}. */
  private static HikariConfig poolConfig(PGSimpleDataSource database, int size, String name) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(database);
    config.setMaximumPoolSize(size);
    config.setPoolName(name);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    return config;
  }

  /** The id kinds that have a sequence {@code ids_<kind>} in the current schema. */
  private static Set<String> sequenceKinds(Jdbi jdbi) {
    return jdbi.withHandle(
        handle ->
            new HashSet<>(
                handle
                    .createQuery(
                        "SELECT substr(sequence_name, 5) FROM information_schema.sequences WHERE"
                            + " sequence_schema = current_schema() AND sequence_name LIKE"
                            + " 'ids\\_%'")
                    .mapTo(String.class)
                    .list()));
  }

  /**
   * Runs {@code work} in a REPEATABLE READ, READ ONLY transaction, on a connection of the read
   * pool. Its connections are set to that level and to read-only once, when they open, so a read
   * costs no statement of its own: the driver sends {@code BEGIN READ ONLY} together with the first
   * query, and the {@code COMMIT} is the only round trip a read adds to its queries.
   */
  @Override
  public <T> T read(Function<Repositories, T> work) {
    return readJdbi.inTransaction(
        handle -> work.apply(new SqlRepositories(handle, Dialect.POSTGRESQL, sequenceKinds)));
  }

  /**
   * Runs {@code work} as {@link #read} does, under {@link SearchBounds}: after a permit, in a
   * transaction whose {@code statement_timeout} is the search timeout ({@code SET LOCAL}: it ends
   * with the transaction). A query cancelled by it (SQLSTATE {@value #QUERY_CANCELED}) becomes 408
   * {@code request_timeout}.
   */
  @Override
  public <T> T search(Function<Repositories, T> work) {
    return searches.run(
        () ->
            readJdbi.inTransaction(
                handle -> {
                  handle.execute("SET LOCAL statement_timeout = " + searches.timeoutMillis());
                  return work.apply(new SqlRepositories(handle, Dialect.POSTGRESQL, sequenceKinds));
                }),
        e -> e instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState()));
  }

  /**
   * PostgreSQL's SQLSTATE for a query cancelled by {@code statement_timeout} (or a cancel request).
   */
  static final String QUERY_CANCELED = "57014";

  /**
   * Runs {@code work} in a READ COMMITTED transaction, the pool's level. A row written under a
   * workspace that is gone (deleted by {@code DELETE /_parley/workspaces/{name}} in another
   * process, whose tokens this process still trusted) breaks its foreign key to {@code workspaces}
   * ({@link WorkspaceForeignKeysMigration}): the transaction rolls back and the caller gets 401
   * {@code unauthorized}, as every later request with those tokens does.
   *
   * @throws ApiException 401 {@code unauthorized} when the workspace written to is gone
   */
  @Override
  public <T> T write(Function<Repositories, T> work) {
    SqlRepositories[] used = new SqlRepositories[1];
    T result;
    try {
      result =
          jdbi.inTransaction(
              handle -> {
                used[0] = new SqlRepositories(handle, Dialect.POSTGRESQL, sequenceKinds);
                return work.apply(used[0]);
              });
    } catch (RuntimeException e) {
      if (workspaceGone(e)) {
        throw new ApiException(ErrorCode.UNAUTHORIZED);
      }
      throw e;
    }
    used[0].committed();
    return result;
  }

  /** PostgreSQL's SQLSTATE for a row that breaks a foreign key. */
  static final String FOREIGN_KEY_VIOLATION = "23503";

  /** Whether {@code e} comes from a row written under a workspace that no longer exists. */
  static boolean workspaceGone(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof PSQLException sql && FOREIGN_KEY_VIOLATION.equals(sql.getSQLState())) {
        ServerErrorMessage message = sql.getServerErrorMessage();
        return message != null
            && message.getConstraint() != null
            && message.getConstraint().endsWith(WorkspaceForeignKeysMigration.FOREIGN_KEY_SUFFIX);
      }
    }
    return false;
  }

  /**
   * Runs an erasure as {@link #write} does, then makes the background VACUUM of the erased tables
   * due (at most one per interval); never waits for it.
   */
  @Override
  public <T> T erase(Function<Repositories, T> work) {
    T result = write(work);
    if (vacuum != null) {
      vacuum.erased();
    }
    return result;
  }

  @Override
  public String kind() {
    return "postgresql";
  }

  @Override
  public void close() {
    if (vacuum != null) {
      vacuum.close();
    }
    if (statistics != null) {
      statistics.close();
    }
    readPool.close();
    pool.close();
  }
}
