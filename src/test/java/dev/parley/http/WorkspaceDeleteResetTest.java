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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deleting and resetting a workspace over HTTP ({@code DELETE /_parley/workspaces/{name}} and
 * {@code POST /_parley/workspaces/{name}/reset}, issue 17): what they answer, that a deleted
 * workspace's token gets 401 at once and its objects are gone for a workspace re-created under the
 * same name, that a reset keeps the token, that requests racing a delete get 401 or 404 and never a
 * 500, and the refusals (unknown name, workspace token, the bootstrap workspace).
 */
class WorkspaceDeleteResetTest {
  private static final String OP = ParleyProcess.OPERATOR_TOKEN;

  /** Old tokens answered 401 count as guesses: no throttle of failed authentications here. */
  @RegisterExtension
  static final ParleyExtension parley =
      ParleyExtension.perClass().arg("--auth-failures-per-minute", "0");

  private static ApiResponse op(String method, String path, Object body) {
    return raw(parley.process(), OP, method, path, body);
  }

  private static ApiResponse as(String token, String method, String path, Object body) {
    return raw(parley.process(), token, method, path, body);
  }

  private static String create(String name) {
    ApiResponse response = op("POST", "/_parley/workspaces", Map.of("name", name));
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json().path("token").asText();
  }

  /** A contact, a tag and a conversation of that contact, tagged: their ids. */
  private static Map<String, String> fill(String token) {
    ApiResponse contact = as(token, "POST", "/contacts", Map.of("email", "c@acme.example"));
    assertThat(contact.status()).as(contact.toString()).isEqualTo(200);
    String contactId = contact.json().path("id").asText();
    ApiResponse conversation =
        as(
            token,
            "POST",
            "/conversations",
            Map.of("from", Map.of("type", "user", "id", contactId), "body", "hello"));
    assertThat(conversation.status()).as(conversation.toString()).isEqualTo(200);
    String conversationId = conversation.json().path("conversation_id").asText();
    ApiResponse tag = as(token, "POST", "/tags", Map.of("name", "vip"));
    assertThat(tag.status()).as(tag.toString()).isEqualTo(200);
    return Map.of(
        "contact", contactId,
        "conversation", conversationId,
        "tag", tag.json().path("id").asText());
  }

  @Test
  void deleteAnswersAndTheOldTokenGets401AndTheNameComesBackEmpty() {
    String token = create("gone-1");
    Map<String, String> ids = fill(token);
    JsonNode shown = op("GET", "/_parley/workspaces/gone-1", null).json();

    ApiResponse deleted = op("DELETE", "/_parley/workspaces/gone-1", null);
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
    JsonNode body = deleted.json();
    assertThat(body.path("type").asText()).isEqualTo("workspace");
    assertThat(body.path("name").asText()).isEqualTo("gone-1");
    assertThat(body.path("app_id").asText()).isEqualTo(shown.path("app_id").asText());
    assertThat(body.path("deleted").asBoolean()).isTrue();
    assertThat(body.path("conversations_erased").asInt()).isEqualTo(1);

    assertError(as(token, "GET", "/me", null), 401, "unauthorized");
    assertError(as(token, "GET", "/contacts/" + ids.get("contact"), null), 401, "unauthorized");
    assertError(op("GET", "/_parley/workspaces/gone-1", null), 404, "not_found");
    assertError(op("DELETE", "/_parley/workspaces/gone-1", null), 404, "not_found");

    String again = create("gone-1");
    assertThat(again).isNotEqualTo(token);
    assertThat(as(again, "GET", "/contacts/" + ids.get("contact"), null).status()).isEqualTo(404);
    assertThat(as(again, "GET", "/conversations/" + ids.get("conversation"), null).status())
        .isEqualTo(404);
    assertThat(as(again, "GET", "/tags/" + ids.get("tag"), null).status()).isEqualTo(404);
    assertThat(as(again, "GET", "/contacts", null).json().path("total_count").asInt()).isZero();
    assertThat(as(again, "GET", "/tags", null).json().path("data").size()).isZero();
    assertThat(as(again, "GET", "/admins", null).json().path("admins").size())
        .as("only the new owner")
        .isEqualTo(1);
    assertThat(op("GET", "/_parley/workspaces/gone-1/webhooks", null).json().path("data").size())
        .isZero();
  }

  @Test
  void resetEmptiesTheWorkspaceAndKeepsItsTokenAndSecrets() {
    String token = create("reset-1");
    Map<String, String> ids = fill(token);
    JsonNode before = op("GET", "/_parley/workspaces/reset-1", null).json();

    ApiResponse reset = op("POST", "/_parley/workspaces/reset-1/reset", null);
    assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
    assertThat(reset.json().path("reset").asBoolean()).isTrue();
    assertThat(reset.json().path("conversations_erased").asInt()).isEqualTo(1);

    assertThat(as(token, "GET", "/me", null).status()).isEqualTo(200);
    assertThat(as(token, "GET", "/contacts/" + ids.get("contact"), null).status()).isEqualTo(404);
    assertThat(as(token, "GET", "/conversations/" + ids.get("conversation"), null).status())
        .isEqualTo(404);
    assertThat(as(token, "GET", "/tags/" + ids.get("tag"), null).status()).isEqualTo(404);
    JsonNode after = op("GET", "/_parley/workspaces/reset-1", null).json();
    assertThat(after.path("app_id").asText()).isEqualTo(before.path("app_id").asText());
    assertThat(after.path("client_secret").asText())
        .isEqualTo(before.path("client_secret").asText());
    fill(token);
    assertThat(as(token, "GET", "/contacts", null).json().path("total_count").asInt()).isEqualTo(1);
  }

  @Test
  void requestsRacingADeleteGet401Or404AndNever500() throws Exception {
    String token = create("raced-1");
    Map<String, String> ids = fill(token);
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Future<List<Integer>>> clients = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int n = i;
      clients.add(
          pool.submit(
              () -> {
                List<Integer> statuses = new ArrayList<>();
                while (!stop.get()) {
                  ApiResponse r =
                      switch (n) {
                        case 0 ->
                            as(
                                token,
                                "POST",
                                "/contacts",
                                Map.of("email", "r" + statuses.size() + "@acme.example"));
                        case 1 ->
                            as(
                                token,
                                "POST",
                                "/conversations/" + ids.get("conversation") + "/reply",
                                Map.of(
                                    "message_type", "comment",
                                    "type", "user",
                                    "intercom_user_id", ids.get("contact"),
                                    "body", "again"));
                        default -> as(token, "GET", "/conversations", null);
                      };
                  statuses.add(r.status());
                }
                return statuses;
              }));
    }
    Thread.sleep(300);
    ApiResponse deleted = op("DELETE", "/_parley/workspaces/raced-1", null);
    Thread.sleep(300);
    stop.set(true);
    List<Integer> all = new ArrayList<>();
    for (Future<List<Integer>> client : clients) {
      all.addAll(client.get());
    }
    pool.shutdown();
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
    assertThat(all).isNotEmpty().allMatch(s -> s == 200 || s == 401 || s == 404 || s == 429);
    assertThat(all.get(all.size() - 1)).isEqualTo(401);

    String again = create("raced-1");
    assertThat(as(again, "GET", "/contacts", null).json().path("total_count").asInt())
        .as("no contact written by a request that raced the delete")
        .isZero();
  }

  @Test
  void refusals() {
    assertError(op("DELETE", "/_parley/workspaces/nope", null), 404, "not_found");
    assertError(op("POST", "/_parley/workspaces/nope/reset", null), 404, "not_found");
    assertError(op("DELETE", "/_parley/workspaces/a%2Fb", null), 404, "not_found");
    JsonNode error =
        assertError(op("DELETE", "/_parley/workspaces/default", null), 400, "parameter_invalid");
    assertThat(error.path("field").asText()).isEqualTo("name");
    assertThat(parley.api().get("/me").status()).as("default is still there").isEqualTo(200);

    String token = create("guarded-1");
    for (String bad : new String[] {token, parley.process().token(), OP + "x", null}) {
      assertThat(as(bad, "DELETE", "/_parley/workspaces/guarded-1", null).status())
          .as("DELETE with %s", bad)
          .isEqualTo(401);
      assertThat(as(bad, "POST", "/_parley/workspaces/guarded-1/reset", null).status())
          .as("reset with %s", bad)
          .isEqualTo(401);
    }
    assertThat(as(token, "GET", "/me", null).status()).isEqualTo(200);
  }
}
