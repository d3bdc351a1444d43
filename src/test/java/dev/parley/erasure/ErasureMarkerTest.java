package dev.parley.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ByteSearch;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.ReportingExports;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof of erasure (DESIGN.md, "Delete"): unique marker strings go into every sensitive field
 * of a conversation and every upload; after DELETE answers 200 and parley shuts down cleanly, no
 * file under the data dir (database, write-ahead log, uploads, reporting exports, searched
 * decompressed) and no line of the server's log holds any of them. A second conversation, not
 * deleted, carries markers of its own that must still be found: the search does find what is there.
 * A reporting export made before the deletion held the erased conversation's title and attributes;
 * one made after it lists the conversation as deleted with none of its content.
 */
class ErasureMarkerTest {
  @TempDir Path root;

  @Test
  void noMarkerOfAnErasedConversationSurvivesAnywhereUnderTheDataDirOrInTheLog() throws Exception {
    ParleyProcess parley = ParleyProcess.in(root).start();
    Api api = parley.api();
    Scenario s = new Scenario(api);
    String contact = s.contact("marker-contact@example.com");

    Marked erased = writeMarkedConversation(s, contact);
    Marked kept = writeMarkedConversation(s, contact);

    // A reporting export made before the deletion holds the erased conversation's title and
    // custom attributes: the search below would find them if erasure left that file behind.
    List<String> attributes = ReportingExports.allAttributes(api);
    long until = Instant.now().getEpochSecond() + 86_400;
    String before = ReportingExports.enqueue(api, attributes, 0, until);
    String exportedBefore =
        ReportingExports.gunzip(ReportingExports.completeAndDownload(api, before));
    assertThat(exportedBefore).contains(erased.title, erased.attributeString);

    ApiResponse deleted = api.delete("/conversations/" + erased.id);
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
    assertThat(api.get("/export/reporting_data/" + before).status())
        .as("the export made before the deletion")
        .isEqualTo(404);

    // An export made after the deletion lists the erased conversation as deleted, without any
    // of its content, and the kept one whole.
    String after = ReportingExports.enqueue(api, attributes, 0, until);
    ReportingExports.Csv csv =
        ReportingExports.csv(ReportingExports.completeAndDownload(api, after));
    String exportedAfter = ReportingExports.gunzip(ReportingExports.download(api, after));
    for (String marker : erased.markers) {
      assertThat(exportedAfter)
          .as("the export after deletion holds no marker of the erased conversation")
          .doesNotContain(marker);
    }
    assertThat(csv.row(erased.id).get("deleted")).isEqualTo("true");
    assertThat(csv.row(erased.id).get("conversation_title")).isEmpty();
    assertThat(csv.row(kept.id).get("deleted")).isEqualTo("false");
    assertThat(csv.row(kept.id).get("conversation_title")).isEqualTo(kept.title);
    assertThat(exportedAfter).contains(kept.attributeString);
    assertThat(api.get("/conversations/" + erased.id).status()).isEqualTo(404);
    for (String url : erased.uploadUrls) {
      assertThat(api.get(url.substring(api.baseUrl().length())).status()).isEqualTo(404);
    }
    ApiResponse stillThere = api.get("/conversations/" + kept.id);
    assertThat(stillThere.status()).isEqualTo(200);

    parley.stop();

    // The source body is also kept as lower-case words for search (conversation_words):
    // look for the lower-case form of every marker too.
    List<String> erasedForms = withLowerCase(erased.markers);
    String keptSourceWord = kept.markers.get(0).toLowerCase(Locale.ROOT);
    assertThat(ByteSearch.findAll(parley.dataDir(), erasedForms))
        .as("markers of the erased conversation under the data dir")
        .isEmpty();
    assertThat(ByteSearch.findAll(root, erasedForms))
        .as("markers of the erased conversation in any file of the run, the server log included")
        .isEmpty();
    if (parley.databaseUrl() != null) {
      assertThat(markersInDatabase(parley, erasedForms)).isEmpty();
      assertThat(markersInDatabase(parley, kept.markers))
          .containsExactlyInAnyOrderElementsOf(kept.storedMarkers());
      assertThat(markersInDatabase(parley, List.of(keptSourceWord)))
          .as("the kept source's word")
          .containsExactly(keptSourceWord);
    } else {
      List<String> keptFound = ByteSearch.findAll(parley.dataDir(), kept.markers);
      for (String marker : kept.markers) {
        assertThat(keptFound)
            .as("the kept conversation's marker %s is found", marker)
            .anyMatch(line -> line.endsWith(": " + marker));
      }
      assertThat(ByteSearch.findAll(parley.dataDir(), List.of(keptSourceWord)))
          .as("the kept source's word")
          .isNotEmpty();
    }
  }

  /**
   * The markers and their lower-case forms: a source body is also kept as lower-case words for
   * {@code source.body} search ({@code conversation_words}).
   */
  static List<String> withLowerCase(List<String> markers) {
    List<String> forms = new ArrayList<>(markers);
    for (String marker : markers) {
      String lower = marker.toLowerCase(Locale.ROOT);
      if (!forms.contains(lower)) {
        forms.add(lower);
      }
    }
    return forms;
  }

  /**
   * An admin reply to {@code m} with a marker in its body, an uploaded file (markers in its name
   * and its bytes; the bytes' marker is upload-only) and a link ({@code attachment_urls}).
   *
   * @return the file's content, to compare with its download
   */
  static String replyWithMarkedFileAndLink(Scenario s, Marked m) {
    String fileName = m.marker("filename") + ".txt";
    String fileBytes = "bytes " + m.marker("filebytes") + " end";
    m.uploadOnly.add(m.markers.get(m.markers.size() - 1));
    Map<String, Object> withFiles =
        s.adminReplyBody("comment", "<p>" + m.marker("replywithfile") + "</p>");
    withFiles.put(
        "attachment_files",
        List.of(Scenario.file(fileName, "text/plain", fileBytes.getBytes(StandardCharsets.UTF_8))));
    withFiles.put("attachment_urls", List.of("https://example.com/" + m.marker("replylink")));
    ApiResponse reply = s.reply(m.id, withFiles);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return fileBytes;
  }

  /** A conversation whose every sensitive field holds a marker unique to it. */
  static final class Marked {
    String id;
    String title;
    String attributeString;
    final List<String> markers = new ArrayList<>();
    final List<String> uploadUrls = new ArrayList<>();
    final List<String> uploadOnly = new ArrayList<>();

    String marker(String field) {
      String marker = "MK" + field + UUID.randomUUID().toString().replace("-", "");
      markers.add(marker);
      return marker;
    }

    /** Markers that live in the database (not only in upload bytes). */
    List<String> storedMarkers() {
      List<String> stored = new ArrayList<>(markers);
      stored.removeAll(uploadOnly);
      return stored;
    }
  }

  static Marked writeMarkedConversation(Scenario s, String contact) {
    Api api = s.api();
    Marked m = new Marked();
    Map<String, Object> create = new LinkedHashMap<>();
    create.put("from", Map.of("type", "user", "id", contact));
    create.put("body", "<p>" + m.marker("source") + "</p>");
    create.put("subject", m.marker("subject"));
    create.put(
        "attachment_urls", List.of("https://example.com/" + m.marker("sourcelink") + ".pdf"));
    ApiResponse created = api.post("/conversations", create);
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    m.id = created.json().get("conversation_id").asText();

    long integerMarker = 7_000_000_000L + (long) (Math.random() * 1_000_000_000L);
    m.markers.add(Long.toString(integerMarker));
    Map<String, Object> attributes = new LinkedHashMap<>();
    m.attributeString = m.marker("attrstring");
    attributes.put(m.marker("attrname"), m.attributeString);
    attributes.put("int_" + m.marker("attrintname"), integerMarker);
    attributes.put("bool_" + m.marker("attrboolname"), true);
    attributes.put("date_" + m.marker("attrdatename"), "2031-02-03T04:05:06Z");
    attributes.put("decimal_" + m.marker("attrdecname"), 12.75);
    m.title = m.marker("title");
    ApiResponse updated =
        api.put(
            "/conversations/" + m.id, Map.of("title", m.title, "custom_attributes", attributes));
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);

    assertThat(s.adminReply(m.id, "comment", "<p>" + m.marker("adminreply") + "</p>").status())
        .isEqualTo(200);
    assertThat(s.adminReply(m.id, "note", "<p>" + m.marker("note") + "</p>").status())
        .isEqualTo(200);
    Map<String, Object> quick = s.adminReplyBody("quick_reply", null);
    quick.remove("body");
    quick.put(
        "reply_options",
        List.of(Map.of("text", m.marker("quickreply"), "uuid", UUID.randomUUID().toString())));
    assertThat(s.reply(m.id, quick).status()).isEqualTo(200);
    assertThat(s.contactReply(m.id, contact, m.marker("contactreply")).status()).isEqualTo(200);

    String fileBytes = replyWithMarkedFileAndLink(s, m);

    ApiResponse full = api.get("/conversations/" + m.id);
    full.json()
        .path("conversation_parts")
        .path("conversation_parts")
        .forEach(
            part ->
                part.path("attachments")
                    .forEach(
                        a -> {
                          if ("upload".equals(a.path("type").asText())) {
                            m.uploadUrls.add(a.path("url").asText());
                          }
                        }));
    assertThat(m.uploadUrls).hasSize(1);
    ApiResponse bytes = api.get(m.uploadUrls.get(0).substring(api.baseUrl().length()));
    assertThat(bytes.body()).isEqualTo(fileBytes);
    return m;
  }

  /** Markers found in any text column of any table of a PostgreSQL store. */
  static List<String> markersInDatabase(ParleyProcess parley, List<String> markers) {
    List<String> found = new ArrayList<>();
    try (TestDatabase db = TestDatabase.of(parley)) {
      List<List<Object>> tables =
          db.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
      for (List<Object> table : tables) {
        for (List<Object> row : db.rows("SELECT * FROM \"" + table.get(0) + "\"")) {
          for (Object value : row) {
            for (String marker : markers) {
              if (value != null && value.toString().contains(marker) && !found.contains(marker)) {
                found.add(marker);
              }
            }
          }
        }
      }
    }
    return found;
  }
}
