package dev.parley.store;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * How long a search may run and how many may run at once, on either store (docs/search.md,
 * "Bounds").
 *
 * <p>A search shares the read connections with every GET. At most {@link #permits()} searches (half
 * the read connections, at least one) hold one at a time, so slow searches never take the
 * connections GETs need; a search that finds no free permit within the timeout is not run. A
 * running search is cancelled by its store once it has run {@code timeoutSeconds} (PostgreSQL:
 * {@code statement_timeout}, per query of the search; SQLite: a progress handler, for the whole
 * search). Both answer 408 {@code request_timeout} ({@link ErrorCode#SEARCH_TIMEOUT}), never a 5xx:
 * the query, not the server, is at fault, and Intercom's SDKs retry a 408 with backoff.
 */
final class SearchBounds {
  private final Semaphore permits;
  private final int permitCount;
  private final int timeoutSeconds;

  /**
   * @param readConnections the read connections searches share with other reads
   * @param timeoutSeconds how long one search may run, seconds; 0 for no limit (searches still wait
   *     at most {@link #WAIT_WITHOUT_TIMEOUT_SECONDS} for a permit)
   */
  SearchBounds(int readConnections, int timeoutSeconds) {
    if (timeoutSeconds < 0) {
      throw new IllegalArgumentException("timeoutSeconds must be >= 0: " + timeoutSeconds);
    }
    this.permitCount = Math.max(1, readConnections / 2);
    this.permits = new Semaphore(permitCount, true);
    this.timeoutSeconds = timeoutSeconds;
  }

  /** How long a search waits for a permit when searches have no time limit. */
  static final int WAIT_WITHOUT_TIMEOUT_SECONDS = 30;

  /** The most searches that run at once. */
  int permits() {
    return permitCount;
  }

  /** The time limit of one search, milliseconds; 0 for none. */
  long timeoutMillis() {
    return timeoutSeconds * 1000L;
  }

  /**
   * Runs {@code search} under a permit.
   *
   * @param cancelled whether an exception {@code search} threw is the store's cancellation of a
   *     query that ran out of time (looked for along the cause chain)
   * @throws ApiException 408 {@code request_timeout} when no permit was free within the time limit,
   *     or when the store cancelled the search
   */
  <T> T run(Supplier<T> search, Predicate<Throwable> cancelled) {
    boolean acquired;
    try {
      acquired =
          permits.tryAcquire(
              timeoutSeconds > 0 ? timeoutSeconds : WAIT_WITHOUT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw timedOut();
    }
    if (!acquired) {
      throw timedOut();
    }
    try {
      return search.get();
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (cancelled.test(t)) {
          throw timedOut();
        }
      }
      throw e;
    } finally {
      permits.release();
    }
  }

  private ApiException timedOut() {
    return new ApiException(
        ErrorCode.SEARCH_TIMEOUT,
        "The search took longer than "
            + seconds(timeoutSeconds > 0 ? timeoutSeconds : WAIT_WITHOUT_TIMEOUT_SECONDS)
            + "; narrow the query or retry later");
  }

  private static String seconds(long n) {
    return n == 1 ? "1 second" : n + " seconds";
  }
}
