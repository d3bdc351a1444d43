package dev.parley.domain.conversation;

import dev.parley.domain.WireEnum;

/**
 * Whether a conversation is marked as priority: Intercom's {@code conversation.priority}, {@code
 * "priority"} or {@code "not_priority"} (a new conversation is not). Stored as the wire value in
 * {@code conversations.priority}.
 */
public enum Priority implements WireEnum {
  PRIORITY,
  NOT_PRIORITY;

  /** The priority written as {@code value}; IllegalArgumentException for any other value. */
  public static Priority fromWire(String value) {
    return WireEnum.fromWire(Priority.class, value, "priority");
  }
}
