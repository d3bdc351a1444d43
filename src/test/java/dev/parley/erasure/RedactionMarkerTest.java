package dev.parley.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ByteSearch;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof of redaction, as {@link ErasureMarkerTest} is the proof of erasure: unique markers go
 * into a contact's source message (body, subject, link), an admin reply with an uploaded file
 * (body, file name, file bytes, link) and a quick reply (its options); those three are redacted
 * through {@code POST /conversations/redact}. After parley shuts down cleanly, no file under the
 * data dir (database, write-ahead log, uploads) and no line of the server's log holds any of their
 * markers, while every marker of the rest of the same conversation (title, attributes, other parts,
 * another upload) is still found: the search does find what is there.
 */
class RedactionMarkerTest {
  @TempDir Path root;

  private final List<String> redacted = new ArrayList<>();
  private final List<String> kept = new ArrayList<>();
  private final List<String> keptUploadBytes = new ArrayList<>();

  private String redactedMarker(String field) {
    String marker = "RD" + field + UUID.randomUUID().toString().replace("-", "");
    redacted.add(marker);
    return marker;
  }

  private String keptMarker(String field) {
    String marker = "KP" + field + UUID.randomUUID().toString().replace("-", "");
    kept.add(marker);
    return marker;
  }

  @Test
  void noMarkerOfARedactedPartSourceOrUploadSurvivesWhileTheRestOfTheConversationIsThere()
      throws Exception {
    ParleyProcess parley = ParleyProcess.in(root).start();
    Api api = parley.api();
    Scenario s = new Scenario(api);
    String contact = s.contact("redaction-marker@example.com");

    Map<String, Object> create = new LinkedHashMap<>();
    create.put("from", Map.of("type", "user", "id", contact));
    create.put("body", "<p>" + redactedMarker("source") + "</p>");
    create.put("subject", redactedMarker("subject"));
    create.put(
        "attachment_urls", List.of("https://example.com/" + redactedMarker("sourcelink") + ".pdf"));
    ApiResponse created = api.post("/conversations", create);
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    String id = created.json().get("conversation_id").asText();
    String sourceId = created.json().get("id").asText();

    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put(keptMarker("attrname"), keptMarker("attrvalue"));
    ApiResponse updated =
        api.put(
            "/conversations/" + id,
            Map.of("title", keptMarker("title"), "custom_attributes", attributes));
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);

    Map<String, Object> withFile =
        s.adminReplyBody("comment", "<p>" + redactedMarker("replywithfile") + "</p>");
    String fileName = redactedMarker("filename") + ".txt";
    String fileBytes = "bytes " + redactedMarker("filebytes") + " end";
    withFile.put(
        "attachment_files",
        List.of(Scenario.file(fileName, "text/plain", fileBytes.getBytes(StandardCharsets.UTF_8))));
    withFile.put("attachment_urls", List.of("https://example.com/" + redactedMarker("replylink")));
    String filePart = lastPartId(s.reply(id, withFile));

    Map<String, Object> quick = s.adminReplyBody("quick_reply", null);
    quick.remove("body");
    quick.put(
        "reply_options",
        List.of(
            Map.of("text", redactedMarker("quickreply"), "uuid", UUID.randomUUID().toString())));
    String quickPart = lastPartId(s.reply(id, quick));

    lastPartId(s.adminReply(id, "note", "<p>" + keptMarker("note") + "</p>"));
    lastPartId(s.contactReply(id, contact, keptMarker("contactreply")));
    String keptBytes = "bytes " + keptMarker("keptbytes") + " end";
    keptUploadBytes.add(kept.get(kept.size() - 1));
    lastPartId(
        s.adminReplyWithFiles(
            id,
            "<p>" + keptMarker("keptreply") + "</p>",
            List.of(
                Scenario.file(
                    keptMarker("keptfilename") + ".txt",
                    "text/plain",
                    keptBytes.getBytes(StandardCharsets.UTF_8)))));

    List<String> uploadUrls = new ArrayList<>();
    ApiResponse full = api.get("/conversations/" + id);
    for (JsonNode part : full.json().path("conversation_parts").path("conversation_parts")) {
      if (part.get("id").asText().equals(filePart)) {
        part.path("attachments")
            .forEach(
                a -> {
                  if ("upload".equals(a.path("type").asText())) {
                    uploadUrls.add(a.path("url").asText());
                  }
                });
      }
    }
    assertThat(uploadUrls).hasSize(1);
    String uploadPath = uploadUrls.get(0).substring(api.baseUrl().length());
    assertThat(api.get(uploadPath).body()).isEqualTo(fileBytes);

    for (Map<String, Object> redaction :
        List.of(
            Map.<String, Object>of("type", "source", "conversation_id", id, "source_id", sourceId),
            Map.<String, Object>of(
                "type",
                "conversation_part",
                "conversation_id",
                id,
                "conversation_part_id",
                filePart),
            Map.<String, Object>of(
                "type",
                "conversation_part",
                "conversation_id",
                id,
                "conversation_part_id",
                quickPart))) {
      ApiResponse response = api.post("/conversations/redact", redaction);
      assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }
    assertThat(api.get(uploadPath).status()).isEqualTo(404);
    ApiResponse after = api.get("/conversations/" + id);
    assertThat(after.status()).isEqualTo(200);
    for (String marker : redacted) {
      assertThat(after.body()).as("the answer holds no redacted marker").doesNotContain(marker);
    }

    parley.stop();

    // The redacted source was also kept as lower-case words for search: those must go too.
    List<String> redactedForms = ErasureMarkerTest.withLowerCase(redacted);
    assertThat(ByteSearch.findAll(parley.dataDir(), redactedForms))
        .as("markers of the redacted parts and source under the data dir")
        .isEmpty();
    assertThat(ByteSearch.findAll(root, redactedForms))
        .as(
            "markers of the redacted parts and source in any file of the run, the server log"
                + " included")
        .isEmpty();
    if (parley.databaseUrl() != null) {
      assertThat(ErasureMarkerTest.markersInDatabase(parley, redactedForms)).isEmpty();
      List<String> stored = new ArrayList<>(kept);
      stored.removeAll(keptUploadBytes);
      assertThat(ErasureMarkerTest.markersInDatabase(parley, kept))
          .containsExactlyInAnyOrderElementsOf(stored);
      List<String> keptFound = ByteSearch.findAll(parley.dataDir(), keptUploadBytes);
      assertThat(keptFound).hasSize(1);
    } else {
      List<String> keptFound = ByteSearch.findAll(parley.dataDir(), kept);
      for (String marker : kept) {
        assertThat(keptFound)
            .as("the kept marker %s is found", marker)
            .anyMatch(line -> line.endsWith(": " + marker));
      }
    }
  }

  private static String lastPartId(ApiResponse reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonNode parts = reply.json().path("conversation_parts").path("conversation_parts");
    return parts.get(parts.size() - 1).get("id").asText();
  }
}
