package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Notes on contacts ({@code createNote}, {@code listNotes}, {@code retrieveNote}) and tags on
 * contacts ({@code attachTagToContact}, {@code detachTagFromContact}, {@code listTagsForAContact},
 * {@code createTag} with {@code users}), against a real parley on the round's store, every response
 * validated against Intercom's 2.14 description; the contact's {@code tags} and {@code notes}
 * lists, {@code tag_id} in contact search, tag deletion, and workspace isolation.
 */
class ContactNotesAndTagsTest {
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static Api api;
  static Scenario s;

  @BeforeAll
  static void setUp() {
    api = parley.api();
    s = new Scenario(api);
  }

  private static JsonNode ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  private static void notFound(ApiResponse response, String message) {
    assertThat(response.status()).as(response.toString()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("not_found");
    assertThat(response.json().path("errors").path(0).path("message").asText()).isEqualTo(message);
  }

  private static String contact() {
    return s.contact("c-" + UUID.randomUUID() + "@notes.example");
  }

  private static String tag(String name) {
    return ok(api.post("/tags", Map.of("name", name))).path("id").asText();
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(n -> values.add(n.path(field).asText()));
    return values;
  }

  @Test
  void createNoteAnswersIntercomsNoteObjectAndRetrieveAndListReadItBack() {
    String contact = contact();
    JsonNode note = ok(api.post("/contacts/" + contact + "/notes", Map.of("body", "Hello")));
    List<String> keys = new ArrayList<>();
    note.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactlyInAnyOrder("type", "id", "created_at", "contact", "author", "body");
    assertThat(note.path("type").asText()).isEqualTo("note");
    assertThat(note.path("id").isTextual()).isTrue();
    assertThat(note.path("id").asText()).matches("\\d+");
    assertThat(note.path("created_at").isIntegralNumber()).isTrue();
    assertThat(note.path("created_at").asLong()).isBetween(1_700_000_000L, 10_000_000_000L);
    assertThat(note.path("contact").path("type").asText()).isEqualTo("contact");
    assertThat(note.path("contact").path("id").asText()).isEqualTo(contact);
    assertThat(note.path("author").path("type").asText()).isEqualTo("admin");
    assertThat(note.path("author").path("id").asText()).isEqualTo(s.adminId());
    assertThat(note.path("body").asText()).isEqualTo("<p>Hello</p>");

    String id = note.path("id").asText();
    assertThat(ok(api.get("/notes/" + id))).isEqualTo(note);

    // admin_id as an integer, as the description's examples send it; HTML kept as it is.
    JsonNode second =
        ok(
            api.post(
                "/contacts/" + contact + "/notes",
                Map.of(
                    "body",
                    "<p>Second & <b>last</b></p>",
                    "admin_id",
                    Long.parseLong(s.adminId()))));
    assertThat(second.path("body").asText()).isEqualTo("<p>Second & <b>last</b></p>");
    JsonNode escaped = ok(api.post("/contacts/" + contact + "/notes", Map.of("body", "a < b & c")));
    assertThat(escaped.path("body").asText()).isEqualTo("<p>a &lt; b &amp; c</p>");

    JsonNode list = ok(api.get("/contacts/" + contact + "/notes"));
    assertThat(list.path("type").asText()).isEqualTo("list");
    assertThat(list.path("total_count").asInt()).isEqualTo(3);
    assertThat(texts(list.path("data"), "id"))
        .containsExactly(escaped.path("id").asText(), second.path("id").asText(), id);
    assertThat(list.path("pages").path("page").asInt()).isEqualTo(1);
    assertThat(list.path("pages").path("total_pages").asInt()).isEqualTo(1);
    // pages as Intercom's SDKs ask for them (page, per_page), until one comes back empty
    JsonNode first = ok(api.get("/contacts/" + contact + "/notes?page=1&per_page=2"));
    assertThat(texts(first.path("data"), "id"))
        .containsExactly(escaped.path("id").asText(), second.path("id").asText());
    assertThat(first.path("total_count").asInt()).isEqualTo(3);
    assertThat(first.path("pages").path("per_page").asInt()).isEqualTo(2);
    assertThat(first.path("pages").path("total_pages").asInt()).isEqualTo(2);
    JsonNode last = ok(api.get("/contacts/" + contact + "/notes?page=2&per_page=2"));
    assertThat(texts(last.path("data"), "id")).containsExactly(id);
    assertThat(last.path("pages").path("page").asInt()).isEqualTo(2);
    assertThat(ok(api.get("/contacts/" + contact + "/notes?page=3&per_page=2")).path("data").size())
        .isZero();
    for (String bad : List.of("page=0", "page=abc", "per_page=0", "per_page=151")) {
      ApiResponse refused = api.get("/contacts/" + contact + "/notes?" + bad);
      assertThat(refused.status()).as(bad + ": " + refused).isEqualTo(400);
      assertThat(refused.errorCode()).isEqualTo("parameter_invalid");
    }

    JsonNode shown = ok(api.get("/contacts/" + contact)).path("notes");
    assertThat(shown.path("type").asText()).isEqualTo("list");
    assertThat(shown.path("url").asText()).isEqualTo("/contacts/" + contact + "/notes");
    assertThat(shown.path("total_count").asInt()).isEqualTo(3);
    assertThat(shown.path("has_more").asBoolean()).isFalse();
    assertThat(shown.path("data").path(0).path("type").asText()).isEqualTo("note");
    assertThat(shown.path("data").path(0).path("id").asText())
        .isEqualTo(escaped.path("id").asText());
    assertThat(shown.path("data").path(0).path("url").asText())
        .isEqualTo("/notes/" + escaped.path("id").asText());
  }

  @Test
  void notesRefuseUnknownContactsAdminsAndNotesAndBadBodies() {
    String contact = contact();
    notFound(
        api.post("/contacts/0123456789abcdef01234567/notes", Map.of("body", "x")),
        "User Not Found");
    notFound(api.post("/contacts/123/notes", Map.of("body", "x")), "User Not Found");
    notFound(api.get("/contacts/0123456789abcdef01234567/notes"), "User Not Found");
    notFound(
        api.post("/contacts/" + contact + "/notes", Map.of("body", "x", "admin_id", "123")),
        "Resource Not Found");
    for (String id : List.of("999999999", "abc", "-1", "99999999999999999999")) {
      notFound(api.get("/notes/" + id), "Resource Not Found");
    }
    ApiResponse missing = api.post("/contacts/" + contact + "/notes", Map.of("admin_id", "1"));
    assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
    assertThat(missing.errorCode()).isEqualTo("parameter_not_found");
    ApiResponse wrongType = api.post("/contacts/" + contact + "/notes", Map.of("body", 42));
    assertThat(wrongType.status()).as(wrongType.toString()).isEqualTo(400);
    assertThat(wrongType.errorCode()).isEqualTo("parameter_invalid");
    assertThat(ok(api.get("/contacts/" + contact + "/notes")).path("total_count").asInt()).isZero();
  }

  @Test
  void attachListAndDetachTagsOnAContact() {
    String contact = contact();
    String vip = tag("VIP " + UUID.randomUUID());
    String trial = tag("Trial " + UUID.randomUUID());

    JsonNode attached = ok(api.post("/contacts/" + contact + "/tags", Map.of("id", vip)));
    assertThat(attached.path("type").asText()).isEqualTo("tag");
    assertThat(attached.path("id").asText()).isEqualTo(vip);
    assertThat(attached.path("applied_by").path("type").asText()).isEqualTo("admin");
    assertThat(attached.path("applied_by").path("id").asText()).isEqualTo(s.adminId());
    long appliedAt = attached.path("applied_at").asLong();
    // the id as an integer; a second attach keeps the first application
    ok(api.post("/contacts/" + contact + "/tags", Map.of("id", Long.parseLong(trial))));
    JsonNode again = ok(api.post("/contacts/" + contact + "/tags", Map.of("id", vip)));
    assertThat(again.path("applied_at").asLong()).isEqualTo(appliedAt);

    JsonNode list = ok(api.get("/contacts/" + contact + "/tags"));
    assertThat(list.path("type").asText()).isEqualTo("list");
    assertThat(texts(list.path("data"), "id")).containsExactly(vip, trial);
    assertThat(list.path("data").path(0).path("applied_at").asLong()).isEqualTo(appliedAt);

    JsonNode shown = ok(api.get("/contacts/" + contact)).path("tags");
    assertThat(shown.path("url").asText()).isEqualTo("/contacts/" + contact + "/tags");
    assertThat(shown.path("total_count").asInt()).isEqualTo(2);
    assertThat(shown.path("has_more").asBoolean()).isFalse();
    assertThat(texts(shown.path("data"), "url")).containsExactly("/tags/" + vip, "/tags/" + trial);
    assertThat(texts(shown.path("data"), "type")).containsExactly("tag", "tag");

    JsonNode detached = ok(api.delete("/contacts/" + contact + "/tags/" + vip));
    assertThat(detached.path("id").asText()).isEqualTo(vip);
    assertThat(detached.path("applied_at").asLong()).isEqualTo(appliedAt);
    assertThat(texts(ok(api.get("/contacts/" + contact + "/tags")).path("data"), "id"))
        .containsExactly(trial);
    notFound(api.delete("/contacts/" + contact + "/tags/" + vip), "Resource Not Found");
  }

  @Test
  void tagOperationsOnAContactRefuseUnknownContactsAndTags() {
    String contact = contact();
    String vip = tag("Known " + UUID.randomUUID());
    String nobody = "0123456789abcdef01234567";
    notFound(api.get("/contacts/" + nobody + "/tags"), "User Not Found");
    notFound(api.post("/contacts/" + nobody + "/tags", Map.of("id", vip)), "User Not Found");
    notFound(api.delete("/contacts/" + nobody + "/tags/" + vip), "User Not Found");
    for (String id : List.of("999999999", "abc", "-1")) {
      notFound(api.post("/contacts/" + contact + "/tags", Map.of("id", id)), "Resource Not Found");
      notFound(api.delete("/contacts/" + contact + "/tags/" + id), "Resource Not Found");
    }
    ApiResponse missing = api.post("/contacts/" + contact + "/tags", Map.of());
    assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
    assertThat(missing.errorCode()).isEqualTo("parameter_not_found");
    ApiResponse wrongType = api.post("/contacts/" + contact + "/tags", Map.of("id", List.of(1)));
    assertThat(wrongType.status()).as(wrongType.toString()).isEqualTo(400);
    assertThat(ok(api.get("/contacts/" + contact + "/tags")).path("data").size()).isZero();
  }

  @Test
  void aContactShowsItsFirstTenTagsAndSaysThereAreMore() {
    String contact = contact();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String id = tag("Many " + i + " " + UUID.randomUUID());
      ids.add(id);
      ok(api.post("/contacts/" + contact + "/tags", Map.of("id", id)));
    }
    JsonNode shown = ok(api.get("/contacts/" + contact)).path("tags");
    assertThat(shown.path("total_count").asInt()).isEqualTo(12);
    assertThat(shown.path("has_more").asBoolean()).isTrue();
    assertThat(shown.path("data").size()).isEqualTo(10);
    assertThat(ok(api.get("/contacts/" + contact + "/tags")).path("data").size()).isEqualTo(12);
    // lists and searches render the same lists
    JsonNode found =
        ok(
            api.post(
                "/contacts/search",
                Map.of("query", Map.of("field", "id", "operator", "=", "value", contact))));
    assertThat(found.path("data").path(0).path("tags").path("total_count").asInt()).isEqualTo(12);
  }

  @Test
  void createTagWithUsersTagsThoseContactsAllOrNothing() {
    String a = contact();
    String b = contact();
    String name = "Bulk " + UUID.randomUUID();
    JsonNode tag =
        ok(
            api.post(
                "/tags", Map.of("name", name, "users", List.of(Map.of("id", a), Map.of("id", b)))));
    assertThat(tag.path("type").asText()).isEqualTo("tag");
    assertThat(tag.path("name").asText()).isEqualTo(name);
    String id = tag.path("id").asText();
    assertThat(texts(ok(api.get("/contacts/" + a + "/tags")).path("data"), "id"))
        .containsExactly(id);
    assertThat(texts(ok(api.get("/contacts/" + b + "/tags")).path("data"), "id"))
        .containsExactly(id);

    String c = contact();
    String other = "Never " + UUID.randomUUID();
    ApiResponse refused =
        api.post(
            "/tags",
            Map.of(
                "name",
                other,
                "users",
                List.of(Map.of("id", c), Map.of("id", "0123456789abcdef01234567"))));
    notFound(refused, "User Not Found");
    assertThat(ok(api.get("/contacts/" + c + "/tags")).path("data").size()).isZero();
    assertThat(texts(ok(api.get("/tags")).path("data"), "name")).doesNotContain(other);
  }

  @Test
  void deletingATagRemovesItFromEveryContact() {
    String a = contact();
    String doomed = tag("Doomed " + UUID.randomUUID());
    String kept = tag("Kept " + UUID.randomUUID());
    ok(api.post("/contacts/" + a + "/tags", Map.of("id", doomed)));
    ok(api.post("/contacts/" + a + "/tags", Map.of("id", kept)));
    assertThat(api.delete("/tags/" + doomed).status()).isEqualTo(200);
    assertThat(texts(ok(api.get("/contacts/" + a + "/tags")).path("data"), "id"))
        .containsExactly(kept);
    assertThat(ok(api.get("/contacts/" + a)).path("tags").path("total_count").asInt()).isEqualTo(1);
    try (TestDatabase db = TestDatabase.of(parley.process())) {
      assertThat(
              db.number(
                  "SELECT COUNT(*) FROM contact_tags WHERE tag_id = ?", Long.parseLong(doomed)))
          .isZero();
    }
  }

  @Test
  void contactSearchFindsContactsByTagId() {
    String domain = "tagsearch-" + UUID.randomUUID() + ".example";
    String tagged = s.contact("t@" + domain);
    String untagged = s.contact("u@" + domain);
    String vip = tag("Searched " + UUID.randomUUID());
    ok(api.post("/contacts/" + tagged + "/tags", Map.of("id", vip)));
    Map<String, Object> inDomain =
        Map.of("field", "email_domain", "operator", "=", "value", domain);
    for (var c : List.of(Map.entry("=", tagged), Map.entry("!=", untagged))) {
      Map<String, Object> query = new LinkedHashMap<>();
      query.put("operator", "AND");
      query.put(
          "value",
          List.of(inDomain, Map.of("field", "tag_id", "operator", c.getKey(), "value", vip)));
      JsonNode found = ok(api.post("/contacts/search", Map.of("query", query)));
      assertThat(texts(found.path("data"), "id")).as(c.getKey()).containsExactly(c.getValue());
      assertThat(found.path("total_count").asInt()).isEqualTo(1);
    }
  }

  @Test
  void anotherWorkspacesNotesAndContactTagsAreNotFound() {
    String contact = contact();
    String note =
        ok(api.post("/contacts/" + contact + "/notes", Map.of("body", "private")))
            .path("id")
            .asText();
    String vip = tag("Isolated " + UUID.randomUUID());
    ok(api.post("/contacts/" + contact + "/tags", Map.of("id", vip)));
    Api other = Acceptance.otherWorkspace(parley.process(), api, "notes-other");
    notFound(other.get("/notes/" + note), "Resource Not Found");
    notFound(other.get("/contacts/" + contact + "/notes"), "User Not Found");
    notFound(other.get("/contacts/" + contact + "/tags"), "User Not Found");
    notFound(other.post("/contacts/" + contact + "/notes", Map.of("body", "x")), "User Not Found");
    notFound(other.delete("/contacts/" + contact + "/tags/" + vip), "User Not Found");
  }
}
