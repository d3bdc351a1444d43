package dev.parley.store;

import dev.parley.domain.webhook.Notification;
import dev.parley.domain.webhook.NotificationStatus;
import dev.parley.domain.webhook.SubscriptionState;
import dev.parley.domain.webhook.Topic;
import dev.parley.domain.webhook.WebhookRepository;
import dev.parley.domain.webhook.WebhookSubscription;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/** {@link WebhookRepository} in SQL. */
record SqlWebhookRepository(Handle handle, Dialect dialect) implements WebhookRepository {
  private static final RowMapper<WebhookSubscription> SUBSCRIPTION =
      (rs, ctx) ->
          new WebhookSubscription(
              rs.getLong("workspace_id"),
              rs.getLong("id"),
              rs.getString("url"),
              topics(rs.getString("topics")),
              SubscriptionState.fromWire(rs.getString("state")),
              rs.getLong("created_at"),
              Rows.nullableLong(rs, "paused_until_ms"),
              Rows.nullableLong(rs, "throttled_until_ms"),
              rs.getLong("throttle_seconds"),
              rs.getLong("error_count"),
              Rows.nullableLong(rs, "error_window_start_ms"),
              Rows.nullableLong(rs, "failing_since_ms"));

  private static final RowMapper<Notification> NOTIFICATION =
      (rs, ctx) ->
          new Notification(
              rs.getString("notification_id"),
              rs.getLong("id"),
              rs.getLong("workspace_id"),
              rs.getLong("subscription_id"),
              Topic.fromWire(rs.getString("topic")).orElseThrow(),
              rs.getString("subject_key"),
              NotificationStatus.fromWire(rs.getString("status")),
              rs.getLong("created_at"),
              rs.getLong("attempts"),
              rs.getLong("next_attempt_ms"),
              Rows.nullableLong(rs, "first_sent_at"),
              Rows.nullableLong(rs, "last_attempt_at"),
              Rows.nullableLong(rs, "delivered_at"),
              Rows.nullableInt(rs, "last_status_code"),
              rs.getString("last_error"));

  /**
   * The condition under {@code NOT EXISTS} that makes notification {@code n} first in line: an
   * earlier pending notification of its subscription and subject (through {@code
   * webhook_notifications_order}).
   */
  private static final String FIRST_IN_LINE =
      "SELECT 1 FROM webhook_notifications p WHERE p.subscription_id = n.subscription_id AND"
          + " p.subject_key = n.subject_key AND p.status = 'pending' AND p.id < n.id";

  /**
   * The condition on notification {@code n} and its event {@code e} (a left join) that says an
   * erasure deleted its content while it was pending: the delivery worker settles it as dropped
   * when it reaches it ({@link #dropSubject}); the delivery log shows it dropped already.
   */
  private static final String ERASED =
      "n.status = 'pending' AND n.event_id IS NOT NULL AND e.id IS NULL";

  /**
   * {@link #ERASED} in an {@code UPDATE webhook_notifications}: its event is gone (to be combined
   * with {@code status = 'pending'}).
   */
  private static final String WITHOUT_EVENT =
      "NOT EXISTS (SELECT 1 FROM webhook_events e WHERE e.id = webhook_notifications.event_id)";

  /**
   * How many times one claim reads the due notifications again after settling the ones an erasure
   * left without content (each round drops whole queues of them; what is left waits for the next
   * claim).
   */
  private static final int ERASED_ROUNDS = 4;

  /**
   * The key of PostgreSQL's transaction-scoped advisory lock that lets one process at a time fan
   * out ({@link #takeFanOut}), so that notifications are written in event order: 14, the issue.
   */
  private static final long FAN_OUT_LOCK = 14;

  private static List<Topic> topics(String stored) {
    return Arrays.stream(stored.split(","))
        .filter(name -> !name.isEmpty())
        .map(name -> Topic.fromWire(name).orElseThrow())
        .toList();
  }

  private static String topicList(List<Topic> topics) {
    return String.join(",", topics.stream().map(Topic::wireName).toList());
  }

  @Override
  public void insertSubscription(WebhookSubscription s) {
    handle
        .createUpdate(
            "INSERT INTO webhook_subscriptions (workspace_id, id, url, topics, state, created_at,"
                + " throttle_seconds, error_count) VALUES (:workspaceId, :id, :url, :topics,"
                + " :state, :createdAt, 0, 0)")
        .bind("workspaceId", s.workspaceId())
        .bind("id", s.id())
        .bind("url", s.url())
        .bind("topics", topicList(s.topics()))
        .bind("state", s.state().wireValue())
        .bind("createdAt", s.createdAt())
        .execute();
  }

  @Override
  public List<WebhookSubscription> subscriptions(long workspaceId) {
    return handle
        .createQuery("SELECT * FROM webhook_subscriptions WHERE workspace_id = :ws ORDER BY id")
        .bind("ws", workspaceId)
        .map(SUBSCRIPTION)
        .list();
  }

  @Override
  public Optional<WebhookSubscription> subscription(long workspaceId, long id) {
    return handle
        .createQuery("SELECT * FROM webhook_subscriptions WHERE workspace_id = :ws AND id = :id")
        .bind("ws", workspaceId)
        .bind("id", id)
        .map(SUBSCRIPTION)
        .findOne();
  }

  @Override
  public Map<Long, WebhookSubscription> subscriptionsForUpdate(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<Long, WebhookSubscription> found = new LinkedHashMap<>();
    handle
        .createQuery(
            "SELECT * FROM webhook_subscriptions WHERE id IN (<ids>) ORDER BY id"
                + (dialect == Dialect.POSTGRESQL ? " FOR UPDATE" : ""))
        .bindList("ids", List.copyOf(ids))
        .map(SUBSCRIPTION)
        .forEach(s -> found.put(s.id(), s));
    return found;
  }

  @Override
  public int makeDue(long subscriptionId, long nowMs) {
    return handle
        .createUpdate(
            "UPDATE webhook_notifications SET next_attempt_ms = :now WHERE subscription_id = :id"
                + " AND status = 'pending' AND next_attempt_ms > :now AND next_attempt_ms <"
                + " :waiting")
        .bind("id", subscriptionId)
        .bind("now", nowMs)
        .bind("waiting", Notification.WAITING)
        .execute();
  }

  @Override
  public void updateSubscription(WebhookSubscription s) {
    handle
        .createUpdate(
            "UPDATE webhook_subscriptions SET state = :state, paused_until_ms = :pausedUntilMs,"
                + " throttled_until_ms = :throttledUntilMs, throttle_seconds = :throttleSeconds,"
                + " error_count = :errorCount, error_window_start_ms = :errorWindowStartMs,"
                + " failing_since_ms = :failingSinceMs WHERE workspace_id = :workspaceId AND id ="
                + " :id")
        .bindMethods(s)
        .bind("state", s.state().wireValue())
        .execute();
  }

  @Override
  public boolean deleteSubscription(long workspaceId, long id) {
    if (dialect == Dialect.POSTGRESQL) {
      // Waits for a fan-out in progress in another process (takeFanOut), so that the notifications
      // it writes for this subscription are dropped below; a fan-out that starts meanwhile finds
      // the lock taken and leaves its events queued until this commits.
      handle
          .createQuery("SELECT pg_advisory_xact_lock(:key)")
          .bind("key", FAN_OUT_LOCK)
          .mapTo(String.class)
          .list();
    }
    int deleted =
        handle
            .createUpdate("DELETE FROM webhook_subscriptions WHERE workspace_id = :ws AND id = :id")
            .bind("ws", workspaceId)
            .bind("id", id)
            .execute();
    if (deleted == 0) {
      return false;
    }
    List<Long> events =
        handle
            .createQuery(
                "SELECT DISTINCT event_id FROM webhook_notifications WHERE subscription_id = :id"
                    + " AND status = 'pending' AND event_id IS NOT NULL")
            .bind("id", id)
            .mapTo(Long.class)
            .list();
    handle
        .createUpdate(
            "UPDATE webhook_notifications SET status = 'dropped', last_error = 'unsubscribed',"
                + " event_id = NULL, lease_owner = NULL, lease_until_ms = NULL WHERE"
                + " subscription_id = :id AND status = 'pending'")
        .bind("id", id)
        .execute();
    deleteSettledEvents(events);
    return true;
  }

  @Override
  public List<Long> subscribers(long workspaceId, Topic topic) {
    List<Long> ids = new ArrayList<>();
    handle
        .createQuery(
            "SELECT id, topics FROM webhook_subscriptions WHERE workspace_id = :ws AND state <>"
                + " 'suspended' ORDER BY id")
        .bind("ws", workspaceId)
        .map((rs, ctx) -> rs.getLong("id") + " " + rs.getString("topics"))
        .forEach(
            row -> {
              int space = row.indexOf(' ');
              String topics = "," + row.substring(space + 1) + ",";
              if (topics.contains("," + topic.wireName() + ",")) {
                ids.add(Long.parseLong(row.substring(0, space)));
              }
            });
    return ids;
  }

  @Override
  public void insertEvent(
      long id,
      long workspaceId,
      Topic topic,
      String subjectKey,
      List<String> relatedKeys,
      String item,
      long createdAt) {
    handle
        .createUpdate(
            "INSERT INTO webhook_events (id, workspace_id, topic, subject_key, related_keys, item,"
                + " created_at) VALUES (:id, :ws, :topic, :subject, :related, :item, :at)")
        .bind("id", id)
        .bind("ws", workspaceId)
        .bind("topic", topic.wireName())
        .bind("subject", subjectKey)
        .bind("related", "," + String.join(",", relatedKeys) + ",")
        .bind("item", item)
        .bind("at", createdAt)
        .execute();
    Set<String> keys = new LinkedHashSet<>();
    keys.add(subjectKey);
    keys.addAll(relatedKeys);
    PreparedBatch batch =
        handle.prepareBatch(
            "INSERT INTO webhook_event_keys (workspace_id, object_key, event_id) VALUES (:ws, :key,"
                + " :event)");
    for (String key : keys) {
      batch.bind("ws", workspaceId).bind("key", key).bind("event", id).add();
    }
    batch.execute();
  }

  @Override
  public void queueFanOut(long eventId, long workspaceId, List<Long> subscriptionIds) {
    handle
        .createUpdate(
            "INSERT INTO webhook_fan_out (event_id, workspace_id, subscriptions) VALUES (:event,"
                + " :ws, :subscriptions)")
        .bind("event", eventId)
        .bind("ws", workspaceId)
        .bind(
            "subscriptions",
            String.join(",", subscriptionIds.stream().map(String::valueOf).toList()))
        .execute();
  }

  @Override
  public List<FanOut> takeFanOut(int limit) {
    if (dialect == Dialect.POSTGRESQL
        && !handle
            .createQuery("SELECT pg_try_advisory_xact_lock(:key)")
            .bind("key", FAN_OUT_LOCK)
            .mapTo(Boolean.class)
            .one()) {
      return List.of();
    }
    // The rows are taken by the DELETE itself (RETURNING): a row that a concurrent workspace
    // deletion or reset removed (it removes this queue before the events and notifications) is not
    // returned, so nothing is written for a workspace on its way out. On PostgreSQL the rows such
    // a transaction holds are skipped rather than waited for (their events go with them).
    Map<Long, Map.Entry<Long, String>> queued = new TreeMap<>();
    handle
        .createQuery(
            "DELETE FROM webhook_fan_out WHERE event_id IN (SELECT event_id FROM webhook_fan_out"
                + " ORDER BY event_id LIMIT :limit"
                + (dialect == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "")
                + ") RETURNING event_id, workspace_id, subscriptions")
        .bind("limit", limit)
        .map(
            (rs, ctx) ->
                Map.entry(
                    rs.getLong("event_id"),
                    Map.entry(rs.getLong("workspace_id"), rs.getString("subscriptions"))))
        .forEach(row -> queued.put(row.getKey(), row.getValue()));
    if (queued.isEmpty()) {
      return List.of();
    }
    Map<Long, FanOut> events = new HashMap<>();
    handle
        .createQuery(
            "SELECT id, topic, subject_key, created_at FROM webhook_events WHERE id IN (<ids>)")
        .bindList("ids", List.copyOf(queued.keySet()))
        .map(
            (rs, ctx) ->
                new FanOut(
                    rs.getLong("id"),
                    0,
                    Topic.fromWire(rs.getString("topic")).orElseThrow(),
                    rs.getString("subject_key"),
                    rs.getLong("created_at"),
                    List.of()))
        .forEach(e -> events.put(e.eventId(), e));
    Set<Long> named = new TreeSet<>();
    for (Map.Entry<Long, String> q : queued.values()) {
      named.addAll(ids(q.getValue()));
    }
    // A subscription's deletion takes the same advisory lock (deleteSubscription): it is never
    // in progress here, so the subscriptions read are those that stay.
    Set<Long> existing =
        named.isEmpty()
            ? Set.of()
            : new HashSet<>(
                handle
                    .createQuery("SELECT id FROM webhook_subscriptions WHERE id IN (<ids>)")
                    .bindList("ids", List.copyOf(named))
                    .mapTo(Long.class)
                    .list());
    List<FanOut> taken = new ArrayList<>(queued.size());
    queued.forEach(
        (eventId, q) -> {
          FanOut e = events.get(eventId);
          if (e != null) { // null: an erasure deleted the event before its fan-out
            taken.add(
                new FanOut(
                    eventId,
                    q.getKey(),
                    e.topic(),
                    e.subjectKey(),
                    e.createdAt(),
                    ids(q.getValue()).stream().filter(existing::contains).toList()));
          }
        });
    return taken;
  }

  /** The ids of a comma-separated list. */
  private static List<Long> ids(String list) {
    return Arrays.stream(list.split(",")).filter(id -> !id.isEmpty()).map(Long::valueOf).toList();
  }

  @Override
  public void insertNotifications(List<Notification> notifications, long eventId) {
    if (notifications.isEmpty()) {
      return;
    }
    // Only SQLite makes a notification wait: its one writer orders every insert and settle. On
    // PostgreSQL a notification written while another process settles the one before it would miss
    // the hand-over (found by CI: the topic tests' replies waited 10 s for the stranded check), so
    // there none waits and the claim's first-in-line check alone keeps the order.
    Map<String, Set<Long>> queued = new HashMap<>();
    for (Notification n : notifications) {
      queued.computeIfAbsent(n.subjectKey(), k -> new LinkedHashSet<>()).add(n.subscriptionId());
    }
    for (Map.Entry<String, Set<Long>> e : queued.entrySet()) {
      e.setValue(
          dialect == Dialect.SQLITE
              ? subscriptionsWithPending(e.getKey(), e.getValue())
              : Set.of());
    }
    PreparedBatch batch =
        handle.prepareBatch(
            "INSERT INTO webhook_notifications (id, notification_id, workspace_id,"
                + " subscription_id, event_id, topic, subject_key, status, created_at, attempts,"
                + " next_attempt_ms) VALUES (:sequence, :id, :workspaceId, :subscriptionId,"
                + " :eventId, :topic, :subjectKey, :status, :createdAt, 0, :nextAttemptMs)");
    for (Notification n : notifications) {
      batch
          .bind("sequence", n.sequence())
          .bind("id", n.id())
          .bind("workspaceId", n.workspaceId())
          .bind("subscriptionId", n.subscriptionId())
          .bind("eventId", eventId)
          .bind("topic", n.topic().wireName())
          .bind("subjectKey", n.subjectKey())
          .bind("status", n.status().wireValue())
          .bind("createdAt", n.createdAt())
          .bind(
              "nextAttemptMs",
              queued.get(n.subjectKey()).contains(n.subscriptionId())
                  ? Notification.WAITING
                  : n.nextAttemptMs())
          .add();
    }
    batch.execute();
  }

  /**
   * Which of {@code subscriptions} have a pending notification about {@code subjectKey}: a new
   * notification of theirs waits behind it ({@link Notification#WAITING}). One statement, through
   * {@code webhook_notifications_order}: one probe per subscription, which stops at the first
   * pending notification (a {@code DISTINCT} over them read every one, so a subject with a backlog
   * of thousands, such as a conversation of 10,000 parts, cost each new notification that many).
   */
  private Set<Long> subscriptionsWithPending(String subjectKey, Set<Long> subscriptions) {
    return new LinkedHashSet<>(
        handle
            .createQuery(
                "SELECT s.id FROM webhook_subscriptions s WHERE s.id IN (<subs>) AND EXISTS"
                    + " (SELECT 1 FROM webhook_notifications n WHERE n.subject_key = :subject AND"
                    + " n.subscription_id = s.id AND n.status = 'pending')")
            .bindList("subs", List.copyOf(subscriptions))
            .bind("subject", subjectKey)
            .mapTo(Long.class)
            .list());
  }

  /**
   * Makes the first pending notification of each (subscription, subject) pair due at its {@code
   * created_at} if it was {@link Notification#WAITING}: after the notifications before it settled
   * or were dropped.
   */
  private void promoteFirst(Collection<Map.Entry<Long, String>> pairs) {
    if (pairs.isEmpty()) {
      return;
    }
    PreparedBatch batch =
        handle.prepareBatch(
            "UPDATE webhook_notifications SET next_attempt_ms = created_at * 1000 WHERE id ="
                + " (SELECT MIN(id) FROM webhook_notifications WHERE subscription_id = :sub AND"
                + " subject_key = :subject AND status = 'pending') AND next_attempt_ms ="
                + " :waiting");
    for (Map.Entry<Long, String> pair : pairs) {
      batch
          .bind("sub", pair.getKey())
          .bind("subject", pair.getValue())
          .bind("waiting", Notification.WAITING)
          .add();
    }
    batch.execute();
  }

  @Override
  public int dropSubject(long workspaceId, String key) {
    List<Long> events =
        handle
            .createQuery(
                "SELECT event_id FROM webhook_event_keys WHERE workspace_id = :ws AND object_key ="
                    + " :key")
            .bind("ws", workspaceId)
            .bind("key", key)
            .mapTo(Long.class)
            .list();
    if (events.isEmpty()) {
      return 0;
    }
    // Only the content goes here: the events and their keys. The pending notifications of these
    // events keep their rows (ids, topic, times: no content) and are settled as dropped by the
    // delivery worker when it reaches them (claim); until then the delivery log shows them as
    // dropped. Updating them here took each out of three partial indexes and rewrote its row,
    // inside the erasure's transaction and its checkpoint (issue 14, "Benchmark": a DELETE with a
    // backlog for 10 subscriptions wrote 141 KiB, against 56 without subscriptions).
    int dropped =
        handle
            .createQuery(
                "SELECT COUNT(*) FROM webhook_notifications WHERE event_id IN (<events>) AND"
                    + " status = 'pending'")
            .bindList("events", events)
            .mapTo(Integer.class)
            .one();
    // A notification of these events that was sent and waits for its retry (at most the first of
    // each queue) is made due now, so that the worker drops it now rather than at its retry time,
    // with the rest of its queue behind it. Usually there is none, and nothing is written.
    handle
        .createUpdate(
            "UPDATE webhook_notifications SET next_attempt_ms = created_at * 1000 WHERE event_id"
                + " IN (<events>) AND status = 'pending' AND attempts > 0 AND next_attempt_ms <>"
                + " :waiting")
        .bindList("events", events)
        .bind("waiting", Notification.WAITING)
        .execute();
    // Settled notifications of these events keep their event_id, as they do when an event is
    // deleted once settled: an id of a deleted row, never reused, that names no content.
    handle
        .createUpdate("DELETE FROM webhook_event_keys WHERE event_id IN (<events>)")
        .bindList("events", events)
        .execute();
    handle
        .createUpdate("DELETE FROM webhook_events WHERE id IN (<events>)")
        .bindList("events", events)
        .execute();
    return dropped;
  }

  /**
   * Settles as dropped ({@code "erased"}) the pending notifications of the queues of {@code erased}
   * (notifications found first in line without their event, whose content an erasure deleted) that
   * have no event either, and makes the next in line of each queue due.
   */
  private void dropErased(List<ClaimedNotification> erased) {
    Set<Map.Entry<Long, String>> queues = new LinkedHashSet<>();
    for (ClaimedNotification c : erased) {
      queues.add(Map.entry(c.notification().subscriptionId(), c.notification().subjectKey()));
    }
    PreparedBatch batch =
        handle.prepareBatch(
            "UPDATE webhook_notifications SET status = 'dropped', last_error = 'erased', event_id"
                + " = NULL, lease_owner = NULL, lease_until_ms = NULL WHERE subject_key = :subject"
                + " AND subscription_id = :sub AND status = 'pending' AND "
                + WITHOUT_EVENT);
    for (Map.Entry<Long, String> queue : queues) {
      batch.bind("sub", queue.getKey()).bind("subject", queue.getValue()).add();
    }
    batch.execute();
    promoteFirst(queues);
  }

  @Override
  public List<ClaimedNotification> claim(
      String owner,
      long nowMs,
      long leaseUntilMs,
      int limit,
      Map<Long, Integer> inFlight,
      int perSubscription) {
    List<Long> full =
        inFlight.entrySet().stream()
            .filter(e -> e.getValue() >= perSubscription)
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    List<ClaimedNotification> found = due(nowMs, limit, full);
    for (int round = 1; round <= ERASED_ROUNDS; round++) {
      List<ClaimedNotification> erased = found.stream().filter(c -> c.item() == null).toList();
      if (erased.isEmpty()) {
        break;
      }
      dropErased(erased);
      found =
          round < ERASED_ROUNDS
              ? due(nowMs, limit, full)
              : found.stream().filter(c -> c.item() != null).toList();
    }
    Map<Long, Integer> taken = new HashMap<>(inFlight);
    List<ClaimedNotification> candidates = new ArrayList<>(found.size());
    for (ClaimedNotification c : found) {
      if (taken.merge(c.notification().subscriptionId(), 1, Integer::sum) <= perSubscription) {
        candidates.add(c);
      }
    }
    if (candidates.isEmpty()) {
      return candidates;
    }
    handle
        .createUpdate(
            "UPDATE webhook_notifications SET lease_owner = :owner, lease_until_ms = :until WHERE"
                + " id IN (<ids>)")
        .bind("owner", owner)
        .bind("until", leaseUntilMs)
        .bindList("ids", candidates.stream().map(c -> c.notification().sequence()).toList())
        .execute();
    return candidates;
  }

  /**
   * The claim's read: up to {@code limit} due notifications first in line, with their
   * subscription's URL, their workspace's app id and secret, and their event's item (null when an
   * erasure deleted it).
   */
  private List<ClaimedNotification> due(long nowMs, int limit, List<Long> full) {
    Query query =
        handle
            .createQuery(
                "SELECT n.*, s.url, w.id_code, w.client_secret, e.item FROM webhook_notifications n"
                    + " JOIN webhook_subscriptions s ON s.id = n.subscription_id JOIN workspaces w"
                    + " ON w.workspace_id = n.workspace_id LEFT JOIN webhook_events e ON e.id ="
                    + " n.event_id WHERE n.status = 'pending' AND n.next_attempt_ms <= :now AND"
                    + " (n.lease_until_ms IS NULL OR n.lease_until_ms < :now) AND (s.state ="
                    + " 'active' OR (s.state = 'paused' AND s.paused_until_ms <= :now)) AND"
                    + " (s.throttled_until_ms IS NULL OR s.throttled_until_ms <= :now) AND NOT"
                    + " EXISTS ("
                    + FIRST_IN_LINE
                    + ")"
                    + (full.isEmpty() ? "" : " AND n.subscription_id NOT IN (<full>)")
                    + " ORDER BY n.next_attempt_ms, n.id LIMIT :limit"
                    + (dialect == Dialect.POSTGRESQL ? " FOR UPDATE OF n SKIP LOCKED" : ""))
            .bind("now", nowMs)
            .bind("limit", limit);
    if (!full.isEmpty()) {
      query.bindList("full", full);
    }
    return query
        .map(
            (rs, ctx) ->
                new ClaimedNotification(
                    NOTIFICATION.map(rs, ctx),
                    rs.getLong("event_id"),
                    rs.getString("url"),
                    rs.getString("id_code"),
                    rs.getString("client_secret"),
                    rs.getString("item")))
        .list();
  }

  @Override
  public boolean anyDue(long nowMs) {
    return handle
        .createQuery(
            "SELECT 1 FROM webhook_notifications WHERE status = 'pending' AND next_attempt_ms <="
                + " :now UNION ALL SELECT 1 FROM webhook_fan_out LIMIT 1")
        .bind("now", nowMs)
        .mapTo(Integer.class)
        .findOne()
        .isPresent();
  }

  @Override
  public int releaseLeases() {
    return handle
        .createUpdate(
            "UPDATE webhook_notifications SET lease_owner = NULL, lease_until_ms = NULL WHERE"
                + " status = 'pending' AND lease_owner IS NOT NULL")
        .execute();
  }

  @Override
  public void recordAttempts(List<AttemptOutcome> outcomes) {
    if (outcomes.isEmpty()) {
      return;
    }
    PreparedBatch batch =
        handle.prepareBatch(
            "UPDATE webhook_notifications SET status = :status, attempts = :attempts,"
                + " first_sent_at = COALESCE(first_sent_at, :attemptedAt), last_attempt_at ="
                + " :attemptedAt, delivered_at = :deliveredAt, last_status_code = :statusCode,"
                + " last_error = :error, next_attempt_ms = :nextAttemptMs, lease_owner = NULL,"
                + " lease_until_ms = NULL WHERE id = :sequence AND status = 'pending'");
    for (AttemptOutcome o : outcomes) {
      batch
          .bind("sequence", o.sequence())
          .bind("status", o.status().wireValue())
          .bind("attempts", o.attempts())
          .bind("attemptedAt", o.attemptedAt())
          .bind(
              "deliveredAt",
              o.status() == NotificationStatus.DELIVERED ? (Long) o.attemptedAt() : null)
          .bind("statusCode", o.statusCode())
          .bind("error", o.error())
          .bind("nextAttemptMs", o.nextAttemptMs())
          .add();
    }
    batch.execute();
    promoteAfter(
        outcomes.stream()
            .filter(o -> o.status() != NotificationStatus.PENDING)
            .map(AttemptOutcome::sequence)
            .toList());
    // A notification erased while it was in flight (dropSubject) and now waiting for a retry is
    // due now: the next claim drops it, rather than its queue waiting for the retry time.
    List<Long> retried =
        outcomes.stream()
            .filter(o -> o.status() == NotificationStatus.PENDING)
            .map(AttemptOutcome::sequence)
            .toList();
    if (!retried.isEmpty()) {
      handle
          .createUpdate(
              "UPDATE webhook_notifications SET next_attempt_ms = created_at * 1000 WHERE id IN"
                  + " (<ids>) AND status = 'pending' AND "
                  + WITHOUT_EVENT)
          .bindList("ids", retried)
          .execute();
    }
  }

  /**
   * After the notifications {@code settled} (by {@link Notification#sequence}) were delivered or
   * failed for good: the next of each one's subscription and subject becomes due.
   */
  private void promoteAfter(List<Long> settled) {
    if (settled.isEmpty()) {
      return;
    }
    PreparedBatch batch =
        handle.prepareBatch(
            "UPDATE webhook_notifications SET next_attempt_ms = created_at * 1000 WHERE id ="
                + " (SELECT MIN(p.id) FROM webhook_notifications p JOIN webhook_notifications s ON"
                + " p.subscription_id = s.subscription_id AND p.subject_key = s.subject_key WHERE"
                + " s.id = :settled AND p.status = 'pending') AND next_attempt_ms = :waiting");
    for (long sequence : settled) {
      batch.bind("settled", sequence).bind("waiting", Notification.WAITING).add();
    }
    batch.execute();
  }

  @Override
  public List<Long> stranded(int limit) {
    if (dialect == Dialect.SQLITE) {
      // One writer: a notification is written, settled and dropped in commit order, so the one
      // before a waiting notification always makes it due when it goes.
      return List.of();
    }
    return handle
        .createQuery(
            "SELECT n.id FROM webhook_notifications n WHERE n.status = 'pending' AND"
                + " n.next_attempt_ms = :waiting AND NOT EXISTS ("
                + FIRST_IN_LINE
                + ") ORDER BY n.id LIMIT :limit")
        .bind("waiting", Notification.WAITING)
        .bind("limit", limit)
        .mapTo(Long.class)
        .list();
  }

  @Override
  public int release(List<Long> stranded) {
    if (stranded.isEmpty()) {
      return 0;
    }
    return handle
        .createUpdate(
            "UPDATE webhook_notifications AS n SET next_attempt_ms = created_at * 1000 WHERE n.id"
                + " IN (<ids>) AND n.status = 'pending' AND n.next_attempt_ms = :waiting AND NOT"
                + " EXISTS ("
                + FIRST_IN_LINE
                + ")")
        .bindList("ids", stranded)
        .bind("waiting", Notification.WAITING)
        .execute();
  }

  @Override
  public int deleteSettledEvents(List<Long> eventIds) {
    if (eventIds.isEmpty()) {
      return 0;
    }
    handle
        .createUpdate(
            "DELETE FROM webhook_event_keys WHERE event_id IN (<ids>) AND NOT EXISTS (SELECT 1"
                + " FROM webhook_notifications n WHERE n.event_id = webhook_event_keys.event_id"
                + " AND n.status = 'pending')")
        .bindList("ids", eventIds)
        .execute();
    return handle
        .createUpdate(
            "DELETE FROM webhook_events WHERE id IN (<ids>) AND NOT EXISTS (SELECT 1 FROM"
                + " webhook_notifications n WHERE n.event_id = webhook_events.id AND n.status ="
                + " 'pending')")
        .bindList("ids", eventIds)
        .execute();
  }

  @Override
  public List<Notification> notifications(long workspaceId, Long subscriptionId, int limit) {
    return handle
        .createQuery(
            "SELECT n.id, n.notification_id, n.workspace_id, n.subscription_id, n.topic,"
                + " n.subject_key, CASE WHEN "
                + ERASED
                + " THEN 'dropped' ELSE n.status END AS status, n.created_at, n.attempts,"
                + " n.next_attempt_ms, n.first_sent_at, n.last_attempt_at, n.delivered_at,"
                + " n.last_status_code, CASE WHEN "
                + ERASED
                + " THEN 'erased' ELSE n.last_error END AS last_error FROM webhook_notifications n"
                + " LEFT JOIN webhook_events e ON e.id = n.event_id WHERE n.workspace_id = :ws AND"
                + " (:sub < 0 OR n.subscription_id = :sub) ORDER BY n.id DESC LIMIT :limit")
        .bind("ws", workspaceId)
        .bind("sub", subscriptionId == null ? -1L : subscriptionId)
        .bind("limit", limit)
        .map(NOTIFICATION)
        .list();
  }

  @Override
  public Optional<String> clientSecret(long workspaceId) {
    return handle
        .createQuery("SELECT client_secret FROM workspaces WHERE workspace_id = :ws")
        .bind("ws", workspaceId)
        .mapTo(String.class)
        .findOne();
  }

  @Override
  public void setClientSecret(long workspaceId, String secret) {
    handle
        .createUpdate("UPDATE workspaces SET client_secret = :secret WHERE workspace_id = :ws")
        .bind("secret", secret)
        .bind("ws", workspaceId)
        .execute();
  }
}
