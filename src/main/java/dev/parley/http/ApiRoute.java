package dev.parley.http;

import dev.parley.domain.workspace.Scope;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One operation of the API: method, path (Javalin syntax, {@code {id}} for parameters),
 * Intercom's {@code operationId}, the scope a token needs, and the handler.
 *
 * @param scope the scope needed, or null for operations that need no token
 */
public record ApiRoute(HandlerType method, String path, String operationId, Scope scope, Handler handler) {

  public static ApiRoute get(String path, String operationId, Scope scope, Handler handler) {
    return new ApiRoute(HandlerType.GET, path, operationId, scope, handler);
  }

  public static ApiRoute post(String path, String operationId, Scope scope, Handler handler) {
    return new ApiRoute(HandlerType.POST, path, operationId, scope, handler);
  }

  public static ApiRoute put(String path, String operationId, Scope scope, Handler handler) {
    return new ApiRoute(HandlerType.PUT, path, operationId, scope, handler);
  }

  public static ApiRoute delete(String path, String operationId, Scope scope, Handler handler) {
    return new ApiRoute(HandlerType.DELETE, path, operationId, scope, handler);
  }
}
