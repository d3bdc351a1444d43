package dev.parley.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small client of parley's HTTP API for tests. Every response to a path of Intercom's API is
 * validated against Intercom's description ({@link SpecValidator}); a response that does not match
 * fails the test at once.
 */
public final class Api {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  private final String baseUrl;
  private final Map<String, String> headers;

  public Api(String baseUrl, String token) {
    this(baseUrl, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
  }

  private Api(String baseUrl, Map<String, String> headers) {
    this.baseUrl = baseUrl;
    this.headers = Map.copyOf(headers);
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** The same client with another header (or, with a null value, without it). */
  public Api withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    if (value == null) {
      copy.remove(name);
    } else {
      copy.put(name, value);
    }
    return new Api(baseUrl, copy);
  }

  public Api withToken(String token) {
    return withHeader("Authorization", token == null ? null : "Bearer " + token);
  }

  public ApiResponse get(String path) {
    return send("GET", path, null);
  }

  public ApiResponse post(String path, Object body) {
    return send("POST", path, body);
  }

  public ApiResponse put(String path, Object body) {
    return send("PUT", path, body);
  }

  public ApiResponse delete(String path) {
    return send("DELETE", path, null);
  }

  public ApiResponse delete(String path, Object body) {
    return send("DELETE", path, body);
  }

  /**
   * Sends a request; {@code body} is a JSON string sent as is, or an object serialized to JSON, or
   * null.
   */
  public ApiResponse send(String method, String path, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
    headers.forEach(request::header);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(json(body)));
    }
    HttpResponse<byte[]> response;
    try {
      response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    ApiResponse result =
        new ApiResponse(response.statusCode(), response.headers(), response.body());
    String contentType = result.header("Content-Type");
    boolean json = contentType != null && contentType.startsWith("application/json");
    {
      // Bodiless answers (deleteTag's 200) are validated too: their status must be declared,
      // and they carry no JSON content type.
      // Other media types (the reporting download's gzip file) are checked for their status
      // and content type; only JSON bodies are checked against a schema.
      String mediaType = contentType == null ? null : contentType.split(";")[0].trim();
      List<String> problems =
          json || result.bytes().length == 0
              ? SpecValidator.violations(
                  method, path, result.status(), json ? "application/json" : null, result.body())
              : SpecValidator.violations(method, path, result.status(), mediaType, null);
      if (json && result.bytes().length == 0) {
        // An answer without content (deleteTag's 200) must not claim a JSON body: a
        // validating proxy (Prism) reads nothing as invalid JSON and answers 500.
        problems = new ArrayList<>(problems == null ? List.of() : problems);
        problems.add("an empty body is labelled " + contentType);
      }
      if (problems != null && !problems.isEmpty()) {
        throw new AssertionError(
            method
                + " "
                + path
                + " -> "
                + result.status()
                + " does not match Intercom's description:\n  "
                + String.join("\n  ", problems)
                + "\nbody: "
                + result.body());
      }
    }
    return result;
  }

  private static String json(Object body) {
    if (body instanceof String text) {
      return text;
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
