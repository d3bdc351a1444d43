package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import dev.parley.testing.WebhookReceiver;
import dev.parley.testing.WebhookReceiver.Received;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A webhook receiver subscribed to the default workspace's topics, and windows of what one event
 * raised: {@link #during} runs the event, then archives (or unarchives) a fence contact, and
 * answers what arrived before the fence's notification. One subscription delivers in order, so
 * nothing the event raised can arrive after the fence, and an event that raises nothing gives an
 * empty window without waiting for a timeout. The subscription takes {@code contact.archived} and
 * {@code contact.unarchived} besides the topics asked for.
 */
final class TopicWindow implements AutoCloseable {
  private final Api api;
  private final WebhookReceiver receiver;
  private final String secret;
  private final String fenceContact;
  private boolean fenceArchived;

  private TopicWindow(Api api, WebhookReceiver receiver, String secret, String fenceContact) {
    this.api = api;
    this.receiver = receiver;
    this.secret = secret;
    this.fenceContact = fenceContact;
  }

  /**
   * A parley started once for the test class, delivering as topic tests want it: one delivery
   * worker (so that one subscription's notifications arrive in the order they were raised), a poll
   * every 50 ms, and a first retry after 1 second.
   */
  static ParleyExtension server() {
    return ParleyExtension.perClass()
        .arg("--webhook-workers", "1", "--webhook-poll-ms", "50", "--webhook-retry-initial", "1");
  }

  /**
   * Starts a receiver and subscribes it to {@code topics} of the default workspace of the server
   * {@code api} talks to, once its {@code ping} has arrived.
   */
  static TopicWindow subscribe(Api api, List<String> topics) {
    WebhookReceiver receiver = WebhookReceiver.start();
    Api operator = api.withToken(ParleyProcess.OPERATOR_TOKEN);
    ApiResponse ws = operator.get("/_parley/workspaces/default");
    assertThat(ws.status()).as(ws.toString()).isEqualTo(200);
    String fence = new Scenario(api).contact("fence-" + UUID.randomUUID() + "@example.com");
    List<String> all = new ArrayList<>(topics);
    for (String topic : List.of("contact.archived", "contact.unarchived")) {
      if (!all.contains(topic)) {
        all.add(topic);
      }
    }
    ApiResponse sub =
        operator.post(
            "/_parley/workspaces/default/webhooks", Map.of("url", receiver.url(), "topics", all));
    assertThat(sub.status()).as(sub.toString()).isEqualTo(200);
    receiver.awaitTopic("ping");
    return new TopicWindow(api, receiver, ws.json().get("client_secret").asText(), fence);
  }

  /** The workspace's client secret, which signs its notifications. */
  String secret() {
    return secret;
  }

  /** The receiver, for waiting on notifications outside a window. */
  WebhookReceiver receiver() {
    return receiver;
  }

  /** Runs {@code event}, then the fence; returns what arrived between them. */
  List<Received> during(Runnable event) {
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
    return window.stream().filter(r -> !isFence(r, fenceTopic)).toList();
  }

  private boolean isFence(Received r, String fenceTopic) {
    return r.topic().equals(fenceTopic) && r.item().path("id").asText().equals(fenceContact);
  }

  @Override
  public void close() {
    receiver.close();
  }
}
