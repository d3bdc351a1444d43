package dev.parley.domain.contact;

import java.util.Map;

/**
 * What {@code PUT /contacts/{id}} ({@code UpdateContact}, {@code update_contact_request} of the
 * 2.14 description) changes. A null component leaves the field as it is; a {@link Change} sets a
 * nullable field, to null as well.
 *
 * @param role {@code "user"} or {@code "lead"}, or null
 * @param email a new email, or null
 * @param externalId a new external id ({@code user_id}), or null
 * @param signedUpAt Unix seconds; likewise lastSeenAt
 * @param unsubscribedFromEmails the new flag, or null
 * @param customAttributes attributes to merge in (a null value removes the attribute), or null
 */
public record ContactUpdate(
    String role,
    String email,
    String externalId,
    Change<String> name,
    Change<String> phone,
    Change<String> avatar,
    Change<Long> ownerId,
    Change<Long> signedUpAt,
    Change<Long> lastSeenAt,
    Boolean unsubscribedFromEmails,
    Map<String, Object> customAttributes) {

  /** A new value of a nullable field; {@code value} null clears it. */
  public record Change<T>(T value) {}
}
