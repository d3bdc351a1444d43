package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.Scenario;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Intercom's contact operations beyond create/show/list, against a real parley: {@code
 * UpdateContact}, {@code DeleteContact} (its effect on conversations is in DeleteContactTest),
 * {@code ArchiveContact}, {@code UnarchiveContact} and {@code ShowContactByExternalId}. Every
 * response is validated against the 2.14 description by the test client.
 */
class ContactOperationsTest {
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static Api api;
  static Scenario s;
  static Api readOnly;
  static Api otherWorkspace;

  @BeforeAll
  static void setUp() {
    api = parley.api();
    s = new Scenario(api);
    readOnly = api.withToken(parley.process().createToken("default", "read"));
    assertThat(parley.process().cli("workspace", "create", "other").exitCode()).isZero();
    assertThat(
            parley
                .process()
                .cli(
                    "admin",
                    "create",
                    "--workspace",
                    "other",
                    "--name",
                    "O",
                    "--email",
                    "o@example.com")
                .exitCode())
        .isZero();
    otherWorkspace = api.withToken(parley.process().createToken("other", "read,write"));
  }

  private static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static String fullContact() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("role", "user");
    body.put("email", "full-" + unique() + "@example.com");
    body.put("external_id", "ext-" + unique());
    body.put("name", "Full Name");
    body.put("phone", "+353871234567");
    body.put("avatar", "https://example.com/a.png");
    body.put("signed_up_at", 1571672154);
    body.put("last_seen_at", 1571672155);
    body.put("owner_id", 123);
    body.put("custom_attributes", Map.of("plan", "free", "seats", 3));
    return s.contact(body);
  }

  @Test
  void updateChangesTheGivenFieldsMergesAttributesAndKeepsTheRest() {
    String id = fullContact();
    JsonNode before = api.get("/contacts/" + id).json();
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("plan", "pro");
    attributes.put("seats", null);
    attributes.put("paid_subscriber", true);
    ApiResponse updated =
        api.put(
            "/contacts/" + id,
            Map.of(
                "name",
                "New Name",
                "unsubscribed_from_emails",
                true,
                "custom_attributes",
                attributes));
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    JsonNode c = updated.json();
    assertThat(c.get("type").asText()).isEqualTo("contact");
    assertThat(c.get("id").asText()).isEqualTo(id);
    assertThat(c.get("name").asText()).isEqualTo("New Name");
    assertThat(c.get("unsubscribed_from_emails").asBoolean()).isTrue();
    assertThat(c.get("email").asText()).isEqualTo(before.get("email").asText());
    assertThat(c.get("external_id").asText()).isEqualTo(before.get("external_id").asText());
    assertThat(c.get("phone").asText()).isEqualTo("+353871234567");
    assertThat(c.get("signed_up_at").asLong()).isEqualTo(1571672154L);
    assertThat(c.get("owner_id").asLong()).isEqualTo(123L);
    assertThat(c.get("custom_attributes").get("plan").asText()).isEqualTo("pro");
    assertThat(c.get("custom_attributes").has("seats")).isFalse();
    assertThat(c.get("custom_attributes").get("paid_subscriber").asBoolean()).isTrue();
    assertThat(c.get("created_at").asLong()).isEqualTo(before.get("created_at").asLong());
    assertThat(c.get("updated_at").asLong())
        .isGreaterThanOrEqualTo(before.get("updated_at").asLong());
    assertThat(api.get("/contacts/" + id).json()).isEqualTo(c);
  }

  @Test
  void updateChangesRoleEmailAndExternalIdAndClearsNullableFieldsWithNull() {
    String id =
        s.contact(
            Map.of("role", "lead", "email", "lead-" + unique() + "@example.com", "name", "Lead"));
    String external = "became-user-" + unique();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("role", "user");
    body.put("email", "Mixed-" + unique() + "@Example.com");
    body.put("external_id", external);
    body.put("name", null);
    body.put("phone", null);
    body.put("signed_up_at", null);
    ApiResponse updated = api.put("/contacts/" + id, body);
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    JsonNode c = updated.json();
    assertThat(c.get("role").asText()).isEqualTo("user");
    assertThat(c.get("email").asText()).isEqualToIgnoringCase((String) body.get("email"));
    assertThat(c.get("email_domain").asText()).isEqualToIgnoringCase("example.com");
    assertThat(c.get("external_id").asText()).isEqualTo(external);
    assertThat(c.get("name").isNull()).isTrue();
    assertThat(c.get("phone").isNull()).isTrue();
    assertThat(c.get("signed_up_at").isNull()).isTrue();
    ApiResponse found = api.get("/contacts/find_by_external_id/" + external);
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.json().get("id").asText()).isEqualTo(id);
  }

  @Test
  void aContactWithoutAvatarAnswersAvatarNullAndOneWithAnImageAnswersTheAvatarObject() {
    // Intercom's Java SDK 4.x reads no avatar object without an image: null, as Intercom sends.
    String external = "avatar-" + unique();
    ApiResponse created = api.post("/contacts", Map.of("role", "user", "external_id", external));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    String id = created.json().get("id").asText();
    assertThat(created.json().has("avatar")).isTrue();
    assertThat(created.json().get("avatar").isNull()).as(created.toString()).isTrue();
    assertThat(api.get("/contacts/" + id).json().get("avatar").isNull()).isTrue();
    assertThat(api.get("/contacts/find_by_external_id/" + external).json().get("avatar").isNull())
        .isTrue();

    ApiResponse withImage =
        api.put("/contacts/" + id, Map.of("avatar", "https://example.com/face.png"));
    assertThat(withImage.status()).as(withImage.toString()).isEqualTo(200);
    JsonNode avatar = withImage.json().get("avatar");
    assertThat(avatar.get("type").asText()).isEqualTo("avatar");
    assertThat(avatar.get("image_url").asText()).isEqualTo("https://example.com/face.png");
    assertThat(api.get("/contacts/" + id).json().get("avatar")).isEqualTo(avatar);

    Map<String, Object> clear = new LinkedHashMap<>();
    clear.put("avatar", null);
    ApiResponse cleared = api.put("/contacts/" + id, clear);
    assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
    assertThat(cleared.json().get("avatar").isNull()).as(cleared.toString()).isTrue();
  }

  @Test
  void anEmptyUpdateAnswersTheContactUnchanged() {
    String id = fullContact();
    JsonNode before = api.get("/contacts/" + id).json();
    ApiResponse updated = api.put("/contacts/" + id, Map.of());
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().get("name")).isEqualTo(before.get("name"));
    assertThat(updated.json().get("custom_attributes")).isEqualTo(before.get("custom_attributes"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"role\":\"admin\"}|parameter_invalid|role",
        "{\"role\":\"\"}|parameter_invalid|role",
        "{\"role\":null}|parameter_invalid|role",
        "{\"email\":\"not-an-address\"}|parameter_invalid|email",
        "{\"email\":null}|parameter_invalid|email",
        "{\"email\":42}|parameter_invalid|email",
        "{\"external_id\":\"\"}|parameter_invalid|external_id",
        "{\"external_id\":{\"a\":1}}|parameter_invalid|external_id",
        "{\"name\":5}|parameter_invalid|name",
        "{\"phone\":[\"1\"]}|parameter_invalid|phone",
        "{\"avatar\":true}|parameter_invalid|avatar",
        "{\"signed_up_at\":\"soon\"}|parameter_invalid|signed_up_at",
        "{\"last_seen_at\":1.5}|parameter_invalid|last_seen_at",
        "{\"owner_id\":\"x\"}|parameter_invalid|owner_id",
        "{\"unsubscribed_from_emails\":\"yes\"}|parameter_invalid|unsubscribed_from_emails",
        "{\"custom_attributes\":\"\"}|parameter_invalid|custom_attributes",
        "{\"custom_attributes\":{\"nested\":{\"a\":1}}}|parameter_invalid|custom_attributes.nested",
        "{\"name\":\"ok\",\"role\":\"boss\"}|parameter_invalid|role",
        "{|parameter_invalid|",
        "[1,2]|parameter_invalid|",
        "\"text\"|parameter_invalid|"
      })
  void badUpdateBodiesAnswer400NamingTheFieldAndChangeNothing(String testCase) {
    String[] parts = testCase.split("\\|", -1);
    String id = fullContact();
    JsonNode before = api.get("/contacts/" + id).json();
    ApiResponse response = api.put("/contacts/" + id, parts[0]);
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo(parts[1]);
    JsonNode error = response.json().path("errors").path(0);
    if (!parts[2].isEmpty()) {
      assertThat(error.path("field").asText()).isEqualTo(parts[2]);
    }
    assertThat(error.path("message").asText()).isNotBlank();
    assertThat(api.get("/contacts/" + id).json()).isEqualTo(before);
  }

  @Test
  void aBodyThatIsNotJsonAnswers415AndChangesNothing() {
    String id = fullContact();
    JsonNode before = api.get("/contacts/" + id).json();
    ApiResponse response =
        api.withHeader("Content-Type", "text/plain")
            .send("PUT", "/contacts/" + id, "{\"name\":\"x\"}");
    assertThat(response.status()).isIn(400, 415);
    assertThat(response.json().path("type").asText()).isEqualTo("error.list");
    assertThat(api.get("/contacts/" + id).json()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"000000000000000000000000", "nope", "1", "%20"})
  void unknownContactsAnswer404NotFoundOnEveryOperation(String id) {
    for (ApiResponse response :
        List.of(
            api.put("/contacts/" + id, Map.of("name", "x")),
            api.delete("/contacts/" + id),
            api.post("/contacts/" + id + "/archive", null),
            api.post("/contacts/" + id + "/unarchive", null))) {
      assertThat(response.status()).as(response.toString()).isEqualTo(404);
      assertThat(response.errorCode()).isEqualTo("not_found");
      assertThat(response.json().path("errors").path(0).path("message").asText())
          .isEqualTo("Resource Not Found");
    }
  }

  @Test
  void contactsOfAnotherWorkspaceAnswer404AndStayAsTheyAre() {
    String id = fullContact();
    JsonNode before = api.get("/contacts/" + id).json();
    String external = before.get("external_id").asText();
    assertThat(otherWorkspace.put("/contacts/" + id, Map.of("name", "stolen")).status())
        .isEqualTo(404);
    assertThat(otherWorkspace.post("/contacts/" + id + "/archive", null).status()).isEqualTo(404);
    assertThat(otherWorkspace.delete("/contacts/" + id).status()).isEqualTo(404);
    assertThat(otherWorkspace.get("/contacts/find_by_external_id/" + external).status())
        .isEqualTo(404);
    assertThat(api.get("/contacts/" + id).json()).isEqualTo(before);
  }

  @Test
  void archiveAndUnarchiveAnswerTheContactReferenceWithTheFlagAndAreIdempotent() {
    String id = fullContact();
    String external = api.get("/contacts/" + id).json().get("external_id").asText();
    for (int i = 0; i < 2; i++) {
      ApiResponse archived = api.post("/contacts/" + id + "/archive", null);
      assertThat(archived.status()).as(archived.toString()).isEqualTo(200);
      assertThat(fieldNames(archived.json()))
          .containsExactlyInAnyOrder("type", "id", "external_id", "archived");
      assertThat(archived.json().get("type").asText()).isEqualTo("contact");
      assertThat(archived.json().get("id").asText()).isEqualTo(id);
      assertThat(archived.json().get("external_id").asText()).isEqualTo(external);
      assertThat(archived.json().get("archived").asBoolean()).isTrue();
    }
    assertThat(api.get("/contacts/" + id).status()).isEqualTo(200);
    for (int i = 0; i < 2; i++) {
      ApiResponse unarchived = api.post("/contacts/" + id + "/unarchive", null);
      assertThat(unarchived.status()).as(unarchived.toString()).isEqualTo(200);
      assertThat(unarchived.json().get("id").asText()).isEqualTo(id);
      assertThat(unarchived.json().get("archived").asBoolean()).isFalse();
    }
  }

  @Test
  void aLeadWithoutExternalIdIsArchivedWithANullExternalId() {
    String id = s.contact(Map.of("role", "lead", "email", "lead-" + unique() + "@example.com"));
    ApiResponse archived = api.post("/contacts/" + id + "/archive", null);
    assertThat(archived.status()).isEqualTo(200);
    assertThat(archived.json().get("external_id").isNull()).isTrue();
  }

  @Test
  void findByExternalIdAnswersTheUserWithThatExternalId() {
    String external = "user/ext " + unique() + "+é";
    String id =
        s.contact(
            Map.of(
                "role",
                "user",
                "external_id",
                external,
                "email",
                "u-" + unique() + "@example.com"));
    ApiResponse found =
        api.get(
            "/contacts/find_by_external_id/"
                + URLEncoder.encode(external, StandardCharsets.UTF_8).replace("+", "%20"));
    assertThat(found.status()).as(found.toString()).isEqualTo(200);
    assertThat(found.json().get("id").asText()).isEqualTo(id);
    assertThat(found.json().get("external_id").asText()).isEqualTo(external);
    assertThat(found.json().get("role").asText()).isEqualTo("user");
    assertThat(found.json()).isEqualTo(api.get("/contacts/" + id).json());
  }

  @Test
  void findByExternalIdFindsUsersOnlyNotLeads() {
    String external = "lead-ext-" + unique();
    s.contact(Map.of("role", "lead", "external_id", external));
    ApiResponse response = api.get("/contacts/find_by_external_id/" + external);
    assertThat(response.status()).as(response.toString()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("not_found");
    assertThat(response.json().path("errors").path(0).path("message").asText())
        .isEqualTo("User Not Found");
  }

  @Test
  void findByAnUnknownExternalIdAnswers404() {
    ApiResponse response = api.get("/contacts/find_by_external_id/never-" + unique());
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("not_found");
  }

  @Test
  void deleteAnswersContactDeletedAndTheContactIsGoneFromEveryReadPath() {
    String other = fullContact();
    String id = fullContact();
    String external = api.get("/contacts/" + id).json().get("external_id").asText();
    ApiResponse deleted = api.delete("/contacts/" + id);
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
    assertThat(fieldNames(deleted.json()))
        .containsExactlyInAnyOrder("type", "id", "external_id", "deleted");
    assertThat(deleted.json().get("type").asText()).isEqualTo("contact");
    assertThat(deleted.json().get("id").asText()).isEqualTo(id);
    assertThat(deleted.json().get("external_id").asText()).isEqualTo(external);
    assertThat(deleted.json().get("deleted").asBoolean()).isTrue();

    assertThat(api.get("/contacts/" + id).status()).isEqualTo(404);
    assertThat(api.get("/contacts/find_by_external_id/" + external).status()).isEqualTo(404);
    assertThat(api.put("/contacts/" + id, Map.of("name", "back")).status()).isEqualTo(404);
    ApiResponse again = api.delete("/contacts/" + id);
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.errorCode()).isEqualTo("not_found");
    List<String> listed = new ArrayList<>();
    api.get("/contacts?per_page=150")
        .json()
        .path("data")
        .forEach(c -> listed.add(c.get("id").asText()));
    assertThat(listed).contains(other).doesNotContain(id);
  }

  @Test
  void aReadOnlyTokenCannotWriteContactsAndNoTokenCannotReadThem() {
    String id = fullContact();
    String external = api.get("/contacts/" + id).json().get("external_id").asText();
    for (ApiResponse response :
        List.of(
            readOnly.put("/contacts/" + id, Map.of("name", "x")),
            readOnly.delete("/contacts/" + id),
            readOnly.post("/contacts/" + id + "/archive", null),
            readOnly.post("/contacts/" + id + "/unarchive", null))) {
      assertThat(response.status()).as(response.toString()).isEqualTo(403);
      assertThat(response.errorCode()).isEqualTo("action_forbidden");
    }
    assertThat(readOnly.get("/contacts/find_by_external_id/" + external).status()).isEqualTo(200);
    Api anonymous = api.withToken(null);
    for (ApiResponse response :
        List.of(
            anonymous.get("/contacts/find_by_external_id/" + external),
            anonymous.put("/contacts/" + id, Map.of("name", "x")),
            anonymous.delete("/contacts/" + id),
            anonymous.post("/contacts/" + id + "/archive", null))) {
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.errorCode()).isEqualTo("unauthorized");
    }
    assertThat(api.get("/contacts/" + id).json().get("name").asText()).isEqualTo("Full Name");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
