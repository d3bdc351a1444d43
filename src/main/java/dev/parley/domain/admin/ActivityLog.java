package dev.parley.domain.admin;

import java.util.Map;

/**
 * One entry of a workspace's admin activity log ({@code activity_log} of Intercom's 2.14 {@code
 * listActivityLogs}): what an admin did through parley. It holds ids, the activity type and
 * metadata of flags and ids, never content.
 *
 * @param workspaceId the workspace
 * @param id a random UUID, as Intercom's activity log ids are
 * @param adminId the admin who performed it ({@code performed_by})
 * @param activityType one of Intercom's {@code activity_type} values
 * @param metadata Intercom's {@code metadata} object: flags, ids and labels, no content
 * @param createdAt Unix seconds
 */
public record ActivityLog(
    long workspaceId,
    String id,
    long adminId,
    ActivityType activityType,
    Map<String, Object> metadata,
    long createdAt) {

  /** A new entry with a random UUID for its id. */
  public static ActivityLog of(
      long workspaceId,
      long adminId,
      ActivityType activityType,
      Map<String, Object> metadata,
      long createdAt) {
    return new ActivityLog(
        workspaceId,
        java.util.UUID.randomUUID().toString(),
        adminId,
        activityType,
        metadata,
        createdAt);
  }

  /**
   * The metadata of an {@link ActivityType#APP_DATA_DELETION}: {@code {"object_type": kind,
   * "object_id": id}}, the id as a string.
   */
  public static Map<String, Object> deletion(String kind, String id) {
    Map<String, Object> metadata = new java.util.LinkedHashMap<>();
    metadata.put("object_type", kind);
    metadata.put("object_id", id);
    return metadata;
  }

  /**
   * The activity types parley records, with Intercom's names. Intercom's 2.14 list has none for
   * deleting a conversation, a ticket or a contact through the API, nor for creating an access
   * token: parley records those as the nearest of Intercom's types (see docs/admins-and-tags.md).
   */
  public enum ActivityType {
    /** An admin set away or back ({@code PUT /admins/{id}/away}). */
    ADMIN_AWAY_MODE_CHANGE("admin_away_mode_change"),
    /**
     * A conversation, a ticket or a contact erased ({@code DELETE /conversations/{id}}, {@code
     * DELETE /tickets/{id}}, {@code DELETE /contacts/{id}}), or a lead merged into a user ({@code
     * POST /contacts/merge}: the lead is deleted; Intercom has no merge type); metadata names the
     * kind and the id, and for a merge the user in {@code merged_into}.
     */
    APP_DATA_DELETION("app_data_deletion"),
    /** An access token created (CLI {@code token create} or the operator API). */
    CUSTOM_AUTHENTICATION_TOKEN_CREATION("custom_authentication_token_creation"),
    /** An access token revoked (CLI {@code token revoke}). */
    OAUTH_TOKEN_REVOCATION("oauth_token_revocation");

    private final String wire;

    ActivityType(String wire) {
      this.wire = wire;
    }

    /** Intercom's name, as {@code activity_type} carries it. */
    public String wire() {
      return wire;
    }

    /** The type with this Intercom name. */
    public static ActivityType fromWire(String wire) {
      for (ActivityType type : values()) {
        if (type.wire.equals(wire)) {
          return type;
        }
      }
      throw new IllegalArgumentException("unknown activity type " + wire);
    }
  }
}
