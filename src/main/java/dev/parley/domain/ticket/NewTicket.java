package dev.parley.domain.ticket;

import java.util.List;
import java.util.Map;

/**
 * A ticket as {@code POST /tickets} ({@code createTicket}) takes it.
 *
 * @param ticketTypeId the type's id
 * @param contacts the contacts it is about (Intercom allows one), each found by id, external id or
 *     email
 * @param attributes attribute name to value as sent (checked against the type)
 * @param createdAt Unix seconds, or null for now
 * @param adminAssigneeId the admin it is assigned to, or null
 * @param teamAssigneeId the team it is assigned to, or null
 * @param conversationToLinkId the conversation (or customer ticket) to link the ticket to, as sent,
 *     or null
 */
public record NewTicket(
    long ticketTypeId,
    List<ContactRef> contacts,
    Map<String, Object> attributes,
    Long createdAt,
    Long adminAssigneeId,
    Long teamAssigneeId,
    String conversationToLinkId) {

  /**
   * One contact of {@code contacts}: exactly one of the three is set.
   *
   * @param id the contact's id
   * @param externalId the contact's {@code external_id}
   * @param email the contact's email
   */
  public record ContactRef(String id, String externalId, String email) {}
}
