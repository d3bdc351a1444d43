package dev.parley.http.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.operator.SnapshotRepository;
import dev.parley.domain.operator.SnapshotService;
import dev.parley.http.ApiRoute;
import dev.parley.http.Wire;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Workspace snapshots over HTTP (issue 17, "Snapshots"; not part of Intercom's API; {@link
 * SnapshotService}). Operator credential only; without one configured the routes answer 404.
 *
 * <ul>
 *   <li>{@code POST /_parley/workspaces/{name}/snapshots} with {@code {"name": "fixture-a"}} saves
 *       the workspace's contacts, tags and conversations (replacing a snapshot of that name) and
 *       answers the snapshot: {@code {"type": "snapshot", "workspace", "name", "created_at" (Unix
 *       seconds), "objects"}};
 *   <li>{@code GET /_parley/workspaces/{name}/snapshots} answers {@code {"type": "list", "data":
 *       [snapshots]}}, by name;
 *   <li>{@code POST /_parley/workspaces/{name}/snapshots/{snapshot}/restore} puts the workspace
 *       back to it, with the same ids, and answers the snapshot with {@code "restored": true,
 *       "objects_ restored", "uploads_erased"};
 *   <li>{@code DELETE /_parley/workspaces/{name}/snapshots/{snapshot}} deletes it and answers it
 *       with {@code "deleted": true}.
 * </ul>
 *
 * Errors: 400 {@code parameter_invalid} for a bad snapshot name, 404 {@code not_found} for an
 * unknown workspace or snapshot, in Intercom's {@code error.list} body.
 */
public final class SnapshotRoutes {
  private static final String SNAPSHOTS = "/_parley/workspaces/{workspace}/snapshots";
  private static final String SNAPSHOT = SNAPSHOTS + "/{snapshot}";

  private final SnapshotService snapshots;
  private final ObjectMapper mapper;

  public SnapshotRoutes(SnapshotService snapshots, ObjectMapper mapper) {
    this.snapshots = snapshots;
    this.mapper = mapper;
  }

  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.operator(HandlerType.POST, SNAPSHOTS, "saveSnapshot", this::save),
        ApiRoute.operator(HandlerType.GET, SNAPSHOTS, "listSnapshots", this::list),
        ApiRoute.operator(
            HandlerType.POST, SNAPSHOT + "/restore", "restoreSnapshot", this::restore),
        ApiRoute.operator(HandlerType.DELETE, SNAPSHOT, "deleteSnapshot", this::delete));
  }

  /**
   * The body of {@code POST /_parley/workspaces/{name}/snapshots}.
   *
   * @param name 1 to 100 letters, digits, dots, dashes and underscores, starting with a letter or a
   *     digit
   */
  public record SaveSnapshotRequest(@Wire.Required String name) {}

  void save(Context ctx) {
    String workspace = ctx.pathParam("workspace");
    SaveSnapshotRequest request = Wire.body(ctx, mapper, SaveSnapshotRequest.class);
    ctx.json(json(workspace, snapshots.save(workspace, request.name())));
  }

  void list(Context ctx) {
    String workspace = ctx.pathParam("workspace");
    ctx.json(
        OperatorJson.list(
            snapshots.list(workspace).stream().map(s -> json(workspace, s)).toList()));
  }

  void restore(Context ctx) {
    String workspace = ctx.pathParam("workspace");
    SnapshotService.Restored restored = snapshots.restore(workspace, ctx.pathParam("snapshot"));
    Map<String, Object> json = json(workspace, restored.snapshot());
    json.put("restored", true);
    json.put("objects_restored", restored.objects());
    json.put("uploads_erased", restored.uploads());
    ctx.json(json);
  }

  void delete(Context ctx) {
    String workspace = ctx.pathParam("workspace");
    Map<String, Object> json =
        json(workspace, snapshots.delete(workspace, ctx.pathParam("snapshot")));
    json.put("deleted", true);
    ctx.json(json);
  }

  private static Map<String, Object> json(String workspace, SnapshotRepository.Info info) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", "snapshot");
    json.put("workspace", workspace);
    json.put("name", info.name());
    json.put("created_at", info.createdAt());
    json.put("objects", info.objects());
    return json;
  }
}
