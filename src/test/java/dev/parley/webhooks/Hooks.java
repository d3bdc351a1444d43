package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Operator calls on the default workspace's webhooks, and bounded waits on their state. */
final class Hooks {
  static final String BASE = "/_parley/workspaces/default/webhooks";
  private final Api api;

  Hooks(Api api) {
    this.api = api;
  }

  /** Subscribes {@code url} to {@code ping} (which sends one ping at once); its id. */
  String subscribe(String url) {
    ApiResponse created = api.post(BASE, Map.of("url", url, "topics", List.of("ping")));
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    return created.json().path("id").asText();
  }

  JsonNode subscription(String id) {
    for (JsonNode s : api.get(BASE).json().path("data")) {
      if (s.path("id").asText().equals(id)) {
        return s;
      }
    }
    throw new AssertionError("no subscription " + id);
  }

  /** The delivery log of one subscription, newest first. */
  JsonNode deliveries(String subscriptionId) {
    ApiResponse got = api.get(BASE + "/deliveries?subscription_id=" + subscriptionId);
    assertThat(got.status()).as(got.body()).isEqualTo(200);
    return got.json().path("data");
  }

  /** The only delivery-log entry of a subscription. */
  JsonNode onlyDelivery(String subscriptionId) {
    JsonNode log = deliveries(subscriptionId);
    assertThat(log.size()).as(log.toString()).isEqualTo(1);
    return log.path(0);
  }

  ApiResponse resume(String id) {
    return api.post(BASE + "/" + id + "/resume", Map.of());
  }

  /** Polls {@code read} until {@code condition} holds (bounded); the last value. */
  static JsonNode until(
      java.util.function.Supplier<JsonNode> read, Predicate<JsonNode> condition, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    JsonNode last = read.get();
    while (!condition.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + max + ": " + last);
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      last = read.get();
    }
    return last;
  }
}
