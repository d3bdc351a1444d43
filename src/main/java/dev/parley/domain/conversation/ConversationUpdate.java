package dev.parley.domain.conversation;

import java.util.Map;

/**
 * What {@code PUT /conversations/{id}} ({@code updateConversation}) changes; null fields are left
 * alone.
 *
 * @param read the new read flag, or null
 * @param titleGiven whether {@code title} was sent (it may be sent as null to clear it)
 * @param customAttributes attributes to set; a null value removes the attribute
 */
public record ConversationUpdate(
    Boolean read, boolean titleGiven, String title, Map<String, Object> customAttributes) {}
