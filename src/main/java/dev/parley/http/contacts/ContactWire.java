package dev.parley.http.contacts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of Intercom's contact resource ({@code contact}, {@code contact_list}, {@code
 * contact_deleted}, {@code contact_archived}, {@code contact_unarchived}).
 */
public final class ContactWire {
  private ContactWire() {}

  /** {@code contact} plus {@code enabled_push_messaging}, as the contact operations answer. */
  public record ContactJson(
      String type,
      String id,
      String workspaceId,
      String externalId,
      String role,
      String email,
      String emailDomain,
      String phone,
      String name,
      AvatarJson avatar,
      Long ownerId,
      SocialProfilesJson socialProfiles,
      boolean hasHardBounced,
      boolean markedEmailAsSpam,
      boolean unsubscribedFromEmails,
      long createdAt,
      long updatedAt,
      Long signedUpAt,
      Long lastSeenAt,
      Long lastRepliedAt,
      Long lastContactedAt,
      Long lastEmailOpenedAt,
      Long lastEmailClickedAt,
      String languageOverride,
      String browser,
      String browserVersion,
      String browserLanguage,
      String os,
      LocationJson location,
      String androidAppName,
      String androidAppVersion,
      String androidDevice,
      String androidOsVersion,
      String androidSdkVersion,
      Long androidLastSeenAt,
      String iosAppName,
      String iosAppVersion,
      String iosDevice,
      String iosOsVersion,
      String iosSdkVersion,
      Long iosLastSeenAt,
      Map<String, Object> customAttributes,
      SubListJson tags,
      SubListJson notes,
      SubListJson companies,
      Boolean enabledPushMessaging) {}

  /** {@code contact_deleted}: a contact reference with {@code deleted}. */
  public record ContactDeletedJson(String type, String id, String externalId, boolean deleted) {}

  /**
   * {@code contact_archived} and {@code contact_unarchived}: a contact reference with {@code
   * archived}.
   */
  public record ContactArchivedJson(String type, String id, String externalId, boolean archived) {}

  /** {@code contact_blocked}: a contact reference with {@code blocked} (always true). */
  public record ContactBlockedJson(String type, String id, String externalId, boolean blocked) {}

  /**
   * {@code avatar} of a contact with an image; a contact without one answers {@code "avatar":
   * null}, as Intercom does (the 2.14 schema is nullable) and as Intercom's Java SDK 4.x needs (it
   * reads no object without an image).
   */
  public record AvatarJson(String type, String imageUrl) {}

  /** {@code contact_social_profiles}. */
  public record SocialProfilesJson(String type, List<Object> data) {}

  /** {@code contact_location}. */
  public record LocationJson(String type, String country, String region, String city) {}

  /**
   * {@code contact_tags}, {@code contact_notes}, {@code contact_companies}: up to 10 {@link
   * AddressableJson} items, the URL that lists them all, their total and whether there are more
   * than shown.
   */
  public record SubListJson(
      String type, List<AddressableJson> data, String url, long totalCount, boolean hasMore) {}

  /** {@code addressable_list}: {@code {type, id, url}}, e.g. {@code {"tag", "81", "/tags/81"}}. */
  public record AddressableJson(String type, String id, String url) {}

  /** {@code contact_list}. */
  public record ContactListJson(
      String type, List<ContactJson> data, long totalCount, PagesJson pages) {}

  /** {@code cursor_pages}. */
  public record PagesJson(
      String type,
      int page,
      int perPage,
      int totalPages,
      @JsonInclude(JsonInclude.Include.NON_NULL) NextJson next) {}

  /** {@code starting_after_paging}. */
  public record NextJson(int perPage, String startingAfter) {}
}
