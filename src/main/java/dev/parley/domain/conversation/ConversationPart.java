package dev.parley.domain.conversation;

import java.util.List;

/**
 * One part of a conversation (Intercom's {@code conversation_part}): a reply, a note, a quick
 * reply, or a state or assignment change.
 *
 * @param id numeric id, rendered as a string
 * @param partType what the part is: a reply, a note, a state change, ...
 * @param body HTML text, or null
 * @param createdAt Unix seconds; likewise updatedAt, notifiedAt
 * @param authorType an admin, or a contact (a user or a lead)
 * @param authorId admin id or contact id
 * @param assignedToType what an assignment part assigned to (admin, team or nobody_admin), else
 *     null
 * @param quickReplyOptions the options of a {@code quick_reply} part, else empty
 * @param state the conversation's state once this part was added
 */
public record ConversationPart(
    long workspaceId,
    long id,
    long conversationId,
    PartType partType,
    String body,
    long createdAt,
    long updatedAt,
    long notifiedAt,
    AuthorType authorType,
    String authorId,
    AssigneeType assignedToType,
    String assignedToId,
    List<QuickReplyOption> quickReplyOptions,
    ConversationState state,
    boolean redacted) {

  /**
   * A part written by an author (a reply, a note, a quick reply, the {@code open} part a contact's
   * reply to a closed conversation is, or an admin's state change or assignment), created, updated
   * and notified at {@code at}, assigning nothing ({@link #withAssignee} adds an assignment's).
   */
  static ConversationPart written(
      long ws,
      long id,
      long conversationId,
      PartType partType,
      String body,
      long at,
      AuthorType authorType,
      String authorId,
      List<QuickReplyOption> options,
      ConversationState state) {
    return new ConversationPart(
        ws,
        id,
        conversationId,
        partType,
        body,
        at,
        at,
        at,
        authorType,
        authorId,
        null,
        null,
        options,
        state,
        false);
  }

  /**
   * A copy that records what an assignment part assigned the conversation to.
   *
   * @param type admin, team or nobody_admin; null for a part that is not an assignment
   * @param id the assignee's id as a string, "0" for nobody; null with a null type
   */
  ConversationPart withAssignee(AssigneeType type, String id) {
    return new ConversationPart(
        workspaceId,
        this.id,
        conversationId,
        partType,
        body,
        createdAt,
        updatedAt,
        notifiedAt,
        authorType,
        authorId,
        type,
        id,
        quickReplyOptions,
        state,
        redacted);
  }

  /** One option of a quick reply ({@code quick_reply_option}): text and a client uuid. */
  public record QuickReplyOption(String text, String uuid) {}
}
