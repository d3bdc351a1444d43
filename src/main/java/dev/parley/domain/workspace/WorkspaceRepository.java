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

  /** Whether any workspace exists (false on a fresh data dir). */
  boolean any();

  /** Sets or clears the restricted flag; returns false when no such workspace exists. */
  boolean setRestricted(long workspaceId, boolean restricted);

  /** Stores a token under the hex SHA-256 hash of its secret. */
  void insertToken(String tokenHash, AccessToken token);

  /** The token whose secret hashes to {@code tokenHash}, revoked or not. */
  Optional<AccessToken> findTokenByHash(String tokenHash);

  /** Marks a token revoked at {@code revokedAt} (Unix seconds); false if unknown. */
  boolean revokeToken(long workspaceId, long tokenId, long revokedAt);
}
