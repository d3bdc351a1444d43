package dev.parley.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls parley's operator API ({@code /_parley/...}) with the operator credential: JSON in, JSON
 * out, any status but 200 an {@link IllegalStateException} naming the route and the answer.
 */
final class OperatorClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String baseUrl;
  private final String operatorToken;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  OperatorClient(String baseUrl, String operatorToken) {
    this.baseUrl = baseUrl;
    this.operatorToken = operatorToken;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  JsonNode get(String path) {
    return send("GET", path, null);
  }

  JsonNode post(String path, Object body) {
    return send("POST", path, body);
  }

  JsonNode delete(String path) {
    return send("DELETE", path, null);
  }

  /**
   * Sends one request and answers its JSON body.
   *
   * @param body serialized to JSON with Jackson (a {@code Map} or a record); null sends none
   * @throws IllegalStateException when parley answers anything but 200
   * @throws UncheckedIOException when parley cannot be reached
   */
  private JsonNode send(String method, String path, Object body) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(baseUrl + path))
              .timeout(TIMEOUT)
              .header("Authorization", "Bearer " + operatorToken)
              .header("Accept", "application/json");
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            method + " " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " " + path + " was interrupted", e);
    }
  }
}
