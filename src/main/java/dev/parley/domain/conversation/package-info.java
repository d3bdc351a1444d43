/**
 * Conversations: their model (conversation, parts, attachments, tags, the reporting record) and the
 * services that follow Intercom's "Conversations" API: the life of a conversation ({@link
 * dev.parley.domain.conversation.ConversationService}), its states and assignees ({@link
 * dev.parley.domain.conversation.ConversationStateService}), its contacts ({@link
 * dev.parley.domain.conversation.ConversationCustomerService}), redaction of a part or source
 * ({@link dev.parley.domain.conversation.RedactionService}) and erasure ({@link
 * dev.parley.domain.conversation.ErasureService}).
 */
package dev.parley.domain.conversation;
