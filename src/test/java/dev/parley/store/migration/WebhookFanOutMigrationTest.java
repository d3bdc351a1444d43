package dev.parley.store.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Store;
import dev.parley.domain.webhook.NotificationStatus;
import dev.parley.domain.webhook.Outbox;
import dev.parley.domain.webhook.Topic;
import dev.parley.domain.webhook.WebhookItems;
import dev.parley.domain.webhook.WebhookRepository.AttemptOutcome;
import dev.parley.domain.webhook.WebhookRepository.ClaimedNotification;
import dev.parley.store.PostgresStore;
import dev.parley.store.SqliteStore;
import dev.parley.testing.TestStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * Migration 13 (webhook fan-out) on a store that holds pending notifications written the way
 * migrations 10 and 11 laid them out (one notification row per subscription, written with the
 * event): they are delivered as they were, with their ids, the events they belong to count as
 * fanned out, and an event raised after the migration on the same subject waits behind them. On the
 * round's store.
 */
class WebhookFanOutMigrationTest {
  private static final long WS = 3;
  private static final long NOW = 1_700_000_000_000L;

  @TempDir Path dir;

  @Test
  void pendingNotificationsOfTheOldLayoutAreDeliveredInOrderBeforeNewEvents() {
    String url = TestStore.postgres() ? TestStore.freshPostgresDatabase() : null;
    DataSource source = url != null ? postgres(url) : sqlite();
    Migrations.configure(source).target("12").load().migrate();
    Jdbi.create(source).useHandle(WebhookFanOutMigrationTest::oldLayout);

    try (Store store =
        url != null
            ? new PostgresStore(url, TestStore.pgUser(), null, 2)
            : new SqliteStore(dir.resolve("parley.db"), 2)) {
      List<String> versions =
          Jdbi.create(source)
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL"
                                  + " ORDER BY installed_rank")
                          .mapTo(String.class)
                          .list());
      assertThat(versions).endsWith("12", "13");
      boolean waiting = store.read(repos -> repos.webhooks().anyToFanOut());
      assertThat(waiting).as("old events are fanned out already").isFalse();

      // A new event on the same subject, fanned out after the migration, for both subscriptions.
      Outbox outbox =
          new Outbox(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), ITEMS, () -> {});
      store.write(
          repos -> {
            outbox.raise(repos, WS, Topic.PING, "conversation:9", List.of(), () -> "{\"n\":3}");
            return null;
          });

      List<ClaimedNotification> first = claim(store);
      assertThat(first)
          .extracting(c -> c.notification().id() + " " + c.item())
          .containsExactlyInAnyOrder("notif_old-1 {\"n\":1}", "notif_old-3 {\"n\":1}");
      ClaimedNotification sub1 =
          first.stream()
              .filter(c -> c.notification().subscriptionId() == 1)
              .findFirst()
              .orElseThrow();
      deliver(store, sub1);

      // Subscription 1's second old notification (event 2), then the new event.
      List<ClaimedNotification> second = claim(store);
      assertThat(second).extracting(c -> c.notification().id()).containsExactly("notif_old-2");
      deliver(store, second.get(0));
      List<ClaimedNotification> third = claim(store);
      assertThat(third).hasSize(1);
      assertThat(third.get(0).notification().subscriptionId()).isEqualTo(1);
      assertThat(third.get(0).item()).isEqualTo("{\"n\":3}");
      assertThat(third.get(0).notification().id()).startsWith("notif_").isNotEqualTo("notif_old-1");
      long logSize =
          store.read(repos -> (long) repos.webhooks().notifications(WS, null, 100).size());
      assertThat(logSize).as("3 old entries and the new event's 2").isEqualTo(5);
    }
  }

  /**
   * Two subscriptions; event 1 (conversation:9) pending for both (rows 1 and 3), event 2 (same
   * subject) pending for subscription 1 only (row 2), as raised before migration 13. Ids of later
   * rows come from the counters (SQLite) or sequences (PostgreSQL), moved past these.
   */
  private static void oldLayout(Handle h) {
    h.execute(
        "INSERT INTO workspaces (workspace_id, name, id_code, restricted, default_version,"
            + " created_at, client_secret) VALUES (?, 'old', 'appold', false, '2.14', 0, 'secret')",
        WS);
    for (long sub = 1; sub <= 2; sub++) {
      h.execute(
          "INSERT INTO webhook_subscriptions (workspace_id, id, url, topics, state, created_at,"
              + " throttle_seconds, error_count) VALUES (?, ?, ?, 'ping', 'active', 0, 0, 0)",
          WS,
          sub,
          "http://127.0.0.1:" + sub + "/hook");
    }
    for (long event = 1; event <= 2; event++) {
      h.execute(
          "INSERT INTO webhook_events (id, workspace_id, topic, subject_key, related_keys, item,"
              + " created_at) VALUES (?, ?, 'ping', 'conversation:9', ',,', ?, 0)",
          event,
          WS,
          "{\"n\":" + event + "}");
      h.execute(
          "INSERT INTO webhook_event_keys (workspace_id, object_key, event_id) VALUES (?,"
              + " 'conversation:9', ?)",
          WS,
          event);
    }
    long[][] rows = {{1, 1, 1}, {2, 1, 2}, {3, 2, 1}}; // id, subscription, event
    for (long[] row : rows) {
      h.execute(
          "INSERT INTO webhook_notifications (id, notification_id, workspace_id, subscription_id,"
              + " event_id, topic, subject_key, status, created_at, attempts, next_attempt_ms)"
              + " VALUES (?, ?, ?, ?, ?, 'ping', 'conversation:9', 'pending', 0, 0, 0)",
          row[0],
          "notif_old-" + row[0],
          WS,
          row[1],
          row[2]);
    }
    if (TestStore.postgres()) {
      h.createQuery("SELECT setval('ids_webhook_event', 100)").mapTo(Long.class).one();
      h.createQuery("SELECT setval('ids_webhook_notification', 100)").mapTo(Long.class).one();
    } else {
      h.execute(
          "UPDATE id_counters SET next_id = 100 WHERE name IN ('webhook_event',"
              + " 'webhook_notification')");
    }
  }

  private static List<ClaimedNotification> claim(Store store) {
    return store.write(
        repos -> {
          Outbox.fanOut(repos, NOW, 100);
          return repos.webhooks().claim("p", NOW, NOW + 60_000, 100);
        });
  }

  private static void deliver(Store store, ClaimedNotification c) {
    store.write(
        repos -> {
          repos
              .webhooks()
              .recordAttempts(
                  List.of(
                      new AttemptOutcome(
                          c.notification().sequence(),
                          NotificationStatus.DELIVERED,
                          1,
                          NOW / 1000,
                          200,
                          null,
                          NOW)));
          repos.webhooks().deleteSettledEvents(List.of(c.eventId()));
          return null;
        });
  }

  private DataSource sqlite() {
    SQLiteDataSource sqlite = new SQLiteDataSource();
    sqlite.setUrl("jdbc:sqlite:" + dir.resolve("parley.db"));
    return sqlite;
  }

  private static DataSource postgres(String url) {
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setUrl(url);
    pg.setUser(TestStore.pgUser());
    return pg;
  }

  private static final WebhookItems ITEMS =
      new WebhookItems() {
        @Override
        public String conversation(dev.parley.domain.conversation.ConversationDetails details) {
          return "{}";
        }

        @Override
        public String contact(
            dev.parley.domain.workspace.Workspace workspace,
            dev.parley.domain.contact.Contact contact) {
          return "{}";
        }

        @Override
        public String admin(dev.parley.domain.admin.Admin admin) {
          return "{}";
        }

        @Override
        public String json(Object value) {
          return "{}";
        }
      };
}
