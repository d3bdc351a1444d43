package dev.parley.http;

import dev.parley.domain.workspace.Scope;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;

/**
 * One operation of the API: method, path (Javalin syntax, {@code {id}} for parameters), Intercom's
 * {@code operationId}, who may call it, and the handler.
 *
 * <p>The server authenticates, rate-limits and checks {@code Intercom-Version} and the scope from
 * this entry alone, never from the request path: the entry is registered with Javalin as the
 * route's {@link RouteRole}, which Javalin hands back for the matched route.
 *
 * @param access who may call the operation
 * @param scope the scope a workspace token needs; null unless {@code access} is {@link
 *     Access#WORKSPACE}
 */
public record ApiRoute(
    HandlerType method,
    String path,
    String operationId,
    Access access,
    Scope scope,
    Handler handler)
    implements RouteRole {

  /** Who may call an operation. */
  public enum Access {
    /** No token: health and the capability URLs of uploads. */
    PUBLIC,
    /**
     * A workspace's token with the route's scope; counted against the workspace's rate limit, and
     * {@code Intercom-Version} checked. Every operation of Intercom's API.
     */
    WORKSPACE,
    /**
     * The operator credential only ({@code PARLEY_OPERATOR_TOKEN}), as a bearer token: these
     * operations see every workspace at once, so no workspace token opens them.
     */
    OPERATOR
  }

  public ApiRoute {
    if ((access == Access.WORKSPACE) != (scope != null)) {
      throw new IllegalArgumentException(operationId + ": a scope goes with WORKSPACE access only");
    }
  }

  /** A workspace operation that needs {@code scope}. */
  public static ApiRoute get(String path, String operationId, Scope scope, Handler handler) {
    return new ApiRoute(HandlerType.GET, path, operationId, Access.WORKSPACE, scope, handler);
  }

  /** A workspace operation that needs {@code scope}. */
  public static ApiRoute post(String path, String operationId, Scope scope, Handler handler) {
    return new ApiRoute(HandlerType.POST, path, operationId, Access.WORKSPACE, scope, handler);
  }

  /** A workspace operation that needs {@code scope}. */
  public static ApiRoute put(String path, String operationId, Scope scope, Handler handler) {
    return new ApiRoute(HandlerType.PUT, path, operationId, Access.WORKSPACE, scope, handler);
  }

  /** A workspace operation that needs {@code scope}. */
  public static ApiRoute delete(String path, String operationId, Scope scope, Handler handler) {
    return new ApiRoute(HandlerType.DELETE, path, operationId, Access.WORKSPACE, scope, handler);
  }

  /** An operation anyone may call, without a token. */
  public static ApiRoute publicGet(String path, String operationId, Handler handler) {
    return new ApiRoute(HandlerType.GET, path, operationId, Access.PUBLIC, null, handler);
  }

  /** An operation for the operator credential only. */
  public static ApiRoute operator(
      HandlerType method, String path, String operationId, Handler handler) {
    return new ApiRoute(method, path, operationId, Access.OPERATOR, null, handler);
  }
}
