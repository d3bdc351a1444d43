package dev.parley.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestStore;
import dev.parley.testing.WebhookReceiver;
import dev.parley.testing.WebhookReceiver.Received;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snoozed conversation opens when the server clock passes its {@code snoozed_until} (issue 17,
 * "Time"; Intercom reopens a snoozed conversation when its snooze ends): {@code state} open, {@code
 * snoozed_until} cleared, a {@code timer_unsnooze} part by the admin who snoozed it, dated when the
 * snooze ran out, and {@code conversation.admin.unsnoozed} raised once. A clock moved over HTTP has
 * woken what it made due by the time its answer arrives; real time wakes it within a second or so
 * (the periodic job). On PostgreSQL, two processes whose clocks pass the same snoozes together wake
 * each conversation once.
 *
 * <p>Each test freezes the clock at the real now first (the extension returns it to real after the
 * test), so the times it asserts are exact.
 */
class SnoozeWakeUpTest {
  @RegisterExtension
  static final ParleyExtension parley =
      ParleyExtension.perClass()
          .arg("--webhook-workers", "1", "--webhook-poll-ms", "50", "--webhook-retry-initial", "1");

  static WebhookReceiver receiver;
  static Api api;
  static Scenario s;
  static String fenceContact;
  static boolean fenceArchived;

  @TempDir Path root;

  @BeforeAll
  static void subscribe() {
    receiver = WebhookReceiver.start();
    api = parley.api();
    s = new Scenario(api);
    fenceContact = s.contact("fence-" + UUID.randomUUID() + "@example.com");
    ApiResponse sub =
        api.withToken(ParleyProcess.OPERATOR_TOKEN)
            .post(
                "/_parley/workspaces/default/webhooks",
                Map.of(
                    "url",
                    receiver.url(),
                    "topics",
                    List.of(
                        "conversation.admin.unsnoozed",
                        "conversation.admin.snoozed",
                        "contact.archived",
                        "contact.unarchived")));
    assertThat(sub.status()).as(sub.toString()).isEqualTo(200);
    receiver.awaitTopic("ping");
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  @Test
  void aSnoozeOpensWhenTheClockPassesItAndRaisesUnsnoozedOnce() {
    long t = freezeNow(parley.process());
    String id = s.conversation("wake me at ten past");
    JsonNode before = get(id);
    long until = t + 600;
    snooze(id, until);
    fence();

    String answer = parley.process().moveClock("{\"advance_seconds\": 3600}");
    assertThat(answer).contains("\"now\":" + (t + 3600));

    JsonNode c = get(id);
    assertThat(c.get("state").asText()).isEqualTo("open");
    assertThat(c.get("open").asBoolean()).isTrue();
    assertThat(c.get("snoozed_until").isNull()).isTrue();
    assertThat(c.get("updated_at").asLong()).as("opened when the snooze ran out").isEqualTo(until);
    assertThat(c.get("waiting_since")).isEqualTo(before.get("waiting_since"));
    assertThat(c.get("statistics").get("count_reopens").asInt()).isZero();
    JsonNode part = lastPart(c);
    assertThat(part.get("part_type").asText()).isEqualTo("timer_unsnooze");
    assertThat(part.get("body").isNull()).isTrue();
    assertThat(part.get("created_at").asLong()).isEqualTo(until);
    assertThat(part.get("state").asText()).isEqualTo("open");
    assertThat(part.get("author").get("type").asText()).isEqualTo("admin");
    assertThat(part.get("author").get("id").asText()).isEqualTo(s.adminId());
    assertThat(c.get("conversation_parts").get("total_count").asInt())
        .isEqualTo(before.get("conversation_parts").get("total_count").asInt() + 2);

    assertThat(search(id, "open")).isEqualTo(1);
    assertThat(search(id, "snoozed")).isZero();

    parley.process().moveClock("{\"advance_seconds\": 3600}");
    List<Received> unsnoozed = unsnoozedOf(id, fence());
    assertThat(unsnoozed).hasSize(1);
    JsonNode item = unsnoozed.get(0).item();
    assertThat(item.get("state").asText()).isEqualTo("open");
    assertThat(item.get("snoozed_until").isNull()).isTrue();
    assertThat(item.get("conversation_parts").get("conversation_parts"))
        .containsExactly(lastPart(get(id)));
  }

  @Test
  void aSnoozeNotYetDueStaysSnoozed() {
    long t = freezeNow(parley.process());
    String id = s.conversation("not before tomorrow");
    long until = t + 86_400;
    snooze(id, until);

    parley.process().moveClock("{\"advance_seconds\": 86399}");

    JsonNode c = get(id);
    assertThat(c.get("state").asText()).isEqualTo("snoozed");
    assertThat(c.get("snoozed_until").asLong()).isEqualTo(until);
    assertThat(lastPart(c).get("part_type").asText()).isEqualTo("snoozed");
    assertThat(search(id, "snoozed")).isEqualTo(1);
    assertThat(unsnoozedOf(id, fence())).isEmpty();

    parley.process().moveClock("{\"advance_seconds\": 1}");
    assertThat(get(id).get("state").asText()).as("due at snoozed_until itself").isEqualTo("open");
  }

  @Test
  void aSnoozeEndedByAnAdminIsNotWokenAgain() {
    long t = freezeNow(parley.process());
    String id = s.conversation("opened by hand");
    snooze(id, t + 60);
    ApiResponse open =
        api.post(
            "/conversations/" + id + "/parts",
            Map.of("message_type", "open", "admin_id", s.adminId()));
    assertThat(open.status()).as(open.toString()).isEqualTo(200);

    parley.process().moveClock("{\"advance_seconds\": 120}");

    JsonNode c = get(id);
    assertThat(lastPart(c).get("part_type").asText()).isEqualTo("open");
    assertThat(unsnoozedOf(id, fence())).hasSize(1);
  }

  @Test
  void realTimeWakesASnoozeWithoutAClockMove() {
    long t = freezeNow(parley.process());
    parley.process().moveClock("{\"real\": true}");
    String id = s.conversation("in a second");
    long until = t + 2;
    snooze(id, until);

    List<Received> arrived =
        receiver.await(list -> !unsnoozedOf(id, list).isEmpty(), Duration.ofSeconds(20));

    assertThat(unsnoozedOf(id, arrived)).hasSize(1);
    JsonNode c = get(id);
    assertThat(c.get("state").asText()).isEqualTo("open");
    assertThat(lastPart(c).get("created_at").asLong()).isEqualTo(until);
  }

  /**
   * Two processes on one PostgreSQL, both clocks moved past the same snoozes at once: each
   * conversation gets one {@code timer_unsnooze} part and one notification.
   */
  @Test
  void twoProcessesWakeEachSnoozeOnce() throws Exception {
    Assumptions.assumeTrue(TestStore.postgres(), "several processes share a PostgreSQL only");
    try (ParleyProcess other =
        ParleyProcess.in(root)
            .databaseUrl(parley.process().databaseUrl())
            .token(parley.process().token())
            .arg("--webhook-workers", "1", "--webhook-poll-ms", "50")
            .start()) {
      long t = freezeNow(parley.process());
      other.moveClock("{\"frozen_at\": " + t + "}");
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        String id = s.conversation("race " + i);
        snooze(id, t + 60 + i % 3);
        ids.add(id);
      }

      CompletableFuture<String> here =
          CompletableFuture.supplyAsync(
              () -> parley.process().moveClock("{\"advance_seconds\": 120}"));
      CompletableFuture<String> there =
          CompletableFuture.supplyAsync(() -> other.moveClock("{\"advance_seconds\": 120}"));
      here.get();
      there.get();

      Api otherApi = new Api(other.baseUrl(), other.token());
      for (String id : ids) {
        JsonNode c = get(id);
        assertThat(c.get("state").asText()).as(id).isEqualTo("open");
        assertThat(otherApi.get("/conversations/" + id).json().get("state").asText())
            .isEqualTo("open");
        List<String> types = new ArrayList<>();
        c.get("conversation_parts")
            .get("conversation_parts")
            .forEach(p -> types.add(p.get("part_type").asText()));
        assertThat(types).as(id).containsOnlyOnce("timer_unsnooze");
      }
      List<Received> arrived =
          receiver.await(
              list -> ids.stream().allMatch(id -> !unsnoozedOf(id, list).isEmpty()),
              Duration.ofSeconds(30));
      List<Received> settled = fence();
      for (String id : ids) {
        assertThat(unsnoozedOf(id, settled).stream().map(Received::id).distinct())
            .as("notifications of %s", id)
            .hasSize(1);
      }
      assertThat(arrived).isNotEmpty();
      other.moveClock("{\"real\": true}");
    }
  }

  /** Freezes the server clock at the real now; returns it (Unix seconds). */
  private static long freezeNow(ParleyProcess process) {
    long now = System.currentTimeMillis() / 1000;
    process.moveClock("{\"frozen_at\": " + now + "}");
    return now;
  }

  private static void snooze(String id, long until) {
    ApiResponse snoozed =
        api.post(
            "/conversations/" + id + "/parts",
            Map.of("message_type", "snoozed", "admin_id", s.adminId(), "snoozed_until", until));
    assertThat(snoozed.status()).as(snoozed.toString()).isEqualTo(200);
    assertThat(snoozed.json().get("state").asText()).isEqualTo("snoozed");
  }

  private static JsonNode get(String id) {
    ApiResponse got = api.get("/conversations/" + id);
    assertThat(got.status()).as(got.toString()).isEqualTo(200);
    return got.json();
  }

  private static JsonNode lastPart(JsonNode conversation) {
    JsonNode parts = conversation.get("conversation_parts").get("conversation_parts");
    return parts.get(parts.size() - 1);
  }

  /** How many conversations {@code id} and {@code state} find (0 or 1). */
  private static int search(String id, String state) {
    ApiResponse found =
        api.post(
            "/conversations/search",
            Map.of(
                "query",
                Map.of(
                    "operator",
                    "AND",
                    "value",
                    List.of(
                        Map.of("field", "id", "operator", "=", "value", id),
                        Map.of("field", "state", "operator", "=", "value", state)))));
    assertThat(found.status()).as(found.toString()).isEqualTo(200);
    return found.json().get("total_count").asInt();
  }

  /**
   * Archives (or unarchives) the fence contact and waits for its notification: one delivery worker
   * sends in the order notifications were raised, so everything raised before has arrived. Returns
   * everything received so far.
   */
  private static List<Received> fence() {
    fenceArchived = !fenceArchived;
    String topic = fenceArchived ? "contact.archived" : "contact.unarchived";
    int fences = receiver.received(topic).size();
    ApiResponse fence =
        api.post(
            "/contacts/" + fenceContact + (fenceArchived ? "/archive" : "/unarchive"), Map.of());
    assertThat(fence.status()).as(fence.toString()).isEqualTo(200);
    return receiver.await(list -> receiver.received(topic).size() > fences, Duration.ofSeconds(10));
  }

  /** The {@code conversation.admin.unsnoozed} notifications about conversation {@code id}. */
  private static List<Received> unsnoozedOf(String id, List<Received> received) {
    return received.stream()
        .filter(r -> r.topic().equals("conversation.admin.unsnoozed"))
        .filter(r -> r.item().path("id").asText().equals(id))
        .toList();
  }
}
