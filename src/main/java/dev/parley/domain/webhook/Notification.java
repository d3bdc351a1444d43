package dev.parley.domain.webhook;

/**
 * One entry of the delivery log: a notification of one event to one subscription. It holds no
 * content (the item it sends lives in the outbox only until it is settled).
 *
 * @param id the envelope's id, {@code "notif_"} + a UUID, the same on every attempt
 * @param sequence the log's order: unique and increasing in the order the events committed
 * @param subjectKey what the event is about, such as {@code "conversation:17"}
 * @param createdAt when the event committed, Unix seconds
 * @param attempts how many times it was sent
 * @param nextAttemptMs when it is due next (Unix milliseconds), meaningful while pending; {@link
 *     #WAITING} while an earlier pending notification of the same subscription and subject is in
 *     line before it
 * @param firstSentAt the first attempt, Unix seconds, null before it
 * @param lastAttemptAt the latest attempt, Unix seconds, null before the first
 * @param deliveredAt when an attempt got a 2xx, Unix seconds, else null
 * @param lastStatusCode the endpoint's status code of the latest attempt, null when none came
 * @param lastError why the latest attempt failed without a status code ({@code "timeout"}, {@code
 *     "connection"}, ...) or why it was dropped ({@code "erased"}, {@code "unsubscribed"}), else
 *     null
 */
public record Notification(
    String id,
    long sequence,
    long workspaceId,
    long subscriptionId,
    Topic topic,
    String subjectKey,
    NotificationStatus status,
    long createdAt,
    long attempts,
    long nextAttemptMs,
    Long firstSentAt,
    Long lastAttemptAt,
    Long deliveredAt,
    Integer lastStatusCode,
    String lastError) {
  /**
   * The {@code nextAttemptMs} of a pending notification that waits for the one before it (same
   * subscription and subject) to settle: it is never due, so the delivery worker's claim, which
   * walks due notifications in order, does not step over it. When the one before it is delivered,
   * fails for good or is dropped, it becomes due (at its {@code createdAt}).
   */
  public static final long WAITING = Long.MAX_VALUE;

  /** Whether it waits for the notification before it ({@link #WAITING}). */
  public boolean waiting() {
    return nextAttemptMs == WAITING;
  }
}
