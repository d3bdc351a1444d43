package dev.parley.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's mixed load on PostgreSQL with autovacuum off: creates, replies, GETs, searches and
 * deletes from 32 clients at once, for {@value #SECONDS} seconds. Before the fix nothing gathered
 * planner statistics on such a store (parley's VACUUM after erasures never ANALYZEd), searches ran
 * on plans for empty tables and held every read connection, and GETs answered 500 after the pool's
 * wait. Now no response is a 5xx, and parley's own ANALYZE has run ({@code
 * pg_stat_user_tables.analyze_count}: manual ANALYZEs, not autovacuum's).
 */
class MixedLoadTest {
  static final int CLIENTS = 32;
  static final int SECONDS = 20;
  static final String[] WORDS = {
    "invoice", "refund", "login", "shipping", "password", "upgrade", "cancel", "billing"
  };

  @TempDir static Path root;
  static ParleyProcess parley;
  static SharedDatabase shared;

  @BeforeAll
  static void start() {
    shared = new SharedDatabase(root);
    parley = shared.process("parley").arg("--rate-limit-per-minute", "0").start();
    try (TestDatabase db = TestDatabase.postgres(shared.url)) {
      for (List<Object> table :
          db.rows(
              "SELECT quote_ident(relname) FROM pg_stat_user_tables WHERE schemaname ="
                  + " current_schema()")) {
        db.execute("ALTER TABLE " + table.get(0) + " SET (autovacuum_enabled = false)");
      }
    }
  }

  @AfterAll
  static void stop() {
    parley.stop();
  }

  @Test
  void mixedLoadWithAutovacuumOffEndsWithoutA5xxAndWithStatistics() throws Exception {
    Api api = parley.api();
    String contact = new Scenario(api).contact("load@example.com");
    Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    Instant end = Instant.now().plus(Duration.ofSeconds(SECONDS));
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      long seed = c;
      running.add(
          clients.submit(
              () -> {
                Random random = new Random(seed);
                while (Instant.now().isBefore(end)) {
                  try {
                    ApiResponse response = oneRequest(api, random, contact, ids);
                    statuses
                        .computeIfAbsent(response.status(), k -> new AtomicLong())
                        .incrementAndGet();
                    if (response.status() >= 500) {
                      failures.add(response.toString());
                    }
                  } catch (AssertionError e) {
                    failures.add(String.valueOf(e.getMessage()));
                  }
                }
              }));
    }
    for (Future<?> client : running) {
      client.get();
    }
    clients.shutdown();

    assertThat(failures).as("5xx answers and invalid responses; statuses: " + statuses).isEmpty();
    assertThat(statuses.keySet()).as("statuses").isSubsetOf(200, 404, 408);
    assertThat(statuses.get(200).get()).isGreaterThan(100);
    try (TestDatabase db = TestDatabase.postgres(shared.url)) {
      // parley looks at the change counts every 10 s, and PostgreSQL publishes them with a delay
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      for (String table : List.of("conversations", "conversation_words", "conversation_parts")) {
        while (db.number("SELECT analyze_count FROM pg_stat_user_tables WHERE relname = ?", table)
            == 0) {
          assertThat(Instant.now())
              .as("waiting for parley's ANALYZE of " + table)
              .isBefore(deadline);
          Thread.sleep(250);
        }
        assertThat(
                db.number(
                    "SELECT autoanalyze_count FROM pg_stat_user_tables WHERE relname = ?", table))
            .as("autovacuum is off")
            .isZero();
      }
    }
    assertThat(parley.log()).doesNotContain("unexpected error").doesNotContain("analyze failed");
  }

  /** One request of the mix: 25 % creates, 15 % replies, 30 % GETs, 20 % searches, 10 % deletes. */
  private static ApiResponse oneRequest(
      Api api, Random random, String contact, ConcurrentLinkedQueue<String> ids) {
    int dice = random.nextInt(100);
    String id = ids.peek();
    if (dice < 25 || id == null) {
      String body =
          "<p>"
              + WORDS[random.nextInt(WORDS.length)]
              + " "
              + WORDS[random.nextInt(WORDS.length)]
              + " w"
              + random.nextInt(5000)
              + "</p>";
      ApiResponse created =
          api.post(
              "/conversations",
              Map.of("from", Map.of("type", "user", "id", contact), "body", body));
      if (created.status() == 200) {
        ids.add(created.json().get("conversation_id").asText());
      }
      return created;
    }
    if (dice < 40) {
      return api.post(
          "/conversations/" + id + "/reply",
          Map.of(
              "message_type",
              "comment",
              "type",
              "user",
              "intercom_user_id",
              contact,
              "body",
              "reply " + random.nextInt()));
    }
    if (dice < 70) {
      return api.get("/conversations/" + id);
    }
    if (dice < 90) {
      Object query =
          random.nextBoolean()
              ? Map.of(
                  "field",
                  "source.body",
                  "operator",
                  "=",
                  "value",
                  random.nextBoolean()
                      ? WORDS[random.nextInt(WORDS.length)]
                      : "w" + random.nextInt(5000))
              : Map.of(
                  "operator",
                  "AND",
                  "value",
                  List.of(
                      Map.of("field", "state", "operator", "=", "value", "open"),
                      Map.of(
                          "field",
                          "source.body",
                          "operator",
                          "=",
                          "value",
                          WORDS[random.nextInt(WORDS.length)])));
      return api.post("/conversations/search", Map.of("query", query));
    }
    String victim = ids.poll();
    return api.delete("/conversations/" + (victim == null ? id : victim));
  }
}
