package dev.parley.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.ReportingExports;
import dev.parley.testing.ReportingLoad;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export jobs across a restart in the middle of their run: a job whose parley was killed is taken
 * up again and completes whole (on SQLite at the next start, on PostgreSQL once the dead worker's
 * lease has run out); a job whose parley was stopped gracefully is given back to the queue and runs
 * at the next start. No draft of the interrupted run survives.
 */
class ExportRestartTest {
  static final int CONVERSATIONS = 200_000;
  static final long FIRST = 1_400_000_000L;

  @TempDir Path root;

  @Test
  void aJobInProgressWhenParleyIsKilledIsTakenUpAfterTheRestartAndCompletesWhole()
      throws IOException {
    ParleyProcess first =
        ParleyProcess.in(root)
            .token("restart-token-0123456789abcdef0123456789")
            .arg("--export-workers", "1")
            .start();
    ReportingLoad.Loaded loaded = ReportingExports.load(first, CONVERSATIONS, FIRST, 10);
    Api api = first.api();
    List<String> attributes = ReportingExports.allAttributes(api);
    String job = ReportingExports.enqueue(api, attributes, FIRST, loaded.lastStartedAt());
    ReportingExports.await(api, job, "in_progress", Duration.ofSeconds(60));
    first.kill();
    assertThat(first.log())
        .as("the first run was cut short")
        .doesNotContain("export job " + job + " (workspace 1): complete");

    ParleyProcess second =
        ParleyProcess.in(root)
            .token("restart-token-0123456789abcdef0123456789")
            .databaseUrl(first.databaseUrl())
            .arg("--export-workers", "1")
            .start();
    byte[] file = ReportingExports.completeAndDownload(second.api(), job);
    checkWhole(file, loaded, attributes);
    assertThat(second.log())
        .contains(
            "export job "
                + job
                + " (workspace 1, attempt 1) -> pending: its worker stopped reporting")
        .contains("export job " + job + " (workspace 1): started, attempt 2");
    assertThat(drafts(second)).as("drafts left under the export dir").isEmpty();
    second.stop();
  }

  @Test
  void aJobInProgressWhenParleyStopsIsGivenBackAndRunsAtTheNextStart() throws IOException {
    ParleyProcess first =
        ParleyProcess.in(root)
            .token("restart-token-0123456789abcdef0123456789")
            .arg("--export-workers", "1")
            .start();
    ReportingLoad.Loaded loaded = ReportingExports.load(first, CONVERSATIONS, FIRST, 10);
    Api api = first.api();
    List<String> attributes = ReportingExports.allAttributes(api);
    String job = ReportingExports.enqueue(api, attributes, FIRST, loaded.lastStartedAt());
    ReportingExports.await(api, job, "in_progress", Duration.ofSeconds(60));
    first.stop();
    assertThat(first.log())
        .contains("export job " + job + " (workspace 1): given back to the queue (stopping)");
    assertThat(drafts(first)).as("drafts left by a graceful stop").isEmpty();

    ParleyProcess second =
        ParleyProcess.in(root)
            .token("restart-token-0123456789abcdef0123456789")
            .databaseUrl(first.databaseUrl())
            .arg("--export-workers", "1")
            .start();
    checkWhole(ReportingExports.completeAndDownload(second.api(), job), loaded, attributes);
    // The interrupted run did not count as an attempt.
    assertThat(second.log()).contains("export job " + job + " (workspace 1): started, attempt 1");
    second.stop();
  }

  /** Every loaded conversation once, in order, deleted ones marked and empty of content. */
  static void checkWhole(byte[] file, ReportingLoad.Loaded loaded, List<String> attributes) {
    int id = attributes.indexOf("conversation_id");
    int deleted = attributes.indexOf("deleted");
    int title = attributes.indexOf("conversation_title");
    AtomicLong rows = new AtomicLong();
    AtomicLong deletedRows = new AtomicLong();
    List<List<String>> header = new ArrayList<>();
    ReportingExports.records(
        file,
        record -> {
          if (header.isEmpty()) {
            header.add(record);
            return;
          }
          long n = rows.getAndIncrement();
          long expectedId = loaded.firstId() + n;
          assertThat(record.get(id)).isEqualTo(Long.toString(expectedId));
          boolean isDeleted = n % 10 == 0;
          assertThat(record.get(deleted)).isEqualTo(isDeleted ? "true" : "false");
          assertThat(record.get(title))
              .isEqualTo(isDeleted ? "" : "Load conversation " + expectedId);
          if (isDeleted) {
            deletedRows.incrementAndGet();
          }
        });
    assertThat(header.get(0)).containsExactlyElementsOf(attributes);
    assertThat(rows.get()).isEqualTo(loaded.count());
    assertThat(deletedRows.get()).isEqualTo(loaded.deleted());
  }

  static List<Path> drafts(ParleyProcess parley) throws IOException {
    Path exports = parley.dataDir().resolve("exports");
    try (Stream<Path> files = Files.walk(exports)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
    }
  }
}
