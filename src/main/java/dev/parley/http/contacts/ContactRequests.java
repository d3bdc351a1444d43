package dev.parley.http.contacts;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parley.domain.ApiException;
import dev.parley.domain.contact.ContactUpdate;
import dev.parley.domain.contact.ContactUpdate.Change;
import dev.parley.http.StringLimits;
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

  /**
   * The body of {@code UpdateContact} ({@code update_contact_request}): every field optional;
   * {@code role}, {@code email} and {@code external_id} cannot be null; the {@link Wire.Given}
   * fields are cleared by null; custom attributes are merged. Times are Unix seconds.
   */
  public record UpdateContactRequest(
      @Wire.NotNull Role role,
      @Wire.NotNull String email,
      @Wire.NotNull @JsonProperty("external_id") Wire.Id externalId,
      @JsonProperty("custom_attributes") Wire.Attributes customAttributes,
      Wire.Given<String> name,
      Wire.Given<String> phone,
      Wire.Given<String> avatar,
      @JsonProperty("owner_id") Wire.Given<Wire.Int> ownerId,
      @JsonProperty("signed_up_at") Wire.Given<Wire.Int> signedUpAt,
      @JsonProperty("last_seen_at") Wire.Given<Wire.Int> lastSeenAt,
      @JsonProperty("unsubscribed_from_emails") Boolean unsubscribedFromEmails) {

    /**
     * The domain's update.
     *
     * @throws ApiException 400 {@code parameter_invalid} for an email that is no address or an
     *     empty external id
     */
    ContactUpdate update() {
      checkEmail(email);
      String external = externalId == null ? null : externalId.text();
      if (external != null && external.isEmpty()) {
        throw ApiException.invalid("external_id", "external_id must not be empty");
      }
      return new ContactUpdate(
          role == null ? null : role.wireName(),
          email,
          external,
          change(name),
          change(phone),
          change(avatar),
          number(ownerId),
          number(signedUpAt),
          number(lastSeenAt),
          unsubscribedFromEmails,
          customAttributes == null ? null : customAttributes.values());
    }
  }

  /** The body of {@code MergeContact} ({@code merge_contacts_request}): two contact ids. */
  public record MergeContactsRequest(@Wire.Required String from, @Wire.Required String into) {}

  /**
   * Checks a contact's email, when given: at most {@link StringLimits#SHORT} characters, with an
   * {@code @}.
   *
   * @throws ApiException 400 {@code parameter_invalid} naming {@code email}
   */
  static void checkEmail(String email) {
    if (email != null && (email.length() > StringLimits.SHORT || !email.contains("@"))) {
      throw ApiException.invalid("email", "email is not a valid address");
    }
  }

  private static <T> Change<T> change(Wire.Given<T> given) {
    return given == null ? null : new Change<>(given.value());
  }

  private static Change<Long> number(Wire.Given<Wire.Int> given) {
    return given == null
        ? null
        : new Change<>(given.value() == null ? null : given.value().value());
  }
}
