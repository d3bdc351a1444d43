/**
 * Conversations: their model (conversation, parts, attachments, tags, the reporting record),
 * the services that follow Intercom's "Conversations" API, and erasure
 * ({@link dev.parley.domain.conversation.ErasureService}).
 */
package dev.parley.domain.conversation;
