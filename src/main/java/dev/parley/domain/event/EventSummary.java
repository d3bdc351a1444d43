package dev.parley.domain.event;

/**
 * How often an event happened to a contact (Intercom's {@code data_event_summary_item}).
 *
 * @param eventName the event's name
 * @param count how many times it happened
 * @param firstAt the first time, Unix seconds
 * @param lastAt the last time, Unix seconds
 */
public record EventSummary(String eventName, long count, long firstAt, long lastAt) {

  /** This summary with {@code other} (of the same name) added to it. */
  public EventSummary plus(long otherCount, long otherFirstAt, long otherLastAt) {
    return new EventSummary(
        eventName,
        count + otherCount,
        Math.min(firstAt, otherFirstAt),
        Math.max(lastAt, otherLastAt));
  }
}
