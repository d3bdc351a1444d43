package dev.parley.http;

import static dev.parley.http.Acceptance.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /tags} (create, or rename with {@code id}) and {@code GET /tags}. */
class TagsTest {
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static Api api;

  @BeforeAll
  static void setUp() {
    api = parley.api();
  }

  private static JsonNode create(Map<String, Object> body) {
    ApiResponse created = api.post("/tags", body);
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    return created.json();
  }

  private static List<JsonNode> listed() {
    ApiResponse list = api.get("/tags");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().path("type").asText()).isEqualTo("list");
    List<JsonNode> tags = new ArrayList<>();
    list.json().path("data").forEach(tags::add);
    return tags;
  }

  @Test
  void createAnswersTheTag() {
    JsonNode tag = create(Map.of("name", "Billing question"));
    assertThat(tag.path("type").asText()).isEqualTo("tag");
    assertThat(tag.path("id").isTextual()).isTrue();
    assertThat(tag.path("id").asText()).matches(Acceptance.DIGITS);
    assertThat(tag.path("name").asText()).isEqualTo("Billing question");
    assertThat(listed()).contains(tag);
  }

  @Test
  void sameNameInAnotherCaseAnswersTheSameTag() {
    JsonNode first = create(Map.of("name", "VIP Customer"));
    JsonNode again = create(Map.of("name", "vip customer"));
    JsonNode third = create(Map.of("name", "VIP Customer"));
    assertThat(again.path("id").asText()).isEqualTo(first.path("id").asText());
    assertThat(third).isEqualTo(first);
    assertThat(again.path("name").asText()).isEqualToIgnoringCase("VIP Customer");
    assertThat(
            listed().stream()
                .filter(t -> t.path("name").asText().equalsIgnoreCase("vip customer"))
                .count())
        .isEqualTo(1);
  }

  @Test
  void renameWithIdKeepsTheIdAndChangesTheName() {
    JsonNode tag = create(Map.of("name", "Old name"));
    String id = tag.path("id").asText();
    JsonNode renamed = create(Map.of("id", id, "name", "New name"));
    assertThat(renamed.path("id").asText()).isEqualTo(id);
    assertThat(renamed.path("name").asText()).isEqualTo("New name");
    List<String> names = listed().stream().map(t -> t.path("name").asText()).toList();
    assertThat(names).contains("New name").doesNotContain("Old name");
    // the id may be a JSON number, as the description's examples send it
    JsonNode again = create(Map.of("id", Long.parseLong(id), "name", "Newer name"));
    assertThat(again.path("id").asText()).isEqualTo(id);
    assertThat(again.path("name").asText()).isEqualTo("Newer name");
    // the new name is found case-insensitively and answers the same tag
    assertThat(create(Map.of("name", "NEWER NAME")).path("id").asText()).isEqualTo(id);
  }

  @Test
  void renameOfAnUnknownTagAnswers404() {
    long before = listed().size();
    assertError(api.post("/tags", Map.of("id", "3999999999", "name", "Ghost")), 404, "not_found");
    assertError(api.post("/tags", Map.of("id", "abc", "name", "Ghost")), 404, "not_found");
    assertThat(listed()).hasSize((int) before);
  }

  @Test
  void renameOntoAnotherTagsNameAnswers400() {
    JsonNode a = create(Map.of("name", "Taken A"));
    JsonNode b = create(Map.of("name", "Taken B"));
    JsonNode error =
        assertError(
            api.post("/tags", Map.of("id", b.path("id").asText(), "name", "taken a")),
            400,
            "parameter_invalid");
    assertThat(error.path("message").asText()).startsWith("invalid tag parameters");
    assertThat(listed()).contains(a, b);
  }

  @Test
  void invalidNamesAnswer400() {
    long before = listed().size();
    JsonNode missing = assertError(api.post("/tags", Map.of()), 400, "parameter_not_found");
    assertThat(missing.path("field").asText()).isEqualTo("name");
    JsonNode blank =
        assertError(api.post("/tags", Map.of("name", "   ")), 400, "parameter_invalid");
    assertThat(blank.path("field").asText()).isEqualTo("name");
    JsonNode number = assertError(api.post("/tags", Map.of("name", 7)), 400, "parameter_invalid");
    assertThat(number.path("field").asText()).isEqualTo("name");
    assertThat(listed()).hasSize((int) before);
  }

  @Test
  void listHoldsEveryTagOnce() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add(create(Map.of("name", "listed-" + i)).path("id").asText());
    }
    List<String> listedIds = listed().stream().map(t -> t.path("id").asText()).toList();
    assertThat(listedIds).doesNotHaveDuplicates().containsAll(ids);
    for (JsonNode tag : listed()) {
      assertThat(tag.path("type").asText()).isEqualTo("tag");
    }
  }
}
