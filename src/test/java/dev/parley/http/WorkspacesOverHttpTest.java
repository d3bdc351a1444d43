package dev.parley.http;

import static dev.parley.http.Acceptance.assertError;
import static dev.parley.http.Acceptance.raw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.ParleyProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Workspaces over HTTP ({@code POST} and {@code GET /_parley/workspaces}, issue 17): a new
 * workspace comes with its owner and a token of the scopes asked, its {@code app_id} and {@code
 * client_secret}; the token works at once, in that workspace only, within its scopes; bad names and
 * scopes are 400 naming the field; the list holds no secrets; only the operator credential reaches
 * the routes.
 */
class WorkspacesOverHttpTest {
  private static final String OP = ParleyProcess.OPERATOR_TOKEN;

  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();

  private static ApiResponse op(String method, String path, Object body) {
    return raw(parley.process(), OP, method, path, body);
  }

  private static JsonNode create(Object body) {
    ApiResponse response = op("POST", "/_parley/workspaces", body);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  @Test
  void aNewWorkspaceComesWithATokenThatWorksAtOnceInItAlone() {
    long before = Acceptance.now();
    JsonNode ws = create(Map.of("name", "acme-1"));
    assertThat(ws.path("type").asText()).isEqualTo("workspace");
    assertThat(ws.path("name").asText()).isEqualTo("acme-1");
    assertThat(ws.path("app_id").asText()).isNotBlank();
    assertThat(ws.path("client_secret").asText()).hasSizeGreaterThanOrEqualTo(32);
    assertThat(ws.path("created_at").asLong()).isBetween(before, Acceptance.now() + 1);
    assertThat(List.of(ws.path("scopes").get(0).asText(), ws.path("scopes").get(1).asText()))
        .containsExactly("read", "write");
    String token = ws.path("token").asText();

    ApiResponse me = raw(parley.process(), token, "GET", "/me", null);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().path("id").asText()).isEqualTo(ws.path("admin_id").asText());
    assertThat(me.json().path("email").asText()).isEqualTo("owner@acme-1.parley.local");
    assertThat(me.json().path("app").path("id_code").asText())
        .isEqualTo(ws.path("app_id").asText());

    ApiResponse contact =
        raw(parley.process(), token, "POST", "/contacts", Map.of("email", "x@acme.example"));
    assertThat(contact.status()).isEqualTo(200);
    String contactId = contact.json().path("id").asText();
    assertThat(parley.api().get("/contacts/" + contactId).status())
        .as("the default workspace does not see it")
        .isEqualTo(404);

    JsonNode shown = op("GET", "/_parley/workspaces/acme-1", null).json();
    assertThat(shown.path("client_secret").asText()).isEqualTo(ws.path("client_secret").asText());
  }

  @Test
  void theTokenHasTheScopesAsked() {
    JsonNode ws = create(Map.of("name", "readonly-1", "scopes", List.of("read")));
    assertThat(ws.path("scopes").size()).isEqualTo(1);
    String token = ws.path("token").asText();
    assertThat(raw(parley.process(), token, "GET", "/admins", null).status()).isEqualTo(200);
    assertError(
        raw(parley.process(), token, "POST", "/contacts", Map.of("email", "y@acme.example")),
        403,
        "action_forbidden");
  }

  @Test
  void badNamesAndScopesAre400NamingTheFieldAndCreateNothing() {
    create(Map.of("name", "taken"));
    int before = list().size();
    for (Object[] bad :
        List.of(
            new Object[] {Map.of("name", "taken"), "name"},
            new Object[] {Map.of("name", "a/b"), "name"},
            new Object[] {Map.of("name", ""), "name"},
            new Object[] {Map.of("name", "x".repeat(101)), "name"},
            new Object[] {Map.of("name", 7), "name"},
            new Object[] {Map.of(), "name"},
            new Object[] {Map.of("name", "ok-1", "scopes", List.of("admin")), "scopes"},
            new Object[] {Map.of("name", "ok-2", "scopes", List.of()), "scopes"},
            new Object[] {Map.of("name", "ok-3", "scopes", "read"), "scopes"})) {
      ApiResponse response = op("POST", "/_parley/workspaces", bad[0]);
      assertThat(response.status()).as(bad[0] + ": " + response).isEqualTo(400);
      assertThat(response.json().path("errors").path(0).path("field").asText())
          .as(bad[0].toString())
          .isEqualTo(bad[1]);
    }
    assertThat(list()).hasSize(before);
  }

  @Test
  void aNameOverTheLimitIs400NamingNameAndItsLimitWhateverItsLength() {
    int before = list().size();
    for (int length : List.of(101, 1024, 1025, 5000)) {
      ApiResponse response = op("POST", "/_parley/workspaces", Map.of("name", "x".repeat(length)));
      assertThat(response.status()).as(length + ": " + response).isEqualTo(400);
      JsonNode error = response.json().path("errors").path(0);
      assertThat(error.path("code").asText()).isEqualTo("parameter_invalid");
      assertThat(error.path("field").asText()).isEqualTo("name");
      assertThat(error.path("message").asText())
          .as("%d characters", length)
          .isEqualTo("name must be at most 100 characters");
    }
    assertThat(list()).hasSize(before);
  }

  @Test
  void theListHoldsEveryWorkspaceWithoutSecrets() {
    create(Map.of("name", "listed-1"));
    ApiResponse response = op("GET", "/_parley/workspaces", null);
    assertThat(response.json().path("type").asText()).isEqualTo("list");
    assertThat(list()).contains("default", "listed-1");
    assertThat(response.body()).doesNotContain("client_secret").doesNotContain("token");
  }

  @Test
  void onlyTheOperatorTokenReachesTheRoutes() {
    int before = list().size();
    for (String method : new String[] {"GET", "POST"}) {
      for (String token : new String[] {parley.process().token(), OP + "x", null}) {
        ApiResponse response =
            raw(
                parley.process(),
                token,
                method,
                "/_parley/workspaces",
                method.equals("POST") ? Map.of("name", "intruder") : null);
        assertThat(response.status()).as(method + " " + token).isEqualTo(401);
      }
    }
    assertThat(list()).hasSize(before).doesNotContain("intruder");
  }

  private static List<String> list() {
    List<String> names = new ArrayList<>();
    op("GET", "/_parley/workspaces", null)
        .json()
        .path("data")
        .forEach(w -> names.add(w.path("name").asText()));
    return names;
  }
}
