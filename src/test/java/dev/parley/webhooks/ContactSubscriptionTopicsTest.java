package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.Cli;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.Scenario;
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
 * The topics of a contact's subscription choices (issue 15, in the style of {@link
 * ContactTagTopicsTest}): a contact that now receives a subscription type's messages raises {@code
 * contact.subscribed} (opting in to an opt-in type, or dropping its opt-out of an opt-out type),
 * one that no longer does {@code contact.unsubscribed} (opting out, or dropping its opt-in), each
 * once, the item the contact as the REST API renders it, signed with the workspace's client_secret.
 * A choice made twice raises nothing.
 */
class ContactSubscriptionTopicsTest {
  private static final List<String> TOPICS =
      List.of("contact.subscribed", "contact.unsubscribed", "contact.user.updated");

  @RegisterExtension static final ParleyExtension parley = TopicWindow.server();

  static TopicWindow topics;
  static Api api;
  static Scenario s;
  static String optIn;
  static String optOut;

  @BeforeAll
  static void subscribe() {
    api = parley.api();
    s = new Scenario(api);
    topics = TopicWindow.subscribe(api, TOPICS);
    optIn = type("Newsletter", "opt_in");
    optOut = type("Product updates", "opt_out");
  }

  @AfterAll
  static void stopReceiver() {
    topics.close();
  }

  private static String type(String name, String consent) {
    Cli.Result created =
        parley
            .process()
            .cli(
                "subscription-type",
                "create",
                "--workspace",
                "default",
                "--name",
                name,
                "--consent-type",
                consent);
    assertThat(created.exitCode()).as(created.output()).isZero();
    String out = created.output();
    return out.replaceAll("(?s).*\"id\"\\s*:\\s*\"([0-9]+)\".*", "$1");
  }

  private static JsonNode ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  private static String contact() {
    return s.contact("subscriber-" + UUID.randomUUID() + "@example.com");
  }

  private static ApiResponse attach(String contact, String type, String consent) {
    return api.post(
        "/contacts/" + contact + "/subscriptions", Map.of("id", type, "consent_type", consent));
  }

  /** Records a choice before a test's window, once its notification has arrived. */
  private static void settled(String contact, String type, String consent, String topic) {
    ok(attach(contact, type, consent));
    topics
        .receiver()
        .await(
            list ->
                list.stream()
                    .anyMatch(
                        r ->
                            r.topic().equals(topic)
                                && r.item().path("id").asText().equals(contact)),
            Duration.ofSeconds(10));
  }

  /** The contact item of one notification, its envelope and signature checked. */
  private static JsonNode contactItem(Received r, String topic, String contact) {
    assertThat(r.topic()).isEqualTo(topic);
    assertThat(r.signedWith(topics.secret())).as("X-Hub-Signature keyed by client_secret").isTrue();
    assertThat(r.json().path("type").asText()).isEqualTo("notification_event");
    JsonNode item = r.item();
    assertThat(item.path("type").asText()).isEqualTo("contact");
    assertThat(item.path("id").asText()).isEqualTo(contact);
    assertThat(item).isEqualTo(ok(api.get("/contacts/" + contact)));
    return item;
  }

  @Test
  void optingInOrDroppingAnOptOutRaisesContactSubscribedOnce() {
    String contact = contact();
    settled(contact, optOut, "opt_out", "contact.unsubscribed");
    List<Received> window =
        topics.during(
            () -> {
              ok(attach(contact, optIn, "opt_in"));
              // the same choice again: nothing more
              ok(attach(contact, optIn, "opt_in"));
              ok(api.delete("/contacts/" + contact + "/subscriptions/" + optOut));
            });
    assertThat(window)
        .extracting(Received::topic)
        .containsExactly("contact.subscribed", "contact.subscribed");
    window.forEach(r -> contactItem(r, "contact.subscribed", contact));
  }

  @Test
  void optingOutOrDroppingAnOptInRaisesContactUnsubscribedOnce() {
    String contact = contact();
    settled(contact, optIn, "opt_in", "contact.subscribed");
    List<Received> window =
        topics.during(
            () -> {
              ok(attach(contact, optOut, "opt_out"));
              ok(attach(contact, optOut, "opt_out"));
              ok(api.delete("/contacts/" + contact + "/subscriptions/" + optIn));
              // no choice left about it: 404, nothing raised
              assertThat(api.delete("/contacts/" + contact + "/subscriptions/" + optIn).status())
                  .isEqualTo(404);
            });
    assertThat(window)
        .extracting(Received::topic)
        .containsExactly("contact.unsubscribed", "contact.unsubscribed");
    window.forEach(r -> contactItem(r, "contact.unsubscribed", contact));
  }
}
