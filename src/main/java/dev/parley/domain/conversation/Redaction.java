package dev.parley.domain.conversation;

/**
 * What {@code POST /conversations/redact} ({@code redactConversation}) names: a part of a
 * conversation, or its source message ({@code redact_conversation_request}). Ids are the
 * request's text; ids that are not numbers cannot exist.
 *
 * @param source true for {@code type: source}, false for {@code type: conversation_part}
 * @param conversationId the conversation's id
 * @param targetId the {@code conversation_part_id}, or the {@code source_id}
 */
public record Redaction(boolean source, String conversationId, String targetId) {}
