package dev.parley.domain.reporting;

import java.util.List;
import java.util.Map;

/** Reads of the reporting datasets, a bounded slice at a time. */
public interface ReportingRepository {

  /**
   * One slice of the conversation dataset: reporting records (erased conversations included)
   * with {@code startTime <= conversation_started_at <= endTime}, ordered by
   * (conversation_started_at, conversation_id), strictly after the keyset
   * {@code (afterStartedAt, afterId)}, at most {@code limit}; each joined with the live
   * conversation's row when it still exists.
   */
  List<ConversationReportRow> conversationRows(
      long workspaceId, long startTime, long endTime, long afterStartedAt, long afterId, int limit);

  /**
   * The names of the tags applied to each live conversation whose reporting record lies in
   * the keyset window {@code (afterStartedAt, afterId) < (conversation_started_at,
   * conversation_id) <= (toStartedAt, toId)} (one slice of {@link #conversationRows}), in the
   * order they were applied. Conversations without tags are absent.
   */
  Map<Long, List<String>> tagNames(
      long workspaceId, long afterStartedAt, long afterId, long toStartedAt, long toId);

  /** The contact ids of each live conversation of the same window, in the order they joined. */
  Map<Long, List<String>> contactIds(
      long workspaceId, long afterStartedAt, long afterId, long toStartedAt, long toId);
}
