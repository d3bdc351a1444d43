package dev.parley.http.operator;

import dev.parley.domain.workspace.Workspace;
import dev.parley.http.ApiRoute;
import dev.parley.http.Params;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code GET /_parley/workspaces/{name}/journal[?limit=N]} (the workspace's last requests, oldest
 * first: {@code {"type": "list", "data": [entries]}}, {@link RequestJournal.Entry#json}; {@code
 * limit} 1 to {@value RequestJournal#PER_WORKSPACE}, default all) and {@code DELETE
 * /_parley/workspaces/{name}/journal} ({@code {"deleted": N}}). Operator credential only; without
 * one configured the routes answer 404. An unknown workspace is 404.
 */
public final class JournalRoutes {
  private static final String JOURNAL = "/_parley/workspaces/{workspace}/journal";

  private final RequestJournal journal;
  private final Function<String, Workspace> workspaces;

  /**
   * @param workspaces finds a workspace by its name, throwing {@code ApiException} 404 when there
   *     is none
   */
  public JournalRoutes(RequestJournal journal, Function<String, Workspace> workspaces) {
    this.journal = journal;
    this.workspaces = workspaces;
  }

  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.operator(HandlerType.GET, JOURNAL, "listJournal", this::list),
        ApiRoute.operator(HandlerType.DELETE, JOURNAL, "clearJournal", this::clear));
  }

  void list(Context ctx) {
    Workspace ws = workspaces.apply(ctx.pathParam("workspace"));
    int limit =
        Params.intParam(
            ctx, "limit", RequestJournal.PER_WORKSPACE, 1, RequestJournal.PER_WORKSPACE);
    ctx.json(
        OperatorJson.list(
            journal.entries(ws.id(), limit).stream().map(RequestJournal.Entry::json).toList()));
  }

  void clear(Context ctx) {
    Workspace ws = workspaces.apply(ctx.pathParam("workspace"));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("deleted", journal.clear(ws.id()));
    ctx.json(json);
  }
}
