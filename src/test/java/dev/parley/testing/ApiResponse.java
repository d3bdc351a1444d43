package dev.parley.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/** One HTTP response: status, headers, body bytes, and the body as JSON. */
public record ApiResponse(int status, HttpHeaders headers, byte[] bytes) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public String body() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  public JsonNode json() {
    try {
      return JSON.readTree(bytes);
    } catch (java.io.IOException e) {
      throw new AssertionError("response is not JSON: " + body(), e);
    }
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    return headers.firstValue(name).orElse(null);
  }

  /** The single error code of an {@code error.list} body. */
  public String errorCode() {
    return json().path("errors").path(0).path("code").asText(null);
  }

  @Override
  public String toString() {
    return status + " " + body();
  }
}
