/**
 * Workspaces (Intercom's apps), access tokens and their scopes, and the authentication that turns a
 * bearer token into a {@link dev.parley.domain.workspace.Caller}, and each workspace's rate limit
 * ({@link dev.parley.domain.workspace.WorkspaceRateLimiter}).
 */
package dev.parley.domain.workspace;
