package dev.parley.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.domain.conversation.RedactionService;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ByteSearch;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof that erasure reaches workspace snapshots (issue 17, "Snapshots"): markers in every
 * field of a contact, of its conversation and of another conversation (parts, notes, quick reply
 * options, attributes, uploads), and in a source message and a part that are then redacted; two
 * snapshots are saved; then the conversation is erased ({@code DELETE /conversations/{id}}), the
 * contact is deleted ({@code DELETE /contacts/{id}}, which erases its conversation), the source and
 * the part are redacted. Restoring either snapshot brings none of it back: the erased objects
 * answer 404 and the redacted texts are the placeholder. After a clean stop no file under the data
 * dir, no line of the log and (PostgreSQL) no row of any table holds any marker.
 */
class SnapshotErasureMarkerTest {
  @TempDir Path root;

  private final List<String> markers = new ArrayList<>();

  private String marker(String field) {
    String marker = "MK" + field + UUID.randomUUID().toString().replace("-", "");
    markers.add(marker);
    return marker;
  }

  private static JsonNode ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  @Test
  void erasuresAfterASnapshotReachItAndARestoreBringsNothingErasedBack() throws Exception {
    ParleyProcess parley = ParleyProcess.in(root).start();
    try {
      Api operator = parley.api().withToken(ParleyProcess.OPERATOR_TOKEN);
      JsonNode created = ok(operator.post("/_parley/workspaces", Map.of("name", "snapfix")));
      Api api = parley.api().withToken(created.path("token").asText());
      Scenario s = new Scenario(api);
      String ann = s.contact("ann@example.com");

      Map<String, Object> bobBody = new LinkedHashMap<>();
      bobBody.put("role", "user");
      String email = marker("email").toLowerCase(Locale.ROOT) + "@example.com";
      markers.add(email);
      bobBody.put("email", email);
      bobBody.put("external_id", marker("externalid"));
      bobBody.put("name", marker("name"));
      bobBody.put("phone", "+1555" + (1_000_000 + (int) (Math.random() * 8_000_000)));
      markers.add((String) bobBody.get("phone"));
      bobBody.put("custom_attributes", Map.of(marker("cattrname"), marker("cattrvalue")));
      String bob = s.contact(bobBody);

      ErasureMarkerTest.Marked erased = ErasureMarkerTest.writeMarkedConversation(s, ann);
      markers.addAll(erased.markers);
      ErasureMarkerTest.Marked bobs = ErasureMarkerTest.writeMarkedConversation(s, bob);
      markers.addAll(bobs.markers);

      Map<String, Object> create = new LinkedHashMap<>();
      create.put("from", Map.of("type", "user", "id", ann));
      create.put("body", "<p>" + marker("redactedsource") + "</p>");
      create.put("subject", marker("redactedsubject"));
      JsonNode kept = ok(api.post("/conversations", create));
      String keptId = kept.path("conversation_id").asText();
      String sourceId = kept.path("id").asText();
      JsonNode replied = ok(s.contactReply(keptId, ann, marker("redactedpart")));
      JsonNode parts = replied.path("conversation_parts").path("conversation_parts");
      String partId = parts.path(parts.size() - 1).path("id").asText();

      for (String name : List.of("fixture", "second")) {
        JsonNode saved =
            ok(operator.post("/_parley/workspaces/snapfix/snapshots", Map.of("name", name)));
        assertThat(saved.path("objects").asInt()).as("2 contacts, 3 conversations").isEqualTo(5);
      }

      assertThat(ok(api.delete("/conversations/" + erased.id)).path("deleted").asBoolean())
          .isTrue();
      assertThat(ok(api.delete("/contacts/" + bob)).path("deleted").asBoolean()).isTrue();
      ok(
          api.post(
              "/conversations/redact",
              Map.of("type", "source", "conversation_id", keptId, "source_id", sourceId)));
      ok(
          api.post(
              "/conversations/redact",
              Map.of(
                  "type",
                  "conversation_part",
                  "conversation_id",
                  keptId,
                  "conversation_part_id",
                  partId)));

      for (String name : List.of("fixture", "second", "fixture")) {
        JsonNode restored =
            ok(
                operator.post(
                    "/_parley/workspaces/snapfix/snapshots/" + name + "/restore", Map.of()));
        assertThat(restored.path("objects_restored").asInt())
            .as("ann and the redacted conversation")
            .isEqualTo(2);
        assertThat(api.get("/conversations/" + erased.id).status()).isEqualTo(404);
        assertThat(api.get("/conversations/" + bobs.id).status()).isEqualTo(404);
        assertThat(api.get("/contacts/" + bob).status()).isEqualTo(404);
        assertThat(ok(api.get("/contacts/" + ann)).path("email").asText())
            .isEqualTo("ann@example.com");
        JsonNode c = ok(api.get("/conversations/" + keptId));
        assertThat(c.path("source").path("body").asText()).isEqualTo(RedactionService.PLACEHOLDER);
        assertThat(c.path("source").path("redacted").asBoolean()).isTrue();
        JsonNode part = null;
        for (JsonNode p : c.path("conversation_parts").path("conversation_parts")) {
          if (p.path("id").asText().equals(partId)) {
            part = p;
          }
        }
        assertThat(part).as(c.toString()).isNotNull();
        assertThat(part.path("body").asText()).isEqualTo(RedactionService.PLACEHOLDER);
        assertThat(part.path("redacted").asBoolean()).isTrue();
      }

      parley.stop();
      List<String> forms = ErasureMarkerTest.withLowerCase(markers);
      assertThat(ByteSearch.findAll(parley.dataDir(), forms))
          .as("markers under the data dir")
          .isEmpty();
      assertThat(ByteSearch.findAll(root, forms))
          .as("markers in any file of the run, the server log included")
          .isEmpty();
      if (parley.databaseUrl() != null) {
        assertThat(ErasureMarkerTest.markersInDatabase(parley, forms)).isEmpty();
      }
    } finally {
      parley.close();
    }
  }
}
