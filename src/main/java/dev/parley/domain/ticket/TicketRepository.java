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

  /**
   * Writes the ticket's non-sensitive facts into its conversation's reporting record ({@code
   * conversation_metrics}, migration 30), which outlives erasure and feeds the {@code ticket}
   * dataset of the reporting export: its number, type, category and state (id and category). A
   * change of state sets the state's time to {@code at}; a move from a state that is not {@code
   * resolved} into one that is sets the last resolved time to {@code at}, and the first one when it
   * has none. Never a title, description or attribute value.
   *
   * @param stateCategory the category of {@code ticket.ticketStateId()}
   * @param at Unix seconds
   */
  void recordReporting(Ticket ticket, String stateCategory, long at);

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
