package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Intercom's {@code findTag} and {@code deleteTag} against a real parley.process(). */
class TagOperationsTest {
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static Api api;
  static Scenario s;

  @BeforeAll
  static void setUp() {
    api = parley.api();
    s = new Scenario(api);
  }

  private static String tag(String name) {
    ApiResponse created = api.post("/tags", Map.of("name", name));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    return created.json().get("id").asText();
  }

  private static void apply(String conversation, String tag) {
    ApiResponse applied =
        api.post(
            "/conversations/" + conversation + "/tags", Map.of("id", tag, "admin_id", s.adminId()));
    assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
  }

  @Test
  void findTagAnswersTheTagAsTagBasic() {
    String name = "Find Me " + UUID.randomUUID();
    String id = tag(name);
    ApiResponse found = api.get("/tags/" + id);
    assertThat(found.status()).as(found.toString()).isEqualTo(200);
    List<String> keys = new ArrayList<>();
    found.json().fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactlyInAnyOrder("type", "id", "name");
    assertThat(found.json().get("type").asText()).isEqualTo("tag");
    assertThat(found.json().get("id").asText()).isEqualTo(id);
    assertThat(found.json().get("name").asText()).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"999999999", "abc", "-1", "1.5", "99999999999999999999", "%20"})
  void unknownOrMalformedTagIdsAnswer404NotFound(String id) {
    for (ApiResponse response : List.of(api.get("/tags/" + id), api.delete("/tags/" + id))) {
      assertThat(response.status()).as(response.toString()).isEqualTo(404);
      assertThat(response.errorCode()).isEqualTo("not_found");
      assertThat(response.json().path("errors").path(0).path("message").asText())
          .isEqualTo("Resource Not Found");
    }
  }

  @Test
  void deleteTagDetachesItFromEveryConversationAndAnswers200WithoutABodyOrContentType() {
    String id = tag("Doomed " + UUID.randomUUID());
    String keptTag = tag("Kept " + UUID.randomUUID());
    String first = s.conversation("first tagged");
    String second = s.conversation("second tagged");
    apply(first, id);
    apply(second, id);
    apply(second, keptTag);

    ApiResponse deleted = api.delete("/tags/" + id);
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
    assertThat(deleted.bytes()).isEmpty();
    // The description gives this 200 no content: no JSON media type for an empty body (a
    // validating proxy turns application/json with nothing in it into a 500).
    assertThat(deleted.header("Content-Type")).as(deleted.headers().map().toString()).isNull();
    assertThat(deleted.header("Content-Length")).isEqualTo("0");

    assertThat(tagIds(api.get("/conversations/" + first).json())).isEmpty();
    assertThat(tagIds(api.get("/conversations/" + second).json())).containsExactly(keptTag);
    assertThat(api.get("/tags/" + id).status()).isEqualTo(404);
    List<String> listed = new ArrayList<>();
    api.get("/tags").json().path("data").forEach(t -> listed.add(t.path("id").asText()));
    assertThat(listed).contains(keptTag).doesNotContain(id);
    try (TestDatabase db = TestDatabase.of(parley.process())) {
      assertThat(
              db.number(
                  "SELECT COUNT(*) FROM conversation_tags WHERE tag_id = ?", Long.parseLong(id)))
          .isZero();
      assertThat(db.number("SELECT COUNT(*) FROM tags WHERE id = ?", Long.parseLong(id))).isZero();
    }
    ApiResponse again = api.delete("/tags/" + id);
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.errorCode()).isEqualTo("not_found");
    ApiResponse detach =
        api.delete("/conversations/" + first + "/tags/" + id, Map.of("admin_id", s.adminId()));
    assertThat(detach.status()).isEqualTo(404);
    assertThat(detach.errorCode()).isEqualTo("tag_not_found");
  }

  @Test
  void aDeletedTagsNameCanBeCreatedAgainAsANewTag() {
    String name = "Reborn " + UUID.randomUUID();
    String id = tag(name);
    assertThat(api.delete("/tags/" + id).status()).isEqualTo(200);
    String again = tag(name);
    assertThat(again).isNotEqualTo(id);
    assertThat(api.get("/tags/" + again).json().get("name").asText()).isEqualTo(name);
  }

  @Test
  void tagsOfAnotherWorkspaceAnswer404AndSurvive() {
    assertThat(parley.process().cli("workspace", "create", "tags-other").exitCode()).isZero();
    assertThat(
            parley
                .process()
                .cli(
                    "admin",
                    "create",
                    "--workspace",
                    "tags-other",
                    "--name",
                    "T",
                    "--email",
                    "t@example.com")
                .exitCode())
        .isZero();
    Api other = api.withToken(parley.process().createToken("tags-other", "read,write"));
    String id = tag("Mine " + UUID.randomUUID());
    assertThat(other.get("/tags/" + id).status()).isEqualTo(404);
    assertThat(other.delete("/tags/" + id).status()).isEqualTo(404);
    assertThat(api.get("/tags/" + id).status()).isEqualTo(200);
  }

  @Test
  void aReadOnlyTokenMayFindButNotDeleteAndNoTokenMayDoEither() {
    String id = tag("Guarded " + UUID.randomUUID());
    Api readOnly = api.withToken(parley.process().createToken("default", "read"));
    assertThat(readOnly.get("/tags/" + id).status()).isEqualTo(200);
    ApiResponse forbidden = readOnly.delete("/tags/" + id);
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.errorCode()).isEqualTo("action_forbidden");
    Api anonymous = api.withToken(null);
    assertThat(anonymous.get("/tags/" + id).status()).isEqualTo(401);
    ApiResponse unauthorized = anonymous.delete("/tags/" + id);
    assertThat(unauthorized.status()).isEqualTo(401);
    assertThat(unauthorized.errorCode()).isEqualTo("unauthorized");
    assertThat(api.get("/tags/" + id).status()).isEqualTo(200);
  }

  private static List<String> tagIds(JsonNode conversation) {
    List<String> ids = new ArrayList<>();
    conversation.path("tags").path("tags").forEach(t -> ids.add(t.path("id").asText()));
    return ids;
  }
}
