package dev.parley.domain.conversation;

import dev.parley.domain.WireEnum;

/**
 * What a conversation part is: Intercom's {@code conversation_part.part_type}, as parley writes it.
 * Replies ({@code replyConversation}) add {@code comment} (a message the contact sees), {@code
 * note} (internal) and {@code quick_reply} (reply options, no body) parts, an admin reply's {@code
 * message_type}, or an {@code open} part when a contact's reply reopens the conversation. {@code
 * manageConversation} adds {@code close}, {@code snoozed}, {@code open}, {@code assignment} and
 * {@code assign_and_reopen} (an assignment that reopened a closed conversation). A snooze that runs
 * out (the server clock passes {@code snoozed_until}) adds {@code timer_unsnooze}, Intercom's part
 * type for a conversation unsnoozed by its timer. Stored as the wire value in {@code
 * conversation_parts.part_type}.
 */
public enum PartType implements WireEnum {
  COMMENT,
  NOTE,
  QUICK_REPLY,
  OPEN,
  CLOSE,
  SNOOZED,
  ASSIGNMENT,
  ASSIGN_AND_REOPEN,
  TIMER_UNSNOOZE;

  /** The part type written as {@code value}; IllegalArgumentException for any other value. */
  public static PartType fromWire(String value) {
    return WireEnum.fromWire(PartType.class, value, "conversation part type");
  }
}
