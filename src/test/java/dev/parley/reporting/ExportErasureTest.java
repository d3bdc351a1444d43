package dev.parley.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ByteSearch;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.ReportingExports;
import dev.parley.testing.ReportingLoad;
import dev.parley.testing.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export files never outlive the erasure of a conversation they hold: a complete export whose time
 * range holds the erased conversation expires at once (its file deleted before DELETE answers),
 * exports of other ranges stay; an export running while the conversation is erased is restarted,
 * its draft deleted before DELETE answers, and its final file shows the conversation as deleted.
 */
class ExportErasureTest {
  @TempDir Path root;

  static String marker(String field) {
    return "MK" + field + UUID.randomUUID().toString().replace("-", "");
  }

  static String markedConversation(Api api, String contact, long createdAt, List<String> markers) {
    ApiResponse created =
        api.post(
            "/conversations",
            Map.of(
                "from",
                Map.of("type", "user", "id", contact),
                "body",
                "marked",
                "created_at",
                createdAt));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    String id = created.json().get("conversation_id").asText();
    String title = marker("title");
    String attribute = marker("attr");
    markers.add(title);
    markers.add(attribute);
    assertThat(
            api.put(
                    "/conversations/" + id,
                    Map.of("title", title, "custom_attributes", Map.of("secret", attribute)))
                .status())
        .isEqualTo(200);
    return id;
  }

  @Test
  void erasingAConversationExpiresTheCompleteExportsThatHoldItAndOnlyThose() {
    ParleyProcess parley = ParleyProcess.in(root).start();
    Api api = parley.api();
    String contact = new Scenario(api).contact("expire-on-erasure@example.com");
    long t = 1_500_000_000L;
    List<String> markers = new ArrayList<>();
    String erased = markedConversation(api, contact, t + 10, markers);
    List<String> keptMarkers = new ArrayList<>();
    String kept = markedConversation(api, contact, t + 100, keptMarkers);
    List<String> attributes =
        List.of(
            "conversation_id", "deleted", "conversation_title", "conversation_custom_attributes");
    String holding = ReportingExports.enqueue(api, attributes, t, t + 50);
    String other = ReportingExports.enqueue(api, attributes, t + 60, t + 200);
    assertThat(ReportingExports.gunzip(ReportingExports.completeAndDownload(api, holding)))
        .contains(markers);
    ReportingExports.completeAndDownload(api, other);

    assertThat(api.delete("/conversations/" + erased).status()).isEqualTo(200);

    assertThat(ByteSearch.findAll(parley.dataDir(), markers))
        .as("markers under the data dir right after DELETE")
        .isEmpty();
    for (String path :
        List.of("/export/reporting_data/" + holding, "/download/reporting_data/" + holding)) {
      ApiResponse gone = api.withHeader("Accept", "application/octet-stream").get(path);
      assertThat(gone.status()).as(path).isEqualTo(404);
      assertThat(gone.json().path("errors").path(0).path("message").asText())
          .isEqualTo("Export job not found for identifier: " + holding);
    }
    assertThat(api.get("/export/reporting_data/" + other).json().path("status").asText())
        .isEqualTo("complete");
    assertThat(ReportingExports.gunzip(ReportingExports.download(api, other)))
        .contains(kept)
        .contains(keptMarkers);
    assertThat(parley.log())
        .contains(
            "erasure in workspace 1: 0 export job(s) restarted, 1 expired early, 1 export file(s)"
                + " deleted");

    // A new export of the same range shows the conversation as deleted, without its content.
    String again = ReportingExports.enqueue(api, attributes, t, t + 50);
    String text = ReportingExports.gunzip(ReportingExports.completeAndDownload(api, again));
    assertThat(text).isEqualTo(String.join(",", attributes) + "\r\n" + erased + ",true,,\r\n");
    parley.stop();
  }

  @Test
  void anExportRunningWhileAConversationIsErasedIsRestartedAndNoFileEverHoldsTheErasedContent()
      throws IOException {
    ParleyProcess parley = ParleyProcess.in(root).arg("--export-workers", "1").start();
    Api api = parley.api();
    String contact = new Scenario(api).contact("erase-during-export@example.com");
    long first = 1_450_000_000L;
    List<String> markers = new ArrayList<>();
    // The marked conversation starts first: it is in the first slice the export writes.
    String erased = markedConversation(api, contact, first - 1, markers);
    ReportingLoad.Loaded loaded = ReportingExports.load(parley, 200_000, first, 10);
    List<String> attributes = ReportingExports.allAttributes(api);
    String job = ReportingExports.enqueue(api, attributes, first - 1, loaded.lastStartedAt());
    ReportingExports.await(api, job, "in_progress", Duration.ofSeconds(60));
    Path exports = parley.dataDir().resolve("exports");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline) && draftSize(exports) < 64 * 1024) {
      sleep(5);
    }

    assertThat(api.delete("/conversations/" + erased).status()).isEqualTo(200);
    assertThat(ByteSearch.findAll(parley.dataDir(), markers))
        .as("markers under the data dir right after DELETE")
        .isEmpty();

    byte[] file = ReportingExports.completeAndDownload(api, job);
    assertThat(parley.log())
        .contains("erasure in workspace 1: 1 export job(s) restarted, 0 expired early")
        .contains(
            "export job "
                + job
                + " (workspace 1): stopped (an erasure touched the job); partial file deleted")
        .contains("export job " + job + " (workspace 1): started, attempt 2");
    int id = attributes.indexOf("conversation_id");
    int deleted = attributes.indexOf("deleted");
    int title = attributes.indexOf("conversation_title");
    AtomicLong rows = new AtomicLong();
    List<List<String>> firstRow = new ArrayList<>();
    ReportingExports.records(
        file,
        record -> {
          if (rows.getAndIncrement() == 1) {
            firstRow.add(record);
          }
        });
    assertThat(rows.get() - 1).isEqualTo(loaded.count() + 1);
    assertThat(firstRow.get(0).get(id)).isEqualTo(erased);
    assertThat(firstRow.get(0).get(deleted)).isEqualTo("true");
    assertThat(firstRow.get(0).get(title)).isEmpty();
    parley.stop();
    assertThat(ByteSearch.findAll(parley.dataDir(), markers))
        .as("markers under the data dir after the stop")
        .isEmpty();
  }

  /** Bytes of the drafts under the export dir. */
  static long draftSize(Path exports) {
    if (!Files.exists(exports)) {
      return 0;
    }
    try (var files = Files.walk(exports)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".tmp"))
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException gone) {
                  return 0;
                }
              })
          .sum();
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
