package dev.parley.domain.conversation;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Reporting records ({@link ConversationMetrics}), one per conversation. */
public interface MetricsRepository {
  void insert(ConversationMetrics metrics);

  /** Writes every field of an existing record. */
  void update(ConversationMetrics metrics);

  Optional<ConversationMetrics> find(long workspaceId, long conversationId);

  Map<Long, ConversationMetrics> findAll(long workspaceId, Collection<Long> conversationIds);

  /**
   * Marks the record of an erased conversation: {@code deleted_at} and {@code updated_at} become
   * {@code at} (Unix seconds); every other fact stays. False when there was no record.
   */
  boolean markErased(long workspaceId, long conversationId, long at);

  /** Removes the record ({@code retain_metrics=false}); false when there was none. */
  boolean delete(long workspaceId, long conversationId);
}
