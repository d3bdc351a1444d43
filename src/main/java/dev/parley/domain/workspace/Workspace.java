package dev.parley.domain.workspace;

/**
 * A workspace, Intercom's "app": the unit of isolation. Nothing of one workspace is visible through
 * another's tokens.
 *
 * @param id internal numeric id, the leading key column of every table
 * @param name the operator's name for it, unique ({@code "default"} for the bootstrap one)
 * @param idCode the public id rendered as {@code app.id_code} and contacts' {@code workspace_id}
 * @param restricted whether an operator restricted its API access (403 {@code api_plan_restricted})
 * @param defaultVersion the Intercom-Version used when a request sends none ({@code "2.14"})
 * @param createdAt Unix seconds
 * @param rateLimitPerMinute the workspace's own rate limit in requests per minute (0: none), or
 *     null to follow the server's {@code --rate-limit-per-minute}; counted per 10-second window as
 *     Intercom does ({@link WorkspaceRateLimiter})
 */
public record Workspace(
    long id,
    String name,
    String idCode,
    boolean restricted,
    String defaultVersion,
    long createdAt,
    Long rateLimitPerMinute) {}
