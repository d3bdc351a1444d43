package dev.parley.http.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.ApiException;
import dev.parley.domain.operator.Seed;
import dev.parley.domain.operator.SeedService;
import dev.parley.domain.operator.WorkspaceErasureService;
import dev.parley.domain.operator.WorkspaceService;
import dev.parley.domain.workspace.Scope;
import dev.parley.domain.workspace.Workspace;
import dev.parley.http.ApiRoute;
import dev.parley.http.Wire;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Workspaces over HTTP, for test suites that give each test its own (issue 17; not part of
 * Intercom's API): {@code POST /_parley/workspaces} with {@code {"name", "scopes"}} creates a
 * workspace with an owner admin and a token, answering {@code {"type": "workspace", "name",
 * "app_id", "client_secret", "token", "token_id", "admin_id", "scopes", "created_at"}}; {@code GET
 * /_parley/workspaces} lists them ({@code {"type": "list", "data": [workspaces]}}, without
 * secrets); {@code DELETE /_parley/workspaces/{name}} deletes one with everything in it and {@code
 * POST /_parley/workspaces/{name}/reset} empties one of its content, both erasures ({@link
 * WorkspaceErasureService}), answering {@code {"type": "workspace", "name", "app_id", "deleted" |
 * "reset": true, "conversations_erased", "uploads_erased"}}; {@code POST
 * /_parley/workspaces/{name}/seed} loads a fixture ({@link SeedRequest}) into one, all or nothing
 * ({@link SeedService}), answering {@code {"type": "seed", "workspace", "ids": {"admins", "teams",
 * "tags", "contacts", "conversations"}}}, each a map from the fixture's refs to the ids given.
 * Operator credential only; without one configured the routes answer 404.
 */
public final class WorkspaceRoutes {
  private static final String WORKSPACES = "/_parley/workspaces";
  private static final String WORKSPACE = WORKSPACES + "/{workspace}";

  /** A name usable in {@code /_parley/workspaces/{name}/...} paths without encoding. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private final WorkspaceService workspaces;
  private final WorkspaceErasureService erasures;
  private final SeedService seeds;
  private final ObjectMapper mapper;

  public WorkspaceRoutes(
      WorkspaceService workspaces,
      WorkspaceErasureService erasures,
      SeedService seeds,
      ObjectMapper mapper) {
    this.workspaces = workspaces;
    this.erasures = erasures;
    this.seeds = seeds;
    this.mapper = mapper;
  }

  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.operator(HandlerType.POST, WORKSPACES, "createWorkspace", this::create),
        ApiRoute.operator(HandlerType.GET, WORKSPACES, "listWorkspaces", this::list),
        ApiRoute.operator(HandlerType.DELETE, WORKSPACE, "deleteWorkspace", this::delete),
        ApiRoute.operator(HandlerType.POST, WORKSPACE + "/reset", "resetWorkspace", this::reset),
        ApiRoute.operator(HandlerType.POST, WORKSPACE + "/seed", "seedWorkspace", this::seed));
  }

  /**
   * The body of {@code POST /_parley/workspaces}.
   *
   * @param name 1 to 100 letters, digits, dots, dashes and underscores, starting with a letter or a
   *     digit
   * @param scopes the token's scopes ({@code read}, {@code write}, {@code
   *     delete_conversations_and_metrics}); absent: all of them
   */
  public record CreateWorkspaceRequest(
      @Wire.Required String name, @Wire.MaxItems(10) List<String> scopes) {}

  void create(Context ctx) {
    CreateWorkspaceRequest request = Wire.body(ctx, mapper, CreateWorkspaceRequest.class);
    if (!NAME.matcher(request.name()).matches()) {
      throw ApiException.invalid(
          "name",
          "name must be 1 to 100 letters, digits, dots, dashes and underscores, starting with a"
              + " letter or a digit");
    }
    Set<Scope> scopes = EnumSet.allOf(Scope.class);
    if (request.scopes() != null) {
      try {
        scopes = Scope.parseList(String.join(",", request.scopes()));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid("scopes", e.getMessage());
      }
      if (scopes.isEmpty()) {
        throw ApiException.invalid("scopes", "scopes must name at least one scope");
      }
    }
    WorkspaceService.NewWorkspace created;
    try {
      created = workspaces.createWorkspaceWithToken(request.name(), scopes);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("name", e.getMessage());
    }
    Map<String, Object> json = OperatorJson.workspace(created.workspace(), created.clientSecret());
    json.put("token", created.token().secret());
    json.put("token_id", Long.toString(created.token().id()));
    json.put("admin_id", Long.toString(created.adminId()));
    json.put("scopes", List.of(Scope.formatList(created.scopes()).split(",")));
    ctx.json(json);
  }

  void list(Context ctx) {
    List<Map<String, Object>> data =
        workspaces.list().stream().map(WorkspaceRoutes::withoutSecret).toList();
    ctx.json(OperatorJson.list(data));
  }

  void delete(Context ctx) {
    ctx.json(erased(erasures.delete(ctx.pathParam("workspace")), "deleted"));
  }

  void reset(Context ctx) {
    ctx.json(erased(erasures.reset(ctx.pathParam("workspace")), "reset"));
  }

  void seed(Context ctx) {
    String name = ctx.pathParam("workspace");
    SeedRequest request = Wire.body(ctx, mapper, SeedRequest.class);
    ctx.json(seeded(name, seeds.seed(name, request.toSeed())));
  }

  /** The answer of a seeding: {@code {"type": "seed", "workspace", "ids"}}. */
  static Map<String, Object> seeded(String workspace, Seed.Ids ids) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", "seed");
    json.put("workspace", workspace);
    json.put("ids", ids.byKind());
    return json;
  }

  private static Map<String, Object> erased(WorkspaceErasureService.Outcome outcome, String what) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", "workspace");
    json.put("name", outcome.workspace().name());
    json.put("app_id", outcome.workspace().idCode());
    json.put(what, true);
    json.put("conversations_erased", outcome.conversations());
    json.put("uploads_erased", outcome.uploads());
    return json;
  }

  private static Map<String, Object> withoutSecret(Workspace ws) {
    Map<String, Object> json = new LinkedHashMap<>(OperatorJson.workspace(ws, null));
    json.remove("client_secret");
    return json;
  }
}
