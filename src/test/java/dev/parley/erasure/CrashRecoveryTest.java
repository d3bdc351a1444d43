package dev.parley.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * parley killed (SIGKILL) while deletions are in flight: after a restart every conversation is
 * either whole (its parts and upload bytes all there) or wholly gone (no row, no bytes), and no
 * upload bytes are left without a row.
 */
class CrashRecoveryTest {
  private static final int CONVERSATIONS = 30;

  @TempDir Path root;

  @Test
  void killedDuringDeletesEveryConversationIsWholeOrWhollyGoneAfterRestart() throws Exception {
    ParleyProcess parley =
        ParleyProcess.in(root).token("crash-token-0123456789abcdef0123456789").start();
    Scenario s = new Scenario(parley.api());
    String contact = s.contact("crash@example.com");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < CONVERSATIONS; i++) {
      String id = s.conversation(contact, "crash " + i);
      assertThat(
              s.adminReplyWithFiles(
                      id,
                      "file " + i,
                      List.of(
                          Scenario.file("c" + i + ".txt", "text/plain", ("bytes " + i).getBytes())))
                  .status())
          .isEqualTo(200);
      ids.add(id);
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (String id : ids) {
      pool.submit(
          () -> {
            try {
              parley.api().delete("/conversations/" + id);
            } catch (AssertionError connectionLost) {
              // the server died under this request
            }
          });
    }
    Thread.sleep(40);
    parley.kill();
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

    ParleyProcess restarted =
        ParleyProcess.in(root)
            .token("crash-token-0123456789abcdef0123456789")
            .databaseUrl(parley.databaseUrl())
            .start();
    Api api = restarted.api();
    int whole = 0;
    int gone = 0;
    for (String id : ids) {
      ApiResponse got = api.get("/conversations/" + id);
      if (got.status() == 200) {
        whole++;
        JsonNode parts = got.json().path("conversation_parts").path("conversation_parts");
        assertThat(parts.size()).isEqualTo(1);
        String url = parts.path(0).path("attachments").path(0).path("url").asText();
        ApiResponse bytes = api.get(url.substring(api.baseUrl().length()));
        assertThat(bytes.status()).isEqualTo(200);
        assertThat(bytes.body()).startsWith("bytes ");
      } else {
        assertThat(got.status()).isEqualTo(404);
        gone++;
      }
    }
    restarted.stop();
    try (TestDatabase db = TestDatabase.of(restarted)) {
      for (String id : ids) {
        long rows = db.contentRows(Long.parseLong(id));
        long erased =
            db.number(
                "SELECT COUNT(*) FROM erasures WHERE conversation_id = ?", Long.parseLong(id));
        assertThat(rows == 0 ? erased : 1 - erased)
            .as("conversation %s: whole with no erasure, or erased with no rows", id)
            .isEqualTo(1);
      }
      long fileRows = db.number("SELECT COUNT(*) FROM uploads WHERE kind = 'file'");
      assertThat(db.number("SELECT COUNT(*) FROM blob_deletions")).isZero();
      assertThat(DeleteRaceTest.filesUnder(restarted.dataDir().resolve("uploads")))
          .hasSize((int) fileRows);
      assertThat(fileRows).isEqualTo(whole);
    }
    System.out.println("after the kill: " + whole + " whole, " + gone + " erased");
  }
}
