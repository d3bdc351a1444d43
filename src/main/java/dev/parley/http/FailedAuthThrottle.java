package dev.parley.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import java.time.Clock;
import java.time.Duration;

/**
 * Slows an online guess of access tokens: each client address may present a bearer token that
 * parley does not know, or revoked (401), at most {@code perMinute} times in a minute that begins
 * at its first such failure. Once it has, every request from that address answers 429 {@code
 * rate_limit_exceeded} with a {@code Retry-After} until that minute ends, without its token being
 * looked at, so that a right guess cannot be told from a wrong one; requests with a valid token
 * from that address are refused too. Requests without a token, or with a malformed {@code
 * Authorization} header, answer 401 without counting: they cannot be right guesses.
 *
 * <p>The address is the connection's peer: behind a proxy or load balancer, every client of it
 * shares one address (parley does not trust {@code X-Forwarded-For}, which a guesser could vary).
 * Counts live in this process: on PostgreSQL, each process allows {@code perMinute} failures per
 * address. At most {@value #MAX_ADDRESSES} addresses are tracked; the least recently seen are
 * forgotten first.
 */
public final class FailedAuthThrottle {
  private static final int MAX_ADDRESSES = 100_000;
  private static final long WINDOW_SECONDS = 60;

  private final Clock clock;
  private final int perMinute;
  private final Cache<String, Window> windows =
      Caffeine.newBuilder()
          .maximumSize(MAX_ADDRESSES)
          .expireAfterAccess(Duration.ofMinutes(2))
          .build();

  /**
   * @param perMinute failed authentications allowed per address per minute; 0 turns the throttle
   *     off
   */
  public FailedAuthThrottle(Clock clock, int perMinute) {
    if (perMinute < 0) {
      throw new IllegalArgumentException("--auth-failures-per-minute must be 0 (off) or more");
    }
    this.clock = clock;
    this.perMinute = perMinute;
  }

  /**
   * Refuses a request from an address that used up the failures of its minute.
   *
   * @return normally when the request may be authenticated
   * @throws ThrottledException 429 {@code rate_limit_exceeded}, with the seconds until the
   *     address's minute ends
   */
  public void check(String address) {
    if (perMinute == 0) {
      return;
    }
    Window window = windows.getIfPresent(address);
    if (window == null) {
      return;
    }
    long now = clock.millis() / 1000;
    synchronized (window) {
      if (now < window.start + WINDOW_SECONDS && window.failures >= perMinute) {
        throw new ThrottledException(window.start + WINDOW_SECONDS - now);
      }
    }
  }

  /**
   * Counts a failed authentication of a request from {@code address}: a bearer token answered 401.
   */
  public void failed(String address) {
    if (perMinute == 0) {
      return;
    }
    long now = clock.millis() / 1000;
    Window window = windows.get(address, a -> new Window());
    synchronized (window) {
      if (now >= window.start + WINDOW_SECONDS) {
        window.start = now;
        window.failures = 0;
      }
      window.failures++;
    }
  }

  /** 429 for an address that failed authentication too often; carries {@code Retry-After}. */
  public static final class ThrottledException extends ApiException {
    private static final long serialVersionUID = 1L;
    private final long retryAfterSeconds;

    ThrottledException(long retryAfterSeconds) {
      super(
          ErrorCode.RATE_LIMIT_EXCEEDED,
          "Too many failed authentications from this address; retry in "
              + retryAfterSeconds
              + " seconds");
      this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds until the address may try again, at least 1. */
    public long retryAfterSeconds() {
      return Math.max(1, retryAfterSeconds);
    }
  }

  private static final class Window {
    /** When the address's minute began, Unix seconds. */
    long start = Long.MIN_VALUE / 2;

    int failures;
  }
}
