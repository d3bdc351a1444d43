package dev.parley.domain.conversation;

/**
 * The message that started a conversation, as {@code createConversation} answers it.
 *
 * @param messageId the source message id
 * @param createdAt Unix seconds
 */
public record ConversationCreated(
    long conversationId, long messageId, long createdAt, String body, String subject) {}
