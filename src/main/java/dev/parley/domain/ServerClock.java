package dev.parley.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The server's clock: the system's UTC clock, unless a test froze it at an instant (then it stands
 * still there until advanced or returned to real). Thread-safe: readers see either the old or the
 * new setting, never a torn one. Moved only through the operator route {@code /_parley/clock} (see
 * docs/testing-with-parley.md), so that no test sleeps to wait out time.
 */
public final class ServerClock extends Clock {
  /** Null while real; otherwise the instant the clock stands at. */
  private final AtomicReference<Instant> frozenAt = new AtomicReference<>();

  private final Clock real;

  /** A real clock (the system's, UTC) until {@link #freezeAt} is called. */
  public ServerClock() {
    this(Clock.systemUTC());
  }

  /** A clock following {@code real} until {@link #freezeAt} is called. */
  public ServerClock(Clock real) {
    this.real = real;
  }

  @Override
  public Instant instant() {
    Instant frozen = frozenAt.get();
    return frozen != null ? frozen : real.instant();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.fixed(instant(), zone);
  }

  /** Stops the clock at {@code instant}. */
  public void freezeAt(Instant instant) {
    frozenAt.set(instant);
  }

  /**
   * Moves the clock forward by {@code seconds} (may be negative); a real clock is frozen at now
   * plus {@code seconds}.
   */
  public void advanceSeconds(long seconds) {
    frozenAt.updateAndGet(at -> (at != null ? at : real.instant()).plusSeconds(seconds));
  }

  /** Returns to the real clock. */
  public void makeReal() {
    frozenAt.set(null);
  }

  /** Whether the clock stands still (frozen by a test). */
  public boolean frozen() {
    return frozenAt.get() != null;
  }

  /** The clock as a Caffeine/Guava-style ticker: nanoseconds, following a frozen clock too. */
  public long nanos() {
    Instant now = instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
