package dev.parley.domain.workspace;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The requests of each workspace that this process is handling, so that deleting a workspace can
 * shut it first ({@code DELETE /_parley/workspaces/{name}}, issue 17): once {@link #close} has
 * begun, a new request of that workspace is refused with 401 (its tokens are about to go), and
 * {@link #close} returns when the requests already past authentication have finished, so that none
 * of them writes into the workspace after its erasure. Other processes sharing a PostgreSQL store
 * have gates of their own (docs/testing-with-parley.md says what they see).
 */
public final class WorkspaceGate {
  private final Map<Long, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final Set<Long> closed = ConcurrentHashMap.newKeySet();

  /**
   * Counts a request of the workspace as running; every call that returns must be matched by one
   * {@link #leave}.
   *
   * @throws ApiException 401 {@code unauthorized} when the workspace is being (or was) deleted
   */
  public void enter(long workspaceId) {
    AtomicInteger count = inFlight.computeIfAbsent(workspaceId, id -> new AtomicInteger());
    count.incrementAndGet();
    if (closed.contains(workspaceId)) {
      count.decrementAndGet();
      throw new ApiException(ErrorCode.UNAUTHORIZED);
    }
  }

  /** A request counted by {@link #enter} has finished. */
  public void leave(long workspaceId) {
    AtomicInteger count = inFlight.get(workspaceId);
    if (count != null) {
      count.decrementAndGet();
    }
  }

  /**
   * Refuses every new request of the workspace from now on (ids are never reused, so it stays
   * closed) and waits for those running to finish.
   *
   * @param wait how long to wait at most
   * @return true when none is running any more; false when some still ran after {@code wait}
   */
  public boolean close(long workspaceId, Duration wait) {
    closed.add(workspaceId);
    AtomicInteger count = inFlight.computeIfAbsent(workspaceId, id -> new AtomicInteger());
    long deadline = System.nanoTime() + wait.toNanos();
    while (count.get() > 0) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    inFlight.remove(workspaceId);
    return true;
  }
}
