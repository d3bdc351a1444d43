package dev.parley.domain.contact;

import java.util.Map;

/**
 * What {@code POST /contacts} ({@code CreateContact}) may set. At least one of role, email and
 * external id is given (the HTTP layer checks); role defaults to {@code "user"}.
 *
 * @param signedUpAt Unix seconds or null; likewise lastSeenAt
 */
public record NewContact(
    String role,
    String email,
    String externalId,
    String name,
    String phone,
    String avatar,
    Long ownerId,
    Boolean unsubscribedFromEmails,
    Map<String, Object> customAttributes,
    Long signedUpAt,
    Long lastSeenAt) {}
