package dev.parley.jobs;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests the HTTP API has begun to handle, so that background work (webhook delivery,
 * {@link DeliveryGovernor}) can tell when it competes with requests for the CPU. Counting is one
 * uncontended add per request.
 */
public final class ApiActivity {
  private final LongAdder requests = new LongAdder();

  /** Counts one request; called by the HTTP server as each request begins. */
  public void requestStarted() {
    requests.increment();
  }

  /** The requests begun since this process started. */
  public long requests() {
    return requests.sum();
  }
}
