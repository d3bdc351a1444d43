package dev.parley.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ByteSearch;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a PostgreSQL erasure leaves in the table pages, and the VACUUM parley runs after it
 * (docs/erasure.md, "PostgreSQL"). A DELETE leaves the erased rows as dead tuples in their pages,
 * readable by page-level tools, until VACUUM removes them. The test reads every tuple, live or
 * dead, of every page of every table of the schema and of their TOAST tables with {@code
 * pageinspect}'s {@code heap_page_items} and searches it for the markers written into the erased
 * conversation.
 *
 * <p>It does not search the raw table files: VACUUM frees a dead tuple's line pointer and compacts
 * the page, but PostgreSQL does not zero the freed bytes; they stay in the page's free space until
 * a new tuple overwrites them or the table is rewritten (docs/erasure.md says what operators can do
 * about it).
 */
class VacuumAfterErasureTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path root;

  private ParleyProcess parley;

  @AfterEach
  void stop() {
    if (parley != null) {
      parley.stop();
    }
  }

  @Test
  void withoutTheVacuumTheErasedRowsStayInTheirPagesAsDeadTuples() {
    SharedDatabase shared = new SharedDatabase(root);
    withPageInspect(shared.url);
    parley = shared.process("parley").arg("--vacuum-after-erasure-seconds", "0").start();
    Scenario s = new Scenario(parley.api());
    String contact = s.contact("no-vacuum@example.com");
    Marked erased = Marked.write(s, contact);

    assertThat(parley.api().delete("/conversations/" + erased.id).status()).isEqualTo(200);

    try (TestDatabase db = TestDatabase.postgres(shared.url)) {
      assertThat(markersInPages(db, erased.markers))
          .as("the erased rows are dead tuples, still in their pages")
          .containsExactlyInAnyOrderElementsOf(erased.markers);
      assertThat(
              db.number(
                  "SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'conversations'"))
          .isZero();
    }
  }

  @Test
  void theVacuumAfterErasureRemovesTheErasedTuplesAndRunsAgainWhileASnapshotHoldsThem()
      throws Exception {
    SharedDatabase shared = new SharedDatabase(root);
    withPageInspect(shared.url);
    parley = shared.process("parley").arg("--vacuum-after-erasure-seconds", "1").start();
    Scenario s = new Scenario(parley.api());
    String contact = s.contact("vacuum@example.com");
    Marked erased = Marked.write(s, contact);
    Marked kept = Marked.write(s, contact);

    try (TestDatabase db = TestDatabase.postgres(shared.url)) {
      long vacuums = vacuumCount(db);
      assertThat(parley.api().delete("/conversations/" + erased.id).status()).isEqualTo(200);
      awaitTrue("a VACUUM after the erasure", () -> vacuumCount(db) > vacuums);
      assertThat(markersInPages(db, erased.markers))
          .as("markers of the erased conversation in any tuple")
          .isEmpty();
      assertThat(markersInPages(db, kept.markers))
          .as("the search finds what is there")
          .containsExactlyInAnyOrderElementsOf(kept.markers);

      // A snapshot older than the next erasure: VACUUM may not remove what it can still see.
      Marked held = Marked.write(s, contact);
      try (TestDatabase reader = TestDatabase.postgres(shared.url)) {
        reader.execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
        assertThat(
                reader.number(
                    "SELECT COUNT(*) FROM conversations WHERE id = ?", Long.parseLong(held.id)))
            .isEqualTo(1);
        long before = vacuumCount(db);
        assertThat(parley.api().delete("/conversations/" + held.id).status()).isEqualTo(200);
        awaitTrue("a VACUUM while the snapshot is held", () -> vacuumCount(db) > before);
        assertThat(markersInPages(db, held.markers))
            .as("dead tuples an open snapshot can see are not removable")
            .containsExactlyInAnyOrderElementsOf(held.markers);
        reader.execute("COMMIT");
      }
      awaitTrue(
          "the held tuples gone once the snapshot is released",
          () -> markersInPages(db, held.markers).isEmpty());
      assertThat(markersInPages(db, kept.markers))
          .containsExactlyInAnyOrderElementsOf(kept.markers);
    }
    assertThat(parley.log()).doesNotContain("vacuum after erasure failed");
  }

  /** Manual VACUUMs of the conversations table so far. */
  private static long vacuumCount(TestDatabase db) {
    return db.number(
        "SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'conversations'");
  }

  private static void awaitTrue(String what, BooleanSupplier condition)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
      Thread.sleep(200);
    }
  }

  /** Installs pageinspect (contrib) in the test database, or skips loudly without it. */
  private static void withPageInspect(String url) {
    try (TestDatabase db = TestDatabase.postgres(url)) {
      db.execute("CREATE EXTENSION IF NOT EXISTS pageinspect");
    } catch (AssertionError e) {
      String message =
          "SKIPPED: pageinspect is not available on the test PostgreSQL (" + e.getCause() + ")";
      System.err.println("*** " + message);
      Assumptions.abort(message);
    }
  }

  /**
   * The markers found in any tuple, live or dead, of any page of the schema's tables and their
   * TOAST tables.
   */
  static List<String> markersInPages(TestDatabase db, Collection<String> markers) {
    List<String> relations = new ArrayList<>();
    for (List<Object> row :
        db.rows(
            "SELECT c.oid::regclass::text, t.oid::regclass::text FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_class t ON t.oid = c.reltoastrelid"
                + " WHERE n.nspname = current_schema() AND c.relkind = 'r'")) {
      relations.add((String) row.get(0));
      if (row.get(1) != null) {
        relations.add((String) row.get(1));
      }
    }
    List<String> found = new ArrayList<>();
    for (String relation : relations) {
      long blocks =
          db.number(
              "SELECT pg_relation_size(?::regclass) / current_setting('block_size')::bigint",
              relation);
      for (long block = 0; block < blocks; block++) {
        for (List<Object> tuple :
            db.rows(
                "SELECT t_data FROM heap_page_items(get_raw_page(?, ?::bigint)) WHERE t_data IS NOT"
                    + " NULL",
                relation,
                block)) {
          byte[] data = (byte[]) tuple.get(0);
          for (String marker : markers) {
            if (!found.contains(marker)
                && ByteSearch.contains(data, marker.getBytes(StandardCharsets.UTF_8))) {
              found.add(marker);
            }
          }
        }
      }
    }
    return found;
  }

  /**
   * A conversation with a marker in each sensitive field that lives in the database: source body,
   * subject, title, a custom attribute, an admin reply, a note, a contact reply, an upload's file
   * name, and a source body long enough to live in the TOAST table.
   */
  static final class Marked {
    String id;
    final List<String> markers = new ArrayList<>();

    String marker(String field) {
      String marker = "MK" + field + UUID.randomUUID().toString().replace("-", "");
      markers.add(marker);
      return marker;
    }

    static Marked write(Scenario s, String contact) {
      Api api = s.api();
      Marked m = new Marked();
      byte[] noise = new byte[9000];
      RANDOM.nextBytes(noise);
      String longBody =
          "<p>"
              + Base64.getEncoder().encodeToString(noise)
              + m.marker("toasted")
              + Base64.getEncoder().encodeToString(noise)
              + "</p>";
      Map<String, Object> create = new LinkedHashMap<>();
      create.put("from", Map.of("type", "user", "id", contact));
      create.put("body", "<p>" + m.marker("source") + "</p>");
      create.put("subject", m.marker("subject"));
      ApiResponse created = api.post("/conversations", create);
      assertThat(created.status()).as(created.toString()).isEqualTo(200);
      m.id = created.json().get("conversation_id").asText();
      ApiResponse updated =
          api.put(
              "/conversations/" + m.id,
              Map.of(
                  "title",
                  m.marker("title"),
                  "custom_attributes",
                  Map.of("note", m.marker("attribute"))));
      assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
      assertThat(s.adminReply(m.id, "comment", "<p>" + m.marker("adminreply") + "</p>").status())
          .isEqualTo(200);
      assertThat(s.adminReply(m.id, "note", "<p>" + m.marker("note") + "</p>").status())
          .isEqualTo(200);
      assertThat(s.contactReply(m.id, contact, m.marker("contactreply")).status()).isEqualTo(200);
      assertThat(s.adminReply(m.id, "comment", longBody).status()).isEqualTo(200);
      ApiResponse withFile =
          s.adminReplyWithFiles(
              m.id,
              "<p>file</p>",
              List.of(
                  Scenario.file(
                      m.marker("filename") + ".txt",
                      "text/plain",
                      "bytes".getBytes(StandardCharsets.UTF_8))));
      assertThat(withFile.status()).as(withFile.toString()).isEqualTo(200);
      return m;
    }
  }
}
