package dev.parley.domain.conversation;

import dev.parley.domain.WireEnum;

/**
 * What a conversation part is: Intercom's {@code conversation_part.part_type}, as parley writes it.
 * Replies ({@code replyConversation}) add {@link #COMMENT}, {@link #NOTE} and {@link #QUICK_REPLY}
 * parts (an admin reply's {@code message_type}), or an {@link #OPEN} part when a contact's reply
 * reopens the conversation; {@code manageConversation} adds the others. Stored as the wire value in
 * {@code conversation_parts.part_type}.
 */
public enum PartType implements WireEnum {
  /** {@code "comment"}: a message the contact sees. */
  COMMENT("comment"),
  /** {@code "note"}: an admin's internal note. */
  NOTE("note"),
  /** {@code "quick_reply"}: an admin's choice of reply options, without a body. */
  QUICK_REPLY("quick_reply"),
  /** {@code "open"}: the conversation was opened (or reopened by a contact's reply). */
  OPEN("open"),
  /** {@code "close"}: the conversation was closed. */
  CLOSE("close"),
  /** {@code "snoozed"}: the conversation was snoozed. */
  SNOOZED("snoozed"),
  /** {@code "assignment"}: an admin or team assignee was set or removed. */
  ASSIGNMENT("assignment"),
  /** {@code "assign_and_reopen"}: an assignment that reopened a closed conversation. */
  ASSIGN_AND_REOPEN("assign_and_reopen");

  private final String wireValue;

  PartType(String wireValue) {
    this.wireValue = wireValue;
  }

  @Override
  public String wireValue() {
    return wireValue;
  }

  /**
   * The part type written as {@code value}.
   *
   * @throws IllegalArgumentException for a value that is none of the constants' wire values
   */
  public static PartType fromWire(String value) {
    return WireEnum.fromWire(values(), value, "conversation part type");
  }
}
