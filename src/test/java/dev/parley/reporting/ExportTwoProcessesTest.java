package dev.parley.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.ReportingExports;
import dev.parley.testing.ReportingLoad;
import dev.parley.testing.TestStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two parley processes on one PostgreSQL database with a shared export dir: every job is claimed
 * once ({@code FOR UPDATE SKIP LOCKED}) whichever process runs it, and either process serves its
 * status and file. PostgreSQL only: SQLite is one process per data dir.
 */
class ExportTwoProcessesTest {
  @TempDir Path root;

  @Test
  void everyJobRunsOnceWhenTwoProcessesShareTheDatabase() {
    Assumptions.assumeTrue(TestStore.postgres(), "two processes share a store only on PostgreSQL");
    Path shared = root.resolve("shared-exports");
    ParleyProcess a =
        ParleyProcess.in(root.resolve("a"))
            .token("two-token-0123456789abcdef0123456789")
            .arg("--export-workers", "1", "--export-dir", shared.toString())
            .start();
    ParleyProcess b =
        ParleyProcess.in(root.resolve("b"))
            .token("two-token-0123456789abcdef0123456789")
            .databaseUrl(a.databaseUrl())
            .arg("--export-workers", "1", "--export-dir", shared.toString())
            .start();
    ReportingLoad.Loaded loaded = ReportingExports.load(a, 30_000, 1_420_000_000L, 10);
    Api onA = a.api();
    Api onB = b.api();
    List<String> attributes = ReportingExports.allAttributes(onA);
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      jobs.add(
          ReportingExports.enqueue(
              i % 2 == 0 ? onA : onB, attributes, loaded.firstStartedAt(), loaded.lastStartedAt()));
    }
    for (String job : jobs) {
      byte[] file = ReportingExports.completeAndDownload(onB, job);
      ExportRestartTest.checkWhole(file, loaded, attributes);
      assertThat(ReportingExports.download(onA, job)).isEqualTo(file);
    }
    String logs = a.log() + b.log();
    for (String job : jobs) {
      Matcher started =
          Pattern.compile("export job " + job + " \\(workspace 1\\): started").matcher(logs);
      int runs = 0;
      while (started.find()) {
        runs++;
      }
      assertThat(runs).as("runs of job %s across both processes", job).isEqualTo(1);
    }
    a.stop();
    b.stop();
  }
}
