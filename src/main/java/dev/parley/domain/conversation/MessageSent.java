package dev.parley.domain.conversation;

import dev.parley.domain.admin.Admin;

/**
 * What {@code createMessage} made: the message (the source of a new conversation) and that
 * conversation.
 *
 * @param messageId the message's id, also its conversation's {@code source.id}
 * @param conversationId the conversation the message started
 * @param createdAt Unix seconds
 * @param subject the email's subject, or null for an in-app message
 * @param owner the admin who sent it
 * @param opened whether the conversation was opened in the inbox at once ({@code
 *     create_conversation_without_contact_reply}); otherwise it waits, closed, for the contact's
 *     reply
 */
public record MessageSent(
    long messageId,
    long conversationId,
    long createdAt,
    String subject,
    String body,
    NewMessage.MessageType messageType,
    Admin owner,
    boolean opened) {}
