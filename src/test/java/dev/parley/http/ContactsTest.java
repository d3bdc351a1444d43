package dev.parley.http;

import static dev.parley.http.Acceptance.assertError;
import static dev.parley.http.Acceptance.raw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /contacts}, {@code GET /contacts/{id}}, {@code GET /contacts} with cursors. */
class ContactsTest {
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static Api api;

  @BeforeAll
  static void setUp() {
    api = parley.api();
  }

  private static JsonNode create(Map<String, Object> body) {
    ApiResponse created = api.post("/contacts", body);
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    return created.json();
  }

  @Test
  void createWithEveryFieldAnswersTheContact() {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("plan", "pro");
    attributes.put("seats", 12);
    attributes.put("trial", false);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("role", "user");
    body.put("email", "Ada.Lovelace@Analytical.example");
    body.put("external_id", "ext-ada-1");
    body.put("name", "Ada Lovelace");
    body.put("phone", "+44 20 7946 0000");
    body.put("custom_attributes", attributes);
    long before = Acceptance.now();
    JsonNode contact = create(body);

    assertThat(contact.path("type").asText()).isEqualTo("contact");
    assertThat(contact.path("id").asText()).matches(Acceptance.CONTACT_ID);
    assertThat(contact.path("workspace_id").asText())
        .isEqualTo(api.get("/me").json().path("app").path("id_code").asText());
    assertThat(contact.path("role").asText()).isEqualTo("user");
    assertThat(contact.path("email").asText()).isEqualTo("Ada.Lovelace@Analytical.example");
    assertThat(contact.path("email_domain").asText()).isEqualToIgnoringCase("analytical.example");
    assertThat(contact.path("external_id").asText()).isEqualTo("ext-ada-1");
    assertThat(contact.path("name").asText()).isEqualTo("Ada Lovelace");
    assertThat(contact.path("phone").asText()).isEqualTo("+44 20 7946 0000");
    assertThat(contact.path("custom_attributes"))
        .isEqualTo(new ObjectMapper().valueToTree(attributes));
    assertThat(contact.path("custom_attributes").path("seats").isIntegralNumber()).isTrue();
    assertThat(contact.path("custom_attributes").path("trial").isBoolean()).isTrue();
    assertThat(contact.path("created_at").asLong()).isBetween(before - 1, Acceptance.now() + 1);
    assertThat(contact.path("updated_at").asLong()).isEqualTo(contact.path("created_at").asLong());
  }

  @Test
  void getAnswersTheContactAsCreated() {
    JsonNode created =
        create(
            Map.of(
                "role",
                "lead",
                "email",
                "lead@example.com",
                "name",
                "Lee Lead",
                "custom_attributes",
                Map.of("source", "ads")));
    assertThat(created.path("role").asText()).isEqualTo("lead");
    ApiResponse got = api.get("/contacts/" + created.path("id").asText());
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json()).isEqualTo(created);
  }

  @Test
  void createNeedsOneOfRoleEmailOrExternalId() {
    JsonNode onlyExternal = create(Map.of("external_id", "only-external"));
    assertThat(onlyExternal.path("external_id").asText()).isEqualTo("only-external");
    assertThat(onlyExternal.path("role").asText()).isEqualTo("user");
    JsonNode onlyRole = create(Map.of("role", "lead"));
    assertThat(onlyRole.path("role").asText()).isEqualTo("lead");

    long before = api.get("/contacts").json().path("total_count").asLong();
    assertError(
        raw(
            parley.process(),
            parley.process().token(),
            "POST",
            "/contacts",
            Map.of("name", "No Identity")),
        400,
        "parameter_not_found");
    assertError(
        raw(parley.process(), parley.process().token(), "POST", "/contacts", "{}"),
        400,
        "parameter_not_found");
    JsonNode invalid =
        assertError(
            raw(
                parley.process(),
                parley.process().token(),
                "POST",
                "/contacts",
                Map.of("email", "not-an-email")),
            400,
            "parameter_invalid");
    assertThat(invalid.path("field").asText()).isEqualTo("email");
    JsonNode role =
        assertError(
            raw(
                parley.process(),
                parley.process().token(),
                "POST",
                "/contacts",
                Map.of("role", "admin")),
            400,
            "parameter_invalid");
    assertThat(role.path("field").asText()).isEqualTo("role");
    JsonNode name =
        assertError(
            raw(
                parley.process(),
                parley.process().token(),
                "POST",
                "/contacts",
                Map.of("role", "user", "name", 42)),
            400,
            "parameter_invalid");
    assertThat(name.path("field").asText()).isEqualTo("name");
    assertThat(api.get("/contacts").json().path("total_count").asLong()).isEqualTo(before);
  }

  @Test
  void unknownContactAnswers404() {
    for (String id : List.of("0123456789abcdef01234567", "ffffffffffffffffffffffff", "abc", "1")) {
      JsonNode error =
          assertError(
              raw(parley.process(), parley.process().token(), "GET", "/contacts/" + id, null),
              404,
              "not_found");
      assertThat(error.path("message").asText()).isNotBlank();
    }
  }

  @Test
  void listPagesThroughEveryContactWithoutSkipsOrRepeats() {
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 23; i++) {
      created.add(create(Map.of("email", "page" + i + "@example.com")).path("id").asText());
    }
    List<String> seen = new ArrayList<>();
    JsonNode first = api.get("/contacts?per_page=5").json();
    long total = first.path("total_count").asLong();
    assertThat(first.path("type").asText()).isEqualTo("list");
    assertThat(first.path("pages").path("per_page").asInt()).isEqualTo(5);
    assertThat(first.path("pages").path("page").asInt()).isEqualTo(1);
    assertThat(first.path("pages").path("total_pages").asLong()).isEqualTo((total + 4) / 5);
    JsonNode page = first;
    int pages = 0;
    while (true) {
      pages++;
      assertThat(page.path("data").size()).isBetween(1, 5);
      seen.addAll(Acceptance.ids(page, "data"));
      JsonNode next = page.path("pages").path("next");
      if (next.isMissingNode() || next.isNull()) {
        break;
      }
      assertThat(page.path("data").size()).isEqualTo(5);
      String cursor = next.path("starting_after").asText();
      assertThat(cursor).isNotBlank();
      ApiResponse more =
          api.get(
              "/contacts?per_page=5&starting_after="
                  + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      assertThat(more.status()).as(more.toString()).isEqualTo(200);
      page = more.json();
      assertThat(page.path("pages").path("page").asInt()).isEqualTo(pages + 1);
      assertThat(pages).as("pages never end").isLessThan(100);
    }
    assertThat(seen).doesNotHaveDuplicates();
    assertThat(seen).hasSize((int) total);
    assertThat(seen).containsAll(created);
    assertThat(pages).isEqualTo((int) ((total + 4) / 5));
  }

  @Test
  void listAnswers50PerPageByDefault() {
    long total = api.get("/contacts").json().path("total_count").asLong();
    for (long i = total; i < 53; i++) {
      create(Map.of("email", "default-page" + i + "@example.com"));
    }
    JsonNode first = api.get("/contacts").json();
    assertThat(first.path("total_count").asLong()).isGreaterThanOrEqualTo(53);
    assertThat(first.path("data").size()).isEqualTo(50);
    assertThat(first.path("pages").path("per_page").asInt()).isEqualTo(50);
    assertThat(first.path("pages").path("next").path("starting_after").asText()).isNotBlank();
  }

  @Test
  void invalidCursorAnswers400NamingStartingAfter() {
    for (String cursor : List.of("garbage", "%00", "MTox")) {
      JsonNode error =
          assertError(
              raw(
                  parley.process(),
                  parley.process().token(),
                  "GET",
                  "/contacts?starting_after=" + cursor,
                  null),
              400,
              "parameter_invalid");
      assertThat(error.path("field").asText()).isEqualTo("starting_after");
    }
  }
}
