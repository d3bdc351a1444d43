package dev.parley.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The race of the delete issue across two processes: a reply with an upload sent to one process and
 * a delete of the same conversation sent to the other at the same moment, many times. Only row
 * locks in the database can order them (no lock inside a JVM is shared): each request gets 200 or
 * 404, never 500, and afterwards nothing of the conversation remains but its reporting record - no
 * row, no queued blob, no upload bytes in the shared directory.
 */
class CrossProcessDeleteRaceTest {
  private static final int ROUNDS = 40;

  @TempDir Path root;

  @Test
  void aReplyOnOneProcessRacingADeleteOnTheOtherLeavesNothingButTheReportingRecord()
      throws Exception {
    SharedDatabase shared = new SharedDatabase(root);
    ParleyProcess replier = shared.start("replier");
    ParleyProcess deleter = shared.start("deleter");
    Scenario s = new Scenario(replier.api());
    String contact = s.contact("cross-race@example.com");
    List<Long> ids = new ArrayList<>();
    int replyWon = 0;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        String id = s.conversation(contact, "cross race " + round);
        ids.add(Long.parseLong(id));
        ApiResponse before =
            s.adminReplyWithFiles(
                id,
                "before",
                List.of(Scenario.file("before.txt", "text/plain", ("before " + round).getBytes())));
        assertThat(before.status()).as(before.toString()).isEqualTo(200);
        Map<String, Object> reply = s.adminReplyBody("comment", "racing reply " + round);
        reply.put(
            "attachment_files",
            List.of(Scenario.file("race.txt", "text/plain", ("race " + round).getBytes())));
        CyclicBarrier start = new CyclicBarrier(2);
        Future<ApiResponse> replied =
            pool.submit(
                () -> {
                  start.await();
                  return s.reply(id, reply);
                });
        Future<ApiResponse> deleted =
            pool.submit(
                () -> {
                  start.await();
                  return deleter.api().delete("/conversations/" + id);
                });
        ApiResponse replyResponse = replied.get();
        ApiResponse deleteResponse = deleted.get();
        assertThat(replyResponse.status()).as(replyResponse.toString()).isIn(200, 404);
        assertThat(deleteResponse.status()).as(deleteResponse.toString()).isEqualTo(200);
        if (replyResponse.status() == 200) {
          replyWon++;
        }
        assertThat(replier.api().get("/conversations/" + id).status()).isEqualTo(404);
        assertThat(deleter.api().get("/conversations/" + id).status()).isEqualTo(404);
      }
    } finally {
      pool.shutdownNow();
    }
    replier.stop();
    deleter.stop();

    try (TestDatabase db = TestDatabase.postgres(shared.url)) {
      for (long id : ids) {
        assertThat(db.contentRows(id)).as("rows of conversation %s", id).isZero();
        assertThat(
                db.number(
                    "SELECT COUNT(*) FROM conversation_metrics WHERE conversation_id = ? AND"
                        + " deleted_at IS NOT NULL",
                    id))
            .as("reporting record of conversation %s", id)
            .isEqualTo(1);
      }
      assertThat(db.number("SELECT COUNT(*) FROM erasures")).isEqualTo(ROUNDS);
      db.awaitEmptyBlobQueue();
    }
    assertThat(shared.uploadFiles()).as("upload bytes left in the shared directory").isEmpty();
    assertThat(replier.log()).doesNotContain("status=500");
    assertThat(deleter.log()).doesNotContain("status=500");
    System.out.println(
        "cross-process race: " + ROUNDS + " rounds, the reply won " + replyWon + " times");
  }
}
