package dev.parley.domain.conversation;

import java.util.List;

/**
 * A contact-initiated conversation, as {@code POST /conversations} ({@code createConversation})
 * takes it.
 *
 * @param fromType {@code user}, {@code lead} or {@code contact}
 * @param fromId the contact's 24-hex id
 * @param body the message text
 * @param subject optional subject, or null
 * @param attachmentUrls links to keep on the source message (at most 10; never fetched)
 * @param createdAt Unix seconds for imported conversations, or null for now
 */
public record NewConversation(
    String fromType,
    String fromId,
    String body,
    String subject,
    List<String> attachmentUrls,
    Long createdAt) {}
