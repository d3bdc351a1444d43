package dev.parley.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.domain.Repositories;
import dev.parley.domain.Store;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The production store: PostgreSQL through a HikariCP pool. Writes run in READ COMMITTED
 * transactions and lock the rows they change ({@code FOR UPDATE}), so several parley
 * processes can serve one database; PostgreSQL groups concurrent commits itself. Reads run
 * in REPEATABLE READ read-only transactions for a consistent snapshot.
 */
public final class PostgresStore implements Store {
  private final HikariDataSource pool;
  private final Jdbi jdbi;

  /**
   * Connects, and migrates the schema under Flyway's lock.
   *
   * @param url a {@code jdbc:postgresql://} URL
   * @param user the database user, or null for the driver's default
   * @param password the password, or null
   * @param poolSize connections in the pool
   */
  public PostgresStore(String url, String user, String password, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("parley-postgresql");
    this.pool = new HikariDataSource(config);
    Migrations.migrate(pool);
    this.jdbi = Jdbi.create(pool);
  }

  @Override
  public <T> T read(Function<Repositories, T> work) {
    return jdbi.inTransaction(
        TransactionIsolationLevel.REPEATABLE_READ,
        handle -> work.apply(new SqlRepositories(handle, Dialect.POSTGRESQL)));
  }

  @Override
  public <T> T write(Function<Repositories, T> work) {
    return jdbi.inTransaction(
        TransactionIsolationLevel.READ_COMMITTED,
        handle -> work.apply(new SqlRepositories(handle, Dialect.POSTGRESQL)));
  }

  @Override
  public boolean checkpointAfterErasure() {
    return true;
  }

  @Override
  public String kind() {
    return "postgresql";
  }

  @Override
  public void close() {
    pool.close();
  }
}
