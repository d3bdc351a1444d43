package dev.parley.domain.workspace;

import java.util.Set;

/**
 * Who is making a request: the authenticated token, its workspace and admin. Every service call
 * that touches a workspace's data takes one.
 */
public record Caller(Workspace workspace, long tokenId, long adminId, Set<Scope> scopes) {

  /** The workspace id every lookup is confined to. */
  public long workspaceId() {
    return workspace.id();
  }

  public boolean has(Scope scope) {
    return scopes.contains(scope);
  }
}
