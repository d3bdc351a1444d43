package dev.parley.jobs;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Makes webhook delivery yield to the API (issue 14: "delivery never slows the API"). Delivering a
 * notification costs the CPU of a request or two, and each delivery round is a write transaction;
 * when the API is busy, delivery at full speed takes the CPU and the store's writer from requests.
 * While it is busy, this governor lets the worker send at most {@code busyRate} notifications a
 * second (a token bucket holding a second's worth, claimed a second's worth at a time, so that the
 * worker commits as rarely as it can: every commit makes each reader of a SQLite store drop its
 * page cache); with {@code busyRate} 0, the default, it sends none. Otherwise it does not limit
 * delivery. What waits stays in the outbox, in order, and is sent when the load drops.
 *
 * <p>"Busy" is measured over samples of {@value #SAMPLE_MILLIS} ms: the API began at least {@value
 * #BUSY_WRITES_PER_SECOND} write requests a second with at least {@value #BUSY_CONCURRENCY}
 * requests in flight on average, or at least {@value #BUSY_REQUESTS_PER_SECOND} requests a second
 * with more than {@value #BUSY_CPU_CONCURRENCY} in flight on average (so from more than one client)
 * while the CPU load of the machine (or container) was at least {@value #BUSY_CPU_LOAD} (where the
 * JVM cannot tell the load, the requests alone decide); it stays busy until no sample has found it
 * so for {@value #QUIET_MILLIS} ms. Only requests to Intercom's API count ({@link ApiActivity}).
 * Time here is real time ({@link System#nanoTime}), never the server clock, which tests may freeze.
 */
public final class DeliveryGovernor {
  /** How long one sample of the API's load lasts, milliseconds. */
  static final long SAMPLE_MILLIS = 100;

  /** Requests a second from which the API counts as busy. */
  static final long BUSY_REQUESTS_PER_SECOND = 100;

  /**
   * Write requests a second from which the API counts as busy whatever the CPU, when they come from
   * concurrent clients ({@link #BUSY_CONCURRENCY}): each delivery round is a write transaction, and
   * on SQLite the API's writes and the worker's share one writer and its commits (each an fsync),
   * so the API's writes wait for the worker's even with CPU to spare.
   */
  static final long BUSY_WRITES_PER_SECOND = 100;

  /**
   * The mean number of requests in flight from which writes count as a load: a single client that
   * writes, then waits for its notification (a test), is never held back.
   */
  static final double BUSY_CONCURRENCY = 2;

  /**
   * How long the API must stay below the thresholds before it stops counting as busy, milliseconds:
   * the pauses between a client's bursts (a load generator restarting, a test moving to its next
   * step) do not release the whole backlog into the next burst.
   */
  static final long QUIET_MILLIS = 1_000;

  /**
   * The mean number of requests in flight above which many requests on a loaded machine count as a
   * load (never reached by one client: it has at most one in flight). One client that sends one
   * request at a time (a test or a script) is never held back, whatever the machine's load: with a
   * single client at 500 requests a second, its own CPU and parley's made the machine count as
   * loaded, and bench/webhooks.py's latency p99 was 1,008 ms (the notification waited for a quiet
   * second).
   */
  static final double BUSY_CPU_CONCURRENCY = 1;

  /** The share of the CPU in use (0 to 1) from which the machine counts as busy. */
  static final double BUSY_CPU_LOAD = 0.8;

  private final ApiActivity activity;
  private final int busyRate;
  private final LongSupplier nanoTime;
  private final DoubleSupplier cpuLoad;
  private long sampleStartNanos;
  private long sampleStartRequests;
  private long sampleStartWrites;
  private long sampleStartHandlingNanos;
  private boolean busy;
  private long lastBusyNanos;
  private double tokens;
  private long refilledNanos;

  /**
   * @param busyRate notifications a second delivery may send while the API is busy; 0 sends none
   *     then
   */
  public DeliveryGovernor(ApiActivity activity, int busyRate) {
    this(activity, busyRate, System::nanoTime, DeliveryGovernor::systemCpuLoad);
  }

  /**
   * @param nanoTime real time, nanoseconds
   * @param cpuLoad the CPU load, 0 to 1, or negative when unknown
   */
  DeliveryGovernor(
      ApiActivity activity, int busyRate, LongSupplier nanoTime, DoubleSupplier cpuLoad) {
    if (busyRate < 0) {
      throw new IllegalArgumentException("the busy rate must be 0 or more notifications a second");
    }
    this.activity = activity;
    this.busyRate = busyRate;
    this.nanoTime = nanoTime;
    this.cpuLoad = cpuLoad;
    this.sampleStartNanos = nanoTime.getAsLong();
    this.sampleStartRequests = activity.requests();
    this.sampleStartWrites = activity.writes();
    this.sampleStartHandlingNanos = activity.handlingNanos();
    this.refilledNanos = sampleStartNanos;
    this.tokens = busyRate;
  }

  /**
   * How many of {@code wanted} notifications the worker may claim now: all of them unless the API
   * is busy, then what the bucket holds. Call {@link #spent} with what was claimed.
   */
  public int allowance(int wanted) {
    long now = nanoTime.getAsLong();
    sample(now);
    if (!busy) {
      tokens = busyRate;
      refilledNanos = now;
      return wanted;
    }
    tokens = Math.min(busyRate, tokens + (now - refilledNanos) * (double) busyRate / 1e9);
    refilledNanos = now;
    // A round is a write transaction (on SQLite a commit to disk, after which every reader drops
    // its page cache): while busy, the worker claims a second's worth at a time (as much as its
    // free workers take) rather than one notification every few milliseconds.
    return tokens >= Math.min(wanted, batch()) ? (int) Math.min(wanted, Math.floor(tokens)) : 0;
  }

  /** What the worker claims at once while busy: a second's worth, at least 1. */
  private int batch() {
    return Math.max(1, busyRate);
  }

  /** Takes {@code claimed} notifications from the bucket. */
  public void spent(int claimed) {
    tokens = Math.max(0, tokens - claimed);
  }

  /**
   * Whether the API is busy: a sample within the last {@value #QUIET_MILLIS} ms found it so (see
   * the class comment).
   */
  public boolean busy() {
    return busy;
  }

  /** Milliseconds until the bucket holds a round's worth again while busy (at least 1). */
  public long millisToNext() {
    if (busyRate == 0) {
      return SAMPLE_MILLIS;
    }
    double missing = Math.max(0, batch() - tokens);
    return Math.max(1, Math.min(SAMPLE_MILLIS, (long) Math.ceil(missing * 1000 / busyRate)));
  }

  private void sample(long now) {
    long elapsed = now - sampleStartNanos;
    if (elapsed < TimeUnit.MILLISECONDS.toNanos(SAMPLE_MILLIS)) {
      return;
    }
    long requests = activity.requests();
    long writes = activity.writes();
    long handlingNanos = activity.handlingNanos();
    double perSecond = (requests - sampleStartRequests) * 1e9 / elapsed;
    double writesPerSecond = (writes - sampleStartWrites) * 1e9 / elapsed;
    double concurrency = (double) (handlingNanos - sampleStartHandlingNanos) / elapsed;
    // Read every sample, so that the load is that of the last sample, not since the last busy one.
    double load = cpuLoad.getAsDouble();
    boolean busySample =
        writesPerSecond >= BUSY_WRITES_PER_SECOND && concurrency >= BUSY_CONCURRENCY
            || perSecond >= BUSY_REQUESTS_PER_SECOND
                && concurrency > BUSY_CPU_CONCURRENCY
                && (load < 0 || load >= BUSY_CPU_LOAD);
    if (busySample) {
      busy = true;
      lastBusyNanos = now;
    } else if (now - lastBusyNanos >= TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS)) {
      busy = false;
    }
    sampleStartNanos = now;
    sampleStartRequests = requests;
    sampleStartWrites = writes;
    sampleStartHandlingNanos = handlingNanos;
  }

  /** The recent CPU load of the machine or container, 0 to 1; negative when unknown. */
  private static double systemCpuLoad() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getCpuLoad();
    }
    return -1;
  }
}
