package dev.parley.domain.conversation;

/**
 * One action of {@code POST /conversations/{id}/parts} ({@code manageConversation}), each the
 * domain form of one of the request schemas of Intercom's 2.14 description. Every action is
 * performed by an admin ({@code admin_id}).
 */
public sealed interface StateChange {

  /** The admin performing the action. */
  long adminId();

  /**
   * {@code close_conversation_request}: closes the conversation.
   *
   * @param body a message sent with the close, or null
   */
  record Close(long adminId, String body) implements StateChange {}

  /**
   * {@code snooze_conversation_request}: snoozes the conversation until a time.
   *
   * @param snoozedUntil Unix seconds, in the future
   */
  record Snooze(long adminId, long snoozedUntil) implements StateChange {}

  /** {@code open_conversation_request}: opens a snoozed or closed conversation. */
  record Open(long adminId) implements StateChange {}

  /**
   * {@code assign_conversation_request}: assigns the conversation to an admin or a team.
   *
   * @param assigneeType {@link AssigneeType#ADMIN} or {@link AssigneeType#TEAM}
   * @param assigneeId the admin or team id; 0 removes the assignee of that type
   * @param body a message sent with the assignment, or null
   */
  record Assign(long adminId, AssigneeType assigneeType, long assigneeId, String body)
      implements StateChange {

    /**
     * @throws IllegalArgumentException for {@link AssigneeType#NOBODY_ADMIN}, which only parts show
     */
    public Assign {
      if (assigneeType == AssigneeType.NOBODY_ADMIN) {
        throw new IllegalArgumentException("an assignment is to an admin or a team");
      }
    }

    /** Whether this removes the assignee ({@code assignee_id} "0"). */
    public boolean unassigns() {
      return assigneeId == 0;
    }
  }
}
