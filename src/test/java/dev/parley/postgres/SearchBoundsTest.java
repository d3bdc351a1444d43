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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searches that cannot finish (issue 12, "PostgreSQL search stall"; docs/search.md, "Bounds"). The
 * test holds an ACCESS EXCLUSIVE lock on {@code conversation_words}, so every {@code source.body}
 * search blocks in PostgreSQL, as a search on a bad plan would run on: more of them than the read
 * pool has connections. Before the bounds, they held every read connection until the lock went, and
 * GETs waited for a connection for the pool's 30 s and answered 500. Now at most half the read
 * connections run searches, and a search is cancelled after {@code --search-timeout-seconds}.
 */
class SearchBoundsTest {
  @TempDir static Path root;
  static ParleyProcess parley;
  static SharedDatabase shared;

  @BeforeAll
  static void start() {
    shared = new SharedDatabase(root);
    parley = shared.process("parley").arg("--search-timeout-seconds", "1").start();
  }

  @AfterAll
  static void stop() {
    parley.stop();
  }

  @Test
  void blockedSearchesAnswer408RequestTimeoutWhileGetsKeepAnswering() throws Exception {
    Scenario s = new Scenario(parley.api());
    String contact = s.contact("bounds@example.com");
    ApiResponse created =
        parley
            .api()
            .post(
                "/conversations",
                Map.of("from", Map.of("type", "user", "id", contact), "body", "<p>hello lock</p>"));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    String id = created.json().get("conversation_id").asText();
    Map<String, Object> search =
        Map.of("query", Map.of("field", "source.body", "operator", "=", "value", "hello"));

    ExecutorService clients = Executors.newFixedThreadPool(12);
    try (TestDatabase locker = TestDatabase.postgres(shared.url)) {
      locker.execute("BEGIN");
      locker.execute("LOCK TABLE conversation_words IN ACCESS EXCLUSIVE MODE");
      List<Future<ApiResponse>> searches = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        searches.add(clients.submit(() -> parley.api().post("/conversations/search", search)));
      }
      List<Future<ApiResponse>> gets = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        gets.add(clients.submit(() -> parley.api().get("/conversations/" + id)));
      }
      for (Future<ApiResponse> get : gets) {
        ApiResponse response = get.get();
        assertThat(response.status())
            .as("a GET while searches are blocked: " + response)
            .isEqualTo(200);
      }
      for (Future<ApiResponse> blocked : searches) {
        ApiResponse response = blocked.get();
        assertThat(response.status()).as(response.toString()).isEqualTo(408);
        assertThat(response.json().get("type").asText()).isEqualTo("error.list");
        assertThat(response.errorCode()).isEqualTo("request_timeout");
        assertThat(response.json().get("errors").get(0).get("message").asText())
            .isEqualTo("The search took longer than 1 second; narrow the query or retry later");
      }
      locker.execute("COMMIT");
    } finally {
      clients.shutdownNow();
    }

    ApiResponse after = parley.api().post("/conversations/search", search);
    assertThat(after.status()).as("the same search once the lock is gone: " + after).isEqualTo(200);
    assertThat(after.json().get("total_count").asLong()).isEqualTo(1);
    assertThat(parley.log()).doesNotContain("unexpected error");
  }
}
