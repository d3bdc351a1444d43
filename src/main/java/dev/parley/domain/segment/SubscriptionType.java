package dev.parley.domain.segment;

import java.util.List;

/**
 * A subscription type (Intercom's {@code subscription_type}): a kind of message contacts may opt in
 * to or out of.
 *
 * @param id a positive integer, a string on the wire
 * @param name its name, in its one translation (locale {@code en})
 * @param description its description, "" for none
 * @param consentType {@code "opt_in"} (contacts receive its messages only once opted in) or {@code
 *     "opt_out"} (they receive them until they opt out)
 * @param contentTypes {@code "email"} and/or {@code "sms_message"}, in that order
 * @param state {@code "live"} or {@code "archived"}
 * @param createdAt Unix seconds; likewise {@code updatedAt}
 */
public record SubscriptionType(
    long workspaceId,
    long id,
    String name,
    String description,
    String consentType,
    List<String> contentTypes,
    String state,
    long createdAt,
    long updatedAt) {

  /** The consent types of the description's enum. */
  public static final List<String> CONSENT_TYPES = List.of("opt_in", "opt_out");

  /** The content types of the description's enum, in the order they are shown. */
  public static final List<String> CONTENT_TYPES = List.of("email", "sms_message");

  public SubscriptionType {
    contentTypes = List.copyOf(contentTypes);
  }

  /** Whether it is archived: still listed, no longer given to contacts. */
  public boolean archived() {
    return state.equals("archived");
  }
}
