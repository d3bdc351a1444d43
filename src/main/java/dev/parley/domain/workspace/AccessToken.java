package dev.parley.domain.workspace;

import java.util.Set;

/**
 * A stored access token. The token itself is never stored: only its SHA-256 hash.
 *
 * @param id numeric id, shown by the CLI and recorded in the erasure log
 * @param workspaceId the workspace it belongs to
 * @param adminId the admin it acts as
 * @param scopes what it may do
 * @param createdAt Unix seconds
 * @param revokedAt Unix seconds, or null while valid
 */
public record AccessToken(
    long id, long workspaceId, long adminId, Set<Scope> scopes, long createdAt, Long revokedAt) {}
