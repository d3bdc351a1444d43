package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.Scenario;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Intercom's Data Events operations ({@code createDataEvent}, {@code lisDataEvents}, {@code
 * dataEventSummaries}) against a real parley on the round's store, every response validated against
 * Intercom's 2.14 description: contacts found by id, user_id and email, de-duplication, metadata
 * rules, paging, summaries, bad input, and workspace isolation.
 */
class DataEventsTest {
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static Api api;
  static Scenario s;

  @BeforeAll
  static void setUp() {
    api = parley.api();
    s = new Scenario(api);
  }

  private static String email() {
    return "e-" + UUID.randomUUID() + "@events.example";
  }

  private static JsonNode ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  private static void accepted(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(202);
    assertThat(response.body()).isEmpty();
  }

  private static void bad(ApiResponse response, String code, String messageContains) {
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo(code);
    assertThat(response.json().path("errors").path(0).path("message").asText())
        .contains(messageContains);
  }

  private static Map<String, Object> event(String key, String value, String name, long at) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(key, value);
    body.put("event_name", name);
    body.put("created_at", at);
    return body;
  }

  private static JsonNode list(String query) {
    return ok(api.get("/events?type=user&" + query));
  }

  private static List<String> names(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.path("events").forEach(e -> names.add(e.path("event_name").asText()));
    return names;
  }

  @Test
  void anEventSubmittedByIdIsListedWithItsMetadataAndTheContactsIdentifiers() {
    String email = email();
    String user = "u-" + UUID.randomUUID();
    String contact = s.contact(Map.of("role", "user", "email", email, "external_id", user));
    Map<String, Object> body = event("id", contact, "placed-order", 1_700_000_000L);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("order_number", "A-1");
    metadata.put("items", 3);
    metadata.put("gift", true);
    metadata.put("price", Map.of("amount", 34999, "currency", "eur"));
    metadata.put("article", Map.of("url", "https://example.org/a.html", "value", "the dude"));
    body.put("metadata", metadata);
    accepted(api.post("/events", body));

    JsonNode list = list("intercom_user_id=" + contact);
    assertThat(list.path("type").asText()).isEqualTo("event.list");
    assertThat(list.path("intercom_user_id").asText()).isEqualTo(contact);
    assertThat(list.path("email").asText()).isEqualTo(email);
    assertThat(list.path("user_id").asText()).isEqualTo(user);
    assertThat(list.path("pages").has("next")).isFalse();
    JsonNode e = list.path("events").path(0);
    assertThat(e.path("type").asText()).isEqualTo("event");
    assertThat(e.path("event_name").asText()).isEqualTo("placed-order");
    assertThat(e.path("created_at").asLong()).isEqualTo(1_700_000_000L);
    assertThat(e.path("id").asText()).isEqualTo(contact);
    assertThat(e.path("intercom_user_id").asText()).isEqualTo(contact);
    assertThat(e.path("user_id").asText()).isEqualTo(user);
    assertThat(e.path("email").asText()).isEqualTo(email);
    assertThat(e.path("metadata").path("order_number").asText()).isEqualTo("A-1");
    assertThat(e.path("metadata").path("items").asInt()).isEqualTo(3);
    assertThat(e.path("metadata").path("gift").asBoolean()).isTrue();
    assertThat(e.path("metadata").path("price").path("amount").asLong()).isEqualTo(34999);
    assertThat(e.path("metadata").path("price").path("currency").asText()).isEqualTo("eur");
    assertThat(e.path("metadata").path("article").path("url").asText())
        .isEqualTo("https://example.org/a.html");

    // The same list by user_id and by email.
    assertThat(names(list("user_id=" + user))).containsExactly("placed-order");
    assertThat(names(list("email=" + URLEncoder.encode(email, StandardCharsets.UTF_8))))
        .containsExactly("placed-order");
  }

  @Test
  void userIdAndEmailNameTheContactOnSubmissionAndLeadsAreNamedById() {
    String email = email();
    String user = "u-" + UUID.randomUUID();
    String contact = s.contact(Map.of("role", "user", "email", email, "external_id", user));
    accepted(api.post("/events", event("user_id", user, "by-user-id", 100)));
    accepted(api.post("/events", event("email", email, "by-email", 200)));
    String lead = s.contact(Map.of("role", "lead", "email", email()));
    accepted(api.post("/events", event("id", lead, "lead-event", 300)));

    assertThat(names(list("intercom_user_id=" + contact)))
        .containsExactly("by-email", "by-user-id");
    assertThat(names(list("intercom_user_id=" + lead))).containsExactly("lead-event");
  }

  @Test
  void aDuplicateEventIsAcceptedAndIgnoredAndCountsOnceInTheSummary() {
    String contact = s.contact(email());
    accepted(api.post("/events", event("id", contact, "signed-in", 1000)));
    accepted(api.post("/events", event("id", contact, "signed-in", 1000)));
    accepted(api.post("/events", event("id", contact, "signed-in", 4000)));
    accepted(api.post("/events", event("id", contact, "invited-friend", 2000)));

    JsonNode list = list("intercom_user_id=" + contact);
    assertThat(names(list)).containsExactly("signed-in", "invited-friend", "signed-in");

    JsonNode summary = list("intercom_user_id=" + contact + "&summary=true");
    assertThat(summary.path("type").asText()).isEqualTo("event.summary");
    assertThat(summary.path("intercom_user_id").asText()).isEqualTo(contact);
    JsonNode events = summary.path("events");
    assertThat(events.size()).isEqualTo(2);
    assertThat(events.path(0).path("name").asText()).isEqualTo("invited-friend");
    assertThat(events.path(0).path("count").asLong()).isEqualTo(1);
    assertThat(events.path(1).path("name").asText()).isEqualTo("signed-in");
    assertThat(events.path(1).path("count").asLong()).isEqualTo(2);
    assertThat(events.path(1).path("first").asText()).isEqualTo("1970-01-01T00:16:40.000+00:00");
    assertThat(events.path(1).path("last").asText()).isEqualTo("1970-01-01T01:06:40.000+00:00");
  }

  @Test
  void metadataKeepsItsFirstTenKeysInOrderAndRefusesNestedObjects() {
    String contact = s.contact(email());
    Map<String, Object> body = event("id", contact, "many-keys", 500);
    Map<String, Object> metadata = new LinkedHashMap<>();
    for (int i = 1; i <= 12; i++) {
      metadata.put("k" + i, "v" + i);
    }
    body.put("metadata", metadata);
    accepted(api.post("/events", body));
    List<String> keys = new ArrayList<>();
    list("intercom_user_id=" + contact)
        .path("events")
        .path(0)
        .path("metadata")
        .fieldNames()
        .forEachRemaining(keys::add);
    assertThat(keys).containsExactly("k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9", "k10");

    Map<String, Object> nested = event("id", contact, "nested", 600);
    nested.put("metadata", Map.of("deep", Map.of("a", Map.of("b", 1))));
    bad(api.post("/events", nested), "parameter_invalid", "metadata.deep");
    Map<String, Object> array = event("id", contact, "array", 700);
    array.put("metadata", Map.of("list", List.of(1, 2)));
    bad(api.post("/events", array), "parameter_invalid", "metadata.list");
    assertThat(names(list("intercom_user_id=" + contact))).containsExactly("many-keys");
  }

  @Test
  void listingPagesNewestFirstThroughPagesNext() {
    String contact = s.contact(email());
    for (int i = 1; i <= 5; i++) {
      accepted(api.post("/events", event("id", contact, "step-" + i, 10_000 + i)));
    }
    accepted(api.post("/events", event("id", contact, "step-5b", 10_005)));
    List<String> seen = new ArrayList<>();
    JsonNode page = list("intercom_user_id=" + contact + "&per_page=2");
    int pages = 1;
    seen.addAll(names(page));
    while (page.path("pages").has("next")) {
      String next = page.path("pages").path("next").asText();
      assertThat(next).contains("/events?type=user&intercom_user_id=" + contact);
      page = ok(api.get(next.substring(next.indexOf("/events"))));
      seen.addAll(names(page));
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly("step-5b", "step-5", "step-4", "step-3", "step-2", "step-1");
  }

  @Test
  void summariesAddToTheUsersCountsAndWidenItsTimes() {
    String user = "u-" + UUID.randomUUID();
    String contact = s.contact(Map.of("role", "user", "email", email(), "external_id", user));
    accepted(api.post("/events", event("id", contact, "placed-order", 5000)));
    ApiResponse added =
        api.post(
            "/events/summaries",
            Map.of(
                "user_id",
                user,
                "event_summaries",
                Map.of("event_name", "placed-order", "count", 4, "first", 1000, "last", 3000)));
    assertThat(added.status()).as(added.toString()).isEqualTo(200);
    ok(
        api.post(
            "/events/summaries",
            Map.of(
                "user_id",
                user,
                "event_summaries",
                List.of(Map.of("event_name", "opened-app", "count", 7, "first", 10, "last", 20)))));

    JsonNode events = list("user_id=" + user + "&summary=true").path("events");
    assertThat(events.size()).isEqualTo(2);
    assertThat(events.path(0).path("name").asText()).isEqualTo("opened-app");
    assertThat(events.path(0).path("count").asLong()).isEqualTo(7);
    assertThat(events.path(1).path("name").asText()).isEqualTo("placed-order");
    assertThat(events.path(1).path("count").asLong()).isEqualTo(5);
    assertThat(events.path(1).path("first").asText()).isEqualTo("1970-01-01T00:16:40.000+00:00");
    assertThat(events.path(1).path("last").asText()).isEqualTo("1970-01-01T01:23:20.000+00:00");
    // Summaries are counts only: the list of events is unchanged.
    assertThat(names(list("user_id=" + user))).containsExactly("placed-order");
  }

  @Test
  void badInputIsRefusedWithIntercomsErrorsAndChangesNothing() {
    String contact = s.contact(email());
    bad(
        api.post("/events", Map.of("id", contact, "created_at", 1)),
        "parameter_not_found",
        "event_name");
    bad(
        api.post("/events", Map.of("id", contact, "event_name", "x")),
        "parameter_not_found",
        "created_at");
    bad(
        api.post("/events", Map.of("event_name", "x", "created_at", 1)),
        "parameter_not_found",
        "id, user_id or email");
    bad(api.post("/events", event("id", contact, " ", 1)), "parameter_invalid", "event_name");
    Map<String, Object> badTime = event("id", contact, "x", 1);
    badTime.put("created_at", "yesterday");
    assertThat(api.post("/events", badTime).status()).isEqualTo(400);
    ApiResponse unknown = api.post("/events", event("id", "0123456789abcdef01234567", "x", 1));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("errors").path(0).path("message").asText())
        .isEqualTo("User Not Found");
    ApiResponse unknownUser =
        api.post("/events", event("user_id", "nobody-" + UUID.randomUUID(), "x", 1));
    assertThat(unknownUser.status()).isEqualTo(404);

    bad(api.get("/events?intercom_user_id=" + contact), "parameter_not_found", "type");
    bad(api.get("/events?type=company&intercom_user_id=" + contact), "parameter_invalid", "type");
    bad(api.get("/events?type=user"), "parameter_not_found", "intercom_user_id");
    bad(
        api.get("/events?type=user&intercom_user_id=" + contact + "&per_page=0"),
        "parameter_invalid",
        "per_page");
    bad(
        api.get("/events?type=user&intercom_user_id=" + contact + "&before=abc"),
        "parameter_invalid",
        "before");
    assertThat(api.get("/events?type=user&email=nobody@events.example").status()).isEqualTo(404);

    bad(
        api.post("/events/summaries", Map.of("event_summaries", Map.of("event_name", "x"))),
        "parameter_not_found",
        "user_id");
    bad(
        api.post("/events/summaries", Map.of("id", contact)),
        "parameter_not_found",
        "event_summaries");
    bad(
        api.post(
            "/events/summaries",
            Map.of("id", contact, "event_summaries", Map.of("event_name", "x", "count", 0))),
        "parameter_invalid",
        "count");
    bad(
        api.post(
            "/events/summaries",
            Map.of(
                "id",
                contact,
                "event_summaries",
                Map.of("event_name", "x", "first", 9, "last", 1))),
        "parameter_invalid",
        "first");
    JsonNode list = list("intercom_user_id=" + contact);
    assertThat(list.path("events").size()).isZero();
    assertThat(list("intercom_user_id=" + contact + "&summary=true").path("events").size())
        .isZero();
  }

  @Test
  void anotherWorkspaceSeesNeitherTheContactNorItsEvents() {
    String contact = s.contact(email());
    accepted(api.post("/events", event("id", contact, "private", 42)));
    Api other = Acceptance.otherWorkspace(parley.process(), api, "events-other");
    assertThat(other.get("/events?type=user&intercom_user_id=" + contact).status()).isEqualTo(404);
    assertThat(other.post("/events", event("id", contact, "sneaky", 43)).status()).isEqualTo(404);
    assertThat(names(list("intercom_user_id=" + contact))).containsExactly("private");
  }
}
