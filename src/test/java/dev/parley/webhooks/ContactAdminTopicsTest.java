package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import dev.parley.testing.WebhookReceiver;
import dev.parley.testing.WebhookReceiver.Received;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contact and admin webhook topics (issue 14): each change raises its one topic, whose item is
 * the object exactly as the REST API renders it right after, in Intercom's envelope signed with the
 * workspace's client_secret. The subscription takes every contact and admin topic, so a test also
 * sees that no other topic arrived: after the event it makes a second, known change (the fence,
 * archiving or unarchiving a contact kept for that) and waits for it. One delivery worker sends
 * notifications in the order they were raised, so anything the event raised arrives before the
 * fence.
 */
class ContactAdminTopicsTest {
  private static final List<String> TOPICS =
      List.of(
          "contact.user.created",
          "contact.lead.created",
          "contact.user.updated",
          "contact.lead.updated",
          "contact.archived",
          "contact.unarchived",
          "contact.deleted",
          "admin.away_mode_updated");

  @RegisterExtension static final ParleyExtension parley = TopicWindow.server();

  static WebhookReceiver receiver;
  static Api api;
  static Scenario s;
  static String secret;
  static String appId;
  static String fenceContact;
  static boolean fenceArchived;

  @BeforeAll
  static void subscribe() {
    receiver = WebhookReceiver.start();
    api = parley.api();
    s = new Scenario(api);
    Api operator = api.withToken(ParleyProcess.OPERATOR_TOKEN);
    ApiResponse ws = operator.get("/_parley/workspaces/default");
    assertThat(ws.status()).as(ws.toString()).isEqualTo(200);
    secret = ws.json().get("client_secret").asText();
    appId = ws.json().get("app_id").asText();
    fenceContact = s.contact("fence-" + UUID.randomUUID() + "@example.com");
    ApiResponse sub =
        operator.post(
            "/_parley/workspaces/default/webhooks",
            Map.of("url", receiver.url(), "topics", TOPICS));
    assertThat(sub.status()).as(sub.toString()).isEqualTo(200);
    receiver.awaitTopic("ping");
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  /**
   * Runs {@code event}, then the fence, waits for the fence's notification and returns what arrived
   * between them.
   */
  private static List<Received> during(Runnable event) {
    int from = receiver.received().size();
    event.run();
    fenceArchived = !fenceArchived;
    String path = "/contacts/" + fenceContact + (fenceArchived ? "/archive" : "/unarchive");
    ApiResponse fence = api.post(path, Map.of());
    assertThat(fence.status()).as(fence.toString()).isEqualTo(200);
    String fenceTopic = fenceArchived ? "contact.archived" : "contact.unarchived";
    List<Received> all =
        receiver.await(
            list -> list.stream().skip(from).anyMatch(r -> isFence(r, fenceTopic)),
            Duration.ofSeconds(10));
    List<Received> window = all.subList(from, all.size());
    assertThat(window.stream().filter(r -> isFence(r, fenceTopic)).count())
        .as("the fence arrived once")
        .isEqualTo(1);
    return window.stream().filter(r -> !r.item().path("id").asText().equals(fenceContact)).toList();
  }

  private static boolean isFence(Received r, String fenceTopic) {
    return r.topic().equals(fenceTopic) && r.item().path("id").asText().equals(fenceContact);
  }

  /** The one notification of the window: its topic, signature and envelope. */
  private static JsonNode only(List<Received> window, String topic) {
    assertThat(window).extracting(Received::topic).as("what arrived").containsExactly(topic);
    Received r = window.get(0);
    assertThat(r.signedWith(secret)).as("X-Hub-Signature keyed by client_secret").isTrue();
    assertEnvelope(r.json(), topic);
    return r.item();
  }

  private static void assertEnvelope(JsonNode json, String topic) {
    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly(
            "type",
            "app_id",
            "data",
            "links",
            "id",
            "topic",
            "delivery_status",
            "delivery_attempts",
            "delivered_at",
            "first_sent_at",
            "created_at",
            "self");
    assertThat(json.get("type").asText()).isEqualTo("notification_event");
    assertThat(json.get("app_id").asText()).isEqualTo(appId);
    assertThat(json.get("data").get("type").asText()).isEqualTo("notification_event_data");
    assertThat(json.get("data").has("item")).isTrue();
    assertThat(json.get("links").isObject()).isTrue();
    assertThat(json.get("links").size()).isZero();
    assertThat(json.get("id").asText()).startsWith("notif_");
    assertThat(json.get("topic").asText()).isEqualTo(topic);
    assertThat(json.get("delivery_status").asText()).isEqualTo("pending");
    assertThat(json.get("delivery_attempts").asInt()).isEqualTo(1);
    assertThat(json.get("delivered_at").asLong()).isZero();
    assertThat(json.get("first_sent_at").asLong())
        .isGreaterThanOrEqualTo(json.get("created_at").asLong());
    assertThat(json.get("created_at").asLong()).isPositive();
    assertThat(json.get("self").isNull()).isTrue();
  }

  private static JsonNode get(String path) {
    ApiResponse got = api.get(path);
    assertThat(got.status()).as(got.toString()).isEqualTo(200);
    return got.json();
  }

  private static String create(String role) {
    return s.contact(
        Map.of(
            "role",
            role,
            "email",
            role + "-" + UUID.randomUUID() + "@example.com",
            "name",
            "Name " + role));
  }

  /** A contact made before a test's window, once its creation's notification has arrived. */
  private static String settled(String role) {
    String id = create(role);
    arrived("contact." + role + ".created", id);
    return id;
  }

  private static void arrived(String topic, String id) {
    receiver.await(
        list ->
            list.stream()
                .anyMatch(r -> r.topic().equals(topic) && r.item().path("id").asText().equals(id)),
        Duration.ofSeconds(10));
  }

  @Test
  void creatingAUserRaisesContactUserCreated() {
    String[] id = new String[1];
    List<Received> window = during(() -> id[0] = create("user"));
    JsonNode item = only(window, "contact.user.created");
    assertThat(item).isEqualTo(get("/contacts/" + id[0]));
  }

  @Test
  void creatingALeadRaisesContactLeadCreated() {
    String[] id = new String[1];
    List<Received> window = during(() -> id[0] = create("lead"));
    JsonNode item = only(window, "contact.lead.created");
    assertThat(item.get("role").asText()).isEqualTo("lead");
    assertThat(item).isEqualTo(get("/contacts/" + id[0]));
  }

  @Test
  void attachingAnUnknownEmailCreatesALeadAndRaisesContactLeadCreated() {
    String conversation = s.conversation(settled("user"), "<p>hello</p>");
    String email = "attached-" + UUID.randomUUID() + "@example.com";
    List<Received> window =
        during(
            () -> {
              ApiResponse attached =
                  api.post(
                      "/conversations/" + conversation + "/customers",
                      Map.of("admin_id", s.adminId(), "customer", Map.of("email", email)));
              assertThat(attached.status()).as(attached.toString()).isEqualTo(200);
            });
    JsonNode item = only(window, "contact.lead.created");
    assertThat(item.get("email").asText()).isEqualTo(email);
    assertThat(item).isEqualTo(get("/contacts/" + item.get("id").asText()));
  }

  @Test
  void updatingAUserRaisesContactUserUpdated() {
    String id = settled("user");
    List<Received> window =
        during(
            () ->
                assertThat(
                        api.put(
                                "/contacts/" + id,
                                Map.of(
                                    "name", "Renamed", "custom_attributes", Map.of("plan", "pro")))
                            .status())
                    .isEqualTo(200));
    JsonNode item = only(window, "contact.user.updated");
    assertThat(item.get("name").asText()).isEqualTo("Renamed");
    assertThat(item).isEqualTo(get("/contacts/" + id));
  }

  @Test
  void updatingALeadRaisesContactLeadUpdated() {
    String id = settled("lead");
    List<Received> window =
        during(
            () ->
                assertThat(api.put("/contacts/" + id, Map.of("name", "Lead renamed")).status())
                    .isEqualTo(200));
    JsonNode item = only(window, "contact.lead.updated");
    assertThat(item.get("name").asText()).isEqualTo("Lead renamed");
    assertThat(item).isEqualTo(get("/contacts/" + id));
  }

  @Test
  void archivingRaisesContactArchived() {
    String id = settled("user");
    List<Received> window =
        during(
            () ->
                assertThat(api.post("/contacts/" + id + "/archive", Map.of()).status())
                    .isEqualTo(200));
    JsonNode item = only(window, "contact.archived");
    assertThat(item.get("id").asText()).isEqualTo(id);
    assertThat(item).isEqualTo(get("/contacts/" + id));
  }

  @Test
  void unarchivingRaisesContactUnarchived() {
    String id = settled("user");
    assertThat(api.post("/contacts/" + id + "/archive", Map.of()).status()).isEqualTo(200);
    arrived("contact.archived", id);
    List<Received> window =
        during(
            () ->
                assertThat(api.post("/contacts/" + id + "/unarchive", Map.of()).status())
                    .isEqualTo(200));
    JsonNode item = only(window, "contact.unarchived");
    assertThat(item.get("id").asText()).isEqualTo(id);
    assertThat(item).isEqualTo(get("/contacts/" + id));
  }

  @Test
  void deletingRaisesContactDeletedWithIdentifyingFieldsOnly() {
    String id = settled("user");
    ApiResponse[] deleted = new ApiResponse[1];
    List<Received> window =
        during(
            () -> {
              deleted[0] = api.delete("/contacts/" + id);
              assertThat(deleted[0].status()).as(deleted[0].toString()).isEqualTo(200);
            });
    JsonNode item = only(window, "contact.deleted");
    assertThat(item.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("type", "id", "workspace_id", "deleted");
    assertThat(item.get("type").asText()).isEqualTo("contact");
    assertThat(item.get("id").asText()).isEqualTo(id);
    assertThat(item.get("workspace_id").asText()).isEqualTo(appId);
    assertThat(item.get("deleted").asBoolean()).isTrue();
    assertThat(api.get("/contacts/" + id).status()).isEqualTo(404);
  }

  @Test
  void settingAwayRaisesAdminAwayModeUpdated() {
    String admin = s.adminId();
    List<Received> window =
        during(
            () -> {
              ApiResponse away =
                  api.put(
                      "/admins/" + admin + "/away",
                      Map.of("away_mode_enabled", true, "away_mode_reassign", true));
              assertThat(away.status()).as(away.toString()).isEqualTo(200);
            });
    JsonNode item = only(window, "admin.away_mode_updated");
    assertThat(item.get("away_mode_enabled").asBoolean()).isTrue();
    assertThat(item).isEqualTo(get("/admins/" + admin));
    assertThat(
            api.put(
                    "/admins/" + admin + "/away",
                    Map.of("away_mode_enabled", false, "away_mode_reassign", false))
                .status())
        .isEqualTo(200);
  }

  @Test
  void aNewSubscriptionIsPingedOnlyThere() {
    try (WebhookReceiver second = WebhookReceiver.start()) {
      int before = receiver.received().size();
      ApiResponse sub =
          api.withToken(ParleyProcess.OPERATOR_TOKEN)
              .post(
                  "/_parley/workspaces/default/webhooks",
                  Map.of("url", second.url(), "topics", List.of("admin.away_mode_updated")));
      assertThat(sub.status()).as(sub.toString()).isEqualTo(200);
      Received ping = second.awaitTopic("ping");
      assertThat(ping.signedWith(secret)).isTrue();
      assertEnvelope(ping.json(), "ping");
      assertThat(ping.item().get("type").asText()).isEqualTo("ping");
      assertThat(ping.item().get("message").asText()).isEqualTo("something something interzen");
      // The first subscription got no ping: only the fence arrives there.
      List<Received> window = during(() -> {});
      assertThat(window).isEmpty();
      assertThat(receiver.received().size()).isEqualTo(before + 1);
      assertThat(second.received()).extracting(Received::topic).containsExactly("ping");
      ApiResponse removed =
          api.withToken(ParleyProcess.OPERATOR_TOKEN)
              .delete("/_parley/workspaces/default/webhooks/" + sub.json().get("id").asText());
      assertThat(removed.status()).isEqualTo(200);
    }
  }
}
