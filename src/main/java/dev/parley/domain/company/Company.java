package dev.parley.domain.company;

import java.util.Map;

/**
 * A company (Intercom's {@code company}).
 *
 * @param id 24 lower-case hex characters, Intercom's id
 * @param companyId the client's own id, unique among the workspace's live companies
 * @param name its name, or null
 * @param plan the name of its plan, or null
 * @param size its number of employees, or null
 * @param monthlySpend whole units of revenue, 0 when never set
 * @param customAttributes names to strings, numbers or booleans
 * @param remoteCreatedAt when the client created it, Unix seconds, or null
 * @param createdAt when parley created it, Unix seconds
 * @param updatedAt Unix seconds
 */
public record Company(
    long workspaceId,
    String id,
    String companyId,
    String name,
    String plan,
    Long size,
    String website,
    String industry,
    long monthlySpend,
    Map<String, Object> customAttributes,
    Long remoteCreatedAt,
    long createdAt,
    long updatedAt) {}
