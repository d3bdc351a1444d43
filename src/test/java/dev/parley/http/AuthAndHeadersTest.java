package dev.parley.http;

import static dev.parley.http.Acceptance.assertError;
import static dev.parley.http.Acceptance.raw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour issue 2 asks of every endpoint: bearer tokens and their scopes, restricted
 * workspaces, {@code Intercom-Version}, {@code X-Request-Id}, bad input, unknown paths, the body
 * size limit, and ids (64-bit, non-numeric, another workspace's).
 */
class AuthAndHeadersTest {
  // One server serves the whole class, and tests here move its clock (expireTokenCache), which
  // stands still until the test ends: a limit so high that no window fills keeps the limiter and
  // its headers while the class's requests pile into one window (RateLimitTest tests the limit).
  @RegisterExtension
  static final ParleyExtension parley =
      ParleyExtension.perClass().arg("--rate-limit-per-minute", "6000000000");

  static Api api;
  static Scenario s;

  static final String OTHER = "other-ws";
  static Acceptance.Token otherToken;
  static String otherAdmin;
  static Acceptance.Token readToken;
  static Acceptance.Token writeToken;
  static Acceptance.Token toRevoke;

  @BeforeAll
  static void setUp() {
    api = parley.api();
    s = new Scenario(api);
    Acceptance.workspace(parley.process(), OTHER);
    otherAdmin = Acceptance.admin(parley.process(), OTHER, "Other Owner", "owner@other.example");
    otherToken = Acceptance.token(parley.process(), OTHER, otherAdmin, "read,write");
    readToken = Acceptance.token(parley.process(), "default", null, "read");
    writeToken = Acceptance.token(parley.process(), "default", null, "write");
    toRevoke = Acceptance.token(parley.process(), "default", null, "read,write");
  }

  private static Map<String, String> auth(String header) {
    return header == null ? Map.of() : Map.of("Authorization", header);
  }

  private static void assertUnauthorized(ApiResponse response) {
    JsonNode error = assertError(response, 401, "unauthorized");
    assertThat(error.path("message").asText()).isEqualTo("Access Token Invalid");
  }

  @Test
  void missingTokenAnswers401() {
    ApiResponse response = api.withToken(null).get("/admins");
    assertUnauthorized(response);
    assertThat(
            response.json().path("errors").path(0).path("field").isMissingNode()
                || response.json().path("errors").path(0).path("field").isNull())
        .as(response.toString())
        .isTrue();
  }

  @Test
  void malformedAuthorizationHeadersAnswer401() {
    String token = parley.process().token();
    for (String header :
        List.of(
            "Basic " + java.util.Base64.getEncoder().encodeToString(("x:" + token).getBytes()),
            token,
            "Bearer",
            "Bearer ",
            "Token " + token,
            "Bearer " + token + " extra",
            "Bearer" + token)) {
      assertUnauthorized(raw("GET", parley.process().baseUrl() + "/admins", auth(header), null));
    }
  }

  private static String basic(String credentials) {
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  /** Intercom's legacy Java SDK (2.x) sends {@code Basic base64(<token>:)}. */
  @Test
  void anAccessTokenAsTheBasicUserNameWithAnEmptyPasswordAuthenticatesAsItsBearerForm() {
    JsonNode me = api.get("/me").json();
    for (String header :
        List.of(
            basic(parley.process().token() + ":"),
            "basic " + basic(parley.process().token() + ":").substring(6))) {
      ApiResponse viaBasic = api.withHeader("Authorization", header).get("/me");
      assertThat(viaBasic.status()).as(viaBasic.toString()).isEqualTo(200);
      assertThat(viaBasic.json().path("id")).isEqualTo(me.path("id"));
    }
    // the same token rules: a read token read through Basic cannot write
    Api readOnly = api.withHeader("Authorization", basic(readToken.secret() + ":"));
    assertThat(readOnly.get("/admins").status()).isEqualTo(200);
    assertError(
        raw(
            "POST",
            parley.process().baseUrl() + "/tags",
            auth(basic(readToken.secret() + ":")),
            Map.of("name", "nope")),
        403,
        "action_forbidden");
  }

  @Test
  void basicCredentialsWithoutAKnownTokenAsUserNameAndAnEmptyPasswordAnswer401() {
    String token = parley.process().token();
    for (String header :
        List.of(
            basic("not-a-token-parley-issued:"),
            basic(token + ":password"),
            basic(token + "::"),
            basic(token),
            basic(":" + token),
            basic(":"),
            basic(""),
            "Basic",
            "Basic !!not-base64!!",
            "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, ':'}),
            basic(token.toUpperCase(java.util.Locale.ROOT) + ":"))) {
      assertUnauthorized(raw("GET", parley.process().baseUrl() + "/admins", auth(header), null));
    }
  }

  @Test
  void unknownTokenAnswers401() {
    assertUnauthorized(api.withToken("not-a-token-parley-issued").get("/admins"));
    assertUnauthorized(api.withToken(parley.process().token() + "x").get("/admins"));
    assertUnauthorized(api.withToken(parley.process().token().substring(1)).get("/admins"));
  }

  /**
   * A token that differs from a valid one only in letter case is another, unknown token, also on a
   * kept-alive connection that just carried the valid one. (Its own HTTP client, so that no other
   * test shares the connection.)
   */
  @Test
  void tokenDifferingOnlyInCaseAnswers401EvenOnAKeptAliveConnection() {
    java.net.http.HttpClient client =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build();
    assertThat(
            Acceptance.raw(
                    client,
                    "GET",
                    parley.process().baseUrl() + "/admins",
                    auth("Bearer " + parley.process().token()),
                    null)
                .status())
        .isEqualTo(200);
    assertUnauthorized(
        Acceptance.raw(
            client,
            "GET",
            parley.process().baseUrl() + "/admins",
            auth("Bearer " + parley.process().token().toUpperCase()),
            null));
    assertUnauthorized(
        Acceptance.raw(
            client,
            "GET",
            parley.process().baseUrl() + "/admins",
            auth("bearer " + parley.process().token().toUpperCase()),
            null));
  }

  @Test
  void revokedTokenAnswers401() {
    Acceptance.Token token = toRevoke;
    assertThat(api.withToken(token.secret()).get("/admins").status()).isEqualTo(200);
    Acceptance.cli(parley.process(), "token", "revoke", "--workspace", "default", token.id());
    parley.process().expireTokenCache();
    assertUnauthorized(api.withToken(token.secret()).get("/admins"));
    assertUnauthorized(api.withToken(token.secret()).get("/conversations"));
    // the other tokens of the workspace still work
    assertThat(api.get("/admins").status()).isEqualTo(200);
  }

  @Test
  void everyIntercomPathNeedsAToken() {
    String conversation = s.conversation("needs a token");
    for (String[] call :
        List.of(
            new String[] {"GET", "/me"},
            new String[] {"GET", "/admins/" + s.adminId()},
            new String[] {"GET", "/teams"},
            new String[] {"GET", "/teams/1"},
            new String[] {"GET", "/contacts"},
            new String[] {"POST", "/contacts"},
            new String[] {"GET", "/tags"},
            new String[] {"POST", "/tags"},
            new String[] {"GET", "/conversations"},
            new String[] {"POST", "/conversations"},
            new String[] {"GET", "/conversations/" + conversation},
            new String[] {"PUT", "/conversations/" + conversation},
            new String[] {"POST", "/conversations/" + conversation + "/reply"},
            new String[] {"POST", "/conversations/" + conversation + "/tags"},
            new String[] {"DELETE", "/conversations/" + conversation + "/tags/1"},
            new String[] {"GET", "/no/such/path"})) {
      String body = call[0].equals("GET") ? null : "{}";
      assertUnauthorized(raw(parley.process(), null, call[0], call[1], body));
    }
    // nothing happened to the conversation
    assertThat(
            api.get("/conversations/" + conversation)
                .json()
                .path("conversation_parts")
                .path("total_count")
                .asInt())
        .isZero();
  }

  @Test
  void healthzNeedsNoToken() {
    ApiResponse health = raw("GET", parley.process().baseUrl() + "/healthz", Map.of(), null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json())
        .isEqualTo(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode()
                .put("status", "ok"));
  }

  @Test
  void readOnlyTokenGets403ActionForbiddenOnWrites() {
    Api reader = api.withToken(readToken.secret());
    String contact = s.contact("reader-target@example.com");
    String conversation = s.conversation(contact, "read only");
    long contactsBefore = api.get("/contacts").json().path("total_count").asLong();

    assertThat(reader.get("/conversations").status()).isEqualTo(200);
    assertThat(reader.get("/conversations/" + conversation).status()).isEqualTo(200);
    assertThat(reader.get("/contacts/" + contact).status()).isEqualTo(200);

    assertError(
        reader.post(
            "/conversations", Map.of("from", Map.of("type", "user", "id", contact), "body", "x")),
        403,
        "action_forbidden");
    assertError(
        raw(
            parley.process(),
            readToken.secret(),
            "POST",
            "/contacts",
            Map.of("email", "nope@example.com")),
        403,
        "action_forbidden");
    assertError(
        raw(parley.process(), readToken.secret(), "POST", "/tags", Map.of("name", "nope")),
        403,
        "action_forbidden");
    assertError(
        raw(
            parley.process(),
            readToken.secret(),
            "PUT",
            "/conversations/" + conversation,
            Map.of("title", "nope")),
        403,
        "action_forbidden");
    assertError(
        raw(
            parley.process(),
            readToken.secret(),
            "POST",
            "/conversations/" + conversation + "/reply",
            s.adminReplyBody("comment", "nope")),
        403,
        "action_forbidden");

    assertThat(api.get("/contacts").json().path("total_count").asLong()).isEqualTo(contactsBefore);
    JsonNode after = api.get("/conversations/" + conversation).json();
    assertThat(after.path("title").isNull()).as(after.toString()).isTrue();
    assertThat(after.path("conversation_parts").path("total_count").asInt()).isZero();
    assertThat(api.get("/tags").json().findValuesAsText("name")).doesNotContain("nope");
  }

  @Test
  void writeOnlyTokenGets403ActionForbiddenOnReads() {
    assertError(api.withToken(writeToken.secret()).get("/conversations"), 403, "action_forbidden");
    for (String path :
        List.of(
            "/contacts",
            "/tags",
            "/me",
            "/admins",
            "/admins/" + s.adminId(),
            "/teams",
            "/teams/1",
            "/conversations/1")) {
      assertError(
          raw(parley.process(), writeToken.secret(), "GET", path, null), 403, "action_forbidden");
    }
    assertThat(
            raw(
                    parley.process(),
                    writeToken.secret(),
                    "POST",
                    "/contacts",
                    Map.of("email", "writer@example.com"))
                .status())
        .isEqualTo(200);
  }

  @Test
  void restrictedWorkspaceAnswers403ApiPlanRestrictedOnEveryCall() {
    Api restricted = api.withToken(otherToken.secret());
    assertThat(restricted.get("/conversations").status()).isEqualTo(200);

    Acceptance.cli(parley.process(), "workspace", "restrict", OTHER);
    parley.process().expireTokenCache();
    try {
      JsonNode error = assertError(restricted.get("/conversations"), 403, "api_plan_restricted");
      assertThat(error.path("message").asText()).isEqualTo("Active subscription needed.");
      assertError(
          restricted.post(
              "/conversations",
              Map.of(
                  "from", Map.of("type", "user", "id", "0123456789abcdef01234567"), "body", "x")),
          403,
          "api_plan_restricted");
      for (String[] call :
          List.of(
              new String[] {"GET", "/me"},
              new String[] {"GET", "/admins"},
              new String[] {"GET", "/teams"},
              new String[] {"GET", "/contacts"},
              new String[] {"POST", "/contacts"},
              new String[] {"GET", "/tags"},
              new String[] {"GET", "/conversations/1"},
              new String[] {"POST", "/conversations/1/reply"})) {
        String body = call[0].equals("GET") ? null : "{\"email\":\"restricted@example.com\"}";
        JsonNode e =
            assertError(
                raw(parley.process(), otherToken.secret(), call[0], call[1], body),
                403,
                "api_plan_restricted");
        assertThat(e.path("message").asText()).isEqualTo("Active subscription needed.");
      }
      // other workspaces are not affected
      assertThat(api.get("/conversations").status()).isEqualTo(200);
    } finally {
      Acceptance.cli(parley.process(), "workspace", "unrestrict", OTHER);
      parley.process().expireTokenCache();
    }
    assertThat(restricted.get("/conversations").status()).isEqualTo(200);
  }

  @Test
  void everyDocumentedIntercomVersionIsAccepted() {
    for (String version :
        List.of(
            "1.0",
            "1.1",
            "1.2",
            "1.3",
            "1.4",
            "2.0",
            "2.1",
            "2.2",
            "2.3",
            "2.4",
            "2.5",
            "2.6",
            "2.7",
            "2.8",
            "2.9",
            "2.10",
            "2.11",
            "2.12",
            "2.13",
            "2.14",
            "Unstable")) {
      ApiResponse response = api.withHeader("Intercom-Version", version).get("/admins");
      assertThat(response.status()).as(version + ": " + response).isEqualTo(200);
    }
    assertThat(api.withHeader("Intercom-Version", null).get("/admins").status()).isEqualTo(200);
  }

  @Test
  void unknownIntercomVersionAnswers400WithField() {
    for (String version : List.of("2.15", "3.0", "0.9", "latest", "unstable", "2.14.1", "v2.14")) {
      ApiResponse response =
          raw(
              "GET",
              parley.process().baseUrl() + "/admins",
              Map.of(
                  "Authorization",
                  "Bearer " + parley.process().token(),
                  "Intercom-Version",
                  version),
              null);
      JsonNode error = assertError(response, 400, "intercom_version_invalid");
      assertThat(error.path("field").asText())
          .as(version + ": " + response)
          .isEqualTo("Intercom-Version");
    }
  }

  @Test
  void everyResponseCarriesItsOwnRequestId() {
    Set<String> seen = new HashSet<>();
    List<ApiResponse> responses =
        List.of(
            api.get("/me"),
            api.get("/admins"),
            api.get("/conversations"),
            api.withToken(null).get("/admins"),
            raw("GET", parley.process().baseUrl() + "/healthz", Map.of(), null),
            raw(parley.process(), parley.process().token(), "GET", "/no/such/path", null),
            raw(parley.process(), parley.process().token(), "POST", "/contacts", "{"));
    for (ApiResponse response : responses) {
      String id = response.header("X-Request-Id");
      assertThat(id).as(response.toString()).isNotNull().matches(Acceptance.UUID);
      assertThat(seen.add(id)).as("request id %s repeated", id).isTrue();
      if (response.status() >= 400) {
        assertThat(response.json().path("request_id").asText()).isEqualTo(id);
      }
    }
  }

  @Test
  void badJsonAnswers400ParameterInvalid() {
    for (String body :
        List.of(
            "{",
            "{\"email\": }",
            "not json",
            "[1,2]",
            "\"text\"",
            "42",
            "{\"email\": \"a@b.c\",}")) {
      assertError(
          raw(parley.process(), parley.process().token(), "POST", "/contacts", body),
          400,
          "parameter_invalid");
    }
    // POST /tags declares its 400
    assertError(api.post("/tags", "{\"name\": \"unterminated}"), 400, "parameter_invalid");
  }

  @Test
  void jsonWithTrailingContentAnswers400ParameterInvalid() {
    long before = api.get("/contacts").json().path("total_count").asLong();
    for (String body :
        List.of(
            "{\"email\":\"trailing@example.com\"} trailing",
            "{\"email\":\"trailing@example.com\"}{}")) {
      assertError(
          raw(parley.process(), parley.process().token(), "POST", "/contacts", body),
          400,
          "parameter_invalid");
    }
    assertThat(api.get("/contacts").json().path("total_count").asLong()).isEqualTo(before);
  }

  @Test
  void missingRequiredFieldAnswers400ParameterNotFoundNamingIt() {
    JsonNode error = assertError(api.post("/tags", Map.of()), 400, "parameter_not_found");
    assertThat(error.path("field").asText()).isEqualTo("name");

    String contact = s.contact("missing-field@example.com");
    error =
        assertError(
            raw(
                parley.process(),
                parley.process().token(),
                "POST",
                "/conversations",
                Map.of("from", Map.of("type", "user", "id", contact))),
            400,
            "parameter_not_found");
    assertThat(error.path("field").asText()).isEqualTo("body");

    error =
        assertError(
            raw(
                parley.process(),
                parley.process().token(),
                "POST",
                "/conversations",
                Map.of("from", Map.of("type", "user"), "body", "x")),
            400,
            "parameter_not_found");
    assertThat(error.path("field").asText()).isEqualTo("from.id");

    error =
        assertError(
            raw(
                parley.process(),
                parley.process().token(),
                "POST",
                "/conversations",
                Map.of("body", "x")),
            400,
            "parameter_not_found");
    assertThat(error.path("field").asText()).isEqualTo("from");

    String conversation = s.conversation(contact, "reply needs a type");
    error =
        assertError(
            raw(
                parley.process(),
                parley.process().token(),
                "POST",
                "/conversations/" + conversation + "/reply",
                Map.of("message_type", "comment", "body", "x")),
            400,
            "parameter_not_found");
    assertThat(error.path("field").asText()).isEqualTo("type");

    error =
        assertError(
            raw(
                parley.process(),
                parley.process().token(),
                "POST",
                "/conversations/" + conversation + "/reply",
                Map.of("message_type", "comment", "type", "admin", "body", "x")),
            400,
            "parameter_not_found");
    assertThat(error.path("field").asText()).isEqualTo("admin_id");
  }

  @Test
  void wrongTypeAnswers400ParameterInvalidNamingTheField() {
    JsonNode error = assertError(api.post("/tags", Map.of("name", 5)), 400, "parameter_invalid");
    assertThat(error.path("field").asText()).isEqualTo("name");

    String conversation = s.conversation("wrong types");
    error =
        assertError(
            raw(
                parley.process(),
                parley.process().token(),
                "PUT",
                "/conversations/" + conversation,
                Map.of("read", "yes")),
            400,
            "parameter_invalid");
    assertThat(error.path("field").asText()).isEqualTo("read");

    error =
        assertError(
            raw(
                parley.process(),
                parley.process().token(),
                "PUT",
                "/conversations/" + conversation,
                Map.of("title", List.of("a"))),
            400,
            "parameter_invalid");
    assertThat(error.path("field").asText()).isEqualTo("title");

    error =
        assertError(
            raw(
                parley.process(),
                parley.process().token(),
                "POST",
                "/contacts",
                Map.of("email", "x@example.com", "role", "boss")),
            400,
            "parameter_invalid");
    assertThat(error.path("field").asText()).isEqualTo("role");

    error =
        assertError(
            raw(
                parley.process(),
                parley.process().token(),
                "POST",
                "/conversations",
                Map.of("from", "someone", "body", "x")),
            400,
            "parameter_invalid");
    assertThat(error.path("field").asText()).isEqualTo("from");

    error =
        assertError(
            raw(
                parley.process(),
                parley.process().token(),
                "GET",
                "/conversations?per_page=many",
                null),
            400,
            "parameter_invalid");
    assertThat(error.path("field").asText()).isEqualTo("per_page");
  }

  @Test
  void badInputNeverAnswers500() {
    String conversation = s.conversation("bad input");
    List<Object[]> calls =
        List.of(
            new Object[] {"POST", "/contacts", Map.of("email", Map.of("nested", List.of(1, 2)))},
            new Object[] {
              "POST",
              "/contacts",
              Map.of("email", "x@example.com", "custom_attributes", "not an object")
            },
            new Object[] {
              "POST", "/contacts", Map.of("email", "x@example.com", "signed_up_at", "yesterday")
            },
            new Object[] {"POST", "/contacts", Map.of("email", "x@example.com", "owner_id", 1e300)},
            new Object[] {"POST", "/contacts", "{\"email\":\"\\u0000@example.com\"}"},
            new Object[] {
              "POST",
              "/conversations",
              Map.of("from", Map.of("type", "user", "id", List.of()), "body", "x")
            },
            new Object[] {
              "POST",
              "/conversations",
              Map.of("from", Map.of("type", "visitor", "id", "x"), "body", "x")
            },
            new Object[] {
              "POST",
              "/conversations",
              Map.of("from", Map.of("type", "user", "id", "x"), "body", "x", "created_at", "soon")
            },
            new Object[] {
              "POST",
              "/conversations",
              Map.of(
                  "from",
                  Map.of("type", "user", "id", "x"),
                  "body",
                  "x",
                  "attachment_urls",
                  "http://a")
            },
            new Object[] {
              "PUT", "/conversations/" + conversation, Map.of("custom_attributes", List.of(1))
            },
            new Object[] {
              "PUT",
              "/conversations/" + conversation,
              Map.of("custom_attributes", Map.of("deep", Map.of("deeper", Map.of("x", 1))))
            },
            new Object[] {
              "POST",
              "/conversations/" + conversation + "/reply",
              Map.of("type", "admin", "message_type", "shout", "admin_id", s.adminId(), "body", "x")
            },
            new Object[] {
              "POST",
              "/conversations/" + conversation + "/reply",
              Map.of("type", "admin", "message_type", "comment", "admin_id", "abc", "body", "x")
            },
            new Object[] {
              "POST",
              "/conversations/" + conversation + "/reply",
              Map.of(
                  "type",
                  "admin",
                  "message_type",
                  "comment",
                  "admin_id",
                  "99999999999999999999999",
                  "body",
                  "x")
            },
            new Object[] {
              "POST",
              "/conversations/" + conversation + "/reply",
              Map.of("type", "user", "message_type", "comment", "body", "x")
            },
            new Object[] {
              "POST",
              "/conversations/" + conversation + "/reply",
              Map.of(
                  "type",
                  "user",
                  "message_type",
                  "comment",
                  "intercom_user_id",
                  Map.of(),
                  "body",
                  "x")
            },
            new Object[] {
              "POST",
              "/conversations/" + conversation + "/reply",
              Map.of(
                  "type",
                  "admin",
                  "message_type",
                  "comment",
                  "admin_id",
                  s.adminId(),
                  "body",
                  "x",
                  "attachment_files",
                  "nope")
            },
            new Object[] {
              "POST",
              "/conversations/" + conversation + "/reply",
              Map.of(
                  "type",
                  "admin",
                  "message_type",
                  "comment",
                  "admin_id",
                  s.adminId(),
                  "body",
                  "x",
                  "attachment_files",
                  List.of("nope"))
            },
            new Object[] {
              "POST",
              "/conversations/" + conversation + "/reply",
              Map.of(
                  "type",
                  "admin",
                  "message_type",
                  "comment",
                  "admin_id",
                  s.adminId(),
                  "body",
                  "x",
                  "attachment_urls",
                  List.of("javascript:alert(1)"))
            },
            new Object[] {
              "POST",
              "/conversations/" + conversation + "/tags",
              Map.of("id", List.of(), "admin_id", s.adminId())
            },
            new Object[] {"POST", "/tags", Map.of("name", "x".repeat(10_000))},
            new Object[] {"POST", "/tags", Map.of("name", "   ")},
            new Object[] {"GET", "/conversations?starting_after=garbage", null},
            new Object[] {
              "GET",
              "/conversations?starting_after="
                  + java.util.Base64.getUrlEncoder().encodeToString("1:2:x".getBytes()),
              null
            },
            new Object[] {"GET", "/conversations?per_page=0", null},
            new Object[] {"GET", "/conversations?per_page=-5", null},
            new Object[] {"GET", "/conversations?per_page=99999999999", null},
            new Object[] {"GET", "/contacts?starting_after=%00%01", null},
            new Object[] {"GET", "/conversations/" + conversation + "?display_as=html", null},
            new Object[] {
              "POST",
              "/conversations/search",
              Map.of(
                  "query", Map.of("field", "id", "operator", "=", "value", "9223372036854775808"))
            },
            new Object[] {
              "POST",
              "/conversations/search",
              Map.of(
                  "query",
                  Map.of("field", "tag_ids", "operator", "!=", "value", "99999999999999999999"))
            },
            new Object[] {
              "POST",
              "/conversations/search",
              Map.of(
                  "query",
                  Map.of("field", "channel_initiated", "operator", "IN", "value", List.of()))
            },
            new Object[] {
              "POST",
              "/conversations/search",
              Map.of("query", Map.of("field", "source.body", "operator", "IN", "value", List.of()))
            },
            new Object[] {
              "POST",
              "/conversations/search",
              Map.of(
                  "query",
                  Map.of(
                      "field", "conversation_rating.score", "operator", "NIN", "value", List.of()))
            },
            new Object[] {
              "POST",
              "/contacts/search",
              Map.of("query", Map.of("field", "browser", "operator", "IN", "value", List.of()))
            },
            new Object[] {
              "POST",
              "/conversations",
              Map.of(
                  "from",
                  Map.of("type", "user", "id", s.contact("ts@example.com")),
                  "body",
                  "x",
                  "created_at",
                  Long.MIN_VALUE)
            },
            new Object[] {
              "POST",
              "/conversations/" + conversation + "/reply",
              Map.of(
                  "type",
                  "admin",
                  "message_type",
                  "comment",
                  "admin_id",
                  s.adminId(),
                  "body",
                  "x",
                  "created_at",
                  Long.MAX_VALUE)
            },
            new Object[] {"POST", "/tags", "{\"name\":\"\\ud800\"}"},
            new Object[] {
              "POST",
              "/conversations/" + conversation + "/reply",
              Map.of(
                  "type",
                  "admin",
                  "message_type",
                  "comment",
                  "admin_id",
                  s.adminId(),
                  "body",
                  "x",
                  "attachment_files",
                  List.of(Map.of("name", "n".repeat(8000), "data", "aGVsbG8=")))
            });
    for (Object[] call : calls) {
      ApiResponse response =
          raw(
              parley.process(),
              parley.process().token(),
              (String) call[0],
              (String) call[1],
              call[2]);
      assertThat(response.status())
          .as(call[0] + " " + call[1] + " " + Acceptance.json(call[2]) + " -> " + response)
          .isLessThan(500);
      if (response.status() >= 400) {
        assertThat(response.json().path("type").asText())
            .as(response.toString())
            .isEqualTo("error.list");
        Acceptance.assertNoInternals(response);
      }
    }
  }

  @Test
  void unknownPathAnswers404NotFound() {
    for (String path :
        List.of(
            "/nope",
            "/conversations/1/nope",
            "/contacts/abc/def/ghi",
            "/v2/conversations",
            "/uploads")) {
      assertError(
          raw(parley.process(), parley.process().token(), "GET", path, null), 404, "not_found");
    }
  }

  @Test
  void bodyOverTheLimitAnswers413(@TempDir Path smallRoot) throws Exception {
    try (ParleyProcess small =
        ParleyProcess.in(smallRoot).arg("--max-request-size", "1000").start()) {
      long contactsBefore = small.api().get("/contacts").json().path("total_count").asLong();
      Map<String, Object> fits = new LinkedHashMap<>();
      fits.put("email", "fits@example.com");
      fits.put("name", "n".repeat(800));
      assertThat(raw(small, small.token(), "POST", "/contacts", fits).status()).isEqualTo(200);

      Map<String, Object> tooBig = new LinkedHashMap<>();
      tooBig.put("email", "too-big@example.com");
      tooBig.put("name", "n".repeat(2000));
      ApiResponse response = raw(small, small.token(), "POST", "/contacts", tooBig);
      assertThat(response.status()).as(response.toString()).isEqualTo(413);
      assertThat(response.json().path("type").asText())
          .as(response.toString())
          .isEqualTo("error.list");
      assertThat(response.json().path("request_id").asText())
          .isEqualTo(response.header("X-Request-Id"));
      Acceptance.assertNoInternals(response);

      // an upload over the limit stores nothing
      String conversation =
          new Scenario(small.api())
              .conversation(new Scenario(small.api()).contact("limit@example.com"), "limit");
      ApiResponse upload =
          raw(
              small,
              small.token(),
              "POST",
              "/conversations/" + conversation + "/reply",
              Map.of(
                  "type",
                  "admin",
                  "message_type",
                  "comment",
                  "admin_id",
                  new Scenario(small.api()).adminId(),
                  "body",
                  "x",
                  "attachment_files",
                  List.of(Scenario.file("big.bin", "application/octet-stream", new byte[4000]))));
      assertThat(upload.status()).as(upload.toString()).isEqualTo(413);
      assertThat(
              small
                  .api()
                  .get("/conversations/" + conversation)
                  .json()
                  .path("conversation_parts")
                  .path("total_count")
                  .asInt())
          .isZero();
      assertThat(small.api().get("/contacts").json().path("total_count").asLong())
          .isEqualTo(contactsBefore + 2);
    }
  }

  @Test
  void idsAbove2To31AndNonNumericIdsAnswer404() {
    String contact = s.contact("ids@example.com");
    String conversation = s.conversation(contact, "ids");
    for (String id :
        List.of(
            "2147483648",
            "4294967297",
            "9223372036854775807",
            "9223372036854775808",
            "99999999999999999999999",
            "abc",
            "-1",
            "1e3",
            "0x10",
            " 1")) {
      String encoded =
          java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)
              .replace("+", "%20");
      JsonNode e =
          assertError(
              raw(
                  parley.process(),
                  parley.process().token(),
                  "GET",
                  "/conversations/" + encoded,
                  null),
              404,
              "not_found");
      assertThat(e.path("message").asText()).isEqualTo("Resource Not Found");
      assertError(
          raw(
              parley.process(),
              parley.process().token(),
              "PUT",
              "/conversations/" + encoded,
              Map.of("read", true)),
          404,
          "not_found");
      assertError(
          raw(
              parley.process(),
              parley.process().token(),
              "POST",
              "/conversations/" + encoded + "/reply",
              s.adminReplyBody("comment", "x")),
          404,
          "not_found");
      assertError(
          raw(
              parley.process(),
              parley.process().token(),
              "POST",
              "/conversations/" + encoded + "/tags",
              Map.of("id", "1", "admin_id", s.adminId())),
          404,
          "not_found");
      boolean integer = id.matches("[0-9]{1,19}") && new java.math.BigInteger(id).bitLength() < 64;
      assertError(
          raw(parley.process(), parley.process().token(), "GET", "/admins/" + encoded, null),
          404,
          integer ? "admin_not_found" : "not_found");
      assertError(
          raw(parley.process(), parley.process().token(), "GET", "/teams/" + encoded, null),
          404,
          "team_not_found");
      assertError(
          raw(parley.process(), parley.process().token(), "GET", "/contacts/" + encoded, null),
          404,
          "not_found");
      assertError(
          raw(
              parley.process(),
              parley.process().token(),
              "DELETE",
              "/conversations/" + conversation + "/tags/" + encoded,
              Map.of("admin_id", s.adminId())),
          404,
          "tag_not_found");
    }
    // the real conversation is untouched
    JsonNode got = api.get("/conversations/" + conversation).json();
    assertThat(got.path("conversation_parts").path("total_count").asInt()).isZero();
    assertThat(got.path("read").asBoolean()).isFalse();
  }

  @Test
  void anotherWorkspacesIdsAnswer404ExactlyLikeUnknownOnes() {
    String contact =
        s.contact(Map.of("email", "mine@example.com", "role", "user", "external_id", "mine-1"));
    String conversation = s.conversation(contact, "mine");
    ApiResponse tagged = api.post("/tags", Map.of("name", "mine-tag"));
    String tag = tagged.json().path("id").asText();
    String team = Acceptance.team(parley.process(), "default", "Mine", s.adminId());
    Api other = api.withToken(otherToken.secret());
    String otherContact = new Scenario(other).contact("theirs@example.com");
    String otherConversation = new Scenario(other).conversation(otherContact, "theirs");

    String unknownConversation = "987654321";
    String unknownContact = "0123456789abcdef01234567";
    // same status and body (but for the request id) for an id of the other workspace and an unknown
    // id
    assertSameAnswer(
        "GET", "/conversations/" + conversation, "/conversations/" + unknownConversation, null);
    assertSameAnswer(
        "PUT",
        "/conversations/" + conversation,
        "/conversations/" + unknownConversation,
        Map.of("read", true));
    Map<String, Object> reply =
        Map.of("type", "admin", "message_type", "comment", "admin_id", otherAdmin, "body", "x");
    assertSameAnswer(
        "POST",
        "/conversations/" + conversation + "/reply",
        "/conversations/" + unknownConversation + "/reply",
        reply);
    assertSameAnswer(
        "POST",
        "/conversations/" + conversation + "/tags",
        "/conversations/" + unknownConversation + "/tags",
        Map.of("id", tag, "admin_id", otherAdmin));
    assertSameAnswer("GET", "/contacts/" + contact, "/contacts/" + unknownContact, null);
    assertSameAnswer("GET", "/admins/" + s.adminId(), "/admins/999999999", null);
    assertSameAnswer("GET", "/teams/" + team, "/teams/999999999", null);
    assertSameAnswer(
        "POST",
        "/conversations",
        "/conversations",
        Map.of("from", Map.of("type", "user", "id", contact), "body", "x"),
        Map.of("from", Map.of("type", "user", "id", unknownContact), "body", "x"));
    // the other workspace's own conversation with a tag or admin of this one
    assertSameAnswer(
        "POST",
        "/conversations/" + otherConversation + "/tags",
        "/conversations/" + otherConversation + "/tags",
        Map.of("id", tag, "admin_id", otherAdmin),
        Map.of("id", "3999999", "admin_id", otherAdmin));
    assertSameAnswer(
        "POST",
        "/conversations/" + otherConversation + "/reply",
        "/conversations/" + otherConversation + "/reply",
        Map.of("type", "admin", "message_type", "comment", "admin_id", s.adminId(), "body", "x"),
        Map.of("type", "admin", "message_type", "comment", "admin_id", "999999999", "body", "x"));
    assertSameAnswer(
        "POST",
        "/conversations/" + otherConversation + "/reply",
        "/conversations/" + otherConversation + "/reply",
        Map.of("type", "user", "message_type", "comment", "intercom_user_id", contact, "body", "x"),
        Map.of(
            "type",
            "user",
            "message_type",
            "comment",
            "intercom_user_id",
            unknownContact,
            "body",
            "x"));
    assertSameAnswer(
        "POST",
        "/conversations/" + otherConversation + "/reply",
        "/conversations/" + otherConversation + "/reply",
        Map.of("type", "user", "message_type", "comment", "email", "mine@example.com", "body", "x"),
        Map.of(
            "type", "user", "message_type", "comment", "email", "nobody@example.com", "body", "x"));
    assertSameAnswer(
        "POST",
        "/conversations/" + otherConversation + "/reply",
        "/conversations/" + otherConversation + "/reply",
        Map.of("type", "user", "message_type", "comment", "user_id", "mine-1", "body", "x"),
        Map.of("type", "user", "message_type", "comment", "user_id", "nobody-1", "body", "x"));

    // lists show only the caller's workspace
    assertThat(Acceptance.ids(other.get("/conversations?per_page=150").json(), "conversations"))
        .containsExactly(otherConversation);
    assertThat(Acceptance.ids(other.get("/contacts").json(), "data")).containsExactly(otherContact);
    assertThat(other.get("/tags").json().findValuesAsText("name")).doesNotContain("mine-tag");
    assertThat(Acceptance.ids(other.get("/admins").json(), "admins")).containsExactly(otherAdmin);
    assertThat(other.get("/teams").json().path("teams").size()).isZero();
    assertThat(Acceptance.ids(api.get("/conversations?per_page=150").json(), "conversations"))
        .doesNotContain(otherConversation);

    // and nothing changed in this workspace
    JsonNode mine = api.get("/conversations/" + conversation).json();
    assertThat(mine.path("read").asBoolean()).isFalse();
    assertThat(mine.path("conversation_parts").path("total_count").asInt()).isZero();
    assertThat(mine.path("tags").path("tags").size()).isZero();
  }

  private static void assertSameAnswer(
      String method, String foreignPath, String unknownPath, Object body) {
    assertSameAnswer(method, foreignPath, unknownPath, body, body);
  }

  private static void assertSameAnswer(
      String method,
      String foreignPath,
      String unknownPath,
      Object foreignBody,
      Object unknownBody) {
    ApiResponse foreign =
        raw(parley.process(), otherToken.secret(), method, foreignPath, foreignBody);
    ApiResponse unknown =
        raw(parley.process(), otherToken.secret(), method, unknownPath, unknownBody);
    assertThat(foreign.status()).as(method + " " + foreignPath + " -> " + foreign).isEqualTo(404);
    assertThat(withoutRequestId(foreign))
        .as(method + " " + foreignPath + " vs " + unknownPath)
        .isEqualTo(withoutRequestId(unknown));
    assertThat(unknown.status()).isEqualTo(404);
  }

  private static JsonNode withoutRequestId(ApiResponse response) {
    JsonNode body = response.json().deepCopy();
    ((ObjectNode) body).remove("request_id");
    return body;
  }
}
