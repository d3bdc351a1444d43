package dev.parley.store;

import dev.parley.domain.workspace.AccessToken;
import dev.parley.domain.workspace.RateLimitReservation;
import dev.parley.domain.workspace.Scope;
import dev.parley.domain.workspace.Workspace;
import dev.parley.domain.workspace.WorkspaceRepository;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@link WorkspaceRepository} in SQL. */
record SqlWorkspaceRepository(Handle handle, Dialect dialect) implements WorkspaceRepository {
  private static final RowMapper<Workspace> WORKSPACE =
      (rs, ctx) ->
          new Workspace(
              rs.getLong("workspace_id"),
              rs.getString("name"),
              rs.getString("id_code"),
              rs.getBoolean("restricted"),
              rs.getString("default_version"),
              rs.getLong("created_at"),
              Rows.nullableLong(rs, "rate_limit_per_minute"));
  private static final RowMapper<AccessToken> TOKEN =
      (rs, ctx) ->
          new AccessToken(
              rs.getLong("id"),
              rs.getLong("workspace_id"),
              rs.getLong("admin_id"),
              Scope.parseList(rs.getString("scopes")),
              rs.getLong("created_at"),
              Rows.nullableLong(rs, "revoked_at"));

  @Override
  public void insert(Workspace w) {
    handle
        .createUpdate(
            "INSERT INTO workspaces (workspace_id, name, id_code, restricted, default_version,"
                + " created_at, rate_limit_per_minute) VALUES (:id, :name, :idCode, :restricted,"
                + " :defaultVersion, :createdAt, :rateLimitPerMinute)")
        .bindMethods(w)
        .execute();
  }

  @Override
  public Optional<Workspace> find(long workspaceId) {
    return Rows.one(
        handle, "SELECT * FROM workspaces WHERE workspace_id = :id", "id", workspaceId, WORKSPACE);
  }

  @Override
  public Optional<Workspace> findByName(String name) {
    return Rows.one(handle, "SELECT * FROM workspaces WHERE name = :name", "name", name, WORKSPACE);
  }

  @Override
  public java.util.List<Workspace> list() {
    return handle
        .createQuery("SELECT * FROM workspaces ORDER BY workspace_id")
        .map(WORKSPACE)
        .list();
  }

  @Override
  public boolean any() {
    return handle.createQuery("SELECT COUNT(*) FROM workspaces").mapTo(Long.class).one() > 0;
  }

  @Override
  public boolean setRestricted(long workspaceId, boolean restricted) {
    return handle
            .createUpdate("UPDATE workspaces SET restricted = :r WHERE workspace_id = :id")
            .bind("r", restricted)
            .bind("id", workspaceId)
            .execute()
        > 0;
  }

  @Override
  public boolean setRateLimit(long workspaceId, Long perMinute) {
    return handle
            .createUpdate(
                "UPDATE workspaces SET rate_limit_per_minute = :limit WHERE workspace_id = :id")
            .bind("limit", perMinute)
            .bind("id", workspaceId)
            .execute()
        > 0;
  }

  /**
   * The request's window replaces the stored one: it is later, or the stored one is over a window
   * ahead.
   */
  private static final String NEW_WINDOW =
      " (rate_limit_windows.window_start < excluded.window_start OR"
          + " rate_limit_windows.window_start > excluded.window_start + 10)";

  /**
   * One statement on both stores (PostgreSQL, and SQLite 3.35 or later): the row of the workspace
   * is inserted for its first window, replaced when a newer window begins, and otherwise grows by
   * what is left of the batch under the limit. In an UPDATE every right-hand side reads the row as
   * it was, so {@code last_grant} is what this statement added. No row comes back when the window
   * is used up.
   *
   * <p>A stored window at most one window ahead of the request's (another process's clock a little
   * ahead, or a test clock moved forward a few seconds and back) is kept, and the request is
   * counted in it rather than refused: the processes together still answer no more than the limit
   * in it. One more than a window ahead (a clock moved forward and back) is replaced, as a later
   * one is.
   *
   * <p>On PostgreSQL the transaction commits without waiting for its WAL flush ({@code
   * synchronous_commit = off} for it alone): a reservation is worth no disk write, and a crash of
   * PostgreSQL loses at most the last reservations of a window, which then allows that many
   * requests again.
   */
  @Override
  public RateLimitReservation reserveRequests(
      long workspaceId, long windowStart, long limit, long batch) {
    long first = Math.min(batch, limit);
    if (dialect == Dialect.POSTGRESQL) {
      handle.execute("SET LOCAL synchronous_commit TO OFF");
    }
    return handle
        .createQuery(
            "INSERT INTO rate_limit_windows (workspace_id, window_start, reserved, last_grant)"
                + " VALUES (:ws, :start, :first, :first) ON CONFLICT (workspace_id) DO UPDATE SET"
                + " window_start = CASE WHEN"
                + NEW_WINDOW
                + " THEN excluded.window_start ELSE rate_limit_windows.window_start END,"
                + " last_grant = CASE WHEN"
                + NEW_WINDOW
                + " THEN :first   WHEN :limit - rate_limit_windows.reserved < :batch THEN :limit -"
                + " rate_limit_windows.reserved   ELSE :batch END, reserved = CASE WHEN"
                + NEW_WINDOW
                + " THEN :first   WHEN :limit - rate_limit_windows.reserved < :batch THEN :limit "
                + "  ELSE rate_limit_windows.reserved + :batch END WHERE"
                + NEW_WINDOW
                + " OR rate_limit_windows.reserved < :limit RETURNING last_grant, reserved")
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
  public void insertToken(String tokenHash, AccessToken t) {
    handle
        .createUpdate(
            "INSERT INTO access_tokens (token_hash, workspace_id, id, admin_id, scopes, created_at,"
                + " revoked_at) VALUES (:hash, :ws, :id, :admin, :scopes, :createdAt, NULL)")
        .bind("hash", tokenHash)
        .bind("ws", t.workspaceId())
        .bind("id", t.id())
        .bind("admin", t.adminId())
        .bind("scopes", Scope.formatList(t.scopes()))
        .bind("createdAt", t.createdAt())
        .execute();
  }

  @Override
  public Optional<AccessToken> findTokenByHash(String tokenHash) {
    return handle
        .createQuery("SELECT * FROM access_tokens WHERE token_hash = :hash")
        .bind("hash", tokenHash)
        .map(TOKEN)
        .findOne();
  }

  @Override
  public boolean revokeToken(long workspaceId, long tokenId, long revokedAt) {
    return handle
            .createUpdate(
                "UPDATE access_tokens SET revoked_at = :at WHERE workspace_id = :ws AND id = :id")
            .bind("at", revokedAt)
            .bind("ws", workspaceId)
            .bind("id", tokenId)
            .execute()
        > 0;
  }
}
