package dev.parley.domain.webhook;

import dev.parley.domain.Repositories;
import dev.parley.domain.contact.Contact;
import dev.parley.domain.contact.ContactLinks;
import dev.parley.domain.workspace.Caller;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Raises webhook notifications in the transaction of the change they describe (the outbox pattern):
 * a change that commits always notifies, a change that rolls back never does. {@link #raise} writes
 * the event (its item) and queues it for fan-out, and asks for the worker to be woken once the
 * transaction commits; the background worker ({@code dev.parley.jobs.WebhookDelivery}) writes each
 * subscription's notification ({@link #fanOut}) and sends them.
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
   * Records {@code topic} for every subscription of the workspace that receives it. The item is
   * rendered only when there is at least one; nothing is written when there is none.
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
    write(repos, workspaceId, subscribers, topic, subjectKey, relatedKeys, item.get());
  }

  /**
   * Raises {@code topic} about a contact of the caller's workspace ({@code contact:<id>}), its item
   * the contact as the REST API renders it ({@code ShowContact}, with its links as they are now in
   * this transaction).
   */
  public void raiseContact(Repositories repos, Caller caller, Contact contact, Topic topic) {
    long ws = caller.workspaceId();
    raise(
        repos,
        ws,
        topic,
        contactKey(contact.id()),
        List.of(),
        () -> items.contact(caller.workspace(), contact, ContactLinks.of(repos, ws, contact.id())));
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
   * {@code item}, which runs only when there is a subscriber. An {@code item} that answers null
   * (the object turned out not to be one the topic is about) writes nothing.
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
    if (built == null) {
      return;
    }
    write(repos, workspaceId, subscribers, topic, subjectKey, built.relatedKeys(), built.json());
  }

  /**
   * Records {@code topic} for one subscription only, whatever its topics (the {@code ping} sent
   * when a subscription is created). Its notification is written at once, not by the worker's
   * fan-out, so that the delivery log shows it as soon as the subscription exists.
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
    long eventId = repos.nextId("webhook_event");
    repos
        .webhooks()
        .insertEvent(eventId, workspaceId, topic, subjectKey, List.of(), item.get(), nowMs / 1000);
    insertPending(
        repos,
        eventId,
        workspaceId,
        List.of(subscriptionId),
        topic,
        subjectKey,
        nowMs / 1000,
        nowMs);
    repos.afterCommit(wake);
  }

  private void write(
      Repositories repos,
      long workspaceId,
      List<Long> subscribers,
      Topic topic,
      String subjectKey,
      List<String> relatedKeys,
      String item) {
    long nowMs = clock.millis();
    long at = nowMs / 1000;
    long eventId = repos.nextId("webhook_event");
    repos.webhooks().insertEvent(eventId, workspaceId, topic, subjectKey, relatedKeys, item, at);
    repos.webhooks().queueFanOut(eventId, workspaceId, subscribers);
    repos.afterCommit(wake);
  }

  /**
   * The delivery worker's fan-out, in the transaction of its claim: writes a pending notification,
   * due at {@code nowMs}, for each subscription of each of the oldest {@code limit} events queued
   * by {@link #raise} ({@link WebhookRepository#takeFanOut}), in event order; an event left with no
   * subscription is deleted. The change that raised an event wrote only the event and its queue
   * row, so what a notification costs per subscription is written here, off the request's path, and
   * not while the API is busy (the delivery governor defers the claim).
   *
   * @param nowMs the time, Unix milliseconds
   * @return how many notifications were written
   */
  public static int fanOut(Repositories repos, long nowMs, int limit) {
    List<WebhookRepository.FanOut> taken = repos.webhooks().takeFanOut(limit);
    int written = 0;
    List<Long> unsubscribed = new ArrayList<>();
    for (WebhookRepository.FanOut f : taken) {
      List<Long> subscribers = f.subscriptionIds();
      if (subscribers.isEmpty()) {
        unsubscribed.add(f.eventId());
        continue;
      }
      insertPending(
          repos,
          f.eventId(),
          f.workspaceId(),
          subscribers,
          f.topic(),
          f.subjectKey(),
          f.createdAt(),
          nowMs);
      written += subscribers.size();
    }
    repos.webhooks().deleteSettledEvents(unsubscribed);
    return written;
  }

  /** Writes a pending notification of event {@code eventId} for each of {@code subscribers}. */
  private static void insertPending(
      Repositories repos,
      long eventId,
      long workspaceId,
      List<Long> subscribers,
      Topic topic,
      String subjectKey,
      long createdAt,
      long nowMs) {
    long first = repos.nextIds("webhook_notification", subscribers.size());
    List<Notification> notifications = new ArrayList<>(subscribers.size());
    for (int i = 0; i < subscribers.size(); i++) {
      notifications.add(
          pending(first + i, workspaceId, subscribers.get(i), topic, subjectKey, createdAt, nowMs));
    }
    repos.webhooks().insertNotifications(notifications, eventId);
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
   * Erasure: drops every undelivered notification whose item holds data of {@code key} (such as
   * {@code "conversation:17"}): the erasure's transaction deletes their content; the delivery
   * worker settles their rows as dropped when it reaches them ({@link
   * WebhookRepository#dropSubject}).
   *
   * @return how many notifications were dropped
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

  /** The subject key of a company: {@code "company:" + id} (Intercom's 24-hex id). */
  public static String companyKey(String companyId) {
    return "company:" + companyId;
  }

  /** The subject key of an admin: {@code "admin:" + id}. */
  public static String adminKey(long adminId) {
    return "admin:" + adminId;
  }
}
