package dev.parley.http;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.workspace.AuthService;
import dev.parley.domain.workspace.Caller;
import dev.parley.domain.workspace.OperatorAuth;
import dev.parley.domain.workspace.WorkspaceRateLimiter;
import io.javalin.http.Context;
import java.util.Set;
import java.util.function.Function;

/**
 * Who may call a matched route, as its {@link ApiRoute.Access} says: a workspace's access token
 * (with the workspace's rate limit and the request's {@code Intercom-Version}) or the operator
 * credential, both guessed at the same price per client address ({@link FailedAuthThrottle}).
 * Follows Intercom's order of refusals: 401 without a valid token, 429 over the rate limit, then
 * 400 for an unknown {@code Intercom-Version}.
 */
final class RequestAuthentication {
  private final AuthService auth;
  private final OperatorAuth operator;
  private final WorkspaceRateLimiter rateLimiter;
  private final FailedAuthThrottle failedAuth;

  RequestAuthentication(
      AuthService auth,
      OperatorAuth operator,
      WorkspaceRateLimiter rateLimiter,
      FailedAuthThrottle failedAuth) {
    this.auth = auth;
    this.operator = operator;
    this.rateLimiter = rateLimiter;
    this.failedAuth = failedAuth;
  }

  /** The {@code Intercom-Version} values parley accepts (the seed's enum). */
  public static final Set<String> VERSIONS =
      Set.of(
          "1.0",
          "1.1",
          "1.2",
          "1.3",
          "1.4",
          "2.0",
          "2.1",
          "2.2",
          "2.3",
          "2.4",
          "2.5",
          "2.6",
          "2.7",
          "2.8",
          "2.9",
          "2.10",
          "2.11",
          "2.12",
          "2.13",
          "2.14",
          "Unstable");

  /**
   * A workspace token: its caller (counted in the workspace gate until {@link #leave}: 401 while
   * its workspace is being deleted), the workspace's rate limit with its {@code X-RateLimit-*}
   * headers, and the request's {@code Intercom-Version} (the workspace's default when absent).
   */
  void workspace(Context ctx) {
    Caller caller = authenticate(ctx);
    if (ctx.attribute(RequestContext.ENTERED) == null) {
      auth.gate().enter(caller.workspaceId());
      ctx.attribute(RequestContext.ENTERED, caller.workspaceId());
    }
    ctx.attribute(RequestContext.CALLER, caller);
    WorkspaceRateLimiter.Decision rate = rateLimiter.acquire(caller.workspace());
    if (rate != null) {
      // Intercom sends these on every authenticated response, 429s included.
      ctx.header("X-RateLimit-Limit", Long.toString(rate.state().limit()));
      ctx.header("X-RateLimit-Remaining", Long.toString(rate.state().remaining()));
      ctx.header("X-RateLimit-Reset", Long.toString(rate.state().reset()));
      if (!rate.allowed()) {
        throw rate.refusal();
      }
    }
    String version = ctx.header("Intercom-Version");
    if (version == null || version.isEmpty()) {
      version = caller.workspace().defaultVersion();
    } else if (!VERSIONS.contains(version)) {
      throw new ApiException(
          ErrorCode.INTERCOM_VERSION_INVALID,
          "Intercom-Version must be one of 1.0 to 2.14 or Unstable",
          "Intercom-Version");
    }
    ctx.attribute(RequestContext.VERSION, version);
  }

  /**
   * Ends the request's count in the workspace gate ({@code WorkspaceGate}), once its answer is
   * written; nothing when it was never counted.
   */
  void leave(Context ctx) {
    Long workspaceId = ctx.attribute(RequestContext.ENTERED);
    if (workspaceId != null) {
      ctx.attribute(RequestContext.ENTERED, null);
      auth.gate().leave(workspaceId);
    }
  }

  /**
   * The caller of a request's token, unless its address failed authentication too often (429, with
   * {@code Retry-After}); a bearer token answered 401 counts against the address.
   */
  private Caller authenticate(Context ctx) {
    String token = AccessTokens.accessToken(ctx.header("Authorization"));
    return throttled(ctx, token, auth::authenticate);
  }

  /**
   * What {@code check} answers for {@code token}, unless the request's address failed
   * authentication too often (429 with {@code Retry-After}); a token it answers 401 counts against
   * the address. A guess is a token that parley does not know (or revoked); a missing or malformed
   * {@code Authorization} header can never succeed, so it is not counted.
   */
  private <T> T throttled(Context ctx, String token, Function<String, T> check) {
    String address = ctx.ip();
    try {
      failedAuth.check(address);
    } catch (FailedAuthThrottle.ThrottledException e) {
      ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
      throw e;
    }
    try {
      return check.apply(token);
    } catch (ApiException e) {
      if (token != null && e.errorCode() == ErrorCode.UNAUTHORIZED) {
        failedAuth.failed(address);
      }
      throw e;
    }
  }

  /**
   * The operator credential as a bearer token, guessed at the same price as a workspace's. Checked
   * on the matched route, not on the request path, so that no spelling of the path that reaches the
   * route passes with a workspace token.
   */
  void operator(Context ctx) {
    String header = ctx.header("Authorization");
    boolean bearer = header != null && header.trim().regionMatches(true, 0, "Bearer ", 0, 7);
    String token = bearer ? AccessTokens.accessToken(header) : null;
    throttled(
        ctx,
        token,
        t -> {
          operator.authenticate(t);
          return t;
        });
  }
}
