package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ImplementedRoutes;
import dev.parley.testing.IntercomDescription;
import dev.parley.testing.ParleyExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Operations of Intercom's 2.14 description that parley does not implement answer 404 {@code
 * not_found} in an {@code error.list} body (JSON, never an HTML page or a 500): a sample by hand,
 * then every such operation of the description, taken from the route table at run time so that the
 * set shrinks as parley grows.
 */
class UnimplementedRoutesTest {
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static Api api;

  @BeforeAll
  static void setUp() {
    api = parley.api();
  }

  @ParameterizedTest
  @CsvSource({
    "GET, /articles",
    "GET, /news/newsfeeds",
    "GET, /help_center/collections",
    "GET, /no/such/path/at/all"
  })
  void aSampleOfUnimplementedRoutesAnswers404NotFoundAsErrorList(String method, String path) {
    ApiResponse response = api.send(method, path, method.equals("GET") ? null : "{}");
    assertNotFound(method + " " + path, response);
  }

  @Test
  void everyOperationOfTheDescriptionThatParleyDoesNotImplementAnswers404NotFound() {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (IntercomDescription.Operation op :
        IntercomDescription.of(IntercomDescription.Source.V2_14).operations()) {
      if (ImplementedRoutes.implemented(op.method(), op.template())) {
        continue;
      }
      String path = op.template().replaceAll("\\{[^}]+}", "1");
      ApiResponse response =
          api.send(
              op.method(),
              path,
              op.method().equals("GET") || op.method().equals("DELETE") ? null : "{}");
      checked++;
      String problem = notFoundProblem(response);
      if (problem != null) {
        problems.add(
            op.key()
                + " ("
                + op.operationId()
                + ") as "
                + op.method()
                + " "
                + path
                + ": "
                + problem);
      }
    }
    System.out.println(
        "UnimplementedRoutesTest: "
            + checked
            + " unimplemented operations of the 2.14 description answered");
    assertThat(checked).isGreaterThan(50);
    assertThat(problems).isEmpty();
  }

  private static void assertNotFound(String request, ApiResponse response) {
    assertThat(notFoundProblem(response)).as(request + " -> " + response).isNull();
  }

  /** Null when the response is 404 not_found as an error.list with the request id; else why not. */
  private static String notFoundProblem(ApiResponse response) {
    if (response.status() != 404) {
      return "status " + response.status() + ": " + response.body();
    }
    String contentType = response.header("Content-Type");
    if (contentType == null || !contentType.startsWith("application/json")) {
      return "content type " + contentType;
    }
    JsonNode body = response.json();
    if (!"error.list".equals(body.path("type").asText())
        || !"not_found".equals(response.errorCode())) {
      return "body " + body;
    }
    if (!body.path("request_id").asText().equals(response.header("X-Request-Id"))) {
      return "request_id " + body.path("request_id") + " is not the X-Request-Id header";
    }
    return null;
  }
}
