package dev.parley.domain.reporting;

import dev.parley.domain.conversation.ConversationMetrics;

/**
 * One row of the conversation dataset before its tags and contacts are added: the reporting
 * record and, while the conversation lives, the attributes of its own row.
 *
 * @param live whether the conversation's row still exists (false once erased)
 * @param title the title, or null (always null when not live)
 * @param priority {@code priority} or {@code not_priority}, or null when not live
 * @param customAttributesJson the stored custom attributes as a JSON object text, or null when
 *     not live
 */
public record ConversationReportRow(
    ConversationMetrics metrics, boolean live, String title, String priority, String customAttributesJson) {}
