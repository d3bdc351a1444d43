package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The server clock: real by default, frozen and advanced by tests, real again. */
class ServerClockTest {
  private final Instant realNow = Instant.ofEpochSecond(1_700_000_000L);
  private final ServerClock clock = new ServerClock(Clock.fixed(realNow, ZoneOffset.UTC));

  @Test
  void followsTheRealClockUntilFrozen() {
    assertThat(clock.instant()).isEqualTo(realNow);
    assertThat(clock.frozen()).isFalse();
  }

  @Test
  void standsAtTheFrozenSecondAndAdvancesFromIt() {
    clock.freezeAt(Instant.ofEpochSecond(42));
    assertThat(clock.instant().getEpochSecond()).isEqualTo(42);
    clock.advanceSeconds(3);
    assertThat(clock.instant().getEpochSecond()).isEqualTo(45);
    assertThat(clock.nanos()).isEqualTo(45_000_000_000L);
    assertThat(clock.frozen()).isTrue();
  }

  @Test
  void advancingARealClockFreezesItAheadAndRealReturnsToIt() {
    clock.advanceSeconds(2);
    assertThat(clock.instant()).isEqualTo(realNow.plusSeconds(2));
    clock.makeReal();
    assertThat(clock.instant()).isEqualTo(realNow);
    assertThat(clock.frozen()).isFalse();
  }
}
