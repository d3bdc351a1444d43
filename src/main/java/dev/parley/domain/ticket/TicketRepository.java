package dev.parley.domain.ticket;

import dev.parley.domain.search.SearchQuery;
import dev.parley.domain.search.SearchResult;
import java.util.Optional;

/**
 * The ticket columns of conversation rows (migration 18). The conversation row itself is written by
 * {@link dev.parley.domain.conversation.ConversationRepository}; erasing it erases the ticket. All
 * lookups are confined to {@code workspaceId}.
 */
public interface TicketRepository {

  /**
   * Writes the ticket columns of the conversation row {@code ticket.id()} (which must exist): makes
   * a conversation a ticket, or changes a ticket's state, attributes and sharing.
   */
  void save(Ticket ticket);

  /** The ticket, or empty when the row does not exist in this workspace or is no ticket. */
  Optional<Ticket> find(long workspaceId, long ticketId);

  /**
   * One page of the workspace's tickets that match {@code query} ({@code searchTickets}), newest
   * first ({@code created_at} desc, then id desc), strictly after the keyset {@code
   * (beforeCreatedAt, beforeId)} when it is given, with the number of matches in all.
   *
   * @param limit at most this many tickets
   */
  SearchResult<Ticket> search(
      long workspaceId, SearchQuery query, Long beforeCreatedAt, Long beforeId, int limit);

  /** Records a job ({@code jobs} rows: ids only). */
  void insertJob(Job job);

  /** The job, or empty when it does not exist in this workspace. */
  Optional<Job> findJob(long workspaceId, long jobId);
}
