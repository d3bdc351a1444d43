package dev.parley.domain.workspace;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Store;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Intercom's rate limit of an app, per workspace: requests are counted per 10-second window
 * (windows begin at Unix seconds that are multiples of 10), and a window allows a sixth of the
 * workspace's per-minute limit, rounded up (10,000 a minute: 1,667 a window). Follows Intercom's
 * "Rate Limiting" page: every authenticated response carries the window's state ({@link State}),
 * and a request over the limit answers 429 {@code rate_limit_exceeded} "Exceeded rate limit of N in
 * 10_seconds".
 *
 * <p>A workspace's limit is its own ({@link Workspace#rateLimitPerMinute()}, set with {@code parley
 * workspace rate-limit}) or the server's default; 0 turns it off.
 *
 * <p>How requests are counted depends on the store:
 *
 * <ul>
 *   <li>{@link #local}: in this process's memory, exactly. SQLite serves one process per data dir,
 *       so this is every request of the workspace, and no request writes to the store for it.
 *   <li>{@link #shared}: several processes on one PostgreSQL share each workspace's window through
 *       one row ({@link WorkspaceRepository#reserveRequests}). A process reserves a batch of the
 *       window's allowance with one atomic statement (a fiftieth of the window's limit, between 1
 *       and 100: 33 of 1,667) and answers from it in memory; a window is used up when every request
 *       of it is reserved. The processes together never answer more than the limit in a window;
 *       when requests exceed it, each other process may hold up to a batch less one unused, so a
 *       window may end with that many requests refused that the limit would have allowed (2 % of it
 *       per other process). A window used up is remembered until it ends: refused requests do not
 *       write.
 * </ul>
 *
 * <p>Windows follow this process's {@link Clock}; processes on one PostgreSQL are expected to keep
 * their clocks synchronized (NTP). One whose clock lags another's by less than a window counts its
 * requests in the other's newer window while it lags; a stored window more than a window ahead (a
 * clock moved forward and back) is over and replaced.
 */
public final class WorkspaceRateLimiter {
  /** The length of a window, seconds (Intercom's {@code 10_seconds}). */
  public static final long WINDOW_SECONDS = 10;

  private final Clock clock;
  private final long defaultPerMinute;
  private final Store sharedStore;
  private final Map<Long, Window> windows = new ConcurrentHashMap<>();

  private WorkspaceRateLimiter(Clock clock, long defaultPerMinute, Store sharedStore) {
    if (defaultPerMinute < 0) {
      throw new IllegalArgumentException(
          "the default rate limit must be 0 (none) or more per minute");
    }
    this.clock = clock;
    this.defaultPerMinute = defaultPerMinute;
    this.sharedStore = sharedStore;
  }

  /**
   * A limiter that counts in this process only (SQLite: one process per data dir).
   *
   * @param defaultPerMinute the limit of workspaces without their own, requests per minute; 0 for
   *     none
   */
  public static WorkspaceRateLimiter local(Clock clock, long defaultPerMinute) {
    return new WorkspaceRateLimiter(clock, defaultPerMinute, null);
  }

  /**
   * A limiter whose windows are shared through {@code store} by every process on it (PostgreSQL).
   *
   * @param defaultPerMinute the limit of workspaces without their own, requests per minute; 0 for
   *     none
   */
  public static WorkspaceRateLimiter shared(Clock clock, long defaultPerMinute, Store store) {
    return new WorkspaceRateLimiter(clock, defaultPerMinute, store);
  }

  /**
   * The state of a workspace's window after a request was counted, for Intercom's headers.
   *
   * @param limit {@code X-RateLimit-Limit}: requests allowed in the window
   * @param remaining {@code X-RateLimit-Remaining}: requests still allowed in it
   * @param reset {@code X-RateLimit-Reset}: when the next window begins, Unix seconds
   */
  public record State(long limit, long remaining, long reset) {}

  /** What {@link #acquire} decided: the window's state, and whether the request may go on. */
  public record Decision(State state, boolean allowed) {
    /**
     * The refusal of a request over the limit.
     *
     * @return 429 {@code rate_limit_exceeded} "Exceeded rate limit of N in 10_seconds"
     */
    public ApiException refusal() {
      return new ApiException(
          ErrorCode.RATE_LIMIT_EXCEEDED,
          "Exceeded rate limit of " + state.limit() + " in 10_seconds");
    }
  }

  /** The per-window limit of a per-minute one: a sixth, rounded up. */
  public static long perWindow(long perMinute) {
    return (perMinute + 5) / 6;
  }

  /**
   * Counts one request of a workspace in the current window.
   *
   * @return the decision, or null when the workspace has no limit (no headers are sent)
   * @throws RuntimeException when the shared store cannot be reached (PostgreSQL)
   */
  public Decision acquire(Workspace workspace) {
    long perMinute =
        workspace.rateLimitPerMinute() != null ? workspace.rateLimitPerMinute() : defaultPerMinute;
    if (perMinute <= 0) {
      return null;
    }
    long limit = perWindow(perMinute);
    long now = clock.millis() / 1000;
    long start = now - Math.floorMod(now, WINDOW_SECONDS);
    Window window = windows.computeIfAbsent(workspace.id(), id -> new Window());
    synchronized (window) {
      if (window.start != start || window.limit != limit) {
        window.begin(start, limit);
      }
      if (window.used >= window.granted && !window.exhausted) {
        reserve(workspace.id(), window);
      }
      boolean allowed = window.used < window.granted;
      if (allowed) {
        window.used++;
      }
      long remaining = Math.max(0, limit - window.reserved) + (window.granted - window.used);
      return new Decision(new State(limit, remaining, start + WINDOW_SECONDS), allowed);
    }
  }

  private void reserve(long workspaceId, Window window) {
    if (sharedStore == null) {
      window.granted = window.limit;
      window.reserved = window.limit;
      window.exhausted = true;
      return;
    }
    long batch = Math.max(1, Math.min(100, window.limit / 50));
    long start = window.start;
    long limit = window.limit;
    RateLimitReservation got =
        sharedStore.write(
            repos -> repos.workspaces().reserveRequests(workspaceId, start, limit, batch));
    window.granted += got.granted();
    window.reserved = got.reserved();
    if (got.granted() == 0 || got.reserved() >= limit) {
      window.exhausted = true;
    }
  }

  /** One workspace's current window in this process; guarded by its own monitor. */
  private static final class Window {
    long start = -1;
    long limit;

    /** Requests of the window this process may answer (reserved by it). */
    long granted;

    /** Requests of the window this process answered. */
    long used;

    /** Requests of the window reserved by every process, as last seen. */
    long reserved;

    /** Whether the store has nothing more to reserve in this window. */
    boolean exhausted;

    void begin(long start, long limit) {
      this.start = start;
      this.limit = limit;
      this.granted = 0;
      this.used = 0;
      this.reserved = 0;
      this.exhausted = false;
    }
  }
}
