package dev.parley.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.Cli;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /conversations/{id}/customers} ({@code attachContactToConversation}) and {@code
 * DELETE /conversations/{id}/customers/{contact_id}} ({@code detachContactFromConversation}),
 * Intercom 2.14, on a real parley.process().
 */
class ConversationCustomersTest {
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static Api api;
  static Scenario s;
  static String admin;
  static String foreignAdmin;

  @BeforeAll
  static void setUp() {
    api = parley.api();
    s = new Scenario(api);
    admin = s.adminId();
    assertThat(parley.process().cli("workspace", "create", "elsewhere").exitCode()).isZero();
    Cli.Result created =
        parley
            .process()
            .cli(
                "admin",
                "create",
                "--workspace",
                "elsewhere",
                "--name",
                "F",
                "--email",
                "f@example.com");
    assertThat(created.exitCode()).as(created.output()).isZero();
    String line = created.output().strip();
    foreignAdmin = line.substring(line.lastIndexOf(' ') + 1);
  }

  static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  static Map<String, Object> attach(Map<String, Object> customer) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("admin_id", admin);
    body.put("customer", customer);
    return body;
  }

  static ApiResponse attach(String conversationId, Map<String, Object> body) {
    return api.post("/conversations/" + conversationId + "/customers", body);
  }

  static ApiResponse detach(String conversationId, String contactId, Object body) {
    return api.delete("/conversations/" + conversationId + "/customers/" + contactId, body);
  }

  static List<String> contactIds(JsonNode conversation) {
    List<String> ids = new ArrayList<>();
    conversation.path("contacts").path("contacts").forEach(c -> ids.add(c.get("id").asText()));
    return ids;
  }

  static JsonNode ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  static void assertError(ApiResponse response, int status, String code, String message) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.errorCode()).isEqualTo(code);
    if (message != null) {
      assertThat(response.json().path("errors").path(0).path("message").asText())
          .isEqualTo(message);
    }
  }

  @Test
  void attachingByIntercomUserIdAddsTheContactAfterTheFirstAndAnswersTheConversation() {
    String first = s.contact(unique("first"));
    String id = s.conversation(first, "group chat");
    String second = s.contact(unique("second"));
    JsonNode c = ok(attach(id, attach(Map.of("intercom_user_id", second))));
    assertThat(c.get("type").asText()).isEqualTo("conversation");
    assertThat(c.get("id").asText()).isEqualTo(id);
    assertThat(contactIds(c)).containsExactly(first, second);
    assertThat(c.get("updated_at").asLong()).isGreaterThanOrEqualTo(c.get("created_at").asLong());
    assertThat(contactIds(ok(api.get("/conversations/" + id)))).containsExactly(first, second);
    assertThat(c.get("conversation_parts").get("total_count").asInt()).isZero();
  }

  @Test
  void attachingByUserIdFindsTheContactByItsExternalId() {
    String id = s.conversation("by external id");
    String externalId = "ext-" + UUID.randomUUID();
    String contact =
        s.contact(Map.of("role", "user", "external_id", externalId, "email", unique("ext")));
    JsonNode c = ok(attach(id, attach(Map.of("user_id", externalId))));
    assertThat(contactIds(c)).endsWith(contact);
    JsonNode reference = c.path("contacts").path("contacts").get(1);
    assertThat(reference.get("external_id").asText()).isEqualTo(externalId);
  }

  @Test
  void attachingAnUnknownEmailCreatesALeadWithIt() {
    String id = s.conversation("invite a lead");
    String email = unique("newcomer");
    long contactsBefore = ok(api.get("/contacts")).get("total_count").asLong();
    JsonNode c = ok(attach(id, attach(Map.of("email", email))));
    List<String> ids = contactIds(c);
    assertThat(ids).hasSize(2);
    JsonNode lead = ok(api.get("/contacts/" + ids.get(1)));
    assertThat(lead.get("role").asText()).isEqualTo("lead");
    assertThat(lead.get("email").asText()).isEqualTo(email);
    assertThat(ok(api.get("/contacts")).get("total_count").asLong()).isEqualTo(contactsBefore + 1);
  }

  @Test
  void attachingAKnownEmailUsesThatContactWhateverItsCase() {
    String id = s.conversation("known email");
    String email = unique("known");
    String contact = s.contact(email);
    long contactsBefore = ok(api.get("/contacts")).get("total_count").asLong();
    JsonNode c = ok(attach(id, attach(Map.of("email", email.toUpperCase(java.util.Locale.ROOT)))));
    assertThat(contactIds(c)).endsWith(contact);
    assertThat(ok(api.get("/contacts")).get("total_count").asLong()).isEqualTo(contactsBefore);
  }

  @Test
  void attachingAContactTwiceKeepsOneEntry() {
    String first = s.contact(unique("twice-first"));
    String id = s.conversation(first, "twice");
    String second = s.contact(unique("twice-second"));
    ok(attach(id, attach(Map.of("intercom_user_id", second))));
    JsonNode again = ok(attach(id, attach(Map.of("intercom_user_id", second))));
    assertThat(contactIds(again)).containsExactly(first, second);
    JsonNode author = ok(attach(id, attach(Map.of("intercom_user_id", first))));
    assertThat(contactIds(author)).containsExactly(first, second);
  }

  @Test
  void aContactCanAddAnotherOnItsOwnBehalfWithoutAnAdmin() {
    String first = s.contact(unique("inviter"));
    String id = s.conversation(first, "bring a friend");
    String friend = s.contact(unique("friend"));
    Map<String, Object> body =
        Map.of(
            "customer",
            Map.of("intercom_user_id", friend, "customer", Map.of("intercom_user_id", first)));
    JsonNode c = ok(attach(id, body));
    assertThat(contactIds(c)).containsExactly(first, friend);
    ApiResponse unknownActor =
        attach(
            id,
            Map.of(
                "customer",
                Map.of(
                    "email",
                    unique("x"),
                    "customer",
                    Map.of("user_id", "nobody-" + UUID.randomUUID()))));
    assertError(unknownActor, 404, "not_found", "User Not Found");
  }

  @Test
  void attachErrorsAnswerTheirDocumentedStatusAndChangeNothing() {
    String first = s.contact(unique("errors"));
    String id = s.conversation(first, "attach errors");
    String other = s.contact(unique("other"));
    long contactsBefore = ok(api.get("/contacts")).get("total_count").asLong();

    assertError(
        attach("999999999", attach(Map.of("intercom_user_id", other))),
        404,
        "not_found",
        "Resource Not Found");
    assertError(
        attach("abc", attach(Map.of("intercom_user_id", other))),
        404,
        "not_found",
        "Resource Not Found");
    assertError(
        attach(id, attach(Map.of("intercom_user_id", "0123456789abcdef01234567"))),
        404,
        "not_found",
        "User Not Found");
    assertError(
        attach(id, attach(Map.of("user_id", "no-such-external-id"))),
        404,
        "not_found",
        "User Not Found");
    Map<String, Object> unknownAdmin = attach(Map.of("intercom_user_id", other));
    unknownAdmin.put("admin_id", "424242");
    assertError(attach(id, unknownAdmin), 404, "admin_not_found", null);
    Map<String, Object> foreign = attach(Map.of("email", unique("foreign")));
    foreign.put("admin_id", foreignAdmin);
    assertError(attach(id, foreign), 404, "admin_not_found", null);

    List<Object[]> bad =
        List.of(
            new Object[] {Map.of("admin_id", admin), "parameter_not_found", "customer"},
            new Object[] {
              Map.of("admin_id", admin, "customer", "someone"), "parameter_invalid", "customer"
            },
            new Object[] {attach(Map.of()), "parameter_not_found", "customer.intercom_user_id"},
            new Object[] {
              attach(Map.of("intercom_user_id", other, "email", unique("both"))),
              "parameter_invalid",
              "customer.intercom_user_id"
            },
            new Object[] {
              attach(Map.of("email", "not-an-address")), "parameter_invalid", "customer.email"
            },
            new Object[] {attach(Map.of("email", 12)), "parameter_invalid", "customer.email"},
            new Object[] {
              attach(Map.of("intercom_user_id", List.of(other))),
              "parameter_invalid",
              "customer.intercom_user_id"
            },
            new Object[] {
              attach(Map.of("intercom_user_id", other, "customer", "me")),
              "parameter_invalid",
              "customer.customer"
            },
            new Object[] {
              Map.of("customer", Map.of("intercom_user_id", other)),
              "parameter_not_found",
              "admin_id"
            },
            new Object[] {
              Map.of("admin_id", "abc", "customer", Map.of("intercom_user_id", other)),
              "parameter_invalid",
              "admin_id"
            });
    for (Object[] c : bad) {
      @SuppressWarnings("unchecked")
      ApiResponse response = attach(id, (Map<String, Object>) c[0]);
      assertThat(response.status()).as(c[0] + ": " + response).isEqualTo(400);
      assertThat(response.errorCode()).as(c[0] + ": " + response).isEqualTo(c[1]);
      assertThat(response.json().path("errors").path(0).path("field").asText()).isEqualTo(c[2]);
    }
    ApiResponse notJson = api.post("/conversations/" + id + "/customers", "{nope");
    assertError(notJson, 400, "parameter_invalid", null);

    assertThat(contactIds(ok(api.get("/conversations/" + id)))).containsExactly(first);
    assertThat(ok(api.get("/contacts")).get("total_count").asLong()).isEqualTo(contactsBefore);
  }

  @Test
  void detachingRemovesTheContactAndAnswersTheConversation() {
    String first = s.contact(unique("stays"));
    String id = s.conversation(first, "detach");
    String second = s.contact(unique("leaves"));
    ok(attach(id, attach(Map.of("intercom_user_id", second))));
    JsonNode c = ok(detach(id, second, Map.of("admin_id", admin)));
    assertThat(c.get("id").asText()).isEqualTo(id);
    assertThat(contactIds(c)).containsExactly(first);
    assertThat(contactIds(ok(api.get("/conversations/" + id)))).containsExactly(first);
  }

  @Test
  void theStarterCanBeDetachedOnceAnotherTakesPartAndTheRejoinerComesLast() {
    String firstEmail = unique("starter");
    String first = s.contact(firstEmail);
    String id = s.conversation(first, "starter leaves");
    String second = s.contact(unique("joiner"));
    ok(attach(id, attach(Map.of("intercom_user_id", second))));
    JsonNode c = ok(detach(id, first, Map.of("admin_id", Long.parseLong(admin))));
    assertThat(contactIds(c)).containsExactly(second);
    assertThat(c.get("source").get("author").get("id").asText()).isEqualTo(first);
    // no longer linked, the author is still found and shown with its email
    assertThat(c.get("source").get("author").get("email").asText()).isEqualTo(firstEmail);
    JsonNode read = ok(api.get("/conversations/" + id));
    assertThat(read.get("source").get("author").get("email").asText()).isEqualTo(firstEmail);
    assertThat(contactIds(read)).containsExactly(second);
    assertThat(contactIds(ok(attach(id, attach(Map.of("intercom_user_id", first))))))
        .containsExactly(second, first);
  }

  @Test
  void removingTheLastCustomerAnswers422() {
    String only = s.contact(unique("only"));
    String id = s.conversation(only, "alone");
    ApiResponse response = detach(id, only, Map.of("admin_id", admin));
    assertError(response, 422, "parameter_invalid", "Removing the last customer is not allowed");
    assertThat(contactIds(ok(api.get("/conversations/" + id)))).containsExactly(only);
  }

  @Test
  void detachErrorsAnswerTheirDocumentedStatusAndChangeNothing() {
    String first = s.contact(unique("d-first"));
    String id = s.conversation(first, "detach errors");
    String second = s.contact(unique("d-second"));
    ok(attach(id, attach(Map.of("intercom_user_id", second))));
    String outsider = s.contact(unique("outsider"));

    assertError(
        detach("999999999", second, Map.of("admin_id", admin)),
        404,
        "not_found",
        "Resource Not Found");
    assertError(
        detach("x", second, Map.of("admin_id", admin)), 404, "not_found", "Resource Not Found");
    assertError(
        detach(id, "0123456789abcdef01234567", Map.of("admin_id", admin)),
        404,
        "not_found",
        "User Not Found");
    assertError(
        detach(id, "nobody", Map.of("admin_id", admin)), 404, "not_found", "User Not Found");
    assertError(
        detach(id, outsider, Map.of("admin_id", admin)), 404, "not_found", "User Not Found");
    assertError(detach(id, second, Map.of("admin_id", "424242")), 404, "admin_not_found", null);
    assertError(detach(id, second, Map.of("admin_id", foreignAdmin)), 404, "admin_not_found", null);
    ApiResponse missing = detach(id, second, null);
    assertError(missing, 400, "parameter_not_found", null);
    assertThat(missing.json().path("errors").path(0).path("field").asText()).isEqualTo("admin_id");
    assertError(detach(id, second, Map.of("admin_id", List.of(1))), 400, "parameter_invalid", null);
    assertError(detach(id, second, "[]"), 400, "parameter_invalid", null);

    assertThat(contactIds(ok(api.get("/conversations/" + id)))).containsExactly(first, second);
  }
}
