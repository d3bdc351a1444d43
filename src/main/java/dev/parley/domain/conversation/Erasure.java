package dev.parley.domain.conversation;

/**
 * One entry of the erasure log: which conversation was erased, by whom, when and how much, and
 * nothing of its content.
 *
 * @param adminId the admin the requesting token acts as
 * @param tokenId the requesting token's id
 * @param erasedAt Unix seconds
 * @param retainMetrics whether the reporting record was kept
 */
public record Erasure(
    long workspaceId,
    long id,
    long conversationId,
    Long adminId,
    Long tokenId,
    long erasedAt,
    int partsErased,
    int uploadsErased,
    boolean retainMetrics) {}
