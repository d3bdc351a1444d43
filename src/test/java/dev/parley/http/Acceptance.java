package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.Cli;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.SpecValidator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shared pieces of the HTTP acceptance tests: the operator CLI (workspaces, admins, teams, tokens),
 * a raw HTTP client for answers Intercom's description does not declare for an operation (400, 403,
 * 413 on most paths), and the check of an {@code error.list} body.
 */
public final class Acceptance {
  static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  static final Pattern DIGITS = Pattern.compile("[0-9]+");
  static final Pattern CONTACT_ID = Pattern.compile("[0-9a-f]{24}");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  private Acceptance() {}

  /** A token as {@code token create} printed it. */
  record Token(String id, String secret) {}

  /** Runs a CLI command against the server's store and asserts it succeeded. */
  static String cli(ParleyProcess parley, String... args) {
    Cli.Result result = parley.cli(args);
    assertThat(result.exitCode())
        .as("parley %s:\n%s", String.join(" ", args), result.output())
        .isZero();
    return result.output();
  }

  private static String printed(String output, String regex) {
    Matcher m = Pattern.compile(regex).matcher(output);
    assertThat(m.find()).as("output %s should match %s", output, regex).isTrue();
    return m.group(1);
  }

  static void workspace(ParleyProcess parley, String name) {
    cli(parley, "workspace", "create", name);
  }

  /** Creates an admin; returns its id. */
  static String admin(ParleyProcess parley, String workspace, String name, String email) {
    return printed(
        cli(parley, "admin", "create", "--workspace", workspace, "--name", name, "--email", email),
        "created admin (\\d+)");
  }

  /** Creates a team of these admins; returns its id. */
  public static String team(
      ParleyProcess parley, String workspace, String name, String... adminIds) {
    List<String> args =
        new ArrayList<>(List.of("team", "create", "--workspace", workspace, "--name", name));
    for (String id : adminIds) {
      args.add("--admin");
      args.add(id);
    }
    return printed(cli(parley, args.toArray(String[]::new)), "created team (\\d+)");
  }

  /** Creates a token; {@code adminId} may be null (the workspace's first admin). */
  static Token token(ParleyProcess parley, String workspace, String adminId, String scopes) {
    List<String> args =
        new ArrayList<>(List.of("token", "create", "--workspace", workspace, "--scopes", scopes));
    if (adminId != null) {
      args.add("--admin");
      args.add(adminId);
    }
    String output = cli(parley, args.toArray(String[]::new));
    String id = printed(output, "token id (\\d+)");
    String secret =
        output
            .lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("token id"))
            .reduce((a, b) -> b)
            .orElseThrow();
    return new Token(id, secret);
  }

  /**
   * Sends a request without validating the answer against Intercom's description, for answers the
   * description does not declare for that operation. {@code body} is sent as is (a String) or
   * serialized to JSON; null sends no body.
   */
  static ApiResponse raw(String method, String url, Map<String, String> headers, Object body) {
    return raw(CLIENT, method, url, headers, body);
  }

  /** {@link #raw} on a given client (and so its connections). */
  static ApiResponse raw(
      HttpClient client, String method, String url, Map<String, String> headers, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
    headers.forEach(request::header);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      if (!headers.containsKey("Content-Type")) {
        request.header("Content-Type", "application/json");
      }
      byte[] bytes =
          body instanceof byte[] b
              ? b
              : json(body).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      request.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
    }
    try {
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new ApiResponse(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new AssertionError(method + " " + url + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * A new workspace on this server, made over the operator API ({@code POST /_parley/workspaces},
   * named {@code namePrefix} and 8 random characters): {@code api} with the new workspace's token,
   * for workspace isolation tests.
   */
  static Api otherWorkspace(ParleyProcess parley, Api api, String namePrefix) {
    ApiResponse created =
        raw(
            parley,
            ParleyProcess.OPERATOR_TOKEN,
            "POST",
            "/_parley/workspaces",
            Map.of(
                "name", namePrefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8)));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    return api.withToken(created.json().path("token").asText());
  }

  /** {@link #raw} with a bearer token (or none when null) on this server. */
  static ApiResponse raw(
      ParleyProcess parley, String token, String method, String path, Object body) {
    return raw(
        method,
        parley.baseUrl() + path,
        token == null ? Map.of() : Map.of("Authorization", "Bearer " + token),
        body);
  }

  static String json(Object body) {
    if (body instanceof String text) {
      return text;
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /**
   * Asserts an {@code error.list} answer: the status, JSON, Intercom's {@code error} schema, {@code
   * request_id} a UUID equal to {@code X-Request-Id}, exactly one error with {@code code}, and
   * nothing of parley's insides in the body. Returns that error.
   */
  static JsonNode assertError(ApiResponse response, int status, String code) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.header("Content-Type"))
        .as(response.toString())
        .startsWith("application/json");
    // Intercom's error schema, as declared for the 401 of GET /admins.
    assertThat(SpecValidator.violations("GET", "/admins", 401, "application/json", response.body()))
        .as("error body against Intercom's error schema: " + response.body())
        .isEmpty();
    JsonNode body = response.json();
    assertThat(body.path("type").asText()).as(response.toString()).isEqualTo("error.list");
    String requestId = body.path("request_id").asText();
    assertThat(requestId).as(response.toString()).matches(UUID);
    assertThat(response.header("X-Request-Id"))
        .as("X-Request-Id of " + response)
        .isEqualTo(requestId);
    assertThat(body.path("errors").size()).as(response.toString()).isEqualTo(1);
    JsonNode error = body.path("errors").path(0);
    assertThat(error.path("code").asText()).as(response.toString()).isEqualTo(code);
    assertNoInternals(response);
    return error;
  }

  /** Asserts that a body shows no stack trace, SQL or Java class name. */
  static void assertNoInternals(ApiResponse response) {
    assertThat(response.body())
        .as(response.toString())
        .doesNotContain("Exception")
        .doesNotContain("java.")
        .doesNotContain("dev.parley")
        .doesNotContain("\tat ")
        .doesNotContainIgnoringCase("sqlite")
        .doesNotContainIgnoringCase("select ")
        .doesNotContainIgnoringCase("insert into")
        .doesNotContainIgnoringCase("jdbi")
        .doesNotContainIgnoringCase("javalin")
        .doesNotContainIgnoringCase("jackson");
  }

  /** The ids of the {@code key} array of a list answer, in order. */
  static List<String> ids(JsonNode list, String key) {
    List<String> ids = new ArrayList<>();
    list.path(key).forEach(item -> ids.add(item.path("id").asText()));
    return ids;
  }

  static long now() {
    return System.currentTimeMillis() / 1000;
  }
}
