package dev.parley.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.Cli;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.ReportingExports;
import dev.parley.testing.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The life of export jobs across a parley's own lifetime: the limit of five unfinished jobs per
 * workspace (with {@code --export-workers 0}, a process that runs no jobs, so they stay pending),
 * pending jobs that survive a restart and run once workers are there, and files that expire ({@code
 * --export-expiry}).
 */
class ExportJobLifecycleTest {
  @TempDir Path root;

  static String tokenOf(Cli.Result result) {
    assertThat(result.exitCode()).as(result.output()).isZero();
    String[] lines = result.output().strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  @Test
  void theSixthUnfinishedJobOfAWorkspaceAnswers429AndPendingJobsRunAfterARestartWithWorkers() {
    ParleyProcess idle =
        ParleyProcess.in(root)
            .token("lifecycle-token-0123456789abcdef0123456789")
            .arg("--export-workers", "0")
            .start();
    Api api = idle.api();
    Scenario s = new Scenario(api);
    String contact = s.contact("lifecycle@example.com");
    long t = 1_300_000_000L;
    String conversation = conversationAt(api, contact, t + 1);

    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ApiResponse enqueued =
          api.post(
              "/export/reporting_data/enqueue",
              ReportingExports.body(List.of("conversation_id", "deleted"), t, t + 10));
      assertThat(enqueued.status()).as(enqueued.toString()).isEqualTo(200);
      assertThat(enqueued.header("X-RateLimit-Limit")).isEqualTo("5");
      assertThat(enqueued.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(4 - i));
      assertThat(enqueued.json().path("status").asText()).isEqualTo("pending");
      assertThat(enqueued.json().path("download_url").asText()).isEmpty();
      assertThat(enqueued.json().path("download_expires_at").asText()).isEmpty();
      jobs.add(enqueued.json().path("job_identifier").asText());
    }
    assertThat(jobs).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z0-9]{20}"));

    ApiResponse sixth =
        api.post(
            "/export/reporting_data/enqueue",
            ReportingExports.body(List.of("conversation_id"), t, t + 10));
    assertThat(sixth.status()).isEqualTo(429);
    assertThat(sixth.errorCode()).isEqualTo("rate_limit_exceeded");
    assertThat(sixth.json().path("errors").path(0).path("message").asText())
        .isEqualTo("Exceeded rate limit of 5 pending reporting dataset export jobs");
    assertThat(sixth.header("X-RateLimit-Limit")).isEqualTo("5");
    assertThat(sixth.header("X-RateLimit-Remaining")).isEqualTo("0");

    // Another workspace has its own five.
    assertThat(idle.cli("workspace", "create", "second").exitCode()).isZero();
    assertThat(
            idle.cli(
                    "admin",
                    "create",
                    "--workspace",
                    "second",
                    "--name",
                    "S",
                    "--email",
                    "s@example.com")
                .exitCode())
        .isZero();
    String other =
        tokenOf(idle.cli("token", "create", "--workspace", "second", "--scopes", "read"));
    assertThat(
            api.withToken(other)
                .post(
                    "/export/reporting_data/enqueue",
                    ReportingExports.body(List.of("conversation_id"), t, t + 10))
                .status())
        .isEqualTo(200);

    // Nothing runs them here: they stay pending, and a pending job has nothing to download.
    await()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              for (String job : jobs) {
                ApiResponse status = api.get("/export/reporting_data/" + job);
                assertThat(status.json().path("status").asText()).isEqualTo("pending");
                assertThat(status.json().path("download_url").asText()).isEmpty();
              }
            });
    ApiResponse early =
        api.withHeader("Accept", "application/octet-stream")
            .get("/download/reporting_data/" + jobs.get(0));
    assertThat(early.status()).isEqualTo(404);
    assertThat(idle.log()).doesNotContain("started, attempt");
    idle.stop();

    ParleyProcess working =
        ParleyProcess.in(root)
            .token("lifecycle-token-0123456789abcdef0123456789")
            .databaseUrl(idle.databaseUrl())
            .arg("--export-workers", "1")
            .start();
    Api again = working.api();
    for (String job : jobs) {
      String text = ReportingExports.gunzip(ReportingExports.completeAndDownload(again, job));
      assertThat(text).isEqualTo("conversation_id,deleted\r\n" + conversation + ",false\r\n");
    }
    // Complete jobs no longer count: the workspace may enqueue again.
    assertThat(
            again
                .post(
                    "/export/reporting_data/enqueue",
                    ReportingExports.body(List.of("conversation_id"), t, t + 10))
                .status())
        .isEqualTo(200);
    working.stop();
  }

  @Test
  void aCompleteJobsFileIsDeletedWhenItExpiresAndTheJobAnswers404() throws IOException {
    ParleyProcess parley = ParleyProcess.in(root).arg("--export-expiry", "3600").start();
    Api api = parley.api();
    long t = 1_300_000_000L;
    String job = ReportingExports.enqueue(api, List.of("conversation_id"), t, t + 1);
    Path exports = parley.dataDir().resolve("exports");
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(10))
        .untilAsserted(
            () ->
                assertThat(files(exports))
                    .as("the published file")
                    .anyMatch(f -> f.endsWith(job + ".csv.gz")));

    // An hour later on the server clock; the next maintenance pass (every 5 s) expires the file.
    parley.moveClock("{\"advance_seconds\": 3601}");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(files(exports)).as("export files after expiry").isEmpty());
    ApiResponse status = api.get("/export/reporting_data/" + job);
    assertThat(status.status()).isEqualTo(404);
    assertThat(status.json().path("errors").path(0).path("message").asText())
        .isEqualTo("Export job not found for identifier: " + job);
    assertThat(
            api.withHeader("Accept", "application/octet-stream")
                .get("/download/reporting_data/" + job)
                .status())
        .isEqualTo(404);
    assertThat(parley.log())
        .contains("export job " + job + " (workspace 1): expired, file deleted");
    parley.stop();
  }

  static String conversationAt(Api api, String contact, long createdAt) {
    ApiResponse created =
        api.post(
            "/conversations",
            java.util.Map.of(
                "from",
                java.util.Map.of("type", "user", "id", contact),
                "body",
                "hello",
                "created_at",
                createdAt));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    return created.json().get("conversation_id").asText();
  }

  static List<String> files(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).map(Path::toString).toList();
    }
  }
}
