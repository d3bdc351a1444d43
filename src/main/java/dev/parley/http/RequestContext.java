package dev.parley.http;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.workspace.Caller;
import io.javalin.http.Context;

/** What the filters attach to a request: its id, its caller, its API version. */
public final class RequestContext {
  static final String REQUEST_ID = "parley.requestId";
  static final String CALLER = "parley.caller";

  /** The workspace id a request was counted under in the {@code WorkspaceGate}, until it ends. */
  static final String ENTERED = "parley.enteredWorkspace";

  static final String VERSION = "parley.version";
  static final String OPERATION = "parley.operationId";
  static final String ERROR_WRITTEN = "parley.errorWritten";

  private RequestContext() {}

  /** The request id (a UUID string), also sent as {@code X-Request-Id}. */
  public static String requestId(Context ctx) {
    String id = ctx.attribute(REQUEST_ID);
    return id == null ? "" : id;
  }

  /**
   * The authenticated caller.
   *
   * @throws ApiException 401 when the request was not authenticated
   */
  public static Caller caller(Context ctx) {
    Caller caller = ctx.attribute(CALLER);
    if (caller == null) {
      throw new ApiException(ErrorCode.UNAUTHORIZED);
    }
    return caller;
  }

  /** The effective Intercom-Version: the header's, or the workspace default. */
  public static String version(Context ctx) {
    String version = ctx.attribute(VERSION);
    return version == null ? "2.14" : version;
  }
}
