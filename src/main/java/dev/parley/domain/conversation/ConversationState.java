package dev.parley.domain.conversation;

import dev.parley.domain.WireEnum;

/**
 * A conversation's state: Intercom's {@code conversation.state} ({@code "open"}, {@code "closed"},
 * {@code "snoozed"}), also the {@code state} of each {@code conversation_part} (the conversation's
 * state once the part was added) and of the reporting record. Only {@link #CLOSED} makes {@code
 * conversation.open} false; a snoozed conversation waits for {@code snoozed_until}. Stored as the
 * wire value in {@code conversations.state}, {@code conversation_parts.state} and {@code
 * conversation_metrics.state}.
 */
public enum ConversationState implements WireEnum {
  OPEN,
  CLOSED,
  SNOOZED;

  /** The state written as {@code value}; IllegalArgumentException for any other value. */
  public static ConversationState fromWire(String value) {
    return WireEnum.fromWire(ConversationState.class, value, "conversation state");
  }
}
