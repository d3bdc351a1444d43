package dev.parley.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A reply (with an upload) and a delete sent at the same moment on one conversation, many times:
 * each request gets 200 or 404, never 500, and afterwards nothing of the conversation remains but
 * its reporting record - no row, no orphan upload bytes. Run for plain conversations and for
 * tickets ({@code POST /tickets/{id}/reply} against {@code DELETE /tickets/{id}}): the reply lands
 * before the deletion (and is erased with it) or answers Intercom's 404 {@code not_found}.
 */
class DeleteRaceTest {
  private static final int ROUNDS = 40;

  /** A store of its own: the test reads every table and the uploads afterwards. */
  @RegisterExtension final ParleyExtension server = ParleyExtension.perTest();

  @ParameterizedTest
  @EnumSource(Erasable.class)
  void aReplyRacingADeleteLeavesNothingButTheReportingRecord(Erasable kind) throws Exception {
    ParleyProcess parley = server.process();
    Api api = parley.api();
    Scenario s = new Scenario(api);
    String contact = s.contact("race@example.com");
    Function<String, String> maker = kind.maker(s, contact);
    List<String> ids = new ArrayList<>();
    List<Integer> replyStatuses = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        String id = maker.apply("race " + round);
        assertThat(
                kind.replyWithFiles(
                        s,
                        id,
                        "before",
                        List.of(
                            Scenario.file(
                                "before.txt", "text/plain", ("before " + round).getBytes())))
                    .status())
            .isEqualTo(200);
        ids.add(id);
        CyclicBarrier start = new CyclicBarrier(2);
        List<Map<String, Object>> files =
            List.of(Scenario.file("race.txt", "text/plain", ("race " + round).getBytes()));
        Future<ApiResponse> replied =
            pool.submit(
                () -> {
                  start.await();
                  return kind.replyWithFiles(s, id, "racing reply", files);
                });
        Future<ApiResponse> deleted =
            pool.submit(
                () -> {
                  start.await();
                  return api.delete(kind.path(id));
                });
        ApiResponse replyResponse = replied.get();
        ApiResponse deleteResponse = deleted.get();
        assertThat(replyResponse.status()).as(replyResponse.toString()).isIn(200, 404);
        if (replyResponse.status() == 404) {
          assertThat(replyResponse.json().path("errors").path(0).path("code").asText())
              .isEqualTo("not_found");
        }
        assertThat(deleteResponse.status()).as(deleteResponse.toString()).isEqualTo(200);
        replyStatuses.add(replyResponse.status());
        for (String path : kind.readPaths(id)) {
          assertThat(api.get(path).status()).as(path).isEqualTo(404);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    parley.stop();

    try (TestDatabase db = TestDatabase.of(parley)) {
      for (String id : ids) {
        long conversationId = Long.parseLong(id);
        assertThat(db.contentRows(conversationId)).as("rows of conversation %s", id).isZero();
        assertThat(
                db.number(
                    "SELECT COUNT(*) FROM conversation_metrics WHERE conversation_id = ? AND"
                        + " deleted_at IS NOT NULL",
                    conversationId))
            .isEqualTo(1);
      }
      db.awaitEmptyBlobQueue();
    }
    assertThat(filesUnder(parley.dataDir().resolve("uploads")))
        .as("upload bytes left behind")
        .isEmpty();
    assertThat(parley.log()).doesNotContain("status=500");
    System.out.println(
        kind
            + " race rounds: "
            + ROUNDS
            + ", reply won "
            + replyStatuses.stream().filter(x -> x == 200).count()
            + " times");
  }

  static List<Path> filesUnder(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }
}
