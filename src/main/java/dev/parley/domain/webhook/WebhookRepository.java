package dev.parley.domain.webhook;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Webhook subscriptions, the outbox of events and the delivery log ({@code webhook_subscriptions},
 * {@code webhook_events}, {@code webhook_notifications}). Times are Unix seconds unless a name ends
 * in {@code Ms} (Unix milliseconds).
 */
public interface WebhookRepository {

  void insertSubscription(WebhookSubscription subscription);

  /** The workspace's subscriptions, oldest first. */
  List<WebhookSubscription> subscriptions(long workspaceId);

  Optional<WebhookSubscription> subscription(long workspaceId, long id);

  /**
   * The subscriptions with these ids (any workspace), keyed by id, with their rows locked until the
   * transaction ends (PostgreSQL: {@code FOR UPDATE}, taken in increasing id order so that two
   * processes never deadlock), for a read-modify-write that must not lose a concurrent change
   * (another process's result, an operator's resume). Ids that name no subscription are absent.
   */
  Map<Long, WebhookSubscription> subscriptionsForUpdate(Collection<Long> ids);

  /**
   * Makes the pending notifications of a subscription due at {@code nowMs} (Unix ms) when they were
   * due later: a resumed subscription gets its held notifications at once.
   *
   * @return how many were moved
   */
  int makeDue(long subscriptionId, long nowMs);

  /** Writes a subscription's state and counters (url and topics do not change). */
  void updateSubscription(WebhookSubscription subscription);

  /**
   * Deletes a subscription; its pending notifications become {@code dropped} ({@code
   * "unsubscribed"}) and events no pending notification needs any more are deleted.
   *
   * @return false when no such subscription exists
   */
  boolean deleteSubscription(long workspaceId, long id);

  /** The ids of the workspace's subscriptions, not suspended, that receive {@code topic}. */
  List<Long> subscribers(long workspaceId, Topic topic);

  /**
   * Records an event of the outbox.
   *
   * @param subjectKey what it is about, such as {@code "conversation:17"}
   * @param relatedKeys other objects whose data {@code item} holds, such as {@code
   *     "contact:6a1f..."}
   * @param item the rendered item, JSON
   */
  void insertEvent(
      long id,
      long workspaceId,
      Topic topic,
      String subjectKey,
      List<String> relatedKeys,
      String item,
      long createdAt);

  /**
   * Queues event {@code eventId} for fan-out ({@code webhook_fan_out}, migration 34): the delivery
   * worker writes a pending notification of it for each of {@code subscriptionIds} that still
   * exists ({@link #takeFanOut}). One row, ids only, in the transaction of the change that raised
   * the event.
   *
   * @param subscriptionIds the subscriptions that receive it, in order
   */
  void queueFanOut(long eventId, long workspaceId, List<Long> subscriptionIds);

  /**
   * Takes the oldest {@code limit} queued fan-outs ({@link #queueFanOut}), in event id order (the
   * order their changes committed, per subject), by deleting their rows; the caller writes their
   * notifications in the same transaction ({@link Outbox#fanOut}). Only rows this DELETE removed
   * are returned, so none that a workspace's deletion or reset took. A fan-out whose event an
   * erasure deleted meanwhile is not returned; subscriptions deleted meanwhile are left out. On
   * PostgreSQL one process fans out at a time (a transaction-scoped advisory lock, which {@link
   * #deleteSubscription} takes too): another finds nothing to take until it commits.
   */
  List<FanOut> takeFanOut(int limit);

  /**
   * Records pending notifications of event {@code eventId}, each due at its {@code nextAttemptMs},
   * or, on SQLite only, {@link Notification#WAITING} when a pending notification of its
   * subscription and subject is already in line (one prepared statement for all).
   */
  void insertNotifications(List<Notification> notifications, long eventId);

  /**
   * Erasure: deletes every event whose subject or related keys name {@code key}, with its item (the
   * only content a notification has). Their pending notifications are dropped ({@code "erased"}):
   * the delivery log shows them so at once, and {@link #claim} settles them so when it reaches them
   * (they are never sent), making the next in line due. Their rows are left alone here, so that an
   * erasure writes only the events it deletes. An event not yet fanned out has no notification:
   * {@link #takeFanOut} finds it gone and writes none.
   *
   * @return how many pending notifications were dropped (those of events already fanned out)
   */
  int dropSubject(long workspaceId, String key);

  /**
   * Takes up to {@code limit} notifications that are due at {@code nowMs} for this process:
   * pending, not leased by another process (or with an expired lease), of a subscription that is
   * active and not throttled, and first in line for their subscription and subject (no earlier
   * pending notification of the same subscription and subject). Leases them to {@code owner} until
   * {@code leaseUntilMs}. Earliest due first, then in order of {@link Notification#sequence}.
   * Notifications first in line whose event an erasure deleted ({@link #dropSubject}) are settled
   * as dropped on the way, never returned.
   */
  default List<ClaimedNotification> claim(String owner, long nowMs, long leaseUntilMs, int limit) {
    return claim(owner, nowMs, leaseUntilMs, limit, Map.of(), Integer.MAX_VALUE);
  }

  /**
   * {@link #claim(String, long, long, int)}, taking at most {@code perSubscription} notifications
   * of one subscription counting the {@code inFlight} ones (subscription id to requests this
   * process has in flight for it): a slow endpoint then holds at most {@code perSubscription} of
   * the process's requests, and other subscriptions keep being served.
   */
  List<ClaimedNotification> claim(
      String owner,
      long nowMs,
      long leaseUntilMs,
      int limit,
      Map<Long, Integer> inFlight,
      int perSubscription);

  /**
   * Notifications left {@link Notification#WAITING} with nothing before them in line, on PostgreSQL
   * (which writes none itself; a store that had them, or a future change, could). None on SQLite,
   * whose single writer orders every change. A read.
   *
   * @return up to {@code limit} of their {@link Notification#sequence}s, oldest first
   */
  List<Long> stranded(int limit);

  /**
   * Makes the {@code stranded} notifications (from {@link #stranded}) due at their {@code
   * createdAt}, those that are still waiting with nothing before them.
   *
   * @return how many became due
   */
  int release(List<Long> stranded);

  /**
   * Releases every lease (SQLite at start-up: only a dead process of this data dir can hold one).
   *
   * @return how many were released
   */
  int releaseLeases();

  /**
   * Whether some pending notification is due at {@code nowMs} (Unix ms), leased or not, or some
   * event waits for its fan-out ({@link #queueFanOut}): a read that lets an idle delivery worker
   * skip its claim, which is a write.
   */
  boolean anyDue(long nowMs);

  /**
   * Writes the outcomes of attempts on leased notifications (one prepared statement for all), and
   * releases their leases. The next notification in line behind each one delivered or failed for
   * good becomes due.
   */
  void recordAttempts(List<AttemptOutcome> outcomes);

  /**
   * Deletes the events among {@code eventIds} that no pending notification needs any more.
   *
   * @return how many were deleted
   */
  int deleteSettledEvents(List<Long> eventIds);

  /** The delivery log of a workspace, newest first, optionally of one subscription. */
  List<Notification> notifications(long workspaceId, Long subscriptionId, int limit);

  /** The workspace's client secret, empty when it has none yet. */
  Optional<String> clientSecret(long workspaceId);

  void setClientSecret(long workspaceId, String secret);

  /**
   * A queued fan-out ({@link #takeFanOut}): event {@code eventId} of {@code workspaceId}, its
   * topic, subject key and creation time (Unix seconds), and the subscriptions that still exist
   * among those it was raised for (possibly none).
   */
  record FanOut(
      long eventId,
      long workspaceId,
      Topic topic,
      String subjectKey,
      long createdAt,
      List<Long> subscriptionIds) {}

  /**
   * A notification leased for sending, with what its envelope and signature need.
   *
   * @param appId the workspace's {@code id_code}, the envelope's {@code app_id}
   * @param item the event's rendered item, JSON
   */
  record ClaimedNotification(
      Notification notification,
      long eventId,
      String url,
      String appId,
      String clientSecret,
      String item) {}

  /**
   * What one attempt came to.
   *
   * @param status {@link NotificationStatus#DELIVERED}, {@link NotificationStatus#PENDING} (to be
   *     retried at {@code nextAttemptMs}) or {@link NotificationStatus#FAILED}
   * @param attemptedAt Unix seconds
   * @param statusCode the endpoint's status code, null when none came
   * @param error why it failed without a status code, else null
   */
  record AttemptOutcome(
      long sequence,
      NotificationStatus status,
      long attempts,
      long attemptedAt,
      Integer statusCode,
      String error,
      long nextAttemptMs) {}
}
