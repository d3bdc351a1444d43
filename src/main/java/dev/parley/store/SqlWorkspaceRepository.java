package dev.parley.store;

import dev.parley.domain.workspace.AccessToken;
import dev.parley.domain.workspace.RateLimitReservation;
import dev.parley.domain.workspace.Scope;
import dev.parley.domain.workspace.Workspace;
import dev.parley.domain.workspace.WorkspaceRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * {@link WorkspaceRepository} in SQL: workspaces, their access tokens and rate-limit windows, as a
 * Jdbi SqlObject attached by {@link SqlRepositories#workspaces()}.
 */
@RegisterRowMapper(SqlWorkspaceRepository.WorkspaceMapper.class)
@RegisterRowMapper(SqlWorkspaceRepository.TokenMapper.class)
interface SqlWorkspaceRepository extends WorkspaceRepository, SqlObject {
  @Override
  @SqlUpdate(
      "INSERT INTO workspaces (workspace_id, name, id_code, restricted, default_version,"
          + " created_at, rate_limit_per_minute) VALUES (:id, :name, :idCode, :restricted,"
          + " :defaultVersion, :createdAt, :rateLimitPerMinute)")
  void insert(@BindMethods Workspace w);

  @Override
  @SqlQuery("SELECT * FROM workspaces WHERE workspace_id = :id")
  Optional<Workspace> find(@Bind("id") long workspaceId);

  @Override
  @SqlQuery("SELECT * FROM workspaces WHERE name = :name")
  Optional<Workspace> findByName(@Bind("name") String name);

  @Override
  @SqlQuery("SELECT COUNT(*) > 0 FROM workspaces")
  boolean any();

  @Override
  @SqlUpdate("UPDATE workspaces SET restricted = :r WHERE workspace_id = :id")
  boolean setRestricted(@Bind("id") long workspaceId, @Bind("r") boolean restricted);

  @Override
  @SqlUpdate("UPDATE workspaces SET rate_limit_per_minute = :limit WHERE workspace_id = :id")
  boolean setRateLimit(@Bind("id") long workspaceId, @Bind("limit") Long perMinute);

  /**
   * One statement on both stores (PostgreSQL, and SQLite 3.35 or later): the row of the workspace
   * is inserted for its first window, replaced when a newer window begins, and otherwise grows by
   * what is left of the batch under the limit. In an UPDATE every right-hand side reads the row as
   * it was, so {@code last_grant} is what this statement added. No row comes back when the window
   * is used up or the stored one is newer.
   *
   * <p>On PostgreSQL the transaction commits without waiting for its WAL flush ({@code
   * synchronous_commit = off} for it alone): a reservation is worth no disk write, and a crash of
   * PostgreSQL loses at most the last reservations of a window, which then allows that many
   * requests again.
   */
  @Override
  default RateLimitReservation reserveRequests(
      long workspaceId, long windowStart, long limit, long batch) {
    long first = Math.min(batch, limit);
    Handle handle = getHandle();
    if (SqlRepositories.dialect(handle) == Dialect.POSTGRESQL) {
      handle.execute("SET LOCAL synchronous_commit TO OFF");
    }
    return handle
        .createQuery(
            "INSERT INTO rate_limit_windows (workspace_id, window_start, reserved, last_grant)"
                + " VALUES (:ws, :start, :first, :first) ON CONFLICT (workspace_id) DO UPDATE SET"
                + " window_start = excluded.window_start, last_grant = CASE WHEN"
                + " rate_limit_windows.window_start < excluded.window_start THEN :first   WHEN"
                + " :limit - rate_limit_windows.reserved < :batch THEN :limit -"
                + " rate_limit_windows.reserved   ELSE :batch END, reserved = CASE WHEN"
                + " rate_limit_windows.window_start < excluded.window_start THEN :first   WHEN"
                + " :limit - rate_limit_windows.reserved < :batch THEN :limit   ELSE"
                + " rate_limit_windows.reserved + :batch END WHERE rate_limit_windows.window_start"
                + " < excluded.window_start OR (rate_limit_windows.window_start ="
                + " excluded.window_start     AND rate_limit_windows.reserved < :limit) RETURNING"
                + " last_grant, reserved")
        .bind("ws", workspaceId)
        .bind("start", windowStart)
        .bind("first", first)
        .bind("limit", limit)
        .bind("batch", batch)
        .map(
            (rs, ctx) -> new RateLimitReservation(rs.getLong("last_grant"), rs.getLong("reserved")))
        .findOne()
        .orElse(new RateLimitReservation(0, limit));
  }

  @Override
  default void insertToken(String tokenHash, AccessToken t) {
    insertToken(tokenHash, t, Scope.formatList(t.scopes()));
  }

  @SqlUpdate(
      "INSERT INTO access_tokens (token_hash, workspace_id, id, admin_id, scopes, created_at,"
          + " revoked_at) VALUES (:hash, :workspaceId, :id, :adminId, :scopeList, :createdAt,"
          + " NULL)")
  void insertToken(
      @Bind("hash") String tokenHash, @BindMethods AccessToken t, @Bind("scopeList") String scopes);

  @Override
  @SqlQuery("SELECT * FROM access_tokens WHERE token_hash = :hash")
  Optional<AccessToken> findTokenByHash(@Bind("hash") String tokenHash);

  @Override
  @SqlUpdate("UPDATE access_tokens SET revoked_at = :at WHERE workspace_id = :ws AND id = :id")
  boolean revokeToken(
      @Bind("ws") long workspaceId, @Bind("id") long tokenId, @Bind("at") long revokedAt);

  /** A row of {@code workspaces}. */
  final class WorkspaceMapper implements RowMapper<Workspace> {
    @Override
    public Workspace map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new Workspace(
          rs.getLong("workspace_id"),
          rs.getString("name"),
          rs.getString("id_code"),
          rs.getBoolean("restricted"),
          rs.getString("default_version"),
          rs.getLong("created_at"),
          Rows.nullableLong(rs, "rate_limit_per_minute"));
    }
  }

  /** A row of {@code access_tokens}. */
  final class TokenMapper implements RowMapper<AccessToken> {
    @Override
    public AccessToken map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new AccessToken(
          rs.getLong("id"),
          rs.getLong("workspace_id"),
          rs.getLong("admin_id"),
          Scope.parseList(rs.getString("scopes")),
          rs.getLong("created_at"),
          Rows.nullableLong(rs, "revoked_at"));
    }
  }
}
