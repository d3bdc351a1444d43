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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * parley killed (SIGKILL) while deletions are in flight: after a restart every conversation is
 * either whole (its parts and upload bytes all there) or wholly gone (no row, no bytes), and no
 * upload bytes are left without a row. Run for plain conversations ({@code DELETE
 * /conversations/{id}}) and for tickets ({@code DELETE /tickets/{id}}, each with its title
 * attribute and a reply with an upload through {@code POST /tickets/{id}/reply}), where {@code GET
 * /tickets/{id}} and {@code GET /conversations/{id}} must agree.
 */
class CrashRecoveryTest {
  private static final int CONVERSATIONS = 30;

  @TempDir Path root;

  @ParameterizedTest
  @EnumSource(Erasable.class)
  void killedDuringDeletesEveryOneIsWholeOrWhollyGoneAfterRestart(Erasable kind) throws Exception {
    ParleyProcess parley =
        ParleyProcess.in(root).token("crash-token-0123456789abcdef0123456789").start();
    Scenario s = new Scenario(parley.api());
    String contact = s.contact("crash@example.com");
    Function<String, String> maker = kind.maker(s, contact);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < CONVERSATIONS; i++) {
      String id = maker.apply("crash " + i);
      assertThat(
              kind.replyWithFiles(
                      s,
                      id,
                      "file " + i,
                      List.of(
                          Scenario.file("c" + i + ".txt", "text/plain", ("bytes " + i).getBytes())))
                  .status())
          .isEqualTo(200);
      ids.add(id);
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch firstErased = new CountDownLatch(1);
    for (String id : ids) {
      pool.submit(
          () -> {
            try {
              if (parley.api().delete(kind.path(id)).status() == 200) {
                firstErased.countDown();
              }
            } catch (AssertionError connectionLost) {
              // the server died under this request
            }
          });
    }
    // Killed once a first deletion has answered, with the others queued or in flight (a fixed
    // pause could end before any deletion ran on a loaded machine).
    assertThat(firstErased.await(120, TimeUnit.SECONDS)).isTrue();
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
      ApiResponse got = api.get(kind.path(id));
      for (String path : kind.readPaths(id)) {
        assertThat(api.get(path).status()).as(path).isEqualTo(got.status());
      }
      if (got.status() == 200) {
        whole++;
        assertThat(kind.content(got.json())).contains("crash ");
        JsonNode parts = kind.parts(got.json());
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
    assertThat(gone).as("deletions answered before the kill").isPositive();
    System.out.println(kind + " after the kill: " + whole + " whole, " + gone + " erased");
  }
}
