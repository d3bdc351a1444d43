package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.Cli;
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
 * Intercom's visitor operations ({@code retrieveVisitorWithUserId}, {@code updateVisitor}, {@code
 * convertVisitor}) against a real parley on the round's store, every answer validated against the
 * 2.14 description by the test client; visitors are seeded with the CLI's {@code visitor create}.
 * Visitors stay out of the contact operations; conversion makes a lead or a user of one, or merges
 * it into an existing user; bad input and workspace isolation.
 */
class VisitorsTest {
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  private static final ObjectMapper JSON = new ObjectMapper();
  static Api api;
  static Scenario s;
  static Api otherWorkspace;

  @BeforeAll
  static void setUp() {
    api = parley.api();
    s = new Scenario(api);
    assertThat(parley.process().cli("workspace", "create", "other-vis").exitCode()).isZero();
    assertThat(
            parley
                .process()
                .cli(
                    "admin",
                    "create",
                    "--workspace",
                    "other-vis",
                    "--name",
                    "O",
                    "--email",
                    "o-vis@example.com")
                .exitCode())
        .isZero();
    otherWorkspace = api.withToken(parley.process().createToken("other-vis", "read,write"));
  }

  private static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** Seeds a visitor through the CLI and answers the JSON it prints. */
  static JsonNode visitor(String... options) {
    List<String> args = new ArrayList<>(List.of("visitor", "create", "--workspace", "default"));
    args.addAll(List.of(options));
    Cli.Result result = parley.process().cli(args.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.output()).isZero();
    String out = result.output();
    try {
      return JSON.readTree(out.substring(out.indexOf('{'), out.lastIndexOf('}') + 1));
    } catch (java.io.IOException e) {
      throw new AssertionError(out, e);
    }
  }

  private static JsonNode ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  private static void error(ApiResponse response, int status, String code, String message) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.errorCode()).as(response.toString()).isEqualTo(code);
    if (message != null) {
      assertThat(response.json().path("errors").path(0).path("message").asText())
          .isEqualTo(message);
    }
  }

  @Test
  void aSeededVisitorIsRetrievedByUserIdAndUpdatedByIdOrUserId() {
    String userId = "vis-" + unique();
    JsonNode seeded = visitor("--user-id", userId, "--name", "Gareth", "--email", "G@Example.com");
    assertThat(seeded.path("type").asText()).isEqualTo("visitor");
    String id = seeded.path("id").asText();
    assertThat(id).matches("[0-9a-f]{24}");

    JsonNode got = ok(api.get("/visitors?user_id=" + userId));
    assertThat(got.path("type").asText()).isEqualTo("visitor");
    assertThat(got.path("id").asText()).isEqualTo(id);
    assertThat(got.path("user_id").asText()).isEqualTo(userId);
    assertThat(got.path("name").asText()).isEqualTo("Gareth");
    assertThat(got.path("email").asText()).isEqualTo("g@example.com");
    assertThat(got.path("anonymous").asBoolean()).isTrue();
    assertThat(got.path("tags").path("type").asText()).isEqualTo("tag.list");

    Map<String, Object> byId = new LinkedHashMap<>();
    byId.put("id", id);
    byId.put("name", "Gareth Bale");
    byId.put("custom_attributes", Map.of("plan", "pro"));
    JsonNode updated = ok(api.put("/visitors", byId));
    assertThat(updated.path("name").asText()).isEqualTo("Gareth Bale");
    assertThat(updated.path("custom_attributes").path("plan").asText()).isEqualTo("pro");

    JsonNode byUserId = ok(api.put("/visitors", Map.of("user_id", userId, "name", "G. Bale")));
    assertThat(byUserId.path("id").asText()).isEqualTo(id);
    assertThat(byUserId.path("name").asText()).isEqualTo("G. Bale");
    assertThat(byUserId.path("custom_attributes").path("plan").asText()).isEqualTo("pro");
    assertThat(ok(api.get("/visitors?user_id=" + userId)).path("name").asText())
        .isEqualTo("G. Bale");

    // The description's own example: numbers and booleans, rendered as the visitor schema types
    // custom attributes (strings).
    JsonNode typed =
        ok(
            api.put(
                "/visitors",
                Map.of(
                    "id",
                    id,
                    "custom_attributes",
                    Map.of("paid_subscriber", true, "monthly_spend", 155.5, "team_mates", 9))));
    assertThat(typed.path("custom_attributes").path("team_mates").isTextual()).isTrue();
    assertThat(typed.path("custom_attributes").path("team_mates").asText()).isEqualTo("9");
    assertThat(typed.path("custom_attributes").path("monthly_spend").asText()).isEqualTo("155.5");
    assertThat(typed.path("custom_attributes").path("paid_subscriber").asText()).isEqualTo("true");
    assertThat(typed.path("custom_attributes").path("plan").asText()).isEqualTo("pro");
  }

  @Test
  void aVisitorIsNoContact() {
    String userId = "hidden-" + unique();
    String email = "hidden-" + unique() + "@example.com";
    String id = visitor("--user-id", userId, "--email", email).path("id").asText();
    error(api.get("/contacts/" + id), 404, "not_found", null);
    error(api.put("/contacts/" + id, Map.of("name", "x")), 404, "not_found", null);
    error(api.delete("/contacts/" + id), 404, "not_found", null);
    error(api.get("/contacts/find_by_external_id/" + userId), 404, "not_found", null);
    JsonNode search =
        ok(
            api.post(
                "/contacts/search",
                Map.of("query", Map.of("field", "email", "operator", "=", "value", email))));
    assertThat(search.path("total_count").asLong()).isZero();
    JsonNode list = ok(api.get("/contacts?per_page=150"));
    List<String> ids = new ArrayList<>();
    list.path("data").forEach(c -> ids.add(c.path("id").asText()));
    assertThat(ids).doesNotContain(id);
    assertThat(list.path("total_count").asLong()).isEqualTo(list.path("data").size());
    // Still a visitor.
    assertThat(ok(api.get("/visitors?user_id=" + userId)).path("id").asText()).isEqualTo(id);
  }

  @Test
  void convertingToAUserThatDoesNotExistMakesTheVisitorThatUser() {
    String id = visitor("--name", "Vee").path("id").asText();
    String external = "u-" + unique();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "user");
    body.put("user", Map.of("user_id", external, "email", "conv-" + external + "@example.com"));
    body.put("visitor", Map.of("id", id));
    JsonNode contact = ok(api.post("/visitors/convert", body));
    assertThat(contact.path("type").asText()).isEqualTo("contact");
    assertThat(contact.path("id").asText()).isEqualTo(id);
    assertThat(contact.path("role").asText()).isEqualTo("user");
    assertThat(contact.path("external_id").asText()).isEqualTo(external);
    assertThat(contact.path("email").asText()).isEqualTo("conv-" + external + "@example.com");
    assertThat(contact.path("name").asText()).isEqualTo("Vee");
    assertThat(ok(api.get("/contacts/" + id)).path("role").asText()).isEqualTo("user");
    assertThat(ok(api.get("/contacts/find_by_external_id/" + external)).path("id").asText())
        .isEqualTo(id);
    error(api.post("/visitors/convert", body), 404, "not_found", "Visitor Not Found");
  }

  @Test
  void convertingToALeadKeepsTheUserIdUnlessGiven() {
    String userId = "lead-" + unique();
    String email = "lead-" + unique() + "@example.com";
    visitor("--user-id", userId, "--email", email);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "lead");
    body.put("user", Map.of("user_id", userId));
    body.put("visitor", Map.of("email", email));
    JsonNode lead = ok(api.post("/visitors/convert", body));
    assertThat(lead.path("role").asText()).isEqualTo("lead");
    assertThat(lead.path("external_id").asText()).isEqualTo(userId);
    assertThat(lead.path("email").asText()).isEqualTo(email);
    error(api.get("/visitors?user_id=" + userId), 404, "not_found", "Visitor Not Found");
  }

  @Test
  void convertingToAUserThatExistsMergesTheVisitorIntoItAndTheVisitorIsGone() {
    String external = "existing-" + unique();
    String user = s.contact(Map.of("role", "user", "external_id", external, "name", "Existing"));
    String userId = "merge-" + unique();
    String visitorId = visitor("--user-id", userId, "--name", "Anon").path("id").asText();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "user");
    body.put("user", Map.of("user_id", external, "email", "merged-" + unique() + "@example.com"));
    body.put("visitor", Map.of("user_id", userId));
    JsonNode merged = ok(api.post("/visitors/convert", body));
    assertThat(merged.path("id").asText()).isEqualTo(user);
    assertThat(merged.path("name").asText()).isEqualTo("Existing");
    assertThat(merged.path("email").asText()).startsWith("merged-");
    error(api.get("/visitors?user_id=" + userId), 404, "not_found", "Visitor Not Found");
    error(api.get("/contacts/" + visitorId), 404, "not_found", null);

    // By the user's id as well.
    String second = visitor().path("id").asText();
    Map<String, Object> byId = new LinkedHashMap<>();
    byId.put("type", "user");
    byId.put("user", Map.of("id", user));
    byId.put("visitor", Map.of("id", second));
    assertThat(ok(api.post("/visitors/convert", byId)).path("id").asText()).isEqualTo(user);
  }

  @Test
  void badInputIsRefusedAndChangesNothing() {
    String userId = "bad-" + unique();
    String id = visitor("--user-id", userId).path("id").asText();
    error(api.get("/visitors"), 400, "parameter_not_found", null);
    error(api.get("/visitors?user_id=nobody-" + unique()), 404, "not_found", "Visitor Not Found");
    error(api.put("/visitors", Map.of("name", "x")), 400, "parameter_not_found", null);
    error(
        api.put("/visitors", Map.of("user_id", "nobody-" + unique(), "name", "x")),
        404,
        "not_found",
        "Visitor Not Found");
    error(api.put("/visitors", Map.of("id", id, "name", 5)), 400, "parameter_invalid", null);
    error(
        api.put("/visitors", Map.of("id", id, "custom_attributes", Map.of("a", List.of(1)))),
        400,
        "parameter_invalid",
        null);

    Map<String, Object> wrongType = new LinkedHashMap<>();
    wrongType.put("type", "visitor");
    wrongType.put("user", Map.of("user_id", "x-" + unique()));
    wrongType.put("visitor", Map.of("id", id));
    error(api.post("/visitors/convert", wrongType), 400, "parameter_invalid", null);
    error(
        api.post("/visitors/convert", Map.of("type", "user", "visitor", Map.of("id", id))),
        400,
        "parameter_not_found",
        null);
    Map<String, Object> noUserIds = new LinkedHashMap<>();
    noUserIds.put("type", "user");
    noUserIds.put("user", Map.of("email", "a@example.com"));
    noUserIds.put("visitor", Map.of("id", id));
    error(api.post("/visitors/convert", noUserIds), 400, "parameter_not_found", null);
    Map<String, Object> badEmail = new LinkedHashMap<>();
    badEmail.put("type", "lead");
    badEmail.put("user", Map.of("user_id", "x-" + unique(), "email", "not-an-address"));
    badEmail.put("visitor", Map.of("id", id));
    error(api.post("/visitors/convert", badEmail), 400, "parameter_invalid", null);
    Map<String, Object> unknownUser = new LinkedHashMap<>();
    unknownUser.put("type", "user");
    unknownUser.put("user", Map.of("id", "0123456789abcdef01234567"));
    unknownUser.put("visitor", Map.of("id", id));
    error(api.post("/visitors/convert", unknownUser), 404, "not_found", "User Not Found");

    JsonNode still = ok(api.get("/visitors?user_id=" + userId));
    assertThat(still.path("id").asText()).isEqualTo(id);
    assertThat(still.path("name").isNull()).isTrue();
    assertThat(still.path("custom_attributes").size()).isZero();
  }

  @Test
  void anotherWorkspaceSeesNoVisitorOfThisOne() {
    String userId = "iso-" + unique();
    String id = visitor("--user-id", userId).path("id").asText();
    error(otherWorkspace.get("/visitors?user_id=" + userId), 404, "not_found", null);
    error(otherWorkspace.put("/visitors", Map.of("id", id, "name", "x")), 404, "not_found", null);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "lead");
    body.put("user", Map.of("user_id", userId));
    body.put("visitor", Map.of("id", id));
    error(otherWorkspace.post("/visitors/convert", body), 404, "not_found", null);
    assertThat(ok(api.get("/visitors?user_id=" + userId)).path("name").isNull()).isTrue();
  }

  @Test
  void theCliRefusesATakenUserIdAndABadEmail() {
    String userId = "cli-" + unique();
    visitor("--user-id", userId);
    Cli.Result taken =
        parley.process().cli("visitor", "create", "--workspace", "default", "--user-id", userId);
    assertThat(taken.exitCode()).as(taken.output()).isEqualTo(2);
    Cli.Result email =
        parley
            .process()
            .cli("visitor", "create", "--workspace", "default", "--email", "not-an-address");
    assertThat(email.exitCode()).as(email.output()).isEqualTo(2);
  }
}
