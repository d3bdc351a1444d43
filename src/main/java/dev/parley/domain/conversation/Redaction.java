package dev.parley.domain.conversation;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Ids;

/**
 * What {@code POST /conversations/redact} ({@code redactConversation}) names: a part of a
 * conversation, or its source message ({@code redact_conversation_request}).
 *
 * @param source true for {@code type: source}, false for {@code type: conversation_part}
 * @param conversationId the conversation's id
 * @param targetId the {@code conversation_part_id}, or the {@code source_id}
 */
public record Redaction(boolean source, ConversationId conversationId, long targetId) {
  /**
   * Parses the request's id texts (surrounding blanks ignored).
   *
   * @throws ApiException 404 {@code conversation_part_or_message_not_found} for an id that is not a
   *     number: such an id cannot exist
   */
  public static Redaction parse(boolean source, String conversationId, String targetId) {
    return new Redaction(source, new ConversationId(parseId(conversationId)), parseId(targetId));
  }

  private static long parseId(String id) {
    try {
      return Ids.parse(id == null ? null : id.trim());
    } catch (ApiException e) {
      throw new ApiException(ErrorCode.CONVERSATION_PART_OR_MESSAGE_NOT_FOUND);
    }
  }
}
