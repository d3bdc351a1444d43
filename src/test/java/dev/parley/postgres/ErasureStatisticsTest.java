package dev.parley.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Content outside the tables' rows on PostgreSQL (issue 12, "Erasure docs that match PostgreSQL";
 * docs/erasure.md): planner statistics and index entries.
 *
 * <p>ANALYZE copied sampled values of every column into {@code pg_statistic}: titles, bodies,
 * subjects, attribute values, upload names, which stayed after the erasure. Migration 9 sets the
 * statistics target of those columns to 0, so ANALYZE samples none of them. A plain VACUUM skips
 * the indexes when few pages hold dead rows (PostgreSQL 14+), which left an erased conversation's
 * words as entries of {@code conversation_words_pkey}; parley's VACUUM after erasures cleans the
 * indexes always. The index entries are read with {@code pageinspect}'s {@code bt_page_items}:
 * entries, not the free space of pages (which VACUUM does not zero; docs/erasure.md says what
 * rebuilds it).
 */
class ErasureStatisticsTest {
  @TempDir Path root;

  private ParleyProcess parley;

  @AfterEach
  void stop() {
    if (parley != null) {
      parley.stop();
    }
  }

  @Test
  void analyzeSamplesNoContentAndTheErasedWordsLeaveTheSearchIndex() throws Exception {
    SharedDatabase shared = new SharedDatabase(root);
    parley = shared.process("parley").arg("--vacuum-after-erasure-seconds", "1").start();
    try (TestDatabase db = TestDatabase.postgres(shared.url)) {
      try {
        db.execute("CREATE EXTENSION IF NOT EXISTS pageinspect");
      } catch (AssertionError e) {
        Assumptions.abort(
            "SKIPPED: pageinspect is not available on the test PostgreSQL (" + e.getCause() + ")");
      }
      // Enough other words that the erased ones sit on a few of many index pages, as in a
      // store of some age: the case where a plain VACUUM skips the indexes.
      db.execute(
          "INSERT INTO conversation_words (workspace_id, word, conversation_id)"
              + " SELECT (SELECT MIN(workspace_id) FROM workspaces), 'filler' || g, 900000000 + g"
              + " FROM generate_series(1, 20000) g");
      Scenario s = new Scenario(parley.api());
      String contact = s.contact("statistics@example.com");
      VacuumAfterErasureTest.Marked erased = VacuumAfterErasureTest.Marked.write(s, contact);
      VacuumAfterErasureTest.Marked kept = VacuumAfterErasureTest.Marked.write(s, contact);
      String erasedWord = sourceWord(erased);
      String keptWord = sourceWord(kept);
      // the same note three times: a most common value, were its column sampled (migration 15.1)
      String noteMarker =
          "mknote"
              + HexFormat.of().formatHex(Instant.now().toString().getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < 3; i++) {
        assertThat(
                parley
                    .api()
                    .post("/contacts/" + contact + "/notes", java.util.Map.of("body", noteMarker))
                    .status())
            .isEqualTo(200);
      }

      db.execute("ANALYZE");
      assertThat(markersIn(db, STATISTICS, erased.markers))
          .as("markers in pg_stats after ANALYZE")
          .isEmpty();
      assertThat(markersIn(db, STATISTICS, List.of(noteMarker)))
          .as("a note's body in pg_stats after ANALYZE")
          .isEmpty();
      assertThat(
              db.number(
                  "SELECT COUNT(*) FROM pg_stats WHERE schemaname = current_schema() AND tablename"
                      + " = 'conversations' AND attname = 'created_at'"))
          .as("statistics of what the planner needs")
          .isEqualTo(1);
      assertThat(wordsInIndex(db, List.of(erasedWord, keptWord)))
          .as("index entries before the erasure")
          .containsExactlyInAnyOrder(erasedWord, keptWord);

      long vacuums =
          db.number(
              "SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'conversation_words'");
      assertThat(parley.api().delete("/conversations/" + erased.id).status()).isEqualTo(200);
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (db.number(
              "SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'conversation_words'")
          <= vacuums) {
        assertThat(Instant.now()).as("waiting for the VACUUM after the erasure").isBefore(deadline);
        Thread.sleep(200);
      }
      db.execute("CHECKPOINT");
      db.execute("ANALYZE");

      assertThat(wordsInIndex(db, List.of(erasedWord, keptWord)))
          .as("index entries after the erasure")
          .containsExactly(keptWord);
      assertThat(markersIn(db, STATISTICS, erased.markers))
          .as("markers in pg_stats after the erasure")
          .isEmpty();
    }
  }

  /** Every sampled value of every column of the schema's tables, as text. */
  private static final String STATISTICS =
      "SELECT COALESCE(most_common_vals::text, '') || ' ' || COALESCE(histogram_bounds::text, '')"
          + " || ' ' || COALESCE(most_common_elems::text, '') FROM pg_stats WHERE schemaname ="
          + " current_schema()";

  private static List<String> markersIn(TestDatabase db, String sql, List<String> markers) {
    List<String> found = new ArrayList<>();
    for (List<Object> row : db.rows(sql)) {
      String text = String.valueOf(row.get(0)).toLowerCase(Locale.ROOT);
      for (String marker : markers) {
        if (text.contains(marker.toLowerCase(Locale.ROOT)) && !found.contains(marker)) {
          found.add(marker);
        }
      }
    }
    return found;
  }

  /** The search word of a marked conversation's source body (words are stored lower-case). */
  private static String sourceWord(VacuumAfterErasureTest.Marked marked) {
    return marked.markers.stream()
        .filter(m -> m.startsWith("MKsource"))
        .findFirst()
        .orElseThrow()
        .toLowerCase(Locale.ROOT);
  }

  /**
   * The words among {@code words} that are a key of an entry of {@code conversation_words_pkey}.
   */
  private static List<String> wordsInIndex(TestDatabase db, List<String> words) {
    long blocks =
        db.number(
            "SELECT pg_relation_size('conversation_words_pkey') /"
                + " current_setting('block_size')::bigint");
    List<String> found = new ArrayList<>();
    for (long block = 1; block < blocks; block++) {
      for (List<Object> item :
          db.rows(
              "SELECT data FROM bt_page_items(get_raw_page('conversation_words_pkey', ?::bigint))",
              block)) {
        String data = String.valueOf(item.get(0));
        for (String word : words) {
          if (!found.contains(word) && data.contains(hex(word))) {
            found.add(word);
          }
        }
      }
    }
    return found;
  }

  /** A word's bytes as {@code bt_page_items} prints them: two hex digits each, spaced. */
  private static String hex(String word) {
    String digits = HexFormat.of().formatHex(word.getBytes(StandardCharsets.UTF_8));
    StringBuilder spaced = new StringBuilder();
    for (int i = 0; i < digits.length(); i += 2) {
      if (i > 0) {
        spaced.append(' ');
      }
      spaced.append(digits, i, i + 2);
    }
    return spaced.toString();
  }
}
