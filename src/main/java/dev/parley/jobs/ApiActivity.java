package dev.parley.jobs;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests the HTTP API has begun to handle, and among them the writes, so that
 * background work (webhook delivery, {@link DeliveryGovernor}) can tell when it competes with
 * requests for the CPU or for the store's writer. Counting is two or three uncontended adds per
 * request.
 */
public final class ApiActivity {
  private final LongAdder requests = new LongAdder();
  private final LongAdder writes = new LongAdder();
  private final LongAdder handlingNanos = new LongAdder();

  /**
   * Counts one request; called by the HTTP server as each request of Intercom's API (not parley's
   * own, under {@code /_parley/}) begins.
   *
   * @param write whether the request changes the store: {@code POST}, {@code PUT}, {@code PATCH} or
   *     {@code DELETE}, apart from Intercom's searches (a {@code POST} that reads)
   */
  public void requestStarted(boolean write) {
    requests.increment();
    if (write) {
      writes.increment();
    }
  }

  /** The requests begun since this process started. */
  public long requests() {
    return requests.sum();
  }

  /**
   * Adds the time one request took to handle; called by the HTTP server as each request of
   * Intercom's API ends.
   *
   * @param nanos how long it was handled, nanoseconds
   */
  public void requestEnded(long nanos) {
    handlingNanos.add(nanos);
  }

  /**
   * The time requests ended since this process started took to handle, nanoseconds: over an
   * interval, its growth divided by the interval is the mean number of requests in flight.
   */
  public long handlingNanos() {
    return handlingNanos.sum();
  }

  /** The write requests begun since this process started (see {@link #requestStarted}). */
  public long writes() {
    return writes.sum();
  }
}
