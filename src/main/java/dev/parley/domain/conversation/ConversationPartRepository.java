package dev.parley.domain.conversation;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of live conversations ({@code conversation_parts}) and the attachments of their source
 * messages and parts ({@code uploads}: files and links). All lookups are confined to {@code
 * workspaceId}; conversation ids are those of {@link ConversationRepository}.
 */
public interface ConversationPartRepository {

  /** Inserts a part of a conversation whose row exists. */
  void insertPart(ConversationPart part);

  /** One part of one conversation, or empty when that conversation has no such part. */
  Optional<ConversationPart> findPart(long workspaceId, long conversationId, long partId);

  /**
   * Redacts a part in place ({@code redactConversation}): its body becomes {@code placeholder}, its
   * quick reply options (metadata) are erased, {@code redacted} is set and {@code updated_at}
   * becomes {@code at} (Unix seconds). Its attachments are erased with {@link #eraseAttachments}.
   */
  void redactPart(long workspaceId, long partId, String placeholder, long at);

  /**
   * The id of the admin who wrote the conversation's newest {@code snoozed} part (who set the
   * snooze that is now running out), or empty when it has none.
   */
  Optional<Long> lastSnoozedBy(long workspaceId, long conversationId);

  /** How many parts a conversation has. */
  long countParts(long workspaceId, long conversationId);

  /** Ids of the admins who wrote at least one part, for each conversation. */
  Map<Long, List<Long>> teammateIds(long workspaceId, Collection<Long> conversationIds);

  /** Inserts an attachment (a file or a link) of a source message (part id null) or a part. */
  void insertAttachment(Attachment attachment);

  /** Source attachments (part_id null) of each conversation. */
  Map<Long, List<Attachment>> sourceAttachments(long workspaceId, Collection<Long> conversationIds);

  /** The file attachment served under this URL token, if it still exists. */
  Optional<Attachment> findUpload(long workspaceId, String urlToken);

  /**
   * Deletes the attachments (files and links) of one part, or of the source message when {@code
   * partId} is null, for a redaction.
   *
   * @return the attachment rows deleted and the blob keys whose bytes must now be removed ({@code
   *     parts} is 0)
   */
  ConversationRepository.Erased eraseAttachments(
      long workspaceId, long conversationId, Long partId);
}
