package dev.parley.http.admins;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Ids;
import dev.parley.domain.admin.Admin;
import dev.parley.domain.admin.AdminService;
import dev.parley.domain.admin.AwayStatusReason;
import dev.parley.domain.admin.Team;
import dev.parley.domain.workspace.Caller;
import dev.parley.domain.workspace.Scope;
import dev.parley.domain.workspace.Workspace;
import dev.parley.http.ApiRoute;
import dev.parley.http.RequestContext;
import dev.parley.http.Wire;
import dev.parley.http.admins.AdminWire.AdminJson;
import dev.parley.http.admins.AdminWire.AdminListJson;
import dev.parley.http.admins.AdminWire.AdminWithAppJson;
import dev.parley.http.admins.AdminWire.AppJson;
import dev.parley.http.admins.AdminWire.AvatarJson;
import dev.parley.http.admins.AdminWire.TeamJson;
import dev.parley.http.admins.AdminWire.TeamListJson;
import io.javalin.http.Context;
import java.util.List;

/**
 * Intercom's admin and team operations: {@code identifyAdmin}, {@code listAdmins}, {@code
 * retrieveAdmin}, {@code setAwayAdmin}, {@code listTeams}, {@code retrieveTeam}.
 */
public record AdminRoutes(AdminService admins, ObjectMapper mapper) {
  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.get("/me", "identifyAdmin", Scope.READ, this::identifyAdmin),
        ApiRoute.get("/admins", "listAdmins", Scope.READ, this::listAdmins),
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
