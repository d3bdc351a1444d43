package dev.parley.domain.reporting;

import dev.parley.domain.conversation.ConversationMetrics;

/**
 * One row of the conversation dataset: the reporting record and, while the conversation lives, the
 * attributes of its content.
 *
 * @param live whether the conversation's row still exists (false once erased)
 * @param title the title, or null (always null when not live)
 * @param priority {@code priority} or {@code not_priority}, or null when not live
 * @param customAttributesJson the stored custom attributes as a JSON object text, or null when not
 *     live
 * @param tagNamesJson the names of its tags in the order applied, a compact JSON array of strings;
 *     null when it has none, is not live, or they were not asked for
 * @param contactIdsJson its contact ids in the order they joined, a compact JSON array of strings;
 *     null when it has none, is not live, or they were not asked for
 */
public record ConversationReportRow(
    ConversationMetrics metrics,
    boolean live,
    String title,
    String priority,
    String customAttributesJson,
    String tagNamesJson,
    String contactIdsJson) {}
