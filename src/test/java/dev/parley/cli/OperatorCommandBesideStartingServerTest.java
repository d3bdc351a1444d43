package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Cli;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.TestStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operator commands run while a server starts on the same fresh SQLite data dir (the README's
 * walk-through, pasted as one block, ran {@code erasures} while the server migrated, and it died
 * with {@code SQLITE_BUSY} and a Flyway stack trace): they wait for the store and succeed.
 * (PostgreSQL's migrations already wait on Flyway's advisory lock.)
 */
class OperatorCommandBesideStartingServerTest {
  @TempDir Path root;

  @Test
  void commandsStartedWithTheServerOnAFreshDataDirWaitAndSucceed() {
    Assumptions.assumeFalse(
        TestStore.postgres(), "SQLite's data dir; PostgreSQL migrations wait on Flyway's lock");
    // Threads of its own: the common pool may have a single thread on a two-core machine.
    ExecutorService starters = Executors.newFixedThreadPool(3);
    try {
      race(starters);
    } finally {
      starters.shutdownNow();
    }
  }

  private void race(ExecutorService starters) {
    for (int round = 0; round < 1; round++) {
      Path serverRoot = root.resolve("round-" + round);
      Path dataDir = serverRoot.resolve("data");
      CompletableFuture<ParleyProcess> server =
          CompletableFuture.supplyAsync(() -> ParleyProcess.in(serverRoot).start(), starters);
      List<CompletableFuture<Cli.Result>> commands =
          List.of(
              CompletableFuture.supplyAsync(() -> Cli.run(dataDir, null, "migrate"), starters),
              CompletableFuture.supplyAsync(() -> Cli.run(dataDir, null, "migrate"), starters));
      try (ParleyProcess parley = server.join()) {
        for (CompletableFuture<Cli.Result> command : commands) {
          Cli.Result result = command.join();
          assertThat(result.exitCode()).as(result.output()).isZero();
          assertThat(result.output()).doesNotContain("SQLITE_BUSY").doesNotContain("Exception");
        }
        Cli.Result erasures = parley.cli("erasures", "--workspace", "default");
        assertThat(erasures.exitCode()).as(erasures.output()).isZero();
        assertThat(erasures.output()).startsWith("conversation_id\terased_at");
      }
    }
  }
}
