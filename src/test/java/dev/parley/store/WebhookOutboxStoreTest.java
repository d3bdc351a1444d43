package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.parley.domain.Store;
import dev.parley.domain.admin.Admin;
import dev.parley.domain.contact.Contact;
import dev.parley.domain.contact.ContactLinks;
import dev.parley.domain.conversation.AppliedTag;
import dev.parley.domain.conversation.ConversationDetails;
import dev.parley.domain.webhook.Notification;
import dev.parley.domain.webhook.NotificationStatus;
import dev.parley.domain.webhook.Outbox;
import dev.parley.domain.webhook.Topic;
import dev.parley.domain.webhook.WebhookItems;
import dev.parley.domain.webhook.WebhookRepository.AttemptOutcome;
import dev.parley.domain.webhook.WebhookRepository.ClaimedNotification;
import dev.parley.domain.webhook.WebhookSubscription;
import dev.parley.domain.workspace.Workspace;
import dev.parley.testing.TestStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook outbox on a real store (SQLite; PostgreSQL in the PostgreSQL round): a change that
 * rolls back raises nothing and wakes nobody, one that commits writes its notifications and wakes
 * the worker once; claims hand out notifications of one subject to a subscription one at a time in
 * commit order, and, on PostgreSQL, concurrent claims never hand out one notification twice.
 */
class WebhookOutboxStoreTest {
  private static final long WS = 7;
  private static final long NOW = 1_700_000_000_000L;

  @TempDir Path dir;
  private Store store;
  private final AtomicInteger wakes = new AtomicInteger();
  private Outbox outbox;

  private static final WebhookItems ITEMS =
      new WebhookItems() {
        @Override
        public String conversation(ConversationDetails details) {
          return "{}";
        }

        @Override
        public String contact(Workspace workspace, Contact contact, ContactLinks links) {
          return "{}";
        }

        @Override
        public String contactTag(
            Workspace workspace,
            Contact contact,
            ContactLinks links,
            AppliedTag tag,
            long createdAt) {
          return "{}";
        }

        @Override
        public String company(
            Workspace workspace, dev.parley.domain.company.CompanyService.CompanyView company) {
          return "{}";
        }

        @Override
        public String contactCompany(
            Workspace workspace,
            Contact contact,
            ContactLinks links,
            dev.parley.domain.company.CompanyService.CompanyView company,
            long createdAt) {
          return "{}";
        }

        @Override
        public String ticket(Workspace workspace, dev.parley.domain.ticket.TicketDetails details) {
          return "{}";
        }

        @Override
        public String admin(Admin admin) {
          return "{}";
        }

        @Override
        public String json(Object value) {
          return "{}";
        }
      };

  @BeforeEach
  void open() {
    store =
        TestStore.postgres()
            ? new PostgresStore(TestStore.freshPostgresDatabase(), TestStore.pgUser(), null, 4)
            : new SqliteStore(dir.resolve("parley.db"), 2);
    outbox =
        new Outbox(
            Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), ITEMS, wakes::incrementAndGet);
    store.write(
        repos -> {
          repos.workspaces().insert(new Workspace(WS, "w", "app7", false, "2.14", 0, null));
          repos
              .webhooks()
              .insertSubscription(
                  WebhookSubscription.created(
                      WS, 1, "http://127.0.0.1:1/hook", List.of(Topic.PING), 0));
          repos
              .webhooks()
              .insertSubscription(
                  WebhookSubscription.created(
                      WS, 2, "http://127.0.0.1:2/hook", List.of(Topic.PING), 0));
          return null;
        });
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** Raises a ping about {@code subject}, and fans it out as the delivery worker does. */
  private void raise(String subject) {
    store.write(
        repos -> {
          outbox.raise(repos, WS, Topic.PING, subject, List.of(), () -> "{\"type\":\"ping\"}");
          return null;
        });
    fanOut();
  }

  /** The delivery worker's fan-out of every queued event, in its own write (Outbox.fanOut). */
  private int fanOut() {
    return store.write(repos -> Outbox.fanOut(repos, NOW, 1_000));
  }

  private List<ClaimedNotification> claim(String owner, int limit) {
    return store.write(
        repos -> {
          Outbox.fanOut(repos, NOW, 1_000);
          return repos.webhooks().claim(owner, NOW, NOW + 60_000, limit);
        });
  }

  private void settle(ClaimedNotification c, NotificationStatus status) {
    boolean delivered = status == NotificationStatus.DELIVERED;
    record(c, status, delivered ? 200 : 500, delivered ? NOW : NOW - 1);
  }

  /** Records one attempt of {@code c} as the delivery worker does, in its own write. */
  private void record(
      ClaimedNotification c, NotificationStatus status, int statusCode, long nextAttemptMs) {
    store.write(
        repos -> {
          repos
              .webhooks()
              .recordAttempts(
                  List.of(
                      new AttemptOutcome(
                          c.notification().sequence(),
                          status,
                          c.notification().attempts() + 1,
                          NOW / 1000,
                          statusCode,
                          null,
                          nextAttemptMs)));
          repos.webhooks().deleteSettledEvents(List.of(c.eventId()));
          return null;
        });
  }

  private int logSize() {
    return store.write(repos -> repos.webhooks().notifications(WS, null, 1_000).size());
  }

  @Test
  void aChangeThatRollsBackRaisesNothingAndWakesNobody() {
    assertThatThrownBy(
            () ->
                store.write(
                    repos -> {
                      outbox.raise(repos, WS, Topic.PING, "thing:1", List.of(), () -> "{\"a\":1}");
                      throw new IllegalStateException("the change fails after raising");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(logSize()).isZero();
    assertThat(claim("p", 100)).isEmpty();
    assertThat(wakes.get()).isZero();
  }

  @Test
  void aChangeThatCommitsWritesOneNotificationPerSubscriberAndWakesOnce() {
    raise("thing:1");
    assertThat(wakes.get()).isEqualTo(1);
    List<ClaimedNotification> claimed = claim("p", 100);
    assertThat(claimed).hasSize(2);
    assertThat(claimed.stream().map(c -> c.notification().subscriptionId()))
        .containsExactlyInAnyOrder(1L, 2L);
    assertThat(claimed.stream().map(ClaimedNotification::eventId).distinct()).hasSize(1);
    assertThat(claimed.get(0).item()).isEqualTo("{\"type\":\"ping\"}");
    assertThat(claimed.get(0).appId()).isEqualTo("app7");
    assertThat(claimed.get(0).notification().id()).startsWith("notif_");
    assertThat(logSize()).isEqualTo(2);
  }

  private long eventKeys() {
    return store.read(
        repos ->
            ((SqlRepositories) repos)
                .handle()
                .createQuery("SELECT COUNT(*) FROM webhook_event_keys")
                .mapTo(Long.class)
                .one());
  }

  /** The delivery log of every subscription, newest first. */
  private List<Notification> logOfEverySubscription() {
    return store.read(repos -> repos.webhooks().notifications(WS, null, 100));
  }

  private boolean unsubscribe(long subscriptionId) {
    return store.write(repos -> repos.webhooks().deleteSubscription(WS, subscriptionId));
  }

  /** The rows of one outbox table. */
  private long rows(String table) {
    return store.read(
        repos ->
            ((SqlRepositories) repos)
                .handle()
                .createQuery("SELECT COUNT(*) FROM " + table)
                .mapTo(Long.class)
                .one());
  }

  @Test
  void aChangeWritesItsEventsAndTheFanOutWritesEachSubscriptionsNotificationInEventOrder() {
    store.write(
        repos -> {
          outbox.raise(repos, WS, Topic.PING, "conversation:1", List.of(), () -> "{\"n\":1}");
          outbox.raise(repos, WS, Topic.PING, "conversation:1", List.of(), () -> "{\"n\":2}");
          return null;
        });
    assertThat(logSize()).as("no notification row before the fan-out").isZero();
    assertThat(rows("webhook_events")).isEqualTo(2);
    assertThat(rows("webhook_fan_out")).isEqualTo(2);
    assertThat(fanOut()).as("2 events x 2 subscriptions").isEqualTo(4);
    assertThat(rows("webhook_fan_out")).isZero();
    assertThat(fanOut()).as("each event is fanned out once").isZero();
    assertThat(logOfEverySubscription())
        .extracting(Notification::subscriptionId, Notification::status)
        .as("newest first: the second event's, then the first's")
        .containsExactly(
            tuple(2L, NotificationStatus.PENDING),
            tuple(1L, NotificationStatus.PENDING),
            tuple(2L, NotificationStatus.PENDING),
            tuple(1L, NotificationStatus.PENDING));
    assertThat(claim("p", 100))
        .as("the first event first, to each subscription")
        .extracting(ClaimedNotification::item)
        .containsExactly("{\"n\":1}", "{\"n\":1}");
  }

  @Test
  void anEventErasedBeforeItsFanOutNeverHasANotification() {
    store.write(
        repos -> {
          outbox.raise(repos, WS, Topic.PING, "conversation:1", List.of("contact:5"), () -> "{}");
          return null;
        });
    int dropped = store.write(repos -> repos.webhooks().dropSubject(WS, "contact:5"));
    assertThat(dropped).as("nothing was pending yet").isZero();
    assertThat(rows("webhook_events")).isZero();
    assertThat(fanOut()).isZero();
    assertThat(rows("webhook_fan_out")).as("its queue row is taken all the same").isZero();
    assertThat(logSize()).isZero();
    assertThat(claim("p", 100)).isEmpty();
  }

  @Test
  void aSubscriptionDeletedBeforeTheFanOutGetsNoNotification() {
    store.write(
        repos -> {
          outbox.raise(repos, WS, Topic.PING, "conversation:1", List.of(), () -> "{}");
          return null;
        });
    assertThat(unsubscribe(2)).isTrue();
    assertThat(fanOut()).isEqualTo(1);
    assertThat(logOfEverySubscription())
        .extracting(Notification::subscriptionId)
        .containsExactly(1L);
    store.write(
        repos -> {
          outbox.raise(repos, WS, Topic.PING, "conversation:2", List.of(), () -> "{}");
          return null;
        });
    assertThat(unsubscribe(1)).isTrue();
    assertThat(rows("webhook_events"))
        .as("the second event, queued (the first went with subscription 1's notification)")
        .isOne();
    assertThat(fanOut()).as("no subscription is left").isZero();
    assertThat(rows("webhook_events"))
        .as("an event that no subscription receives is deleted at its fan-out")
        .isZero();
  }

  @Test
  void erasingAnObjectDropsTheNotificationsOfEveryEventThatNamesItAndNoOther() {
    store.write(
        repos -> {
          outbox.raise(
              repos,
              WS,
              Topic.PING,
              "conversation:1",
              List.of("contact:5", "contact:6"),
              () -> "{}");
          outbox.raise(repos, WS, Topic.PING, "conversation:2", List.of("contact:6"), () -> "{}");
          outbox.raise(repos, WS, Topic.PING, "contact:5", List.of(), () -> "{}");
          outbox.raise(repos, WS, Topic.PING, "conversation:3", List.of("contact:50"), () -> "{}");
          return null;
        });
    fanOut();
    assertThat(eventKeys()).as("subject and related keys of 4 events").isEqualTo(8);
    int dropped = store.write(repos -> repos.webhooks().dropSubject(WS, "contact:5"));
    assertThat(dropped).as("2 events (related, subject) x 2 subscriptions").isEqualTo(4);
    int otherWorkspace = store.write(repos -> repos.webhooks().dropSubject(WS + 1, "contact:6"));
    assertThat(otherWorkspace).as("another workspace's key").isZero();
    List<ClaimedNotification> left = claim("p", 100);
    assertThat(left.stream().map(c -> c.notification().subjectKey()).distinct())
        .containsExactlyInAnyOrder("conversation:2", "conversation:3");
    assertThat(eventKeys()).as("the keys of the 2 events left").isEqualTo(4);
    left.forEach(c -> settle(c, NotificationStatus.DELIVERED));
    assertThat(eventKeys()).as("settled events keep no keys").isZero();
  }

  @Test
  void oneSubjectReachesASubscriptionOneAtATimeInCommitOrder() {
    raise("thing:1"); // a1 (sub 1), a2 (sub 2)
    raise("thing:1"); // b1, b2
    raise("thing:2"); // c1, c2
    List<ClaimedNotification> first = claim("p", 100);
    // the first notification of each subject for each subscription, nothing queued behind them
    assertThat(first).hasSize(4);
    assertThat(first.stream().map(c -> c.notification().subjectKey()).toList())
        .containsExactlyInAnyOrder("thing:1", "thing:1", "thing:2", "thing:2");
    long firstOfThing1 =
        first.stream()
            .filter(c -> c.notification().subjectKey().equals("thing:1"))
            .mapToLong(c -> c.notification().sequence())
            .max()
            .orElseThrow();
    assertThat(claim("q", 100)).as("leased, and thing:1's second waits for its first").isEmpty();

    ClaimedNotification a1 =
        first.stream()
            .filter(
                c ->
                    c.notification().subjectKey().equals("thing:1")
                        && c.notification().subscriptionId() == 1)
            .findFirst()
            .orElseThrow();
    // a failed attempt keeps it pending (due again): still first in line, nothing overtakes it
    settle(a1, NotificationStatus.PENDING);
    List<ClaimedNotification> retried = claim("q", 100);
    assertThat(retried).hasSize(1);
    assertThat(retried.get(0).notification().id()).isEqualTo(a1.notification().id());

    settle(retried.get(0), NotificationStatus.DELIVERED);
    List<ClaimedNotification> next = claim("q", 100);
    assertThat(next).hasSize(1);
    assertThat(next.get(0).notification().subscriptionId()).isEqualTo(1);
    assertThat(next.get(0).notification().subjectKey()).isEqualTo("thing:1");
    assertThat(next.get(0).notification().sequence()).isGreaterThan(firstOfThing1);
  }

  private List<Notification> log() {
    List<Notification> newestFirst =
        new ArrayList<>(store.read(repos -> repos.webhooks().notifications(WS, 1L, 1_000)));
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  @Test
  void aNotificationBehindAnotherWaitsUntilTheOneBeforeItSettles() {
    // Only SQLite makes notifications wait (SqlWebhookRepository.insertNotifications).
    Assumptions.assumeFalse(TestStore.postgres());
    raise("thing:1");
    raise("thing:1");
    raise("thing:1");
    List<Notification> queue = log();
    assertThat(queue).hasSize(3);
    assertThat(queue.get(0).waiting()).as("first in line").isFalse();
    assertThat(queue.get(0).nextAttemptMs()).isEqualTo(NOW);
    assertThat(queue.subList(1, 3)).allMatch(Notification::waiting, "waiting behind the first");

    List<ClaimedNotification> first = claim("p", 100);
    assertThat(first)
        .extracting(c -> c.notification().sequence())
        .contains(queue.get(0).sequence());
    ClaimedNotification toOne =
        first.stream()
            .filter(c -> c.notification().subscriptionId() == 1)
            .findFirst()
            .orElseThrow();
    settle(toOne, NotificationStatus.FAILED);

    List<Notification> after = log();
    assertThat(after.get(1).waiting())
        .as("next in line, due once the first failed for good")
        .isFalse();
    assertThat(after.get(1).nextAttemptMs()).isEqualTo(after.get(1).createdAt() * 1000);
    assertThat(after.get(2).waiting()).isTrue();
    List<ClaimedNotification> next = claim("q", 100);
    assertThat(next)
        .extracting(c -> c.notification().sequence())
        .containsExactly(after.get(1).sequence());
  }

  @Test
  void droppingANotificationByARelatedObjectMakesTheNextInLineDue() {
    // Only SQLite makes notifications wait (SqlWebhookRepository.insertNotifications).
    Assumptions.assumeFalse(TestStore.postgres());
    store.write(
        repos -> {
          outbox.raise(repos, WS, Topic.PING, "conversation:1", List.of("contact:5"), () -> "{}");
          outbox.raise(repos, WS, Topic.PING, "conversation:1", List.of(), () -> "{}");
          return null;
        });
    fanOut();
    assertThat(log().get(1).waiting()).isTrue();
    int dropped = store.write(repos -> repos.webhooks().dropSubject(WS, "contact:5"));
    assertThat(dropped).as("the first event, to both subscriptions").isEqualTo(2);
    long secondToOne = log().get(1).sequence();
    List<ClaimedNotification> left = claim("p", 100);
    assertThat(left)
        .extracting(c -> c.notification().subscriptionId())
        .containsExactlyInAnyOrder(1L, 2L);
    assertThat(left.stream().map(ClaimedNotification::eventId).distinct()).hasSize(1);
    assertThat(left).extracting(c -> c.notification().sequence()).contains(secondToOne);
    assertThat(log().get(1).waiting()).isFalse();
  }

  /** The stored status of every notification, by sequence (not the delivery log's view). */
  private List<String> storedStatuses() {
    return store.read(
        repos ->
            ((SqlRepositories) repos)
                .handle()
                .createQuery("SELECT status FROM webhook_notifications ORDER BY id")
                .mapTo(String.class)
                .list());
  }

  @Test
  void anErasureDeletesOnlyTheContentAndTheClaimSettlesItsQueueAsDropped() {
    // Three events about conversation:1 (the first two name contact:5), then one about it that
    // does not: erasing contact:5 takes the content of the first two.
    store.write(
        repos -> {
          outbox.raise(repos, WS, Topic.PING, "conversation:1", List.of("contact:5"), () -> "{}");
          outbox.raise(repos, WS, Topic.PING, "conversation:1", List.of("contact:5"), () -> "{}");
          outbox.raise(repos, WS, Topic.PING, "conversation:1", List.of(), () -> "{\"n\":3}");
          return null;
        });
    fanOut();
    int dropped = store.write(repos -> repos.webhooks().dropSubject(WS, "contact:5"));
    assertThat(dropped).as("2 events x 2 subscriptions").isEqualTo(4);
    assertThat(storedStatuses())
        .as("the erasure's transaction leaves the notification rows alone")
        .containsExactly("pending", "pending", "pending", "pending", "pending", "pending");
    assertThat(log())
        .as("the delivery log shows the erased ones dropped at once")
        .extracting(Notification::status, Notification::lastError)
        .containsExactly(
            tuple(NotificationStatus.DROPPED, "erased"),
            tuple(NotificationStatus.DROPPED, "erased"),
            tuple(NotificationStatus.PENDING, null));
    List<ClaimedNotification> claimed = claim("p", 100);
    assertThat(claimed)
        .as("one claim steps over both erased notifications of each queue")
        .extracting(ClaimedNotification::item)
        .containsExactly("{\"n\":3}", "{\"n\":3}");
    assertThat(storedStatuses())
        .containsExactly("dropped", "dropped", "dropped", "dropped", "pending", "pending");
    assertThat(log())
        .extracting(Notification::status, Notification::lastError)
        .containsExactly(
            tuple(NotificationStatus.DROPPED, "erased"),
            tuple(NotificationStatus.DROPPED, "erased"),
            tuple(NotificationStatus.PENDING, null));
  }

  /** Records a failed attempt of {@code c}, to be retried an hour from now. */
  private void failUntilLater(ClaimedNotification c) {
    record(c, NotificationStatus.PENDING, 500, NOW + 3_600_000);
  }

  /**
   * Raises, about conversation:1, an event naming contact:5 and then one that does not ({"n":2}),
   * and claims the first, for each of the 2 subscriptions.
   */
  private List<ClaimedNotification> claimTheFirstOfAnErasableQueue() {
    store.write(
        repos -> {
          outbox.raise(repos, WS, Topic.PING, "conversation:1", List.of("contact:5"), () -> "{}");
          outbox.raise(repos, WS, Topic.PING, "conversation:1", List.of(), () -> "{\"n\":2}");
          return null;
        });
    List<ClaimedNotification> first = claim("p", 100);
    assertThat(first).extracting(ClaimedNotification::item).containsExactly("{}", "{}");
    return first;
  }

  @Test
  void anErasedNotificationWaitingForItsRetryDoesNotHoldItsQueueBack() {
    List<ClaimedNotification> first = claimTheFirstOfAnErasableQueue();
    first.forEach(this::failUntilLater);
    assertThat(claim("p", 100)).as("both queues wait for the retry").isEmpty();
    store.write(repos -> repos.webhooks().dropSubject(WS, "contact:5"));
    assertThat(claim("p", 100))
        .as("the erased first of each queue is dropped at once, the next sent")
        .extracting(ClaimedNotification::item)
        .containsExactly("{\"n\":2}", "{\"n\":2}");
  }

  @Test
  void aNotificationErasedInFlightThatFailsDoesNotHoldItsQueueBack() {
    List<ClaimedNotification> inFlight = claimTheFirstOfAnErasableQueue();
    store.write(repos -> repos.webhooks().dropSubject(WS, "contact:5"));
    inFlight.forEach(this::failUntilLater);
    assertThat(claim("p", 100))
        .as("the failed attempts' retry is not waited for: their content is gone")
        .extracting(ClaimedNotification::item)
        .containsExactly("{\"n\":2}", "{\"n\":2}");
    assertThat(log())
        .extracting(Notification::status, Notification::lastError)
        .containsExactly(
            tuple(NotificationStatus.DROPPED, "erased"), tuple(NotificationStatus.PENDING, null));
  }

  @Test
  void aWaitingNotificationWithNothingBeforeItIsReleasedOnPostgresql() {
    long sequence = 9_000;
    store.write(
        repos -> {
          repos
              .webhooks()
              .insertEvent(8_000, WS, Topic.PING, "thing:9", List.of(), "{}", NOW / 1000);
          repos
              .webhooks()
              .insertNotifications(
                  List.of(
                      new Notification(
                          "notif_stranded",
                          sequence,
                          WS,
                          1,
                          Topic.PING,
                          "thing:9",
                          NotificationStatus.PENDING,
                          NOW / 1000,
                          0,
                          Notification.WAITING,
                          null,
                          null,
                          null,
                          null,
                          null)),
                  8_000);
          return null;
        });
    assertThat(claim("p", 100)).as("never due while it waits").isEmpty();
    List<Long> stranded = store.read(repos -> repos.webhooks().stranded(100));
    if (!TestStore.postgres()) {
      assertThat(stranded).as("SQLite's one writer strands nothing, so it never looks").isEmpty();
      return;
    }
    assertThat(stranded).containsExactly(sequence);
    int released = store.write(repos -> repos.webhooks().release(stranded));
    assertThat(released).isEqualTo(1);
    assertThat(claim("p", 100))
        .extracting(c -> c.notification().id())
        .containsExactly("notif_stranded");
  }

  @Test
  void concurrentClaimsNeverHandOutOneNotificationTwice() throws Exception {
    int subjects = 60;
    for (int i = 0; i < subjects; i++) {
      raise("thing:" + i);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<List<String>>> claims = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      String owner = "owner-" + t;
      claims.add(
          pool.submit(
              () -> {
                List<String> ids = new ArrayList<>();
                for (int round = 0; round < 20; round++) {
                  for (ClaimedNotification c : claim(owner, 7)) {
                    ids.add(c.notification().id());
                  }
                }
                return ids;
              }));
    }
    List<String> all = Collections.synchronizedList(new ArrayList<>());
    for (Future<List<String>> f : claims) {
      all.addAll(f.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();
    Set<String> distinct = new HashSet<>(all);
    assertThat(all).hasSize(distinct.size());
    assertThat(distinct).hasSize(subjects * 2);
  }
}
