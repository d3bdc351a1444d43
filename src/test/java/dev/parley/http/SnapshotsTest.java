package dev.parley.http;

import static dev.parley.http.Acceptance.assertError;
import static dev.parley.http.Acceptance.raw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import dev.parley.testing.WebhookReceiver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Workspace snapshots over HTTP ({@code /_parley/workspaces/{name}/snapshots}, issue 17): a restore
 * puts back the saved contacts, tags and conversations with their ids and content (read through
 * Intercom's API, validated against the 2.14 description) and drops what was made after the
 * snapshot, twice in a row; new ids never collide; search sees restored conversations; names are
 * validated; unknown workspaces and snapshots are 404; a reset deletes the workspace's snapshots.
 * The erasure proof is {@code erasure/SnapshotErasureMarkerTest}.
 */
class SnapshotsTest {
  private static final String OP = ParleyProcess.OPERATOR_TOKEN;

  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();

  private static ApiResponse op(String method, String path, Object body) {
    return raw(parley.process(), OP, method, path, body);
  }

  private static JsonNode ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  private static Api workspace(String name) {
    JsonNode created = ok(op("POST", "/_parley/workspaces", Map.of("name", name)));
    return parley.api().withToken(created.path("token").asText());
  }

  @Test
  void aRestorePutsBackTheSavedObjectsWithTheirIdsAndDropsNewerOnesTwiceInARow() {
    Api api = workspace("snap-1");
    JsonNode ids =
        ok(op("POST", "/_parley/workspaces/snap-1/seed", SeedOverHttpTest.fixture())).path("ids");
    String ann = ids.path("contacts").path("ann").asText();
    String refund = ids.path("conversations").path("refund").asText();
    String question = ids.path("conversations").path("question").asText();
    JsonNode annBefore = ok(api.get("/contacts/" + ann));
    JsonNode refundBefore = ok(api.get("/conversations/" + refund));
    assertThat(ok(api.get("/conversations/" + question)).path("id").asText()).isEqualTo(question);
    JsonNode tagsBefore = ok(api.get("/tags")).path("data");

    JsonNode saved =
        ok(op("POST", "/_parley/workspaces/snap-1/snapshots", Map.of("name", "fixture-a")));
    assertThat(saved.path("type").asText()).isEqualTo("snapshot");
    assertThat(saved.path("workspace").asText()).isEqualTo("snap-1");
    assertThat(saved.path("name").asText()).isEqualTo("fixture-a");
    int objects = saved.path("objects").asInt();
    assertThat(objects)
        .as("contacts, tags and conversations")
        .isEqualTo(
            SeedOverHttpTest.fixture().path("contacts").size()
                + tagsBefore.size()
                + SeedOverHttpTest.fixture().path("conversations").size());
    JsonNode listed = ok(op("GET", "/_parley/workspaces/snap-1/snapshots", null));
    assertThat(listed.path("type").asText()).isEqualTo("list");
    assertThat(listed.path("data")).hasSize(1);
    assertThat(listed.path("data").path(0).path("name").asText()).isEqualTo("fixture-a");
    assertThat(listed.path("data").path(0).path("objects").asInt()).isEqualTo(objects);

    for (int round = 1; round <= 2; round++) {
      Scenario s = new Scenario(api);
      String newContact = s.contact("new-" + round + "@example.com");
      String newConversation = s.conversation(newContact, "<p>made after the snapshot</p>");
      assertThat(s.adminReply(refund, "comment", "<p>a later reply</p>").status()).isEqualTo(200);
      assertThat(api.put("/contacts/" + ann, Map.of("name", "Renamed")).status()).isEqualTo(200);
      assertThat(api.post("/tags", Map.of("name", "later-" + round)).status()).isEqualTo(200);
      if (round == 1) {
        assertThat(ok(api.delete("/conversations/" + question)).path("deleted").asBoolean())
            .isTrue();
      }

      JsonNode restored =
          ok(op("POST", "/_parley/workspaces/snap-1/snapshots/fixture-a/restore", null));
      assertThat(restored.path("restored").asBoolean()).isTrue();
      assertThat(restored.path("objects_restored").asInt())
          .as("round %d: the erased conversation is not in the snapshot any more", round)
          .isEqualTo(objects - 1);

      assertThat(api.get("/contacts/" + newContact).status()).as("round %d", round).isEqualTo(404);
      assertThat(api.get("/conversations/" + newConversation).status()).isEqualTo(404);
      assertThat(api.get("/conversations/" + question).status())
          .as("erased after the snapshot: never restored")
          .isEqualTo(404);
      assertThat(ok(api.get("/contacts/" + ann))).isEqualTo(annBefore);
      assertThat(ok(api.get("/conversations/" + refund))).isEqualTo(refundBefore);
      assertThat(ok(api.get("/tags")).path("data")).isEqualTo(tagsBefore);

      Scenario after = new Scenario(api);
      String fresh = after.conversation(ann, "<p>after the restore</p>");
      assertThat(Long.parseLong(fresh))
          .as("new ids never reuse restored or dropped ones")
          .isGreaterThan(Long.parseLong(newConversation));
      assertThat(ok(api.delete("/conversations/" + fresh)).path("deleted").asBoolean()).isTrue();
    }

    JsonNode found =
        ok(
            api.post(
                "/conversations/search",
                Map.of(
                    "query", Map.of("field", "source.body", "operator", "=", "value", "refund"))));
    List<String> foundIds = new ArrayList<>();
    found.path("conversations").forEach(c -> foundIds.add(c.path("id").asText()));
    assertThat(foundIds).as("search words of restored conversations").containsExactly(refund);
  }

  @Test
  void aContactsNotesTagsAndEventsAreSavedWithItAndARestorePutsThemBackAsTheyWere() {
    Api api = workspace("snap-notes");
    Scenario s = new Scenario(api);
    String contact = s.contact("noted@example.com");
    String kept = ok(api.post("/tags", Map.of("name", "kept"))).path("id").asText();
    String later = ok(api.post("/tags", Map.of("name", "later"))).path("id").asText();
    ok(api.post("/contacts/" + contact + "/tags", Map.of("id", kept)));
    String note =
        ok(api.post("/contacts/" + contact + "/notes", Map.of("body", "saved note")))
            .path("id")
            .asText();
    assertThat(
            api.post(
                    "/events",
                    Map.of("id", contact, "event_name", "saved-event", "created_at", 100))
                .status())
        .isEqualTo(202);
    ok(op("POST", "/_parley/workspaces/snap-notes/snapshots", Map.of("name", "with-notes")));
    assertThat(
            api.post(
                    "/events",
                    Map.of("id", contact, "event_name", "newer-event", "created_at", 200))
                .status())
        .isEqualTo(202);

    String newer =
        ok(api.post("/contacts/" + contact + "/notes", Map.of("body", "newer note")))
            .path("id")
            .asText();
    ok(api.post("/contacts/" + contact + "/tags", Map.of("id", later)));
    ok(api.delete("/contacts/" + contact + "/tags/" + kept));

    ok(op("POST", "/_parley/workspaces/snap-notes/snapshots/with-notes/restore", Map.of()));
    List<String> noteIds = new ArrayList<>();
    ok(api.get("/contacts/" + contact + "/notes"))
        .path("data")
        .forEach(n -> noteIds.add(n.path("id").asText()));
    assertThat(noteIds).containsExactly(note);
    assertThat(ok(api.get("/notes/" + note)).path("body").asText()).contains("saved note");
    assertThat(api.get("/notes/" + newer).status()).isEqualTo(404);
    List<String> tagIds = new ArrayList<>();
    ok(api.get("/contacts/" + contact + "/tags"))
        .path("data")
        .forEach(t -> tagIds.add(t.path("id").asText()));
    assertThat(tagIds).containsExactly(kept);
    JsonNode events = ok(api.get("/events?type=user&intercom_user_id=" + contact)).path("events");
    assertThat(events.size()).isEqualTo(1);
    assertThat(events.path(0).path("event_name").asText()).isEqualTo("saved-event");
    JsonNode summary =
        ok(api.get("/events?type=user&summary=true&intercom_user_id=" + contact)).path("events");
    assertThat(summary.size()).isEqualTo(1);
    assertThat(summary.path(0).path("name").asText()).isEqualTo("saved-event");
  }

  @Test
  void aSnapshotIsDeletedByItsDeleteAndByAResetOfItsWorkspace() {
    Api api = workspace("snap-2");
    String contact = new Scenario(api).contact("keep@example.com");
    ok(op("POST", "/_parley/workspaces/snap-2/snapshots", Map.of("name", "one")));
    ok(op("POST", "/_parley/workspaces/snap-2/snapshots", Map.of("name", "two")));
    JsonNode replaced =
        ok(op("POST", "/_parley/workspaces/snap-2/snapshots", Map.of("name", "two")));
    assertThat(replaced.path("objects").asInt()).isEqualTo(1);
    assertThat(ok(op("GET", "/_parley/workspaces/snap-2/snapshots", null)).path("data")).hasSize(2);

    JsonNode deleted = ok(op("DELETE", "/_parley/workspaces/snap-2/snapshots/one", null));
    assertThat(deleted.path("deleted").asBoolean()).isTrue();
    assertThat(deleted.path("name").asText()).isEqualTo("one");
    assertError(
        op("POST", "/_parley/workspaces/snap-2/snapshots/one/restore", null), 404, "not_found");
    assertError(op("DELETE", "/_parley/workspaces/snap-2/snapshots/one", null), 404, "not_found");

    ok(op("POST", "/_parley/workspaces/snap-2/reset", null));
    assertThat(ok(op("GET", "/_parley/workspaces/snap-2/snapshots", null)).path("data"))
        .as("a reset erases the workspace's snapshots too")
        .isEmpty();
    assertError(
        op("POST", "/_parley/workspaces/snap-2/snapshots/two/restore", null), 404, "not_found");
    assertThat(api.get("/contacts/" + contact).status()).isEqualTo(404);
  }

  @Test
  void namesAreValidatedAndUnknownWorkspacesAndSnapshotsAre404() {
    workspace("snap-3");
    for (String bad : List.of("", "has space", "-starts-with-dash", "x".repeat(101), "a/b")) {
      JsonNode error =
          assertError(
              op("POST", "/_parley/workspaces/snap-3/snapshots", Map.of("name", bad)),
              400,
              "parameter_invalid");
      assertThat(error.toString()).as(bad).contains("name");
    }
    assertError(
        op("POST", "/_parley/workspaces/snap-3/snapshots", Map.of()), 400, "parameter_not_found");
    assertError(
        op("POST", "/_parley/workspaces/snap-3/snapshots", Map.of("name", 7)),
        400,
        "parameter_invalid");
    assertThat(ok(op("GET", "/_parley/workspaces/snap-3/snapshots", null)).path("data")).isEmpty();

    assertError(
        op("POST", "/_parley/workspaces/nope/snapshots", Map.of("name", "a")), 404, "not_found");
    assertError(op("GET", "/_parley/workspaces/nope/snapshots", null), 404, "not_found");
    assertError(op("POST", "/_parley/workspaces/nope/snapshots/a/restore", null), 404, "not_found");
    assertError(op("DELETE", "/_parley/workspaces/nope/snapshots/a", null), 404, "not_found");
    assertError(
        op("POST", "/_parley/workspaces/snap-3/snapshots/missing/restore", null), 404, "not_found");
    assertError(
        op("DELETE", "/_parley/workspaces/snap-3/snapshots/missing", null), 404, "not_found");
  }

  @Test
  void aRestoreRaisesNoWebhookNotifications() {
    Api api = workspace("snap-hooks");
    new Scenario(api).contact("saved@hooks.example");
    ok(op("POST", "/_parley/workspaces/snap-hooks/snapshots", Map.of("name", "fix")));
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      ok(
          op(
              "POST",
              "/_parley/workspaces/snap-hooks/webhooks",
              Map.of(
                  "url",
                  receiver.url(),
                  "topics",
                  List.of(
                      "contact.user.created",
                      "contact.deleted",
                      "conversation.user.created",
                      "conversation.deleted"))));
      receiver.awaitTopic("ping");
      String later = new Scenario(api).contact("later@hooks.example");
      receiver.awaitTopic("contact.user.created");
      ok(op("POST", "/_parley/workspaces/snap-hooks/snapshots/fix/restore", null));
      assertThat(api.get("/contacts/" + later).status()).isEqualTo(404);
      // A fence: due notifications are sent in commit order, so any the restore had raised would
      // arrive before it.
      ok(api.post("/contacts", Map.of("email", "fence@hooks.example")));
      receiver.await(r -> r.size() >= 3, java.time.Duration.ofSeconds(30));
      assertThat(receiver.received())
          .extracting(WebhookReceiver.Received::topic)
          .containsExactly("ping", "contact.user.created", "contact.user.created");
    }
  }
}
