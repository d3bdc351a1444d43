package dev.parley.http;

import static dev.parley.http.Acceptance.raw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.WebhookReceiver;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seeding over HTTP ({@code POST /_parley/workspaces/{name}/seed}, issue 17): the seeded objects
 * read back through Intercom's API (validated against the 2.14 description) with the fixture's
 * values and times, search and tags see them; bad input is 400 naming the field and leaves nothing
 * behind; an unknown workspace is 404.
 */
class SeedOverHttpTest {
  private static final String OP = ParleyProcess.OPERATOR_TOKEN;
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();

  private static ApiResponse op(String method, String path, Object body) {
    return raw(parley.process(), OP, method, path, body);
  }

  /** The fixture of src/test/resources/seed/workspace.json, without its workspace name. */
  static ObjectNode fixture() {
    try (InputStream in = SeedOverHttpTest.class.getResourceAsStream("/seed/workspace.json")) {
      ObjectNode node = (ObjectNode) JSON.readTree(in);
      node.remove("workspace");
      return node;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new workspace; returns a spec-validating client with its token. */
  private static Api workspace(String name) {
    ApiResponse created = op("POST", "/_parley/workspaces", Map.of("name", name));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    return parley.api().withToken(created.json().path("token").asText());
  }

  private static JsonNode ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  @Test
  void seededObjectsReadBackThroughIntercomsApiWithTheFixturesValuesAndTimes() {
    Api api = workspace("seed-http-1");
    JsonNode seeded = ok(op("POST", "/_parley/workspaces/seed-http-1/seed", fixture()));
    assertThat(seeded.path("type").asText()).isEqualTo("seed");
    assertThat(seeded.path("workspace").asText()).isEqualTo("seed-http-1");
    JsonNode ids = seeded.path("ids");
    String ann = ids.path("contacts").path("ann").asText();
    String alice = ids.path("admins").path("alice").asText();
    String tier1 = ids.path("teams").path("tier1").asText();
    String refund = ids.path("conversations").path("refund").asText();
    String question = ids.path("conversations").path("question").asText();
    assertThat(ann).matches("[0-9a-f]{24}");
    assertThat(refund).matches("\\d+");

    JsonNode contact = ok(api.get("/contacts/" + ann));
    assertThat(contact.path("email").asText()).isEqualTo("ann@customer.example");
    assertThat(contact.path("name").asText()).isEqualTo("Ann Customer");
    assertThat(contact.path("role").asText()).isEqualTo("user");
    assertThat(contact.path("external_id").asText()).isEqualTo("cust-1");
    assertThat(contact.path("created_at").asLong()).isEqualTo(1735689600L);
    assertThat(contact.path("custom_attributes").path("plan").asText()).isEqualTo("gold");
    assertThat(contact.path("custom_attributes").path("seats").asLong()).isEqualTo(3);
    String leo = ids.path("contacts").path("leo").asText();
    assertThat(ok(api.get("/contacts/" + leo)).path("role").asText()).isEqualTo("lead");

    JsonNode c = ok(api.get("/conversations/" + refund));
    assertThat(c.path("created_at").asLong()).isEqualTo(1735776000L);
    assertThat(c.path("state").asText()).isEqualTo("closed");
    assertThat(c.path("open").asBoolean()).isFalse();
    assertThat(c.path("admin_assignee_id").asText()).isEqualTo(alice);
    assertThat(c.path("team_assignee_id").asText()).isEqualTo(tier1);
    assertThat(c.path("source").path("body").asText()).isEqualTo("<p>I want a refund</p>");
    assertThat(c.path("source").path("subject").asText()).isEqualTo("Refund");
    assertThat(c.path("source").path("author").path("id").asText()).isEqualTo(ann);
    assertThat(c.path("contacts").path("contacts").path(0).path("id").asText()).isEqualTo(ann);
    List<String> tagNames = new ArrayList<>();
    c.path("tags").path("tags").forEach(t -> tagNames.add(t.path("name").asText()));
    assertThat(tagNames).containsExactlyInAnyOrder("VIP", "Billing");

    List<String> parts = new ArrayList<>();
    c.path("conversation_parts")
        .path("conversation_parts")
        .forEach(
            p ->
                parts.add(
                    p.path("part_type").asText()
                        + "|"
                        + p.path("author").path("id").asText()
                        + "|"
                        + p.path("body").asText("")
                        + "|"
                        + p.path("created_at").asLong()));
    assertThat(parts)
        .as(c.toString())
        .containsExactly(
            "assignment|" + alice + "||1735776000",
            "assignment|" + alice + "||1735776000",
            "comment|" + alice + "|<p>Sure, which order?</p>|1735776600",
            "comment|" + ann + "|<p>Order 42</p>|1735777200",
            "note|" + alice + "|<p>Refund issued</p>|1735777800",
            "close|" + alice + "||1735777800");
    assertThat(c.path("updated_at").asLong()).isEqualTo(1735777800L);
    assertThat(c.path("statistics").path("first_admin_reply_at").asLong()).isEqualTo(1735776600L);
    assertThat(c.path("statistics").path("last_close_at").asLong()).isEqualTo(1735777800L);

    JsonNode q = ok(api.get("/conversations/" + question));
    assertThat(q.path("state").asText()).isEqualTo("open");
    assertThat(q.path("created_at").asLong()).isEqualTo(1735862400L);
    assertThat(q.path("conversation_parts").path("total_count").asInt()).isZero();

    JsonNode closed =
        ok(
            api.post(
                "/conversations/search",
                Map.of("query", Map.of("field", "state", "operator", "=", "value", "closed"))));
    assertThat(closed.path("total_count").asInt()).isEqualTo(1);
    assertThat(closed.path("conversations").path(0).path("id").asText()).isEqualTo(refund);
    JsonNode tagged =
        ok(
            api.post(
                "/conversations/search",
                Map.of(
                    "query",
                    Map.of(
                        "field",
                        "tag_ids",
                        "operator",
                        "=",
                        "value",
                        ids.path("tags").path("vip").asText()))));
    assertThat(tagged.path("total_count").asInt()).isEqualTo(1);

    JsonNode team = ok(api.get("/teams/" + tier1));
    assertThat(team.path("name").asText()).isEqualTo("Tier 1");
    assertThat(team.path("admin_ids").size()).isEqualTo(2);
    assertThat(ok(api.get("/admins/" + alice)).path("email").asText())
        .isEqualTo("alice@support.example");
  }

  @Test
  void seededContactTagsAndNotesReadBackThroughIntercomsApi() {
    Api api = workspace("seed-http-contact-tags");
    ObjectNode f = fixture();
    ObjectNode annItem = (ObjectNode) f.path("contacts").path(0);
    annItem.putArray("tags").add("vip").add("vip");
    ArrayNode notes = annItem.putArray("notes");
    notes
        .addObject()
        .put("admin", "alice")
        .put("body", "Prefers email")
        .put("created_at", 1735700000L);
    notes.addObject().put("body", "<b>Renewal</b> in May");
    JsonNode ids = ok(op("POST", "/_parley/workspaces/seed-http-contact-tags/seed", f)).path("ids");
    String ann = ids.path("contacts").path("ann").asText();
    String vip = ids.path("tags").path("vip").asText();
    String alice = ids.path("admins").path("alice").asText();

    JsonNode tags = ok(api.get("/contacts/" + ann + "/tags"));
    assertThat(tags.path("data").size()).isEqualTo(1);
    assertThat(tags.path("data").path(0).path("id").asText()).isEqualTo(vip);
    assertThat(tags.path("data").path(0).path("name").asText()).isEqualTo("VIP");
    assertThat(tags.path("data").path(0).path("applied_at").asLong()).isEqualTo(1735689600L);

    JsonNode listed = ok(api.get("/contacts/" + ann + "/notes"));
    assertThat(listed.path("total_count").asInt()).isEqualTo(2);
    JsonNode newest = listed.path("data").path(0);
    assertThat(newest.path("body").asText()).isEqualTo("<b>Renewal</b> in May");
    JsonNode oldest = listed.path("data").path(1);
    assertThat(oldest.path("body").asText()).isEqualTo("<p>Prefers email</p>");
    assertThat(oldest.path("created_at").asLong()).isEqualTo(1735700000L);
    assertThat(oldest.path("author").path("id").asText()).isEqualTo(alice);
    assertThat(oldest.path("contact").path("id").asText()).isEqualTo(ann);

    JsonNode contact = ok(api.get("/contacts/" + ann));
    assertThat(contact.path("tags").path("total_count").asInt()).isEqualTo(1);
    assertThat(contact.path("tags").path("data").path(0).path("id").asText()).isEqualTo(vip);
    assertThat(contact.path("notes").path("total_count").asInt()).isEqualTo(2);
  }

  @Test
  void seededConversationsAreErasedLikeAnyOther() {
    Api api = workspace("seed-http-erase");
    JsonNode ids =
        ok(op("POST", "/_parley/workspaces/seed-http-erase/seed", fixture())).path("ids");
    String refund = ids.path("conversations").path("refund").asText();
    ok(api.delete("/conversations/" + refund));
    assertThat(api.get("/conversations/" + refund).status()).isEqualTo(404);
    assertThat(ok(api.get("/conversations")).path("total_count").asInt()).isEqualTo(1);
  }

  private static ObjectNode changed(Consumer<ObjectNode> change) {
    ObjectNode f = fixture();
    change.accept(f);
    return f;
  }

  private static ObjectNode conversation(ObjectNode f, int i) {
    return (ObjectNode) f.path("conversations").path(i);
  }

  @Test
  void badInputIs400NamingTheFieldAndLeavesNothingBehind() {
    Api api = workspace("seed-http-bad");
    long future = Acceptance.now() + 3600;
    List<Object[]> bad =
        List.of(
            new Object[] {
              changed(f -> conversation(f, 0).put("created_at", "yesterday")),
              "conversations[0].created_at"
            },
            new Object[] {
              changed(f -> conversation(f, 1).put("contact", "nobody")), "conversations[1].contact"
            },
            new Object[] {
              changed(f -> conversation(f, 1).put("created_at", future)),
              "conversations[1].created_at"
            },
            new Object[] {
              changed(f -> ((ObjectNode) f.path("contacts").path(1)).remove("ref")),
              "contacts[1].ref"
            },
            new Object[] {changed(f -> conversation(f, 0).remove("body")), "conversations[0].body"},
            new Object[] {
              changed(
                  f ->
                      ((ObjectNode) conversation(f, 0).path("parts").path(2))
                          .put("created_at", 1735776000L)),
              "conversations[0].parts[2].created_at"
            },
            new Object[] {
              changed(f -> ((ArrayNode) conversation(f, 0).path("tags")).add("gold")),
              "conversations[0].tags"
            },
            new Object[] {
              changed(f -> conversation(f, 0).put("state", "pending")), "conversations[0].state"
            },
            new Object[] {
              changed(f -> ((ObjectNode) f.path("teams").path(0)).putArray("admins").add("eve")),
              "teams[0].admins"
            },
            new Object[] {
              changed(f -> ((ObjectNode) f.path("admins").path(1)).put("ref", "alice")),
              "admins[1].ref"
            },
            new Object[] {changed(f -> f.put("workspace", "another")), "workspace"},
            new Object[] {
              changed(
                  f ->
                      ((ObjectNode) conversation(f, 0).path("parts").path(2))
                          .put("admin", (String) null)
                          .put("contact", "ann")),
              "conversations[0].parts[2].type"
            },
            new Object[] {
              changed(f -> ((ObjectNode) f.path("contacts").path(0)).putArray("tags").add("gold")),
              "contacts[0].tags"
            },
            new Object[] {
              changed(
                  f ->
                      ((ObjectNode) f.path("contacts").path(0))
                          .putArray("notes")
                          .addObject()
                          .put("admin", "eve")
                          .put("body", "x")),
              "contacts[0].notes[0].admin"
            },
            new Object[] {
              changed(
                  f ->
                      ((ObjectNode) f.path("contacts").path(0))
                          .putArray("notes")
                          .addObject()
                          .put("admin", "alice")),
              "contacts[0].notes[0].body"
            },
            new Object[] {
              changed(f -> conversation(f, 1).put("snoozed_until", 1735862400L)),
              "conversations[1].snoozed_until"
            },
            new Object[] {
              changed(
                  f ->
                      ((ObjectNode) f.path("admins").path(0))
                          .put("email", "owner@seed-http-bad.parley.local")),
              "admins[0].email"
            });
    for (Object[] b : bad) {
      ApiResponse response = op("POST", "/_parley/workspaces/seed-http-bad/seed", b[0]);
      assertThat(response.status()).as(b[1] + ": " + response).isEqualTo(400);
      assertThat(response.json().path("type").asText()).isEqualTo("error.list");
      assertThat(response.json().path("errors").path(0).path("field").asText())
          .as(response.toString())
          .isEqualTo(b[1]);
    }
    assertThat(ok(api.get("/contacts")).path("total_count").asInt()).isZero();
    assertThat(ok(api.get("/conversations")).path("total_count").asInt()).isZero();
    assertThat(ok(api.get("/tags")).path("data").size()).isZero();
    assertThat(ok(api.get("/admins")).path("admins").size()).isEqualTo(1);
  }

  @Test
  void aSnoozedConversationIsSnoozedUntilTheTimeGivenOrADayAfterNow() {
    Api api = workspace("seed-http-snooze");
    long until = Acceptance.now() + 7200;
    ObjectNode f = fixture();
    conversation(f, 0).put("state", "snoozed").put("snoozed_until", until);
    conversation(f, 1).put("state", "snoozed");
    JsonNode ids = ok(op("POST", "/_parley/workspaces/seed-http-snooze/seed", f)).path("ids");
    JsonNode refund =
        ok(api.get("/conversations/" + ids.path("conversations").path("refund").asText()));
    assertThat(refund.path("state").asText()).isEqualTo("snoozed");
    assertThat(refund.path("snoozed_until").asLong()).isEqualTo(until);
    JsonNode question =
        ok(api.get("/conversations/" + ids.path("conversations").path("question").asText()));
    assertThat(question.path("state").asText()).isEqualTo("snoozed");
    assertThat(question.path("snoozed_until").asLong()).isGreaterThan(until);
    JsonNode snoozed =
        ok(
            api.post(
                "/conversations/search",
                Map.of("query", Map.of("field", "state", "operator", "=", "value", "snoozed"))));
    assertThat(snoozed.path("total_count").asInt()).isEqualTo(2);
  }

  @Test
  void seedingRaisesNoWebhookNotifications() {
    Api api = workspace("seed-http-hooks");
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      ok(
          op(
              "POST",
              "/_parley/workspaces/seed-http-hooks/webhooks",
              Map.of(
                  "url",
                  receiver.url(),
                  "topics",
                  List.of(
                      "contact.user.created",
                      "contact.lead.created",
                      "conversation.user.created",
                      "conversation.user.replied",
                      "conversation.admin.replied",
                      "conversation.admin.noted",
                      "conversation.admin.assigned",
                      "conversation.admin.closed"))));
      receiver.awaitTopic("ping");
      ok(op("POST", "/_parley/workspaces/seed-http-hooks/seed", fixture()));
      // A fence: due notifications are sent in commit order (next attempt, then id), so any the
      // seeding had raised would arrive before it.
      ok(api.post("/contacts", Map.of("email", "fence@hooks.example")));
      receiver.awaitTopic("contact.user.created");
      assertThat(receiver.received())
          .extracting(WebhookReceiver.Received::topic)
          .containsExactly("ping", "contact.user.created");
    }
  }

  @Test
  void anUnknownWorkspaceIs404AndOnlyTheOperatorTokenSeeds() {
    assertThat(op("POST", "/_parley/workspaces/no-such-ws/seed", fixture()).status())
        .isEqualTo(404);
    assertThat(
            raw(
                    parley.process(),
                    parley.process().token(),
                    "POST",
                    "/_parley/workspaces/default/seed",
                    fixture())
                .status())
        .isEqualTo(401);
    assertThat(ok(parley.api().get("/contacts")).path("total_count").asInt()).isZero();
  }
}
