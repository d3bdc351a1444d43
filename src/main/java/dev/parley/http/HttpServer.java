package dev.parley.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.workspace.AuthService;
import dev.parley.domain.workspace.Caller;
import dev.parley.domain.workspace.OperatorAuth;
import dev.parley.domain.workspace.WorkspaceRateLimiter;
import dev.parley.http.operator.Faults;
import dev.parley.http.operator.RequestJournal;
import dev.parley.jobs.ApiActivity;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.security.RouteRole;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: Javalin with the filters every request passes (request id, a validly
 * percent-encoded path), then the checks its matched route's {@link ApiRoute} entry declares
 * (authentication with its throttle of failures per address, the workspace's rate limit and its
 * {@code X-RateLimit-*} headers, Intercom-Version, the scope), the routes of the {@link
 * RouteTable}, and the one place where errors become Intercom's {@code error.list} bodies (codes of
 * bare statuses from {@link ErrorCode#forStatus}). A path no route matches is checked as a
 * workspace operation before its 404.
 *
 * <p>Each request is logged once: method, route template, operationId, status, duration and request
 * id. Never bodies, tokens, or anything from a body.
 */
public final class HttpServer {
  private static final Logger LOG = LoggerFactory.getLogger("dev.parley.http.requests");
  private static final Logger ERRORS = LoggerFactory.getLogger(HttpServer.class);

  private final Javalin app;
  private final List<ApiRoute> routes;
  private final RequestAuthentication authentication;
  private final MeterRegistry meters;

  /** How long a stop waits for requests being handled, milliseconds. */
  private static final long STOP_TIMEOUT_MILLIS = 10_000;

  /** The request timer of each operation and status, registered once. */
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  /**
   * The first path segments of the {@link ApiRoute.Access#PUBLIC} routes ({@code /healthz}, {@code
   * /uploads}): an unmatched path under one answers 404 without a token.
   */
  private final Set<String> publicSegments;

  private final ApiActivity activity;

  private final Faults faults;

  private final RequestJournal journal;

  /**
   * Builds the server; {@link #start} binds it.
   *
   * @param operator the operator credential, for {@link ApiRoute.Access#OPERATOR} routes instead of
   *     a workspace token
   * @param rateLimiter counts each authenticated request against its workspace's window
   * @param failedAuth refuses addresses that failed authentication too often
   * @param maxRequestBytes request bodies larger than this answer 413
   * @param activity counts each request as it begins (webhook delivery yields to a busy API)
   * @param faults faults to inject into requests with a workspace token ({@code /_parley/faults})
   * @param journal records each request with a workspace token ({@code /_parley/.../journal})
   */
  public HttpServer(
      List<ApiRoute> routes,
      AuthService auth,
      OperatorAuth operator,
      WorkspaceRateLimiter rateLimiter,
      FailedAuthThrottle failedAuth,
      ObjectMapper mapper,
      MeterRegistry meters,
      long maxRequestBytes,
      ApiActivity activity,
      Faults faults,
      RequestJournal journal) {
    this.routes = List.copyOf(routes);
    this.activity = activity;
    this.faults = faults;
    this.journal = journal;
    this.authentication = new RequestAuthentication(auth, operator, rateLimiter, failedAuth);
    this.meters = meters;
    this.publicSegments =
        routes.stream()
            .filter(route -> route.access() == ApiRoute.Access.PUBLIC)
            .map(route -> firstSegment(route.path()))
            .collect(Collectors.toUnmodifiableSet());
    this.app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.startupWatcherEnabled = false;
              config.jsonMapper(new JavalinJackson(mapper, false));
              config.http.maxRequestSize = maxRequestBytes;
              config.http.defaultContentType = "application/json";
              config.router.ignoreTrailingSlashes = true;
              // Jetty caches header values per connection and by default matches them
              // ignoring case: a token differing only in case from the previous request's
              // would be taken for it. Header values are case-sensitive here.
              config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
              // What Jetty refuses before a route runs answers error.list JSON, not HTML.
              JettyErrors jettyErrors = new JettyErrors(mapper);
              config.jetty.modifyServletContextHandler(
                  handler -> handler.setErrorHandler(jettyErrors));
              config.jetty.modifyServer(
                  server -> {
                    server.setErrorHandler(jettyErrors);
                    // A stop lets requests being handled finish and send their answers.
                    server.setStopTimeout(STOP_TIMEOUT_MILLIS);
                  });
              config.requestLogger.http(this::logRequest);
            });
    app.before(this::beforeEveryRequest);
    app.beforeMatched(this::beforeMatchedRoute);
    app.after(HttpServer::noContentTypeWithoutContent);
    for (ApiRoute route : routes) {
      // The entry is the route's role: Javalin hands it back for the matched route.
      app.addHttpHandler(route.method(), route.path(), route.handler(), route);
    }
    app.exception(
        ApiException.class, (e, ctx) -> writeError(ctx, e.errorCode(), e.getMessage(), e.field()));
    app.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          if (ctx.attribute(RequestContext.OPERATION) == null && refusedUnmatched(ctx)) {
            return;
          }
          ErrorCode code = ErrorCode.forStatus(e.getStatus());
          writeError(ctx, code, code.defaultMessage(), null);
        });
    app.exception(
        Exception.class,
        (e, ctx) -> {
          ERRORS.error(
              "unexpected error, request_id={} operation={}: {}",
              RequestContext.requestId(ctx),
              ctx.attribute(RequestContext.OPERATION),
              SafeErrors.describe(e));
          writeError(
              ctx,
              ErrorCode.SERVER_ERROR,
              "An unexpected error occurred; quote the request_id",
              null);
        });
    app.error(
        404,
        ctx -> {
          if (ctx.attribute(RequestContext.ERROR_WRITTEN) == null && !refusedUnmatched(ctx)) {
            writeError(ctx, ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND.defaultMessage(), null);
          }
        });
    app.error(
        405,
        ctx -> {
          if (ctx.attribute(RequestContext.ERROR_WRITTEN) == null && !refusedUnmatched(ctx)) {
            writeError(
                ctx,
                ErrorCode.METHOD_NOT_ALLOWED,
                ErrorCode.METHOD_NOT_ALLOWED.defaultMessage(),
                null);
          }
        });
  }

  /** Binds {@code host:port} (port 0 picks a free one) and starts serving. */
  public void start(String host, int port) {
    app.start(host, port);
  }

  /** The operationIds of the routes that take a workspace token (Intercom's operations). */
  public java.util.Set<String> workspaceOperations() {
    return routes.stream()
        .filter(route -> route.access() == ApiRoute.Access.WORKSPACE)
        .map(ApiRoute::operationId)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The routes served, in the order of the {@link RouteTable}. */
  public List<ApiRoute> routes() {
    return routes;
  }

  /** The bound port. */
  public int port() {
    return app.port();
  }

  public void stop() {
    app.stop();
  }

  /**
   * Whether a request changes the store, for {@link ApiActivity}: {@code POST}, {@code PUT}, {@code
   * PATCH} and {@code DELETE}, apart from searches ({@code POST .../search}, which read).
   */
  private static boolean isWrite(Context ctx) {
    return switch (ctx.method()) {
      case POST -> !ctx.path().endsWith("/search");
      case PUT, PATCH, DELETE -> true;
      default -> false;
    };
  }

  private void beforeEveryRequest(Context ctx) {
    if (!isOperatorPath(ctx)) {
      activity.requestStarted(isWrite(ctx));
    }
    // Not a secret: a random version 4 UUID from the thread's generator, without the lock
    // that UUID.randomUUID()'s SecureRandom takes on every call.
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String requestId =
        new UUID(
                (random.nextLong() & ~0xF000L) | 0x4000L,
                (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
            .toString();
    ctx.attribute(RequestContext.REQUEST_ID, requestId);
    ctx.header("X-Request-Id", requestId);
    if (!AccessTokens.validPercentEncoding(ctx.req().getRequestURI())) {
      // Jetty lets "%u0031" through; decoding the path parameters would then fail.
      throw new ApiException(
          ErrorCode.PARAMETER_INVALID, "The request path is not validly percent-encoded");
    }
  }

  /**
   * The checks of the matched route's entry, in order: who may call it ({@link ApiRoute.Access}), a
   * readable body, the scope. A request whose body cannot be read is refused before its operation
   * runs, whether the operation reads a body or not: a DELETE with broken framing erases nothing.
   */
  private void beforeMatchedRoute(Context ctx) {
    ApiRoute route = matchedRoute(ctx);
    ctx.attribute(RequestContext.OPERATION, route.operationId());
    switch (route.access()) {
      case PUBLIC -> {}
      case OPERATOR -> authentication.operator(ctx);
      case WORKSPACE -> authentication.workspace(ctx);
    }
    if (ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null) {
      RequestBody.readBody(ctx);
    }
    if (route.scope() != null && !RequestContext.caller(ctx).has(route.scope())) {
      throw new ApiException(
          ErrorCode.ACTION_FORBIDDEN,
          "This access token lacks the " + route.scope().wireName() + " scope");
    }
    if (route.access() == ApiRoute.Access.WORKSPACE) {
      Faults.Fault fault =
          faults.take(route.operationId(), RequestContext.caller(ctx).workspace().name());
      if (fault != null) {
        inject(ctx, fault);
      }
    }
  }

  /**
   * Injects a fault ({@link Faults}) into a request that passed every check: waits its delay, then
   * answers its error in Intercom's {@code error.list} body (a 429 with {@code
   * X-RateLimit-Remaining} 0 and {@code X-RateLimit-Reset} a second ahead), closes the connection
   * without an answer, or lets the operation run. Every injection is logged as one, with {@code
   * X-Parley-Fault} naming the rule in the answer.
   */
  private void inject(Context ctx, Faults.Fault fault) {
    LOG.warn(
        "fault injected: fault={} operation={} action={} status={} delay_ms={} request_id={}",
        fault.id(),
        ctx.attribute(RequestContext.OPERATION),
        fault.action().name().toLowerCase(Locale.ROOT),
        fault.status(),
        fault.delayMillis(),
        RequestContext.requestId(ctx));
    ctx.header("X-Parley-Fault", fault.id());
    if (fault.delayMillis() > 0) {
      try {
        Thread.sleep(fault.delayMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    switch (fault.action()) {
      case DROP -> {
        Request.getBaseRequest(ctx.req()).getHttpChannel().abort(new IOException("fault injected"));
        ctx.skipRemainingHandlers();
      }
      case ERROR -> {
        int status = fault.status();
        ErrorCode code = Faults.codeFor(status);
        String message = code.defaultMessage();
        if (status == 429) {
          String limit = ctx.res().getHeader("X-RateLimit-Limit");
          ctx.header("X-RateLimit-Limit", limit != null ? limit : "0");
          ctx.header("X-RateLimit-Remaining", "0");
          ctx.header("X-RateLimit-Reset", Long.toString(faults.rateLimitReset()));
          message = "Exceeded rate limit of " + (limit != null ? limit : "0") + " in 10_seconds";
        }
        ctx.attribute(RequestContext.ERROR_WRITTEN, Boolean.TRUE);
        ctx.status(status);
        ctx.json(ErrorBody.of(RequestContext.requestId(ctx), code.code(), message, null));
        ctx.skipRemainingHandlers();
      }
      case DELAY -> {}
    }
  }

  private static ApiRoute matchedRoute(Context ctx) {
    for (RouteRole role : ctx.routeRoles()) {
      if (role instanceof ApiRoute route) {
        return route;
      }
    }
    throw new IllegalStateException("route without its entry: " + ctx.endpointHandlerPath());
  }

  /**
   * A path no route matches answers as an operation of Intercom's API would before its 404: 401
   * without a valid token (the operator's under {@code /_parley/}, 404 when it is off), 429 over
   * the rate limit, 400 for an unknown {@code Intercom-Version}; one under a public route's first
   * segment needs no token. True when it was refused so (its error written).
   */
  private boolean refusedUnmatched(Context ctx) {
    if (publicSegments.contains(firstSegment(ctx.path()))) {
      return false;
    }
    try {
      if (isOperatorPath(ctx)) {
        // parley's own paths take the operator credential: with it, a wrong method or path is a
        // 405 or 404, not a 401 that reads as a bad token.
        authentication.operator(ctx);
      } else {
        authentication.workspace(ctx);
      }
      return false;
    } catch (ApiException e) {
      writeError(ctx, e.errorCode(), e.getMessage(), e.field());
      return true;
    }
  }

  /**
   * An answer without content (deleteTag's 200, the one the 2.14 description declares without
   * content) carries no {@code Content-Type}: {@code application/json} over an empty body is
   * invalid JSON to a validating proxy, which turns it into a 500.
   */
  private static void noContentTypeWithoutContent(Context ctx) {
    if (ctx.resultInputStream() == null) {
      ctx.res().setContentType(null);
    }
  }

  /** {@code "/uploads"} of {@code "/uploads/1/x"}. */
  /**
   * Whether a request is to parley's own API ({@code /_parley/...}): it takes the operator
   * credential, and it is not the load webhook delivery yields to (a test polling its delivery log,
   * say; {@link ApiActivity}).
   */
  private static boolean isOperatorPath(Context ctx) {
    return firstSegment(ctx.path()).equals("/_parley");
  }

  private static String firstSegment(String path) {
    int slash = path.indexOf('/', 1);
    return slash < 0 ? path : path.substring(0, slash);
  }

  private static void writeError(Context ctx, ErrorCode code, String message, String field) {
    ctx.attribute(RequestContext.ERROR_WRITTEN, Boolean.TRUE);
    ctx.status(code.status());
    ctx.json(ErrorBody.of(RequestContext.requestId(ctx), code.code(), message, field));
  }

  /** Logs, journals and times every request, then ends its count in the workspace gate. */
  private void logRequest(Context ctx, Float millis) {
    try {
      if (!isOperatorPath(ctx)) {
        activity.requestEnded((long) (millis * 1_000_000));
      }
      logAndTime(ctx, millis);
    } finally {
      authentication.leave(ctx);
    }
  }

  private void logAndTime(Context ctx, Float millis) {
    String operation = ctx.attribute(RequestContext.OPERATION);
    String template = routeTemplate(ctx);
    int status = ctx.statusCode();
    LOG.info(
        "{} {} operation={} status={} duration_ms={} request_id={}",
        ctx.method(),
        template,
        operation == null ? "-" : operation,
        status,
        String.format(Locale.ROOT, "%.1f", millis),
        RequestContext.requestId(ctx));
    journal(ctx, template, operation, status, millis);
    String operationTag = operation == null ? "none" : operation;
    timers
        .computeIfAbsent(
            operationTag + ' ' + status,
            key ->
                Timer.builder("parley_http_requests")
                    .description("HTTP requests by Intercom operationId and status")
                    .tag("operation", operationTag)
                    .tag("status", Integer.toString(status))
                    .register(meters))
        .record((long) (millis * 1000), TimeUnit.MICROSECONDS);
  }

  /**
   * Records a request authenticated with a workspace token in the journal; after an erasure that
   * answered 200 ({@code deleteConversation}, {@code DeleteContact}) the journal forgets its path
   * (the ErasureHook covers conversations erased with their contact).
   */
  private void journal(Context ctx, String template, String operation, int status, Float millis) {
    if (!journal.enabled()) {
      return;
    }
    Caller caller = ctx.attribute(RequestContext.CALLER);
    if (caller == null) {
      return;
    }
    long workspaceId = caller.workspace().id();
    journal.record(
        workspaceId,
        ctx.method().name(),
        ctx.path(),
        template,
        operation,
        status,
        millis == null ? 0 : millis,
        RequestContext.requestId(ctx));
    if (status == 200
        && ("deleteConversation".equals(operation) || "DeleteContact".equals(operation))) {
      journal.forget(workspaceId, ctx.path());
    }
  }

  private static String routeTemplate(Context ctx) {
    try {
      String template = ctx.endpointHandlerPath();
      return template == null || template.isEmpty() || template.equals("*")
          ? "(unmatched)"
          : template;
    } catch (RuntimeException e) {
      return "(unmatched)";
    }
  }
}
