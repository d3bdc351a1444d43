package dev.parley.domain.workspace;

import java.util.Optional;

/** Workspaces and their access tokens. */
public interface WorkspaceRepository {

  /** Inserts a workspace; its id was allocated by the caller. */
  void insert(Workspace workspace);

  /** The workspace with this id, if any. */
  Optional<Workspace> find(long workspaceId);

  /** The workspace with this name, if any. */
  Optional<Workspace> findByName(String name);

  /** Every workspace, oldest first. */
  java.util.List<Workspace> list();

  /** Whether any workspace exists (false on a fresh data dir). */
  boolean any();

  /** Sets or clears the restricted flag; returns false when no such workspace exists. */
  boolean setRestricted(long workspaceId, boolean restricted);

  /**
   * Sets a workspace's own rate limit in requests per minute (0: none), or clears it (null: the
   * server's default); returns false when no such workspace exists.
   */
  boolean setRateLimit(long workspaceId, Long perMinute);

  /**
   * Reserves up to {@code batch} requests of a workspace's 10-second window for the calling
   * process, in one atomic statement, so that every process on one store together never reserves
   * more than {@code limit} in a window. A window that begins replaces the workspace's previous
   * one; a reservation for a window older than the one stored gets nothing (the caller's clock is
   * behind another process's).
   *
   * @param windowStart the window's first second, Unix seconds, a multiple of 10
   * @param limit the most requests of the window, at least 1
   * @param batch how many to reserve at most, at least 1
   * @return what was granted (0 when the window is used up) and the window's reservations so far,
   *     this one included
   */
  RateLimitReservation reserveRequests(long workspaceId, long windowStart, long limit, long batch);

  /** Stores a token under the hex SHA-256 hash of its secret. */
  void insertToken(String tokenHash, AccessToken token);

  /** The token whose secret hashes to {@code tokenHash}, revoked or not. */
  Optional<AccessToken> findTokenByHash(String tokenHash);

  /** Marks a token revoked at {@code revokedAt} (Unix seconds); false if unknown. */
  boolean revokeToken(long workspaceId, long tokenId, long revokedAt);
}
