package dev.parley.domain.webhook;

import dev.parley.domain.Repositories;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Raises webhook notifications in the transaction of the change they describe (the outbox pattern):
 * a change that commits always notifies, a change that rolls back never does. {@link #raise} writes
 * one event (its item and keys, and the ids of the subscriptions that take its topic), and asks for
 * the worker to be woken once the transaction commits; the delivery worker ({@code
 * dev.parley.jobs.WebhookDelivery}) turns each event into one notification per subscription ({@link
 * #fanOut}) in its own transaction, and sends them.
 */
public final class Outbox {
  private final Clock clock;
  private final WebhookItems items;
  private final Runnable wake;

  /**
   * @param items renders notification items
   * @param wake called after a transaction that raised a notification commits
   */
  public Outbox(Clock clock, WebhookItems items, Runnable wake) {
    this.clock = clock;
    this.items = items;
    this.wake = wake;
  }

  /** An outbox that raises nothing, for tools and tests that build services without webhooks. */
  public static Outbox none() {
    return new Outbox(Clock.systemUTC(), null, () -> {});
  }

  /** The renderer of items, for callers that build one. */
  public WebhookItems items() {
    return items;
  }

  /**
   * What wakes the delivery worker (for changes, such as a resume, that make notifications due).
   */
  public Runnable wake() {
    return wake;
  }

  /**
   * Records {@code topic} for every subscription of the workspace that receives it: one event, that
   * the delivery worker fans out to those subscriptions ({@link #fanOut}). The item is rendered
   * only when there is at least one; nothing is written when there is none.
   *
   * @param subjectKey what the event is about, such as {@code "conversation:17"}: notifications of
   *     one subject reach each subscription in the order their events committed
   * @param relatedKeys other objects whose data the item holds (erasing any of them drops it)
   * @param item renders the item, JSON
   */
  public void raise(
      Repositories repos,
      long workspaceId,
      Topic topic,
      String subjectKey,
      List<String> relatedKeys,
      Supplier<String> item) {
    if (items == null) {
      return;
    }
    List<Long> subscribers = repos.webhooks().subscribers(workspaceId, topic);
    if (subscribers.isEmpty()) {
      return;
    }
    writeEvent(repos, workspaceId, subscribers, topic, subjectKey, relatedKeys, item.get());
  }

  /**
   * A rendered item with the keys of the objects whose data it holds.
   *
   * @param json the item, JSON
   * @param relatedKeys other objects than the subject whose data {@code json} holds
   */
  public record Item(String json, List<String> relatedKeys) {}

  /**
   * {@link #raise(Repositories, long, Topic, String, List, Supplier)} for items whose related keys
   * are only known once the item is built (a conversation names its contacts): both come from
   * {@code item}, which runs only when there is a subscriber.
   */
  public void raiseItem(
      Repositories repos, long workspaceId, Topic topic, String subjectKey, Supplier<Item> item) {
    if (items == null) {
      return;
    }
    List<Long> subscribers = repos.webhooks().subscribers(workspaceId, topic);
    if (subscribers.isEmpty()) {
      return;
    }
    Item built = item.get();
    writeEvent(
        repos, workspaceId, subscribers, topic, subjectKey, built.relatedKeys(), built.json());
  }

  /**
   * Records {@code topic} for one subscription only, whatever its topics (the {@code ping} sent
   * when a subscription is created): the event and its one notification, in this transaction (the
   * delivery log shows it at once).
   */
  public void raiseTo(
      Repositories repos,
      long workspaceId,
      long subscriptionId,
      Topic topic,
      String subjectKey,
      Supplier<String> item) {
    if (items == null) {
      return;
    }
    long nowMs = clock.millis();
    long at = nowMs / 1000;
    long eventId = repos.nextId("webhook_event");
    repos
        .webhooks()
        .insertEvent(eventId, workspaceId, topic, subjectKey, List.of(), item.get(), at, List.of());
    Notification n =
        pending(
            repos.nextId("webhook_notification"),
            workspaceId,
            subscriptionId,
            topic,
            subjectKey,
            at,
            nowMs);
    repos.webhooks().insertNotifications(List.of(n), eventId);
    repos.afterCommit(wake);
  }

  private void writeEvent(
      Repositories repos,
      long workspaceId,
      List<Long> subscribers,
      Topic topic,
      String subjectKey,
      List<String> relatedKeys,
      String item) {
    long at = clock.millis() / 1000;
    long eventId = repos.nextId("webhook_event");
    repos
        .webhooks()
        .insertEvent(eventId, workspaceId, topic, subjectKey, relatedKeys, item, at, subscribers);
    repos.afterCommit(wake);
  }

  /**
   * Fans out up to {@code maxEvents} events, oldest first: each becomes one pending notification,
   * due at {@code nowMs}, for each subscription that took its topic when it was raised and still
   * exists (a subscription deleted since gets none; one suspended since gets one, held until it is
   * resumed, as it would have had the notification been written with the event). Notification ids
   * ({@code notif_} + a UUID) are made here, once. An event left with no subscription is deleted
   * with its content. Runs in the delivery worker's transaction; exactly once per event, even with
   * several processes on one PostgreSQL database ({@link WebhookRepository#eventsToFanOut} holds
   * the events, and the conditional {@link WebhookRepository#markFannedOut} must mark every one).
   *
   * @return how many notifications were written
   * @throws IllegalStateException when another transaction fanned out one of the events meanwhile
   *     (the caller's transaction must roll back)
   */
  public static int fanOut(Repositories repos, long nowMs, int maxEvents) {
    if (maxEvents <= 0) {
      return 0;
    }
    WebhookRepository webhooks = repos.webhooks();
    List<WebhookRepository.EventToFanOut> events = webhooks.eventsToFanOut(maxEvents);
    if (events.isEmpty()) {
      return 0;
    }
    List<Long> eventIds = events.stream().map(WebhookRepository.EventToFanOut::id).toList();
    int marked = webhooks.markFannedOut(eventIds);
    if (marked != events.size()) {
      throw new IllegalStateException(
          "webhook events fanned out by another transaction: " + marked + " of " + events.size());
    }
    Set<Long> live =
        webhooks.existingSubscriptions(
            events.stream()
                .flatMap(e -> e.subscriptionIds().stream())
                .collect(Collectors.toCollection(TreeSet::new)));
    int total = 0;
    for (WebhookRepository.EventToFanOut e : events) {
      for (long id : e.subscriptionIds()) {
        if (live.contains(id)) {
          total++;
        }
      }
    }
    long next = total > 0 ? repos.nextIds("webhook_notification", total) : 0;
    Map<Long, List<Notification>> byEvent = new LinkedHashMap<>();
    List<Long> orphans = new ArrayList<>();
    for (WebhookRepository.EventToFanOut e : events) {
      List<Notification> notifications = new ArrayList<>();
      for (long id : e.subscriptionIds()) {
        if (live.contains(id)) {
          notifications.add(
              pending(
                  next++, e.workspaceId(), id, e.topic(), e.subjectKey(), e.createdAt(), nowMs));
        }
      }
      if (notifications.isEmpty()) {
        orphans.add(e.id());
      } else {
        byEvent.put(e.id(), notifications);
      }
    }
    webhooks.insertNotifications(byEvent);
    webhooks.deleteEvents(orphans);
    return total;
  }

  /** A new pending notification, due at once. */
  static Notification pending(
      long sequence,
      long workspaceId,
      long subscriptionId,
      Topic topic,
      String subjectKey,
      long createdAt,
      long nowMs) {
    return new Notification(
        "notif_" + UUID.randomUUID(),
        sequence,
        workspaceId,
        subscriptionId,
        topic,
        subjectKey,
        NotificationStatus.PENDING,
        createdAt,
        0,
        nowMs,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * Erasure: drops, in the erasure's transaction, every undelivered notification whose item holds
   * data of {@code key} (such as {@code "conversation:17"}), and deletes that content: the events
   * not yet fanned out are deleted (they never reach the delivery log), those fanned out too (their
   * pending notifications become {@code dropped}, {@code erased}).
   *
   * @return how many notifications were dropped (events not yet fanned out count none)
   */
  public static int erase(Repositories repos, long workspaceId, String key) {
    return repos.webhooks().dropSubject(workspaceId, key);
  }

  /** The subject key of a conversation: {@code "conversation:" + id}. */
  public static String conversationKey(long conversationId) {
    return "conversation:" + conversationId;
  }

  /** The subject key of a contact: {@code "contact:" + id}. */
  public static String contactKey(String contactId) {
    return "contact:" + contactId;
  }

  /** The subject key of an admin: {@code "admin:" + id}. */
  public static String adminKey(long adminId) {
    return "admin:" + adminId;
  }
}
