package dev.parley.domain.contact;

import java.util.Map;

/**
 * A contact (Intercom's {@code contact}): a user or a lead.
 *
 * @param id 24 lower-case hex characters, like Intercom's contact ids
 * @param role {@code "user"} or {@code "lead"}
 * @param customAttributes attribute name to a string, number or boolean
 * @param signedUpAt Unix seconds or null; likewise the other {@code *At} fields
 */
public record Contact(
    long workspaceId,
    String id,
    String role,
    String email,
    String externalId,
    String name,
    String phone,
    String avatar,
    Long ownerId,
    boolean unsubscribedFromEmails,
    Map<String, Object> customAttributes,
    Long signedUpAt,
    Long lastSeenAt,
    Long lastRepliedAt,
    boolean archived,
    long createdAt,
    long updatedAt) {}
