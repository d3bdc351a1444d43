package dev.parley.http.contacts;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parley.http.Wire;

/** The request bodies of Intercom's contact operations, bound by {@link Wire#body}. */
public final class ContactRequests {
  private ContactRequests() {}

  /** A contact's {@code role}. */
  public enum Role {
    @JsonProperty("user")
    USER,
    @JsonProperty("lead")
    LEAD;

    /** The role as Intercom spells it. */
    public String wireName() {
      return this == USER ? "user" : "lead";
    }
  }

  /**
   * The body of {@code createContact} ({@code create_contact_request}); at least one of {@code
   * role}, {@code email}, {@code external_id} is the handler's to require. Times are Unix seconds.
   */
  public record CreateContactRequest(
      Role role,
      String email,
      @JsonProperty("external_id") Wire.Id externalId,
      @JsonProperty("custom_attributes") Wire.Attributes customAttributes,
      String name,
      String phone,
      String avatar,
      @JsonProperty("owner_id") Wire.Int ownerId,
      @JsonProperty("unsubscribed_from_emails") Boolean unsubscribedFromEmails,
      @JsonProperty("signed_up_at") Wire.Int signedUpAt,
      @JsonProperty("last_seen_at") Wire.Int lastSeenAt) {}
}
