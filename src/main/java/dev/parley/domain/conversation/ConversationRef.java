package dev.parley.domain.conversation;

/**
 * The conversation a reply names ({@code POST /conversations/{id}/reply}): an id, or {@code last},
 * the conversation last updated (for a contact reply: among the contact's).
 */
public sealed interface ConversationRef permits ConversationId, ConversationRef.Last {
  /** The path segment {@code last}. */
  record Last() implements ConversationRef {}

  /**
   * Parses the reply path's {@code id}: {@code last} or an id.
   *
   * @throws dev.parley.domain.ApiException 404 {@code not_found} for anything else
   */
  static ConversationRef parse(String text) {
    return "last".equals(text) ? new Last() : ConversationId.parse(text);
  }
}
