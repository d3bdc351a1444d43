package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.workspace.Workspace;
import dev.parley.domain.workspace.WorkspaceRateLimiter;
import dev.parley.domain.workspace.WorkspaceRateLimiter.Decision;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Intercom's per-workspace rate limit counted in one process (SQLite), on a clock the test drives:
 * a sixth of the per-minute limit per 10-second window, headers' values, the refusal's message, a
 * new window, workspaces counted apart, and 0 for no limit.
 */
class WorkspaceRateLimiterTest {
  /** A clock the test moves; starts at 1,700,000,003.5 s (3.5 s into a window). */
  static final class TestClock extends Clock {
    long millis = 1_700_000_003_500L;

    @Override
    public ZoneId getZone() {
      return ZoneId.of("Europe/Paris");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }
  }

  static Workspace workspace(long id, Long perMinute) {
    return new Workspace(id, "ws" + id, "code" + id, false, "2.14", 0, perMinute);
  }

  @Test
  void theEleventhRequestOfAWindowOfTenIsRefusedWithIntercomsMessage() {
    TestClock clock = new TestClock();
    WorkspaceRateLimiter limiter = WorkspaceRateLimiter.local(clock, 10_000);
    Workspace tiny = workspace(1, 60L);
    List<Long> remaining = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Decision d = limiter.acquire(tiny);
      assertThat(d.allowed()).isTrue();
      assertThat(d.state().limit()).isEqualTo(10);
      assertThat(d.state().reset()).isEqualTo(1_700_000_010L);
      remaining.add(d.state().remaining());
      clock.millis += 100;
    }
    assertThat(remaining).containsExactly(9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L, 0L);
    Decision eleventh = limiter.acquire(tiny);
    assertThat(eleventh.allowed()).isFalse();
    assertThat(eleventh.state()).isEqualTo(new WorkspaceRateLimiter.State(10, 0, 1_700_000_010L));
    ApiException refusal = eleventh.refusal();
    assertThat(refusal.errorCode()).isEqualTo(ErrorCode.RATE_LIMIT_EXCEEDED);
    assertThat(refusal.errorCode().status()).isEqualTo(429);
    assertThat(refusal.getMessage()).isEqualTo("Exceeded rate limit of 10 in 10_seconds");
  }

  @Test
  void aNewWindowAllowsTheLimitAgain() {
    TestClock clock = new TestClock();
    WorkspaceRateLimiter limiter = WorkspaceRateLimiter.local(clock, 10_000);
    Workspace tiny = workspace(1, 6L);
    assertThat(limiter.acquire(tiny).allowed()).isTrue();
    assertThat(limiter.acquire(tiny).allowed()).isFalse();
    clock.millis = 1_700_000_009_999L;
    assertThat(limiter.acquire(tiny).allowed()).isFalse();
    clock.millis = 1_700_000_010_000L;
    Decision next = limiter.acquire(tiny);
    assertThat(next.allowed()).isTrue();
    assertThat(next.state()).isEqualTo(new WorkspaceRateLimiter.State(1, 0, 1_700_000_020L));
  }

  @Test
  void theServerDefaultIsASixthOfTheMinuteRoundedUpAndWorkspacesCountApart() {
    TestClock clock = new TestClock();
    WorkspaceRateLimiter limiter = WorkspaceRateLimiter.local(clock, 10_000);
    Decision first = limiter.acquire(workspace(1, null));
    assertThat(first.state()).isEqualTo(new WorkspaceRateLimiter.State(1667, 1666, 1_700_000_010L));
    Workspace tiny = workspace(2, 6L);
    assertThat(limiter.acquire(tiny).allowed()).isTrue();
    assertThat(limiter.acquire(tiny).allowed()).isFalse();
    assertThat(limiter.acquire(workspace(1, null)).state().remaining()).isEqualTo(1665);
    assertThat(WorkspaceRateLimiter.perWindow(1000)).isEqualTo(167);
  }

  @Test
  void zeroTurnsTheLimitOffForTheServerOrForOneWorkspace() {
    TestClock clock = new TestClock();
    assertThat(WorkspaceRateLimiter.local(clock, 0).acquire(workspace(1, null))).isNull();
    assertThat(WorkspaceRateLimiter.local(clock, 10_000).acquire(workspace(1, 0L))).isNull();
    assertThat(WorkspaceRateLimiter.local(clock, 0).acquire(workspace(1, 6L)).state().limit())
        .isEqualTo(1);
  }
}
