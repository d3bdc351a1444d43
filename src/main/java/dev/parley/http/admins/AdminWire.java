package dev.parley.http.admins;

import java.util.List;

/**
 * The JSON shapes of Intercom's admins and teams ({@code admin}, {@code admin_with_app}, {@code
 * team}).
 */
public final class AdminWire {
  private AdminWire() {}

  /** {@code admin}. {@code avatar} is a URL or null. */
  public record AdminJson(
      String type,
      String id,
      String name,
      String email,
      String jobTitle,
      boolean awayModeEnabled,
      boolean awayModeReassign,
      Long awayStatusReasonId,
      boolean hasInboxSeat,
      List<Long> teamIds,
      String avatar) {}

  /** {@code admin_with_app}, the answer of {@code /me}. */
  public record AdminWithAppJson(
      String type,
      String id,
      String name,
      String email,
      String jobTitle,
      boolean awayModeEnabled,
      boolean awayModeReassign,
      boolean hasInboxSeat,
      List<Long> teamIds,
      AvatarJson avatar,
      Boolean emailVerified,
      AppJson app) {}

  /** The avatar object of {@code admin_with_app}. */
  public record AvatarJson(String type, String imageUrl) {}

  /** {@code app}: the workspace. {@code created_at} is Unix seconds. */
  public record AppJson(
      String type,
      String idCode,
      String name,
      String region,
      String timezone,
      long createdAt,
      boolean identityVerification) {}

  /** {@code admin_list}. */
  public record AdminListJson(String type, List<AdminJson> admins) {}

  /** {@code team}. */
  public record TeamJson(
      String type,
      String id,
      String name,
      List<Long> adminIds,
      Object adminPriorityLevel,
      Integer assignmentLimit,
      String distributionMethod) {}

  /** {@code team_list}. */
  public record TeamListJson(String type, List<TeamJson> teams) {}
}
