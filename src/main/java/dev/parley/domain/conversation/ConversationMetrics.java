package dev.parley.domain.conversation;

/**
 * The reporting record of one conversation: only non-sensitive facts (ids, timestamps, state,
 * channel, assignees, counts), never text, names, emails or attribute values. It is written as the
 * conversation lives, feeds the conversation's {@code statistics}, and is kept with {@code
 * deletedAt} set when the conversation is erased, so that the conversation "will still appear in
 * reporting" (Intercom's delete description). All times are Unix seconds.
 *
 * <p>The {@code on*} methods apply one event of the conversation's life.
 */
public final class ConversationMetrics {
  private final long workspaceId;
  private final long conversationId;
  private final long createdAt;
  private long updatedAt;
  private ConversationState state;
  private final String sourceType;
  private final String sourceDeliveredAs;
  private Long adminAssigneeId;
  private Long teamAssigneeId;
  private Long firstContactReplyAt;
  private Long firstAssignmentAt;
  private Long firstAdminReplyAt;
  private Long firstCloseAt;
  private Long lastAssignmentAt;
  private Long lastAssignmentAdminReplyAt;
  private Long lastContactReplyAt;
  private Long lastAdminReplyAt;
  private Long lastCloseAt;
  private Long lastClosedById;
  private int countParts;
  private int countReopens;
  private int countAssignments;
  private Long deletedAt;

  /** A complete record, as stored. */
  public ConversationMetrics(
      long workspaceId,
      long conversationId,
      long createdAt,
      long updatedAt,
      ConversationState state,
      String sourceType,
      String sourceDeliveredAs,
      Long adminAssigneeId,
      Long teamAssigneeId,
      Long firstContactReplyAt,
      Long firstAssignmentAt,
      Long firstAdminReplyAt,
      Long firstCloseAt,
      Long lastAssignmentAt,
      Long lastAssignmentAdminReplyAt,
      Long lastContactReplyAt,
      Long lastAdminReplyAt,
      Long lastCloseAt,
      Long lastClosedById,
      int countParts,
      int countReopens,
      int countAssignments,
      Long deletedAt) {
    this.workspaceId = workspaceId;
    this.conversationId = conversationId;
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
    this.state = state;
    this.sourceType = sourceType;
    this.sourceDeliveredAs = sourceDeliveredAs;
    this.adminAssigneeId = adminAssigneeId;
    this.teamAssigneeId = teamAssigneeId;
    this.firstContactReplyAt = firstContactReplyAt;
    this.firstAssignmentAt = firstAssignmentAt;
    this.firstAdminReplyAt = firstAdminReplyAt;
    this.firstCloseAt = firstCloseAt;
    this.lastAssignmentAt = lastAssignmentAt;
    this.lastAssignmentAdminReplyAt = lastAssignmentAdminReplyAt;
    this.lastContactReplyAt = lastContactReplyAt;
    this.lastAdminReplyAt = lastAdminReplyAt;
    this.lastCloseAt = lastCloseAt;
    this.lastClosedById = lastClosedById;
    this.countParts = countParts;
    this.countReopens = countReopens;
    this.countAssignments = countAssignments;
    this.deletedAt = deletedAt;
  }

  /**
   * The record of a conversation an admin's outbound message just started ({@code createMessage}):
   * no contact reply yet; open when it was opened in the inbox at once, closed while it waits for
   * the contact's reply. The message is no part and no reply.
   */
  public static ConversationMetrics sentByAdmin(
      long workspaceId, long conversationId, long createdAt, String sourceType, boolean open) {
    return new ConversationMetrics(
        workspaceId,
        conversationId,
        createdAt,
        createdAt,
        open ? ConversationState.OPEN : ConversationState.CLOSED,
        sourceType,
        "admin_initiated",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        0,
        0,
        0,
        null);
  }

  /**
   * The record of a conversation a contact just started: open, its source message being the first
   * contact reply.
   */
  public static ConversationMetrics started(
      long workspaceId,
      long conversationId,
      long createdAt,
      String sourceType,
      String deliveredAs) {
    return new ConversationMetrics(
        workspaceId,
        conversationId,
        createdAt,
        createdAt,
        ConversationState.OPEN,
        sourceType,
        deliveredAs,
        null,
        null,
        createdAt,
        null,
        null,
        null,
        null,
        null,
        createdAt,
        null,
        null,
        null,
        0,
        0,
        0,
        null);
  }

  /** A contact replied at {@code at}; {@code reopened} when that reopened the conversation. */
  public void onContactReply(long at, boolean reopened) {
    part(at);
    if (firstContactReplyAt == null) {
      firstContactReplyAt = at;
    }
    lastContactReplyAt = at;
    if (reopened) {
      countReopens++;
    }
    state = ConversationState.OPEN;
  }

  /** An admin replied (a comment, not a note) at {@code at}. */
  public void onAdminReply(long at) {
    part(at);
    if (firstAdminReplyAt == null) {
      firstAdminReplyAt = at;
    }
    if (lastAssignmentAt != null && lastAssignmentAdminReplyAt == null) {
      lastAssignmentAdminReplyAt = at;
    }
    lastAdminReplyAt = at;
  }

  /** A part that changes no metric but the part count (a note, a quick reply). */
  public void onOtherPart(long at) {
    part(at);
  }

  /** An admin closed the conversation at {@code at}. */
  public void onClose(long at, long adminId) {
    part(at);
    if (firstCloseAt == null) {
      firstCloseAt = at;
    }
    lastCloseAt = at;
    lastClosedById = adminId;
    state = ConversationState.CLOSED;
  }

  /** The conversation was opened at {@code at}; a reopen when it was closed. */
  public void onOpen(long at) {
    part(at);
    if (state == ConversationState.CLOSED) {
      countReopens++;
    }
    state = ConversationState.OPEN;
  }

  /** The conversation was snoozed at {@code at}. */
  public void onSnooze(long at) {
    part(at);
    state = ConversationState.SNOOZED;
  }

  /** The conversation was assigned at {@code at}; the assignees are the new ones (or null). */
  public void onAssignment(long at, Long adminAssignee, Long teamAssignee) {
    part(at);
    if (firstAssignmentAt == null) {
      firstAssignmentAt = at;
    }
    lastAssignmentAt = at;
    lastAssignmentAdminReplyAt = null;
    countAssignments++;
    adminAssigneeId = adminAssignee;
    teamAssigneeId = teamAssignee;
  }

  /**
   * A closed conversation was assigned at {@code at} and reopened by it (Intercom's {@code
   * assign_and_reopen} part): one part, one assignment and one reopen.
   */
  public void onAssignAndReopen(long at, Long adminAssignee, Long teamAssignee) {
    onAssignment(at, adminAssignee, teamAssignee);
    if (state == ConversationState.CLOSED) {
      countReopens++;
    }
    state = ConversationState.OPEN;
  }

  /**
   * An assignee was removed at {@code at} ({@code assignee_id} "0"): a part, and the remaining
   * assignees; not counted as an assignment.
   */
  public void onUnassignment(long at, Long adminAssignee, Long teamAssignee) {
    part(at);
    adminAssigneeId = adminAssignee;
    teamAssigneeId = teamAssignee;
  }

  private void part(long at) {
    countParts++;
    updatedAt = Math.max(updatedAt, at);
  }

  public long workspaceId() {
    return workspaceId;
  }

  public long conversationId() {
    return conversationId;
  }

  public long createdAt() {
    return createdAt;
  }

  public long updatedAt() {
    return updatedAt;
  }

  public ConversationState state() {
    return state;
  }

  public String sourceType() {
    return sourceType;
  }

  public String sourceDeliveredAs() {
    return sourceDeliveredAs;
  }

  public Long adminAssigneeId() {
    return adminAssigneeId;
  }

  public Long teamAssigneeId() {
    return teamAssigneeId;
  }

  public Long firstContactReplyAt() {
    return firstContactReplyAt;
  }

  public Long firstAssignmentAt() {
    return firstAssignmentAt;
  }

  public Long firstAdminReplyAt() {
    return firstAdminReplyAt;
  }

  public Long firstCloseAt() {
    return firstCloseAt;
  }

  public Long lastAssignmentAt() {
    return lastAssignmentAt;
  }

  public Long lastAssignmentAdminReplyAt() {
    return lastAssignmentAdminReplyAt;
  }

  public Long lastContactReplyAt() {
    return lastContactReplyAt;
  }

  public Long lastAdminReplyAt() {
    return lastAdminReplyAt;
  }

  public Long lastCloseAt() {
    return lastCloseAt;
  }

  public Long lastClosedById() {
    return lastClosedById;
  }

  public int countParts() {
    return countParts;
  }

  public int countReopens() {
    return countReopens;
  }

  public int countAssignments() {
    return countAssignments;
  }

  public Long deletedAt() {
    return deletedAt;
  }
}
