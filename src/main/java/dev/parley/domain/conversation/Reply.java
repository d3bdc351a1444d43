package dev.parley.domain.conversation;

import java.util.List;

/**
 * A reply to a conversation, as {@code POST /conversations/{id}/reply} ({@code replyConversation})
 * takes it: by an admin ({@code comment}, {@code note}, {@code quick_reply}) or by a contact
 * ({@code comment}).
 *
 * @param byAdmin true for an admin reply, false for a contact reply
 * @param messageType the part an admin reply adds ({@code message_type}: {@link PartType#COMMENT},
 *     {@link PartType#NOTE} or {@link PartType#QUICK_REPLY}); {@link PartType#COMMENT} for a
 *     contact
 * @param adminId the replying admin, for admin replies
 * @param contact how the replying contact is named, for contact replies
 * @param body HTML or text, or null (quick replies)
 * @param attachmentUrls links to keep (never fetched), at most 10
 * @param files uploaded files, at most 10
 * @param replyOptions options of a quick reply
 * @param createdAt Unix seconds for imported replies, or null for now
 */
public record Reply(
    boolean byAdmin,
    PartType messageType,
    Long adminId,
    ContactRef contact,
    String body,
    List<String> attachmentUrls,
    List<NewFile> files,
    List<ConversationPart.QuickReplyOption> replyOptions,
    Long createdAt) {

  /**
   * One way of naming a contact in a request: Intercom's {@code intercom_user_id} (the contact id),
   * {@code user_id} (the external id) or {@code email}. Exactly one is set.
   */
  public record ContactRef(String intercomUserId, String userId, String email) {}
}
