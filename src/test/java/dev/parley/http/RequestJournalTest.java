package dev.parley.http;

import static dev.parley.http.Acceptance.assertError;
import static dev.parley.http.Acceptance.raw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.Cli;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The request journal ({@code /_parley/workspaces/{name}/journal}, issue 17): every request of a
 * workspace in order, with method, path, template, operationId, status, duration, request id and
 * time; never a body, a query string or a token; the last N on request; cleared on request; and an
 * erased conversation's or deleted contact's id gone from its paths.
 */
class RequestJournalTest {
  private static final String OP = ParleyProcess.OPERATOR_TOKEN;
  private static final String JOURNAL = "/_parley/workspaces/default/journal";

  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();

  private static ApiResponse op(String method, String path) {
    return raw(parley.process(), OP, method, path, null);
  }

  private static JsonNode journal() {
    ApiResponse response = op("GET", JOURNAL);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.json().path("type").asText()).isEqualTo("list");
    return response.json().path("data");
  }

  private static List<String> paths(JsonNode entries) {
    List<String> paths = new ArrayList<>();
    entries.forEach(e -> paths.add(e.path("method").asText() + " " + e.path("path").asText()));
    return paths;
  }

  @BeforeEach
  void clear() {
    op("DELETE", JOURNAL);
  }

  @Test
  void everyRequestIsRecordedInOrderWithoutBodiesQueryStringsOrTokens() {
    Scenario s = new Scenario(parley.api());
    long before = Acceptance.now();
    s.contact("journal-marker-7f3a@example.com");
    ApiResponse listed = parley.api().get("/conversations?per_page=5&starting_after=secret-cursor");
    ApiResponse missing = parley.api().get("/conversations/999999999");

    JsonNode entries = journal();
    assertThat(paths(entries))
        .containsExactly("POST /contacts", "GET /conversations", "GET /conversations/999999999");
    JsonNode created = entries.get(0);
    assertThat(created.path("type").asText()).isEqualTo("request");
    assertThat(created.path("path_template").asText()).isEqualTo("/contacts");
    assertThat(created.path("operation_id").asText()).isEqualTo("CreateContact");
    assertThat(created.path("status").asInt()).isEqualTo(200);
    assertThat(created.path("duration_ms").asDouble()).isPositive();
    assertThat(created.path("created_at").asLong()).isBetween(before, Acceptance.now() + 1);
    assertThat(entries.get(1).path("request_id").asText()).isEqualTo(listed.header("X-Request-Id"));
    JsonNode notFound = entries.get(2);
    assertThat(notFound.path("path_template").asText()).isEqualTo("/conversations/{id}");
    assertThat(notFound.path("operation_id").asText()).isEqualTo("retrieveConversation");
    assertThat(notFound.path("status").asInt()).isEqualTo(missing.status()).isEqualTo(404);

    String all = op("GET", JOURNAL).body();
    assertThat(all)
        .doesNotContain("journal-marker-7f3a")
        .doesNotContain("secret-cursor")
        .doesNotContain(parley.process().token());
  }

  @Test
  void aLimitGivesTheLastRequestsAndClearingEmptiesIt() {
    for (int i = 0; i < 5; i++) {
      parley.api().get("/admins");
    }
    parley.api().get("/me");
    JsonNode last = op("GET", JOURNAL + "?limit=2").json().path("data");
    assertThat(paths(last)).containsExactly("GET /admins", "GET /me");
    assertThat(op("DELETE", JOURNAL).json().path("deleted").asInt()).isEqualTo(6);
    assertThat(journal().size()).isZero();
    assertError(op("GET", JOURNAL + "?limit=0"), 400, "parameter_invalid");
  }

  @Test
  void anErasedConversationsIdIsGoneFromEveryPathAndOthersStay() {
    Scenario s = new Scenario(parley.api());
    String contact = s.contact("journal-erased@example.com");
    String erased = s.conversation(contact, "to be erased");
    String kept = s.conversation(contact, "to be kept");
    s.adminReply(erased, "comment", "a reply");
    parley.api().get("/conversations/" + erased);
    parley.api().get("/conversations/" + kept);
    assertThat(parley.api().delete("/conversations/" + erased).status()).isEqualTo(200);

    JsonNode entries = journal();
    assertThat(op("GET", JOURNAL).body()).doesNotContain("/conversations/" + erased);
    assertThat(paths(entries))
        .contains(
            "POST /conversations/{id}/reply",
            "GET /conversations/{id}",
            "DELETE /conversations/{id}",
            "GET /conversations/" + kept);
  }

  @Test
  void aDeletedContactsIdIsGoneWithTheConversationsErasedWithIt() {
    Scenario s = new Scenario(parley.api());
    String contact = s.contact("journal-deleted@example.com");
    String conversation = s.conversation(contact, "erased with its contact");
    parley.api().get("/contacts/" + contact);
    parley.api().get("/conversations/" + conversation);
    assertThat(parley.api().delete("/contacts/" + contact).status()).isEqualTo(200);

    String body = op("GET", JOURNAL).body();
    assertThat(body)
        .doesNotContain("/contacts/" + contact)
        .doesNotContain("/conversations/" + conversation);
    assertThat(paths(journal())).contains("GET /contacts/{id}", "DELETE /contacts/{id}");
  }

  @Test
  void eachWorkspaceHasItsOwnJournalAndOnlyTheOperatorReadsIt() {
    Cli.Result created = parley.process().cli("workspace", "create", "journal-other");
    assertThat(created.exitCode()).as(created.output()).isZero();
    parley.api().get("/admins");
    assertThat(op("GET", "/_parley/workspaces/journal-other/journal").json().path("data").size())
        .isZero();
    assertError(op("GET", "/_parley/workspaces/no-such-workspace/journal"), 404, "not_found");
    for (String method : new String[] {"GET", "DELETE"}) {
      for (String token : new String[] {parley.process().token(), OP + "x", null}) {
        assertThat(raw(parley.process(), token, method, JOURNAL, null).status())
            .as(method + " with " + token)
            .isEqualTo(401);
      }
    }
    assertThat(journal().size()).as("nothing cleared by refused requests").isEqualTo(1);
  }
}
