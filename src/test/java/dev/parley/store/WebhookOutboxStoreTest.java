package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.domain.Store;
import dev.parley.domain.admin.Admin;
import dev.parley.domain.contact.Contact;
import dev.parley.domain.contact.ContactLinks;
import dev.parley.domain.conversation.AppliedTag;
import dev.parley.domain.conversation.ConversationDetails;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook outbox on a real store (SQLite; PostgreSQL in the PostgreSQL round): a change that
 * rolls back raises nothing and wakes nobody, one that commits writes its event and wakes the
 * worker once; the fan-out turns each event into one notification per subscription that took its
 * topic when it committed and still exists, exactly once even when fan-outs race (on PostgreSQL
 * from two stores, as two processes); claims hand out notifications of one subject to a
 * subscription one at a time in the order of their events, and, on PostgreSQL, concurrent claims
 * never hand out one notification twice; an erasure before the fan-out deletes the event and leaves
 * no entry.
 */
class WebhookOutboxStoreTest {
  private static final long WS = 7;
  private static final long NOW = 1_700_000_000_000L;

  @TempDir Path dir;
  private String url;
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
    url = TestStore.postgres() ? TestStore.freshPostgresDatabase() : null;
    store =
        TestStore.postgres()
            ? new PostgresStore(url, TestStore.pgUser(), null, 4)
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

  private void raise(String subject) {
    store.write(
        repos -> {
          outbox.raise(repos, WS, Topic.PING, subject, List.of(), () -> "{\"type\":\"ping\"}");
          return null;
        });
  }

  /** As the delivery worker does: fans out the events waiting, then claims. */
  private List<ClaimedNotification> claim(String owner, int limit) {
    return store.write(
        repos -> {
          Outbox.fanOut(repos, NOW, 1_000);
          return repos.webhooks().claim(owner, NOW, NOW + 60_000, limit);
        });
  }

  private void settle(ClaimedNotification c, NotificationStatus status) {
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
                          status == NotificationStatus.DELIVERED ? 200 : 500,
                          null,
                          status == NotificationStatus.DELIVERED ? NOW : NOW - 1)));
          repos.webhooks().deleteSettledEvents(List.of(c.eventId()));
          return null;
        });
  }

  private <T> T read(java.util.function.Function<dev.parley.domain.Repositories, T> work) {
    return store.read(work);
  }

  private boolean deleteSubscription(long id) {
    return store.write(repos -> repos.webhooks().deleteSubscription(WS, id));
  }

  /** Fans out every event waiting, as the worker does when it claims. */
  private int fanOutAll() {
    return store.write(repos -> Outbox.fanOut(repos, NOW, 1_000));
  }

  private long count(String sql) {
    return store.read(
        repos -> ((SqlRepositories) repos).handle().createQuery(sql).mapTo(Long.class).one());
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
    assertThat(eventKeys()).as("subject and related keys of 4 events").isEqualTo(8);
    assertThat(fanOutAll()).as("4 events x 2 subscriptions").isEqualTo(8);
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

  @Test
  void aChangeWritesOnlyItsEventAndTheFanOutWritesItsNotificationsOnce() {
    raise("thing:1");
    assertThat(count("SELECT COUNT(*) FROM webhook_events")).isEqualTo(1);
    assertThat(logSize()).as("nothing in the log before the fan-out").isZero();
    assertThat(this.<Boolean>read(repos -> repos.webhooks().anyDue(NOW))).isTrue();
    assertThat(fanOutAll()).isEqualTo(2);
    assertThat(fanOutAll()).as("an event is fanned out once").isZero();
    assertThat(logSize()).isEqualTo(2);
    assertThat(this.<Boolean>read(repos -> repos.webhooks().anyToFanOut())).isFalse();
    List<ClaimedNotification> claimed = claim("p", 100);
    assertThat(claimed).hasSize(2);
    assertThat(claimed.get(0).notification().createdAt()).isEqualTo(NOW / 1000);
    assertThat(claimed.get(0).notification().nextAttemptMs()).isEqualTo(NOW);
  }

  @Test
  void erasingBeforeTheFanOutDeletesTheEventAndLeavesNoEntry() {
    store.write(
        repos -> {
          outbox.raise(repos, WS, Topic.PING, "conversation:1", List.of("contact:5"), () -> "{}");
          outbox.raise(repos, WS, Topic.PING, "conversation:2", List.of(), () -> "{}");
          return null;
        });
    int dropped = store.write(repos -> repos.webhooks().dropSubject(WS, "contact:5"));
    assertThat(dropped).as("no notification existed yet").isZero();
    assertThat(count("SELECT COUNT(*) FROM webhook_events")).as("conversation:2's").isEqualTo(1);
    assertThat(eventKeys()).isEqualTo(1);
    assertThat(claim("p", 100))
        .extracting(c -> c.notification().subjectKey())
        .containsExactly("conversation:2", "conversation:2");
    assertThat(logSize()).as("the erased event never reached the log").isEqualTo(2);
  }

  @Test
  void anEventWhoseSubscriptionIsDeletedBeforeTheFanOutReachesOnlyTheOthers() {
    raise("thing:1");
    assertThat(deleteSubscription(2)).isTrue();
    List<ClaimedNotification> claimed = claim("p", 100);
    assertThat(claimed).extracting(c -> c.notification().subscriptionId()).containsExactly(1L);
    assertThat(logSize()).isEqualTo(1);

    // The last subscription goes before the next event is fanned out: the event goes at once,
    // content and keys, and so does the first, whose only pending notification is dropped.
    raise("thing:2");
    assertThat(deleteSubscription(1)).isTrue();
    assertThat(count("SELECT COUNT(*) FROM webhook_events")).isZero();
    assertThat(eventKeys()).isZero();
    assertThat(fanOutAll()).isZero();
    List<String> log =
        store.read(
            repos ->
                repos.webhooks().notifications(WS, null, 100).stream()
                    .map(n -> n.subjectKey() + " " + n.status().wireValue() + " " + n.lastError())
                    .toList());
    assertThat(log).containsExactly("thing:1 dropped unsubscribed");
  }

  @Test
  void aSubscriptionCreatedAfterTheEventCommittedDoesNotGetIt() {
    raise("thing:1");
    store.write(
        repos -> {
          repos
              .webhooks()
              .insertSubscription(
                  WebhookSubscription.created(
                      WS, 3, "http://127.0.0.1:3/hook", List.of(Topic.PING), 0));
          return null;
        });
    assertThat(claim("p", 100))
        .extracting(c -> c.notification().subscriptionId())
        .containsExactlyInAnyOrder(1L, 2L);
  }

  @Test
  void oneSubjectKeepsCommitOrderAcrossFanOuts() {
    raise("thing:1"); // a
    List<ClaimedNotification> a = claim("p", 100);
    assertThat(a).hasSize(2);
    raise("thing:1"); // b, fanned out while a is in flight
    assertThat(claim("p", 100)).as("b waits for a").isEmpty();
    ClaimedNotification a1 =
        a.stream().filter(c -> c.notification().subscriptionId() == 1).findFirst().orElseThrow();
    settle(a1, NotificationStatus.DELIVERED);
    List<ClaimedNotification> b = claim("p", 100);
    assertThat(b).hasSize(1);
    assertThat(b.get(0).notification().subscriptionId()).isEqualTo(1);
    assertThat(b.get(0).eventId()).isGreaterThan(a1.eventId());
  }

  @Test
  void orderFollowsTheEventsEvenWhenNotificationRowsWereWrittenTheOtherWayRound() {
    store.write(
        repos -> {
          for (long event : new long[] {101, 102}) {
            repos
                .webhooks()
                .insertEvent(
                    event, WS, Topic.PING, "thing:1", List.of(), "{}", NOW / 1000, List.of());
          }
          // the later event's notification has the lower row id
          repos.webhooks().insertNotifications(List.of(notification(5_000, 1)), 102);
          repos.webhooks().insertNotifications(List.of(notification(5_001, 1)), 101);
          return null;
        });
    List<ClaimedNotification> first = claim("p", 100);
    assertThat(first).extracting(ClaimedNotification::eventId).containsExactly(101L);
    settle(first.get(0), NotificationStatus.DELIVERED);
    assertThat(claim("p", 100)).extracting(ClaimedNotification::eventId).containsExactly(102L);
  }

  private static dev.parley.domain.webhook.Notification notification(
      long sequence, long subscription) {
    return new dev.parley.domain.webhook.Notification(
        "notif_" + sequence,
        sequence,
        WS,
        subscription,
        Topic.PING,
        "thing:1",
        NotificationStatus.PENDING,
        NOW / 1000,
        0,
        NOW,
        null,
        null,
        null,
        null,
        null);
  }

  @Test
  void racingFanOutsFanEachEventOutExactlyOnce() throws Exception {
    int events = 300;
    store.write(
        repos -> {
          for (int i = 0; i < events; i++) {
            outbox.raise(repos, WS, Topic.PING, "thing:" + (i % 17), List.of(), () -> "{}");
          }
          return null;
        });
    // On PostgreSQL a second store on the same database: another process's connection pool.
    Store other =
        TestStore.postgres() ? new PostgresStore(url, TestStore.pgUser(), null, 4) : store;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> fanOuts = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Store mine = t % 2 == 0 ? store : other;
        fanOuts.add(
            pool.submit(
                () -> {
                  int written = 0;
                  while (mine.read(repos -> repos.webhooks().anyToFanOut())) {
                    written += mine.write(repos -> Outbox.fanOut(repos, NOW, 7));
                  }
                  return written;
                }));
      }
      int written = 0;
      for (Future<Integer> f : fanOuts) {
        written += f.get(120, TimeUnit.SECONDS);
      }
      assertThat(written).isEqualTo(events * 2);
    } finally {
      pool.shutdown();
      if (other != store) {
        other.close();
      }
    }
    assertThat(count("SELECT COUNT(*) FROM webhook_notifications")).isEqualTo(events * 2);
    assertThat(
            count(
                "SELECT COUNT(*) FROM (SELECT DISTINCT event_id, subscription_id FROM"
                    + " webhook_notifications) d"))
        .isEqualTo(events * 2);
    assertThat(count("SELECT COUNT(*) FROM webhook_events WHERE fan_out_to IS NOT NULL")).isZero();
    // and, per subscription and subject, the notification rows follow the events
    assertThat(
            count(
                "SELECT COUNT(*) FROM webhook_notifications a JOIN webhook_notifications b ON"
                    + " a.subscription_id = b.subscription_id AND a.subject_key = b.subject_key"
                    + " AND a.event_id < b.event_id AND a.id > b.id"))
        .isZero();
  }
}
