package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Store;
import dev.parley.domain.workspace.RateLimitReservation;
import dev.parley.domain.workspace.Workspace;
import dev.parley.domain.workspace.WorkspaceRateLimiter;
import dev.parley.testing.TestStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared windows of {@link WorkspaceRateLimiter#shared} on a real store (PostgreSQL in the
 * PostgreSQL round, where several processes use them; SQLite otherwise, same statement): two
 * limiters, as two processes, never answer more than a window's limit together, each reserving
 * batches; a new window starts over; a process whose clock is behind gets nothing.
 */
class RateLimitWindowsTest {
  @TempDir Path dir;
  private Store store;

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    long millis = 1_700_000_000_000L;

    @Override
    public ZoneId getZone() {
      return ZoneId.of("America/New_York");
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

  @BeforeEach
  void open() {
    store =
        TestStore.postgres()
            ? new PostgresStore(TestStore.freshPostgresDatabase(), TestStore.pgUser(), null, 2)
            : new SqliteStore(dir.resolve("parley.db"), 2);
    // The windows' rows reference their workspaces (on PostgreSQL, a foreign key: migration 24).
    store.write(
        repos -> {
          for (long id : new long[] {1, 2, 7}) {
            repos
                .workspaces()
                .insert(new Workspace(id, "w" + id, "app" + id, false, "2.14", 0, null));
          }
          return null;
        });
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void twoProcessesTogetherAnswerExactlyTheWindowsLimitInBatches() {
    TestClock clock = new TestClock();
    WorkspaceRateLimiter a = WorkspaceRateLimiter.shared(clock, 10_000, store);
    WorkspaceRateLimiter b = WorkspaceRateLimiter.shared(clock, 10_000, store);
    // 12,000 a minute: 2,000 a window, reserved 40 at a time
    Workspace ws = new Workspace(7, "w", "c", false, "2.14", 0, 12_000L);
    int allowedA = 0;
    int allowedB = 0;
    boolean refusedA = false;
    boolean refusedB = false;
    for (int i = 0; !(refusedA && refusedB); i++) {
      boolean onA = i % 3 != 0;
      WorkspaceRateLimiter.Decision d = (onA ? a : b).acquire(ws);
      assertThat(d.state().limit()).isEqualTo(2000);
      assertThat(d.state().reset()).isEqualTo(1_700_000_010L);
      if (d.allowed()) {
        assertThat(onA ? refusedA : refusedB)
            .as("a refused process stays refused in its window")
            .isFalse();
        if (onA) {
          allowedA++;
        } else {
          allowedB++;
        }
      } else if (onA) {
        refusedA = true;
      } else {
        refusedB = true;
      }
    }
    assertThat(allowedA + allowedB).isEqualTo(2000);
    assertThat(allowedA).isGreaterThan(allowedB).isGreaterThan(0);
    long rows =
        store
            .write(repos -> repos.workspaces().reserveRequests(7, 1_700_000_000L, 2000, 1))
            .granted();
    assertThat(rows).as("the window is used up").isZero();

    clock.millis += 10_000;
    WorkspaceRateLimiter.Decision next = b.acquire(ws);
    assertThat(next.allowed()).isTrue();
    assertThat(next.state().reset()).isEqualTo(1_700_000_020L);
    assertThat(next.state().remaining()).isEqualTo(1999);
  }

  @Test
  void aReservationGrantsWhatIsLeftUnderTheLimitAndNothingForAnOlderWindow() {
    RateLimitReservation first =
        store.write(repos -> repos.workspaces().reserveRequests(1, 100, 5, 3));
    assertThat(first).isEqualTo(new RateLimitReservation(3, 3));
    RateLimitReservation second =
        store.write(repos -> repos.workspaces().reserveRequests(1, 100, 5, 3));
    assertThat(second).isEqualTo(new RateLimitReservation(2, 5));
    RateLimitReservation third =
        store.write(repos -> repos.workspaces().reserveRequests(1, 100, 5, 3));
    assertThat(third.granted()).isZero();
    RateLimitReservation newer =
        store.write(repos -> repos.workspaces().reserveRequests(1, 110, 5, 3));
    assertThat(newer).isEqualTo(new RateLimitReservation(3, 3));
    RateLimitReservation older =
        store.write(repos -> repos.workspaces().reserveRequests(1, 100, 5, 3));
    assertThat(older)
        .as("a clock a window behind the other process's is counted in the newer window")
        .isEqualTo(new RateLimitReservation(2, 5));
    assertThat(store.write(repos -> repos.workspaces().reserveRequests(1, 100, 5, 3)).granted())
        .as("and refused once the newer window is used up")
        .isZero();
    RateLimitReservation movedBack =
        store.write(repos -> repos.workspaces().reserveRequests(1, 90, 5, 3));
    assertThat(movedBack)
        .as("a stored window more than a window ahead (a clock moved forward and back) is over")
        .isEqualTo(new RateLimitReservation(3, 3));
    RateLimitReservation otherWorkspace =
        store.write(repos -> repos.workspaces().reserveRequests(2, 100, 5, 9));
    assertThat(otherWorkspace).isEqualTo(new RateLimitReservation(5, 5));
  }
}
