package dev.parley.postman;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.Api;
import dev.parley.testing.Executables;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/prepare-postman.sh BASE_URL TOKEN}: Intercom's published collection, which sends
 * every request to api.intercom.io with no Authorization header and literal {@code
 * {conversation_id}} path segments, becomes one whose requests reach the given base URL with the
 * given token and take their path ids from collection variables. Its output is checked request by
 * request, and two of its requests are sent as Postman would resolve them ({@code {{variable}}}
 * substitution, the bearer helper's {@code token} key) to a running parley. Without bash or jq the
 * test is skipped, loudly.
 */
class PreparePostmanScriptTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern VARIABLE = Pattern.compile("\\{\\{([^{}]+)\\}\\}");

  @TempDir static Path root;
  static ParleyProcess parley;
  static Executables.Run run;
  static JsonNode prepared;

  @BeforeAll
  static void prepare() throws Exception {
    // The script and the two requests do not depend on the store: the SQLite round suffices.
    Assumptions.assumeFalse(
        dev.parley.testing.TestStore.postgres(), "run once, in the SQLite round");
    for (String tool : List.of("bash", "jq")) {
      if (Executables.onPath(tool).isEmpty()) {
        String reason =
            "PreparePostmanScriptTest SKIPPED: '"
                + tool
                + "' is not on the PATH; scripts/prepare-postman.sh was NOT run";
        System.err.println("*".repeat(100) + "\n" + reason + "\n" + "*".repeat(100));
        Assumptions.abort(reason);
      }
    }
    parley = ParleyProcess.in(root).start();
    Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    run =
        Executables.run(
            List.of(
                "bash",
                base.resolve("scripts/prepare-postman.sh").toString(),
                parley.baseUrl() + "/",
                parley.token()),
            base,
            Map.of(),
            Duration.ofMinutes(1),
            root.resolve("script"));
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(0);
    prepared = JSON.readTree(run.stdout());
  }

  @AfterAll
  static void stop() {
    if (parley != null) {
      parley.stop();
    }
  }

  @Test
  void everyRequestGoesToTheBaseUrlWithTheBearerTokenAndPathVariables() {
    List<JsonNode> requests = requests(prepared);
    assertThat(requests).hasSize(153);
    assertThat(variables())
        .containsEntry("baseUrl", parley.baseUrl())
        .containsEntry("token", parley.token())
        .containsEntry("conversation_id", "set-conversation_id")
        .containsEntry("contact_id", "set-contact_id");
    assertBearer(prepared.path("auth"));
    for (JsonNode request : requests) {
      JsonNode url = request.path("url");
      assertThat(url.path("raw").asText())
          .as(url.toString())
          .startsWith("{{baseUrl}}/")
          .doesNotContain("intercom.io");
      assertThat(url.path("host").toString()).isEqualTo("[\"{{baseUrl}}\"]");
      assertThat(url.has("protocol")).isFalse();
      url.path("path")
          .forEach(
              segment ->
                  assertThat(segment.asText()).as(url.toString()).doesNotMatch("^\\{[^{].*\\}$"));
      url.path("query")
          .forEach(
              q -> {
                if (q.path("key").asText().equals(q.path("value").asText())) {
                  assertThat(q.path("disabled").asBoolean()).as("placeholder query %s", q).isTrue();
                }
              });
      if (request.has("auth")) {
        assertBearer(request.path("auth"));
      }
    }
    assertThat(run.stdout()).doesNotContain("bearerToken");
    assertThat(run.stderr())
        .contains("153 requests")
        .contains("conversation_id")
        .contains("Conversations / Reply to a conversation");
  }

  @Test
  void preparedRequestsAnswerFromParleyOnceTheirIdsAreSet() throws Exception {
    Scenario s = new Scenario(new Api(parley.baseUrl(), parley.token()));
    String conversation = s.conversation("from the prepared collection");
    Map<String, String> variables = variables();
    variables.put("conversation_id", conversation);

    JsonNode admins = send(request("Admins", "List all admins"), variables);
    assertThat(admins.path("type").asText()).isEqualTo("admin.list");
    JsonNode retrieved = send(request("Conversations", "Retrieve a conversation"), variables);
    assertThat(retrieved.path("id").asText()).isEqualTo(conversation);
  }

  /**
   * Sends a prepared request as Postman would: variables substituted, the bearer helper's header.
   */
  private static JsonNode send(JsonNode request, Map<String, String> variables) throws Exception {
    HttpRequest.Builder http =
        HttpRequest.newBuilder(
            URI.create(resolve(request.path("url").path("raw").asText(), variables)));
    JsonNode auth = request.has("auth") ? request.path("auth") : prepared.path("auth");
    String token = null;
    for (JsonNode entry : auth.path("bearer")) {
      if (entry.path("key").asText().equals("token")) {
        token = resolve(entry.path("value").asText(), variables);
      }
    }
    assertThat(token).as("the bearer helper's token in %s", auth).isEqualTo(parley.token());
    http.header("Authorization", "Bearer " + token);
    request
        .path("header")
        .forEach(h -> http.header(h.path("key").asText(), h.path("value").asText()));
    http.method(request.path("method").asText(), HttpRequest.BodyPublishers.noBody());
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(http.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String resolve(String text, Map<String, String> variables) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          out, Matcher.quoteReplacement(variables.getOrDefault(m.group(1), m.group())));
    }
    return m.appendTail(out).toString();
  }

  private static JsonNode request(String folder, String name) {
    for (JsonNode f : prepared.path("item")) {
      for (JsonNode item : f.path("item")) {
        if (f.path("name").asText().equals(folder) && item.path("name").asText().equals(name)) {
          return item.path("request");
        }
      }
    }
    throw new AssertionError("no request " + folder + " / " + name);
  }

  private static Map<String, String> variables() {
    Map<String, String> variables = new HashMap<>();
    prepared
        .path("variable")
        .forEach(v -> variables.put(v.path("key").asText(), v.path("value").asText()));
    return variables;
  }

  private static void assertBearer(JsonNode auth) {
    assertThat(auth.path("type").asText()).isEqualTo("bearer");
    assertThat(auth.path("bearer").toString())
        .isEqualTo("[{\"key\":\"token\",\"value\":\"{{token}}\",\"type\":\"string\"}]");
  }

  private static List<JsonNode> requests(JsonNode node) {
    List<JsonNode> found = new ArrayList<>();
    node.path("item")
        .forEach(
            item -> {
              if (item.has("request")) {
                found.add(item.path("request"));
              } else {
                found.addAll(requests(item));
              }
            });
    return found;
  }
}
