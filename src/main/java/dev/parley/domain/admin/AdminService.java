package dev.parley.domain.admin;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Store;
import dev.parley.domain.admin.ActivityLog.ActivityType;
import dev.parley.domain.webhook.Outbox;
import dev.parley.domain.webhook.Topic;
import dev.parley.domain.workspace.Caller;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Admins and teams as Intercom's {@code /me}, {@code /admins} and {@code /teams} show them. */
public final class AdminService {
  /** The message of {@code setAwayAdmin}'s 404, as the 2.14 description's example has it. */
  public static final String AWAY_ADMIN_NOT_FOUND = "Admin for admin_id not found";

  private final Store store;
  private final Outbox outbox;
  private final Clock clock;

  public AdminService(Store store) {
    this(store, Outbox.none(), Clock.systemUTC());
  }

  /**
   * @param outbox raises {@code admin.away_mode_updated}
   * @param clock dates the activity log's entries
   */
  public AdminService(Store store, Outbox outbox, Clock clock) {
    this.store = store;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** The admin the caller's token acts as ({@code identifyAdmin}). */
  public Admin me(Caller caller) {
    return get(caller, caller.adminId());
  }

  /**
   * One admin ({@code retrieveAdmin}).
   *
   * @throws ApiException 404 {@code admin_not_found} "Admin not found"
   */
  public Admin get(Caller caller, long adminId) {
    return store.read(
        repos ->
            repos
                .admins()
                .find(caller.workspaceId(), adminId)
                .orElseThrow(() -> new ApiException(ErrorCode.ADMIN_NOT_FOUND)));
  }

  /**
   * Sets an admin away or back ({@code setAwayAdmin}). parley keeps both flags and shows them on
   * the admin; it does not reassign replies itself. Raises {@code admin.away_mode_updated} with the
   * admin as {@code retrieveAdmin} renders it now.
   *
   * @param enabled {@code away_mode_enabled}
   * @param reassign {@code away_mode_reassign}
   * @param reasonId {@code away_status_reason_id}, or null; kept only while the admin is away (an
   *     admin set back loses it)
   * @return the admin as it is now
   * @throws ApiException 404 {@code admin_not_found} "Admin for admin_id not found"; 400 {@code
   *     parameter_invalid} "Away status reason is deleted" for a deleted reason (the 2.14
   *     description's example), "Away status reason not found" for an unknown one
   */
  public Admin setAway(
      Caller caller, long adminId, boolean enabled, boolean reassign, Long reasonId) {
    long ws = caller.workspaceId();
    return store.write(
        repos -> {
          String reasonLabel = null;
          if (reasonId != null) {
            AwayStatusReason reason =
                repos.admins().awayStatusReasons(ws).stream()
                    .filter(r -> r.id() == reasonId)
                    .findFirst()
                    .orElseThrow(
                        () ->
                            ApiException.invalid(
                                "away_status_reason_id", "Away status reason not found"));
            if (reason.deleted()) {
              throw ApiException.invalid("away_status_reason_id", "Away status reason is deleted");
            }
            reasonLabel = enabled ? reason.label() : null;
          }
          if (!repos.admins().setAway(ws, adminId, enabled, reassign, enabled ? reasonId : null)) {
            throw new ApiException(ErrorCode.ADMIN_NOT_FOUND, AWAY_ADMIN_NOT_FOUND);
          }
          Admin admin = repos.admins().find(ws, adminId).orElseThrow();
          repos
              .admins()
              .insertActivity(
                  ActivityLog.of(
                      ws,
                      caller.adminId(),
                      ActivityType.ADMIN_AWAY_MODE_CHANGE,
                      awayMetadata(caller, admin, reasonLabel),
                      clock.instant().getEpochSecond()));
          outbox.raise(
              repos,
              ws,
              Topic.ADMIN_AWAY_MODE_UPDATED,
              Outbox.adminKey(adminId),
              List.of(),
              () -> outbox.items().admin(admin));
          return admin;
        });
  }

  /**
   * The metadata of an away mode change, as Intercom's {@code admin_away_mode_change} entries carry
   * it: {@code away_mode}, {@code away_status_reason} (the reason's label, or null), {@code
   * reassign_conversations}, {@code source}, {@code auto_changed} and {@code update_by} (the id of
   * the caller's admin, who may set another admin away).
   */
  private static Map<String, Object> awayMetadata(Caller caller, Admin admin, String reasonLabel) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("away_mode", admin.awayModeEnabled());
    metadata.put("away_status_reason", reasonLabel);
    metadata.put("reassign_conversations", admin.awayModeReassign());
    metadata.put("source", "admin update from api - Admin id: " + caller.adminId());
    metadata.put("auto_changed", "false");
    metadata.put("update_by", caller.adminId());
    return metadata;
  }

  /**
   * The workspace's activity log ({@code listActivityLogs}): entries created from {@code after} to
   * {@code before} (Unix seconds, both included; {@code before} null for no end), newest first.
   */
  public List<ActivityLog> activityLogs(Caller caller, long after, Long before) {
    return store.read(repos -> repos.admins().activities(caller.workspaceId(), after, before));
  }

  /** The workspace's admins keyed by id, for rendering activity log entries. */
  public Map<Long, Admin> admins(Caller caller, java.util.Collection<Long> ids) {
    return store.read(repos -> repos.admins().findAll(caller.workspaceId(), ids));
  }

  /**
   * The workspace's away status reasons, deleted ones included, in display order ({@code
   * listAwayStatusReasons}).
   */
  public List<AwayStatusReason> awayStatusReasons(Caller caller) {
    return store.read(repos -> repos.admins().awayStatusReasons(caller.workspaceId()));
  }

  /** Every admin of the workspace ({@code listAdmins}). */
  public List<Admin> list(Caller caller) {
    return store.read(repos -> repos.admins().list(caller.workspaceId()));
  }

  /**
   * One team ({@code retrieveTeam}).
   *
   * @throws ApiException 404 {@code team_not_found} "Team not found"
   */
  public Team team(Caller caller, long teamId) {
    return store.read(
        repos ->
            repos
                .admins()
                .findTeam(caller.workspaceId(), teamId)
                .orElseThrow(() -> new ApiException(ErrorCode.TEAM_NOT_FOUND)));
  }

  /** Every team of the workspace ({@code listTeams}). */
  public List<Team> teams(Caller caller) {
    return store.read(repos -> repos.admins().listTeams(caller.workspaceId()));
  }
}
