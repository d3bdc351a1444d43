package dev.parley.domain.reporting;

import dev.parley.domain.conversation.ConversationMetrics;

/**
 * One row of the ticket dataset: the reporting record of the ticket's conversation with the ticket
 * facts kept there (migration 30), and the names of its type and state from the workspace's
 * configuration. No content: an erased ticket's row is the same, with {@code deletedAt} set. Times
 * are Unix seconds.
 *
 * @param number Intercom's {@code ticket_id}, the number shown in the inbox
 * @param category {@code Customer}, {@code Back-office} or {@code Tracker}
 * @param typeName the ticket type's name, or null when the type no longer exists
 * @param stateCategory {@code submitted}, {@code in_progress}, {@code waiting_on_customer} or
 *     {@code resolved}; null when not known
 * @param stateLabel the state's internal label, or null when the state no longer exists
 * @param stateUpdatedAt the last change of state, or null when not known (tickets older than
 *     migration 30)
 * @param firstResolvedAt the first move into a resolved state, or null
 * @param lastResolvedAt the last move into a resolved state, or null
 */
public record TicketReportRow(
    ConversationMetrics metrics,
    long number,
    long typeId,
    String typeName,
    String category,
    Long stateId,
    String stateCategory,
    String stateLabel,
    Long stateUpdatedAt,
    Long firstResolvedAt,
    Long lastResolvedAt) {}
