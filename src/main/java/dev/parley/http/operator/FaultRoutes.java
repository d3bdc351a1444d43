package dev.parley.http.operator;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.ApiException;
import dev.parley.domain.workspace.Workspace;
import dev.parley.http.ApiRoute;
import dev.parley.http.Wire;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code /_parley/faults}: set, list and clear {@link Faults} over HTTP, for tests of a client's
 * retries (not part of Intercom's API). Operator credential only ({@code PARLEY_OPERATOR_TOKEN});
 * without one configured every route answers 404. docs/testing-with-parley.md lists the shapes.
 *
 * <ul>
 *   <li>{@code POST /_parley/faults} with {@code {"operation_id", "workspace", "status", "count",
 *       "fraction", "delay_ms", "drop"}} (every field optional but one of {@code status}, {@code
 *       delay_ms} and {@code drop}): answers the rule ({@link Faults.Fault#json}); a {@code
 *       workspace} that names no workspace is 404 {@code not_found}.
 *   <li>{@code GET /_parley/faults}: {@code {"type": "list", "data": [rules]}}.
 *   <li>{@code DELETE /_parley/faults}: clears every rule, {@code {"deleted": N}}.
 *   <li>{@code DELETE /_parley/faults/{id}}: clears one, answering it (404 when there is none).
 * </ul>
 */
public final class FaultRoutes {
  private static final String FAULTS = "/_parley/faults";

  private final Faults faults;
  private final Function<String, Workspace> workspaces;
  private final ObjectMapper mapper;

  /**
   * @param workspaces the workspace of a name, throwing {@link ApiException} 404 {@code not_found}
   *     when there is none
   */
  public FaultRoutes(Faults faults, Function<String, Workspace> workspaces, ObjectMapper mapper) {
    this.faults = faults;
    this.workspaces = workspaces;
    this.mapper = mapper;
  }

  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.operator(HandlerType.POST, FAULTS, "createFault", this::create),
        ApiRoute.operator(HandlerType.GET, FAULTS, "listFaults", this::list),
        ApiRoute.operator(HandlerType.DELETE, FAULTS, "clearFaults", this::clear),
        ApiRoute.operator(HandlerType.DELETE, FAULTS + "/{id}", "deleteFault", this::delete));
  }

  /**
   * The body of {@code POST /_parley/faults}.
   *
   * @param operationId an Intercom operationId parley serves, or {@code "*"} or absent for any
   * @param workspace the name of an existing workspace, or absent for any
   * @param status the status to answer, 400 to 599 (an error body in Intercom's {@code error.list})
   * @param count how many requests the rule applies to (default 1, or no limit with a fraction)
   * @param fraction the probability that a matching request gets the fault, above 0 and at most 1
   * @param delayMillis how long to wait before answering (or dropping), milliseconds
   * @param drop whether to close the connection without an answer
   */
  public record CreateFaultRequest(
      @JsonProperty("operation_id") String operationId,
      String workspace,
      Wire.Int status,
      Wire.Int count,
      JsonNode fraction,
      @JsonProperty("delay_ms") Wire.Int delayMillis,
      Boolean drop) {}

  void create(Context ctx) {
    CreateFaultRequest request = Wire.body(ctx, mapper, CreateFaultRequest.class);
    Double fraction = null;
    if (request.fraction() != null && !request.fraction().isNull()) {
      if (!request.fraction().isNumber()) {
        throw ApiException.invalid("fraction", "fraction must be a number");
      }
      fraction = request.fraction().doubleValue();
    }
    if (request.workspace() != null) {
      var unused = workspaces.apply(request.workspace());
    }
    Integer status = request.status() == null ? null : clampInt(request.status().value());
    long delay = request.delayMillis() == null ? 0 : request.delayMillis().value();
    Faults.Action action =
        Boolean.TRUE.equals(request.drop())
            ? Faults.Action.DROP
            : status != null || delay == 0 ? Faults.Action.ERROR : Faults.Action.DELAY;
    Faults.Fault fault =
        faults.add(
            request.operationId(),
            request.workspace(),
            action,
            status,
            delay,
            request.count() == null ? null : request.count().value(),
            fraction);
    ctx.json(fault.json());
  }

  void list(Context ctx) {
    ctx.json(OperatorJson.list(faults.list().stream().map(Faults.Fault::json).toList()));
  }

  void clear(Context ctx) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("deleted", faults.clear());
    ctx.json(json);
  }

  void delete(Context ctx) {
    ctx.json(faults.remove(ctx.pathParam("id")).json());
  }

  /** A status outside int's range stays outside 400 to 599 (refused by {@link Faults#add}). */
  private static int clampInt(long value) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
  }
}
