package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
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
 * The topics of tags on contacts (issue 15, in the style of {@link ContactAdminTopicsTest}):
 * tagging a contact raises {@code contact.tag.created}, untagging it {@code contact.tag.deleted},
 * each once, with Intercom's {@code contact_tag} item ({@code {type, created_at, contact, tag}}:
 * the contact as the REST API renders it right after, the tag with its application), signed with
 * the workspace's client_secret. Tagging a tag the contact has, writing a note and deleting a tag
 * raise nothing (not even {@code contact.user.updated}). Each test ends its window with a fence
 * (archiving or unarchiving a contact kept for that) and sees everything raised before it.
 */
class ContactTagTopicsTest {
  private static final List<String> TOPICS =
      List.of(
          "contact.tag.created",
          "contact.tag.deleted",
          "contact.user.updated",
          "contact.archived",
          "contact.unarchived");

  @RegisterExtension static final ParleyExtension parley = TopicWindow.server();

  static TopicWindow topics;
  static WebhookReceiver receiver;
  static Api api;
  static Scenario s;

  @BeforeAll
  static void subscribe() {
    api = parley.api();
    s = new Scenario(api);
    topics = TopicWindow.subscribe(api, TOPICS);
    receiver = topics.receiver();
  }

  @AfterAll
  static void stopReceiver() {
    topics.close();
  }

  private static List<Received> during(Runnable event) {
    return topics.during(event);
  }

  private static JsonNode ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  private static String tag() {
    return ok(api.post("/tags", Map.of("name", "Topic " + UUID.randomUUID()))).path("id").asText();
  }

  private static String contact() {
    return s.contact("tagged-" + UUID.randomUUID() + "@example.com");
  }

  /** Tags a contact before a test's window, once the tagging's notification has arrived. */
  private static void settledTag(String contact, String tag) {
    ok(api.post("/contacts/" + contact + "/tags", Map.of("id", tag)));
    receiver.await(
        list ->
            list.stream()
                .anyMatch(
                    r ->
                        r.topic().equals("contact.tag.created")
                            && r.item().path("contact").path("id").asText().equals(contact)
                            && r.item().path("tag").path("id").asText().equals(tag)),
        Duration.ofSeconds(10));
  }

  /** The {@code contact_tag} item of one notification, its envelope and signature checked. */
  private static JsonNode contactTag(Received r, String topic) {
    assertThat(r.topic()).isEqualTo(topic);
    assertThat(r.signedWith(topics.secret())).as("X-Hub-Signature keyed by client_secret").isTrue();
    assertThat(r.json().path("type").asText()).isEqualTo("notification_event");
    JsonNode item = r.item();
    assertThat(item.fieldNames())
        .toIterable()
        .containsExactly("type", "created_at", "contact", "tag");
    assertThat(item.path("type").asText()).isEqualTo("contact_tag");
    assertThat(item.path("created_at").asLong()).isPositive();
    return item;
  }

  @Test
  void taggingAContactRaisesContactTagCreatedOnceWithTheContactAndTheTag() {
    String contact = contact();
    String tag = tag();
    JsonNode[] applied = new JsonNode[1];
    List<Received> window =
        during(
            () -> {
              applied[0] = ok(api.post("/contacts/" + contact + "/tags", Map.of("id", tag)));
              // already tagged: nothing more
              ok(api.post("/contacts/" + contact + "/tags", Map.of("id", tag)));
            });
    assertThat(window).extracting(Received::topic).containsExactly("contact.tag.created");
    JsonNode item = contactTag(window.get(0), "contact.tag.created");
    assertThat(item.path("tag")).isEqualTo(applied[0]);
    assertThat(item.path("created_at").asLong()).isEqualTo(applied[0].path("applied_at").asLong());
    assertThat(item.path("contact")).isEqualTo(ok(api.get("/contacts/" + contact)));
    assertThat(item.path("contact").path("tags").path("total_count").asInt()).isEqualTo(1);
  }

  @Test
  void untaggingAContactRaisesContactTagDeletedOnce() {
    String contact = contact();
    String tag = tag();
    settledTag(contact, tag);
    List<Received> window = during(() -> ok(api.delete("/contacts/" + contact + "/tags/" + tag)));
    assertThat(window).extracting(Received::topic).containsExactly("contact.tag.deleted");
    JsonNode item = contactTag(window.get(0), "contact.tag.deleted");
    assertThat(item.path("tag").path("id").asText()).isEqualTo(tag);
    assertThat(item.path("contact")).isEqualTo(ok(api.get("/contacts/" + contact)));
    assertThat(item.path("contact").path("tags").path("total_count").asInt()).isZero();
  }

  @Test
  void taggingSeveralContactsThroughPostTagsRaisesOneContactTagCreatedEach() {
    String a = contact();
    String b = contact();
    String name = "Bulk topic " + UUID.randomUUID();
    List<Received> window =
        during(
            () ->
                ok(
                    api.post(
                        "/tags",
                        Map.of("name", name, "users", List.of(Map.of("id", a), Map.of("id", b))))));
    assertThat(window)
        .extracting(Received::topic)
        .containsExactly("contact.tag.created", "contact.tag.created");
    assertThat(window)
        .extracting(r -> r.item().path("contact").path("id").asText())
        // two subjects: no order between them
        .containsExactlyInAnyOrder(a, b);
    assertThat(window)
        .extracting(r -> r.item().path("tag").path("name").asText())
        .containsOnly(name);
  }

  @Test
  void notesAndDeletingATagRaiseNothing() {
    String contact = contact();
    String tag = tag();
    settledTag(contact, tag);
    List<Received> window =
        during(
            () -> {
              ok(api.post("/contacts/" + contact + "/notes", Map.of("body", "quiet")));
              assertThat(api.delete("/tags/" + tag).status()).isEqualTo(200);
            });
    assertThat(window).extracting(Received::topic).isEmpty();
  }
}
