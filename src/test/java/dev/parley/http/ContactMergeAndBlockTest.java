package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Intercom's {@code MergeContact} ({@code POST /contacts/merge}) and {@code BlockContact} ({@code
 * POST /contacts/{id}/block}) against a real parley; every answer is validated against the 2.14
 * description by the test client. That nothing of a merged lead is left in the store's files is
 * ContactMergeMarkerTest's.
 */
class ContactMergeAndBlockTest {
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static Api api;
  static Scenario s;
  static Api otherWorkspace;

  @BeforeAll
  static void setUp() {
    api = parley.api();
    s = new Scenario(api);
    assertThat(parley.process().cli("workspace", "create", "other-mb").exitCode()).isZero();
    assertThat(
            parley
                .process()
                .cli(
                    "admin",
                    "create",
                    "--workspace",
                    "other-mb",
                    "--name",
                    "O",
                    "--email",
                    "o-mb@example.com")
                .exitCode())
        .isZero();
    otherWorkspace = api.withToken(parley.process().createToken("other-mb", "read,write"));
  }

  private static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static String contact(String role) {
    return s.contact(Map.of("role", role, "email", role + "-" + unique() + "@example.com"));
  }

  private static String tag(String name) {
    return api.post("/tags", Map.of("name", name + unique())).json().path("id").asText();
  }

  private static void event(String contact, String name, long at) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", contact);
    event.put("event_name", name);
    event.put("created_at", at);
    assertThat(api.post("/events", event).status()).isEqualTo(202);
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.forEach(item -> ids.add(item.path("id").asText()));
    return ids;
  }

  @Test
  void aMergeMovesTheLeadsConversationsNotesTagsCompaniesAndEventsToTheUserAndTheLeadIsGone() {
    String user = contact("user");
    String lead = contact("lead");
    String shared = tag("shared");
    String leadOnly = tag("lead-only");
    for (String t : List.of(shared, leadOnly)) {
      assertThat(api.post("/contacts/" + lead + "/tags", Map.of("id", t)).status()).isEqualTo(200);
    }
    assertThat(api.post("/contacts/" + user + "/tags", Map.of("id", shared)).status())
        .isEqualTo(200);
    String note =
        api.post("/contacts/" + lead + "/notes", Map.of("body", "met at the fair"))
            .json()
            .path("id")
            .asText();
    String company =
        api.post("/companies", Map.of("company_id", "merge-" + unique(), "name", "Merge Co"))
            .json()
            .path("id")
            .asText();
    assertThat(api.post("/contacts/" + lead + "/companies", Map.of("id", company)).status())
        .isEqualTo(200);
    event(user, "signed-up", 1_700_000_000L);
    event(lead, "signed-up", 1_700_000_100L);
    event(lead, "viewed-pricing", 1_700_000_200L);
    String conversation = s.conversation(lead, "Hello from a lead");
    assertThat(s.contactReply(conversation, lead, "still there?").status()).isEqualTo(200);

    ApiResponse merged = api.post("/contacts/merge", Map.of("from", lead, "into", user));
    assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
    JsonNode u = merged.json();
    assertThat(u.path("type").asText()).isEqualTo("contact");
    assertThat(u.path("id").asText()).isEqualTo(user);
    assertThat(u.path("role").asText()).isEqualTo("user");
    assertThat(u.path("tags").path("total_count").asInt()).isEqualTo(2);
    assertThat(u.path("notes").path("total_count").asInt()).isEqualTo(1);
    assertThat(u.path("companies").path("total_count").asInt()).isEqualTo(1);
    assertThat(api.get("/contacts/" + user).json()).isEqualTo(u);

    // the lead is gone from every read path
    assertThat(api.get("/contacts/" + lead).status()).isEqualTo(404);
    assertThat(api.get("/contacts/" + lead + "/notes").status()).isEqualTo(404);
    assertThat(api.get("/contacts/" + lead + "/tags").status()).isEqualTo(404);
    assertThat(
            api.post(
                    "/contacts/search",
                    Map.of("query", Map.of("field", "id", "operator", "=", "value", lead)))
                .json()
                .path("total_count")
                .asInt())
        .isZero();
    assertThat(api.post("/contacts/merge", Map.of("from", lead, "into", user)).status())
        .isEqualTo(404);

    // what the lead had is the user's
    assertThat(ids(api.get("/contacts/" + user + "/tags").json().path("data")))
        .containsExactlyInAnyOrder(shared, leadOnly);
    JsonNode notes = api.get("/contacts/" + user + "/notes").json().path("data");
    assertThat(ids(notes)).containsExactly(note);
    assertThat(notes.get(0).path("contact").path("id").asText()).isEqualTo(user);
    assertThat(api.get("/notes/" + note).json().path("contact").path("id").asText())
        .isEqualTo(user);
    assertThat(ids(api.get("/contacts/" + user + "/companies").json().path("data")))
        .containsExactly(company);
    JsonNode events = api.get("/events?type=user&intercom_user_id=" + user).json().path("events");
    List<String> eventNames = new ArrayList<>();
    events.forEach(e -> eventNames.add(e.path("event_name").asText()));
    assertThat(eventNames).containsExactlyInAnyOrder("signed-up", "signed-up", "viewed-pricing");
    JsonNode c = api.get("/conversations/" + conversation).json();
    assertThat(ids(c.path("contacts").path("contacts"))).containsExactly(user);
    assertThat(c.path("source").path("author").path("id").asText()).isEqualTo(user);
    assertThat(c.path("source").path("author").path("type").asText()).isEqualTo("user");
    JsonNode parts = c.path("conversation_parts").path("conversation_parts");
    assertThat(parts.get(parts.size() - 1).path("author").path("id").asText()).isEqualTo(user);
    // the user can reply in the conversation it now has
    assertThat(s.contactReply(conversation, user, "it's me").status()).isEqualTo(200);
    assertThat(s.contactReply(conversation, lead, "me again").status()).isEqualTo(404);
  }

  @Test
  void aConversationOfBothContactsKeepsOneLinkToTheUser() {
    String user = contact("user");
    String lead = contact("lead");
    String conversation = s.conversation(lead, "Both of us");
    ApiResponse attached =
        api.post(
            "/conversations/" + conversation + "/customers",
            Map.of("admin_id", s.adminId(), "customer", Map.of("intercom_user_id", user)));
    assertThat(attached.status()).as(attached.toString()).isEqualTo(200);
    assertThat(api.post("/contacts/merge", Map.of("from", lead, "into", user)).status())
        .isEqualTo(200);
    JsonNode c = api.get("/conversations/" + conversation).json();
    assertThat(ids(c.path("contacts").path("contacts"))).containsExactly(user);
  }

  @Test
  void aMergeOfUnknownContactsOrTheWrongRolesIsRefused() {
    String user = contact("user");
    String lead = contact("lead");
    String otherUser = contact("user");
    String otherLead = contact("lead");
    String unknown = "0123456789abcdef01234567";
    ApiResponse r = api.post("/contacts/merge", Map.of("from", unknown, "into", user));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorCode()).isEqualTo("not_found");
    assertThat(api.post("/contacts/merge", Map.of("from", lead, "into", unknown)).status())
        .isEqualTo(404);
    r = api.post("/contacts/merge", Map.of("from", otherUser, "into", user));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo("from");
    r = api.post("/contacts/merge", Map.of("from", lead, "into", otherLead));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo("into");
    r = api.post("/contacts/merge", Map.of("from", lead, "into", lead));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("parameter_invalid");
    r = api.post("/contacts/merge", Map.of("from", lead));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("parameter_not_found");
    r = api.post("/contacts/merge", Map.of("from", lead, "into", 12));
    assertThat(r.status()).isEqualTo(400);
    assertThat(otherWorkspace.post("/contacts/merge", Map.of("from", lead, "into", user)).status())
        .isEqualTo(404);
    // nothing changed
    assertThat(api.get("/contacts/" + lead).status()).isEqualTo(200);
    assertThat(api.get("/contacts/" + otherUser).status()).isEqualTo(200);
  }

  @Test
  void blockAnswersTheBlockedContactReferenceAndKeepsTheContact() {
    String external = "blk-" + unique();
    String id =
        s.contact(
            Map.of(
                "role",
                "user",
                "email",
                "b-" + unique() + "@example.com",
                "external_id",
                external));
    ApiResponse blocked = api.post("/contacts/" + id + "/block", null);
    assertThat(blocked.status()).as(blocked.toString()).isEqualTo(200);
    JsonNode b = blocked.json();
    assertThat(b.path("type").asText()).isEqualTo("contact");
    assertThat(b.path("id").asText()).isEqualTo(id);
    assertThat(b.path("external_id").asText()).isEqualTo(external);
    assertThat(b.path("blocked").asBoolean()).isTrue();
    assertThat(api.post("/contacts/" + id + "/block", null).json()).isEqualTo(b);
    assertThat(api.get("/contacts/" + id).status()).isEqualTo(200);
    ApiResponse unknown = api.post("/contacts/0123456789abcdef01234567/block", null);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo("not_found");
    assertThat(otherWorkspace.post("/contacts/" + id + "/block", null).status()).isEqualTo(404);
  }
}
