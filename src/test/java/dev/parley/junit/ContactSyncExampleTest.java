package dev.parley.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The complete example of docs/testing-with-parley.md ("In the test JVM: the JUnit 5 extension"),
 * kept here word for word so that it compiles and passes: a client's call meets an injected 503,
 * its retry succeeds at a frozen time, and the journal shows both.
 */
class ContactSyncExampleTest {
  @RegisterExtension static final ParleyExtension parley = new ParleyExtension();

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aContactIsCreatedAfterOne503(ParleyWorkspace workspace) throws Exception {
    parley.clock().freezeAt(1_764_878_400L);
    parley.faults().add(workspace, "CreateContact", 503, 1);

    assertEquals(503, createContact(workspace, "ada@example.com").statusCode());
    HttpResponse<String> retried = createContact(workspace, "ada@example.com");
    assertEquals(200, retried.statusCode());
    assertTrue(retried.body().contains("\"created_at\":1764878400"));

    List<ParleyRequest> calls = workspace.journal();
    assertEquals(List.of(503, 200), calls.stream().map(ParleyRequest::status).toList());
    assertEquals("CreateContact", calls.get(1).operationId());
  }

  private HttpResponse<String> createContact(ParleyWorkspace workspace, String email)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(workspace.baseUrl() + "/contacts"))
            .header("Authorization", "Bearer " + workspace.token())
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"role\": \"user\", \"email\": \"" + email + "\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
