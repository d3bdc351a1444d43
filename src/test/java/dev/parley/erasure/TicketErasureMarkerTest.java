package dev.parley.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ByteSearch;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof of erasure for tickets (issue 16): markers in every ticket attribute value (the
 * built-in title and description, a string and an integer attribute), in the parts of the ticket's
 * conversation (admin comment, note, contact reply, a reply with a link and an upload) and in the
 * upload's name and bytes. After {@code DELETE /tickets/{id}} answers 200 and parley stops cleanly,
 * none is found under the data dir or in the log (SQLite), nor in any table (PostgreSQL); a kept
 * ticket's markers still are.
 */
class TicketErasureMarkerTest {
  @TempDir Path root;

  @Test
  void noMarkerOfAnErasedTicketSurvivesAnywhereUnderTheDataDirOrInTheLog() throws Exception {
    ParleyProcess parley = ParleyProcess.in(root).start();
    Api api = parley.api();
    Scenario s = new Scenario(api);
    String contact = s.contact("ticket-marker-contact@example.com");
    ApiResponse type =
        api.post("/ticket_types", Map.of("name", "Marker type", "category", "Customer"));
    assertThat(type.status()).as(type.toString()).isEqualTo(200);
    String typeId = type.json().get("id").asText();
    for (String[] a : new String[][] {{"Detail", "string"}, {"Count", "integer"}}) {
      ApiResponse created =
          api.post(
              "/ticket_types/" + typeId + "/attributes",
              Map.of("name", a[0], "description", "d", "data_type", a[1]));
      assertThat(created.status()).as(created.toString()).isEqualTo(200);
    }

    ErasureMarkerTest.Marked erased = writeMarkedTicket(s, typeId, contact);
    ErasureMarkerTest.Marked kept = writeMarkedTicket(s, typeId, contact);

    assertDeletedAndErased(parley, root, erased, kept, "the erased ticket");
  }

  /**
   * Deletes the ticket {@code erased} ({@code DELETE /tickets/{id}}), checks it and its uploads are
   * gone from every read path and {@code kept} is not, stops the server, and proves the erasure: no
   * marker of {@code erased} (nor its lower-case form) under the data dir nor in any file of the
   * run (the server log included), nor in any table on PostgreSQL, while every marker of {@code
   * kept} is still found.
   *
   * @param what names the erased ticket in assertion messages
   */
  static void assertDeletedAndErased(
      ParleyProcess parley,
      Path root,
      ErasureMarkerTest.Marked erased,
      ErasureMarkerTest.Marked kept,
      String what) {
    Api api = parley.api();
    ApiResponse deleted = api.delete("/tickets/" + erased.id);
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
    assertThat(deleted.json().get("object").asText()).isEqualTo("ticket");
    assertThat(api.get("/tickets/" + erased.id).status()).isEqualTo(404);
    assertThat(api.get("/conversations/" + erased.id).status()).isEqualTo(404);
    for (String url : erased.uploadUrls) {
      assertThat(api.get(url.substring(api.baseUrl().length())).status()).isEqualTo(404);
    }
    assertThat(api.get("/tickets/" + kept.id).status()).isEqualTo(200);

    parley.stop();

    List<String> erasedForms = ErasureMarkerTest.withLowerCase(erased.markers);
    assertThat(ByteSearch.findAll(parley.dataDir(), erasedForms))
        .as("markers of %s under the data dir", what)
        .isEmpty();
    assertThat(ByteSearch.findAll(root, erasedForms))
        .as("markers of %s in any file of the run, the server log included", what)
        .isEmpty();
    if (parley.databaseUrl() != null) {
      assertThat(ErasureMarkerTest.markersInDatabase(parley, erasedForms)).isEmpty();
      assertThat(ErasureMarkerTest.markersInDatabase(parley, kept.markers))
          .containsExactlyInAnyOrderElementsOf(kept.storedMarkers());
    } else {
      List<String> keptFound = ByteSearch.findAll(parley.dataDir(), kept.markers);
      for (String marker : kept.markers) {
        assertThat(keptFound)
            .as("the kept ticket's marker %s is found", marker)
            .anyMatch(line -> line.endsWith(": " + marker));
      }
    }
  }

  static ErasureMarkerTest.Marked writeMarkedTicket(Scenario s, String typeId, String contact) {
    Api api = s.api();
    ErasureMarkerTest.Marked m = new ErasureMarkerTest.Marked();
    long integerMarker = 7_000_000_000L + (long) (Math.random() * 1_000_000_000L);
    m.markers.add(Long.toString(integerMarker));
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("_default_title_", m.marker("title"));
    attributes.put("_default_description_", m.marker("description"));
    attributes.put("Detail", m.marker("detail"));
    attributes.put("Count", integerMarker);
    ApiResponse created =
        api.post(
            "/tickets",
            Map.of(
                "ticket_type_id",
                typeId,
                "contacts",
                List.of(Map.of("id", contact)),
                "ticket_attributes",
                attributes));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    m.id = created.json().get("id").asText();

    // A ticket is a conversation: its parts are written through the conversation's reply.
    assertThat(s.adminReply(m.id, "comment", "<p>" + m.marker("adminreply") + "</p>").status())
        .isEqualTo(200);
    assertThat(s.adminReply(m.id, "note", "<p>" + m.marker("note") + "</p>").status())
        .isEqualTo(200);
    assertThat(s.contactReply(m.id, contact, m.marker("contactreply")).status()).isEqualTo(200);
    String fileBytes = ErasureMarkerTest.replyWithMarkedFileAndLink(s, m);

    JsonNode ticket = api.get("/tickets/" + m.id).json();
    ticket
        .path("ticket_parts")
        .path("ticket_parts")
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
    assertThat(api.get(m.uploadUrls.get(0).substring(api.baseUrl().length())).body())
        .isEqualTo(fileBytes);
    return m;
  }
}
