package dev.parley.domain.event;

import java.util.List;
import java.util.Optional;

/**
 * Data events of contacts ({@code contact_events}) and their summaries ({@code
 * contact_event_summaries}). All lookups are confined to {@code workspaceId}.
 */
public interface DataEventRepository {
  /**
   * Stores an event unless one with its key (contact, name, {@code created_at}) is stored already.
   *
   * @return false when it was a duplicate, and nothing was written
   */
  boolean insert(DataEvent event);

  /**
   * One page of a contact's events, newest first (by {@code created_at}, then name descending),
   * after the keyset {@code (beforeCreatedAt, beforeName)} when it is not null.
   *
   * @param limit events at the most
   */
  List<DataEvent> ofContact(
      long workspaceId, String contactId, Long beforeCreatedAt, String beforeName, int limit);

  /** The summary of one event name of a contact, if it has one. */
  Optional<EventSummary> summary(long workspaceId, String contactId, String eventName);

  /** Writes a summary, replacing the one of its name. */
  void saveSummary(long workspaceId, String contactId, EventSummary summary);

  /** The summaries of a contact's events, by name. */
  List<EventSummary> summaries(long workspaceId, String contactId);

  /**
   * Deletes every event and summary of a contact (its erasure).
   *
   * @return how many rows were deleted
   */
  int deleteOfContact(long workspaceId, String contactId);
}
