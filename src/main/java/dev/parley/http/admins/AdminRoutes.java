package dev.parley.http.admins;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Ids;
import dev.parley.domain.admin.ActivityLog;
import dev.parley.domain.admin.Admin;
import dev.parley.domain.admin.AdminService;
import dev.parley.domain.admin.AwayStatusReason;
import dev.parley.domain.admin.Team;
import dev.parley.domain.workspace.Caller;
import dev.parley.domain.workspace.Scope;
import dev.parley.domain.workspace.Workspace;
import dev.parley.http.ApiRoute;
import dev.parley.http.Params;
import dev.parley.http.RequestContext;
import dev.parley.http.Wire;
import dev.parley.http.admins.AdminWire.AdminJson;
import dev.parley.http.admins.AdminWire.AdminListJson;
import dev.parley.http.admins.AdminWire.AdminWithAppJson;
import dev.parley.http.admins.AdminWire.AppJson;
import dev.parley.http.admins.AdminWire.AvatarJson;
import dev.parley.http.admins.AdminWire.TeamJson;
import dev.parley.http.admins.AdminWire.TeamListJson;
import dev.parley.http.conversations.ConversationWire.PagesJson;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * Intercom's admin and team operations: {@code identifyAdmin}, {@code listAdmins}, {@code
 * retrieveAdmin}, {@code setAwayAdmin}, {@code listActivityLogs}, {@code listAwayStatusReasons},
 * {@code listTeams}, {@code retrieveTeam}.
 */
public record AdminRoutes(AdminService admins, ObjectMapper mapper) {
  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.get("/me", "identifyAdmin", Scope.READ, this::identifyAdmin),
        ApiRoute.get("/admins", "listAdmins", Scope.READ, this::listAdmins),
        // Before /admins/{id}, which would take "activity_logs" for an admin id.
        ApiRoute.get(
            "/admins/activity_logs", "listActivityLogs", Scope.READ, this::listActivityLogs),
        ApiRoute.get("/admins/{id}", "retrieveAdmin", Scope.READ, this::retrieveAdmin),
        ApiRoute.put("/admins/{id}/away", "setAwayAdmin", Scope.WRITE, this::setAwayAdmin),
        ApiRoute.get(
            "/away_status_reasons",
            "listAwayStatusReasons",
            Scope.READ,
            this::listAwayStatusReasons),
        ApiRoute.get("/teams", "listTeams", Scope.READ, this::listTeams),
        ApiRoute.get("/teams/{id}", "retrieveTeam", Scope.READ, this::retrieveTeam));
  }

  /** {@code GET /me}: the token's admin with its workspace ({@code admin_with_app}). */
  void identifyAdmin(Context ctx) {
    Caller caller = RequestContext.caller(ctx);
    Admin a = admins.me(caller);
    Workspace w = caller.workspace();
    ctx.json(
        new AdminWithAppJson(
            "admin",
            Long.toString(a.id()),
            a.name(),
            a.email(),
            a.jobTitle() == null ? "" : a.jobTitle(),
            a.awayModeEnabled(),
            a.awayModeReassign(),
            a.hasInboxSeat(),
            a.teamIds(),
            new AvatarJson("avatar", null),
            true,
            new AppJson("app", w.idCode(), w.name(), "US", "UTC", w.createdAt(), false)));
  }

  /** {@code GET /admins}. */
  void listAdmins(Context ctx) {
    ctx.json(
        new AdminListJson(
            "admin.list",
            admins.list(RequestContext.caller(ctx)).stream().map(AdminRoutes::render).toList()));
  }

  /**
   * {@code GET /admins/{id}}; 404 {@code admin_not_found} for an unknown id. The description's
   * {@code admin_id} is an integer: any other segment names no admin route at all ({@code
   * /admins/activity_logs}, which parley does not implement) and answers 404 {@code not_found}.
   */
  void retrieveAdmin(Context ctx) {
    long id = Ids.parse(ctx.pathParam("id"));
    ctx.json(render(admins.get(RequestContext.caller(ctx), id)));
  }

  /**
   * {@code PUT /admins/{id}/away}: {@code away_mode_enabled} and {@code away_mode_reassign}
   * (booleans, both required); {@code away_status_reason_id} (integer, optional) names one of the
   * workspace's away status reasons (400 {@code parameter_invalid} for an unknown or deleted one),
   * kept on the admin while it is away. 404 {@code admin_not_found} "Admin for admin_id not found".
   */
  void setAwayAdmin(Context ctx) {
    long id =
        idOr(ctx.pathParam("id"), ErrorCode.ADMIN_NOT_FOUND, AdminService.AWAY_ADMIN_NOT_FOUND);
    SetAwayRequest body = Wire.body(ctx, mapper, SetAwayRequest.class);
    ctx.json(
        render(
            admins.setAway(
                RequestContext.caller(ctx),
                id,
                body.awayModeEnabled(),
                body.awayModeReassign(),
                body.awayStatusReasonId() == null ? null : body.awayStatusReasonId().value())));
  }

  /**
   * {@code away_status_reason}: {@code {type, id, label, emoji, order, deleted, created_at,
   * updated_at}}; the id a string, times Unix seconds.
   */
  public record AwayStatusReasonJson(
      String type,
      String id,
      String label,
      String emoji,
      int order,
      boolean deleted,
      long createdAt,
      long updatedAt) {}

  /** {@code away_status_reason_list}: {@code {type: "list", data: [...]}}. */
  public record AwayStatusReasonListJson(String type, List<AwayStatusReasonJson> data) {}

  /**
   * {@code GET /away_status_reasons}: the workspace's reasons, deleted ones included, in display
   * order. Operators add them ({@code away-status-reason create}); a new workspace has none.
   */
  void listAwayStatusReasons(Context ctx) {
    ctx.json(
        new AwayStatusReasonListJson(
            "list",
            admins.awayStatusReasons(RequestContext.caller(ctx)).stream()
                .map(AdminRoutes::render)
                .toList()));
  }

  /** An away status reason as {@code listAwayStatusReasons} renders it. */
  public static AwayStatusReasonJson render(AwayStatusReason r) {
    return new AwayStatusReasonJson(
        "away_status_reason",
        Long.toString(r.id()),
        r.label(),
        r.emoji(),
        r.order(),
        r.deleted(),
        r.createdAt(),
        r.updatedAt());
  }

  /** The body of {@code setAwayAdmin}. */
  public record SetAwayRequest(
      @Wire.Required @JsonProperty("away_mode_enabled") Boolean awayModeEnabled,
      @Wire.Required @JsonProperty("away_mode_reassign") Boolean awayModeReassign,
      @JsonProperty("away_status_reason_id") Wire.Int awayStatusReasonId) {}

  /**
   * {@code GET /admins/activity_logs} ({@code listActivityLogs}): the entries created from {@code
   * created_at_after} (required) to {@code created_at_before} (optional), both Unix seconds and
   * included, newest first, all in one page. 400 {@code parameter_not_found} without {@code
   * created_at_after}, {@code parameter_invalid} for a value that is no integer or a range that
   * ends before it starts.
   */
  void listActivityLogs(Context ctx) {
    String afterText = ctx.queryParam("created_at_after");
    if (afterText == null || afterText.isBlank()) {
      throw new ApiException(ErrorCode.PARAMETER_NOT_FOUND, "created_at_after is required");
    }
    long after = unixParam("created_at_after", afterText);
    String beforeText = ctx.queryParam("created_at_before");
    Long before =
        beforeText == null || beforeText.isBlank()
            ? null
            : unixParam("created_at_before", beforeText);
    if (before != null && before < after) {
      throw ApiException.invalid(
          "created_at_before", "created_at_before must not be before created_at_after");
    }
    Caller caller = RequestContext.caller(ctx);
    List<ActivityLog> entries = admins.activityLogs(caller, after, before);
    Map<Long, Admin> performers =
        admins.admins(caller, entries.stream().map(ActivityLog::adminId).distinct().toList());
    ctx.json(
        new ActivityLogListJson(
            "activity_log.list",
            new PagesJson("pages", 1, entries.size(), 1, null),
            entries.stream().map(e -> render(e, performers.get(e.adminId()))).toList()));
  }

  private static long unixParam(String name, String text) {
    try {
      long value = Params.parseLong(text.trim());
      if (value < 0) {
        throw new NumberFormatException("negative");
      }
      return value;
    } catch (NumberFormatException e) {
      throw ApiException.invalid(name, name + " must be a Unix timestamp in seconds");
    }
  }

  /**
   * {@code activity_log}: {@code {id, performed_by: {type, id, email}, metadata, created_at,
   * activity_type, activity_description}}. parley keeps no client addresses, so {@code
   * performed_by} has no {@code ip}. The admin's email and name are read now, not stored with the
   * entry.
   */
  public record ActivityLogJson(
      String id,
      PerformedByJson performedBy,
      Map<String, Object> metadata,
      long createdAt,
      String activityType,
      String activityDescription) {}

  /** {@code performed_by}: {@code {type: "admin", id, email}}. */
  public record PerformedByJson(String type, String id, String email) {}

  /** {@code activity_log_list}: {@code {type: "activity_log.list", pages, activity_logs}}. */
  public record ActivityLogListJson(
      String type, PagesJson pages, List<ActivityLogJson> activityLogs) {}

  static ActivityLogJson render(ActivityLog entry, Admin performer) {
    String who = performer == null ? "An admin" : performer.name();
    String id = Long.toString(entry.adminId());
    return new ActivityLogJson(
        entry.id(),
        new PerformedByJson("admin", id, performer == null ? null : performer.email()),
        entry.metadata(),
        entry.createdAt(),
        entry.activityType().wire(),
        who + " " + describe(entry));
  }

  /** The sentence after the admin's name, as Intercom's {@code activity_description} reads. */
  private static String describe(ActivityLog entry) {
    Map<String, Object> m = entry.metadata();
    return switch (entry.activityType()) {
      case ADMIN_AWAY_MODE_CHANGE ->
          Boolean.TRUE.equals(m.get("away_mode"))
              ? "changed their status to away."
              : "changed their status to active.";
      case APP_DATA_DELETION ->
          m.containsKey("merged_into")
              ? "merged "
                  + m.get("object_type")
                  + " "
                  + m.get("object_id")
                  + " into "
                  + m.get("merged_into")
                  + "."
              : "deleted " + m.get("object_type") + " " + m.get("object_id") + ".";
      case CUSTOM_AUTHENTICATION_TOKEN_CREATION ->
          "created access token " + m.get("token_id") + ".";
      case OAUTH_TOKEN_REVOCATION -> "revoked access token " + m.get("token_id") + ".";
    };
  }

  /** {@code GET /teams}. */
  void listTeams(Context ctx) {
    ctx.json(
        new TeamListJson(
            "team.list",
            admins.teams(RequestContext.caller(ctx)).stream().map(AdminRoutes::render).toList()));
  }

  /** {@code GET /teams/{id}}; 404 {@code team_not_found}. */
  void retrieveTeam(Context ctx) {
    long id = idOr(ctx.pathParam("id"), ErrorCode.TEAM_NOT_FOUND);
    ctx.json(render(admins.team(RequestContext.caller(ctx), id)));
  }

  private static long idOr(String text, ErrorCode notFound) {
    return idOr(text, notFound, notFound.defaultMessage());
  }

  private static long idOr(String text, ErrorCode notFound, String message) {
    try {
      return Ids.parse(text);
    } catch (ApiException e) {
      throw new ApiException(notFound, message);
    }
  }

  public static AdminJson render(Admin a) {
    return new AdminJson(
        "admin",
        Long.toString(a.id()),
        a.name(),
        a.email(),
        a.jobTitle() == null ? "" : a.jobTitle(),
        a.awayModeEnabled(),
        a.awayModeReassign(),
        a.awayStatusReasonId(),
        a.hasInboxSeat(),
        a.teamIds(),
        null);
  }

  static TeamJson render(Team t) {
    return new TeamJson("team", Long.toString(t.id()), t.name(), t.adminIds(), null, null, null);
  }
}
