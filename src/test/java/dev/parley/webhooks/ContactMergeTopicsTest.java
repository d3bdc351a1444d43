package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.Scenario;
import dev.parley.testing.WebhookReceiver.Received;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code contact.merged} (issue 15, in the style of {@link ContactTagTopicsTest}): {@code POST
 * /contacts/merge} raises, in the merge's transaction and in this order, {@code contact.deleted}
 * for the lead (identifying fields only), {@code contact.user.updated} and {@code contact.merged}
 * for the user, each once; the {@code contact.merged} item is the user exactly as the REST API
 * renders it right after (Intercom's item names the user, not the lead), signed with the
 * workspace's client_secret. A merge that fails raises nothing; other contact changes raise no
 * {@code contact.merged}. Each window ends with a fence (archiving or unarchiving a contact kept
 * for that) and sees everything raised before it.
 */
class ContactMergeTopicsTest {
  private static final List<String> TOPICS =
      List.of(
          "contact.merged",
          "contact.deleted",
          "contact.user.updated",
          "contact.lead.updated",
          "contact.tag.created");

  @RegisterExtension static final ParleyExtension parley = TopicWindow.server();

  static TopicWindow topics;
  static Api api;
  static Scenario s;

  @BeforeAll
  static void subscribe() {
    api = parley.api();
    s = new Scenario(api);
    topics = TopicWindow.subscribe(api, TOPICS);
  }

  @AfterAll
  static void stopReceiver() {
    topics.close();
  }

  private static JsonNode ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  private static String contact(String role) {
    return s.contact(
        Map.of("role", role, "email", role + "-" + UUID.randomUUID() + "@example.com"));
  }

  @Test
  void aMergeRaisesContactMergedOnceWithTheUserAfterTheMerge() {
    String lead = contact("lead");
    String user = contact("user");
    JsonNode[] merged = new JsonNode[1];
    List<Received> window =
        topics.during(
            () -> merged[0] = ok(api.post("/contacts/merge", Map.of("from", lead, "into", user))));
    // The lead's contact.deleted and the user's two are of different subjects: order is kept per
    // subject only (docs/webhooks.md, "Ordering"), so the lead's may arrive anywhere.
    List<String> received = window.stream().map(Received::topic).toList();
    assertThat(received)
        .containsExactlyInAnyOrder("contact.deleted", "contact.user.updated", "contact.merged");
    assertThat(received.indexOf("contact.user.updated"))
        .isLessThan(received.indexOf("contact.merged"));
    assertThat(window.get(received.indexOf("contact.deleted")).item().path("id").asText())
        .isEqualTo(lead);

    Received r = window.get(received.indexOf("contact.merged"));
    assertThat(r.signedWith(topics.secret())).as("X-Hub-Signature keyed by client_secret").isTrue();
    assertThat(r.json().path("type").asText()).isEqualTo("notification_event");
    assertThat(r.json().path("data").path("type").asText()).isEqualTo("notification_event_data");
    JsonNode item = r.item();
    assertThat(item.path("type").asText()).isEqualTo("contact");
    assertThat(item.path("id").asText()).isEqualTo(user);
    assertThat(item).isEqualTo(merged[0]);
    assertThat(item).isEqualTo(ok(api.get("/contacts/" + user)));
    assertThat(item.toString()).doesNotContain(lead);
    assertThat(r.json().path("id").asText())
        .startsWith("notif_")
        .isNotEqualTo(
            window.get(received.indexOf("contact.user.updated")).json().path("id").asText());
  }

  @Test
  void aMergeThatFailsRaisesNothing() {
    String lead = contact("lead");
    String user = contact("user");
    List<Received> window =
        topics.during(
            () -> {
              // from must be a lead, into a user
              assertThat(api.post("/contacts/merge", Map.of("from", user, "into", lead)).status())
                  .isEqualTo(400);
              assertThat(
                      api.post(
                              "/contacts/merge",
                              Map.of("from", lead, "into", "0123456789abcdef01234567"))
                          .status())
                  .isEqualTo(404);
            });
    assertThat(window).isEmpty();
    assertThat(api.get("/contacts/" + lead).status()).isEqualTo(200);
  }

  @Test
  void otherContactChangesRaiseNoContactMerged() {
    String lead = contact("lead");
    String user = contact("user");
    String tag =
        ok(api.post("/tags", Map.of("name", "Merge topic " + UUID.randomUUID())))
            .path("id")
            .asText();
    List<Received> window =
        topics.during(
            () -> {
              ok(api.put("/contacts/" + user, Map.of("name", "Renamed")));
              ok(api.put("/contacts/" + lead, Map.of("name", "Renamed lead")));
              ok(api.post("/contacts/" + user + "/tags", Map.of("id", tag)));
            });
    // Order is kept per subject (the user's two), not across subjects: the lead's notification
    // may be sent beside the user's (docs/webhooks.md, "Ordering").
    List<String> topicsReceived = window.stream().map(Received::topic).toList();
    assertThat(topicsReceived)
        .containsExactlyInAnyOrder(
            "contact.user.updated", "contact.lead.updated", "contact.tag.created");
    assertThat(topicsReceived.indexOf("contact.user.updated"))
        .isLessThan(topicsReceived.indexOf("contact.tag.created"));
  }
}
