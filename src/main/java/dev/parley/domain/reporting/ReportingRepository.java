package dev.parley.domain.reporting;

import java.util.List;

/** Reads of the reporting datasets, a bounded slice at a time. */
public interface ReportingRepository {

  /**
   * One slice of the conversation dataset: reporting records (erased conversations included) with
   * {@code startTime <= conversation_started_at <= endTime}, ordered by (conversation_started_at,
   * conversation_id), strictly after the keyset {@code (afterStartedAt, afterId)}, at most {@code
   * limit}; each joined with the live conversation's row, tags and contacts while it still exists.
   *
   * @param withTags whether to read each conversation's tag names (else they are null)
   * @param withContacts whether to read each conversation's contact ids (else they are null)
   */
  List<ConversationReportRow> conversationRows(
      long workspaceId,
      long startTime,
      long endTime,
      long afterStartedAt,
      long afterId,
      int limit,
      boolean withTags,
      boolean withContacts);

  /**
   * One slice of the ticket dataset: the reporting records of tickets (erased ones included, as
   * their records keep the ticket facts) with {@code startTime <= created_at <= endTime}, in the
   * order and keyset of {@link #conversationRows}, each with its type's and state's names.
   */
  List<TicketReportRow> ticketRows(
      long workspaceId, long startTime, long endTime, long afterStartedAt, long afterId, int limit);
}
