package dev.parley.domain.conversation;

import dev.parley.domain.WireEnum;

/**
 * A conversation's state: Intercom's {@code conversation.state}, also the {@code state} of each
 * {@code conversation_part} (the conversation's state once the part was added) and of the reporting
 * record. Stored as the wire value in {@code conversations.state}, {@code conversation_parts.state}
 * and {@code conversation_metrics.state}.
 */
public enum ConversationState implements WireEnum {
  /** {@code "open"}. */
  OPEN("open"),
  /** {@code "closed"}: the only state in which {@code conversation.open} is false. */
  CLOSED("closed"),
  /** {@code "snoozed"}: until {@code snoozed_until}; still counts as open. */
  SNOOZED("snoozed");

  private final String wireValue;

  ConversationState(String wireValue) {
    this.wireValue = wireValue;
  }

  @Override
  public String wireValue() {
    return wireValue;
  }

  /**
   * The state written as {@code value}.
   *
   * @throws IllegalArgumentException for anything but {@code open}, {@code closed}, {@code snoozed}
   */
  public static ConversationState fromWire(String value) {
    return WireEnum.fromWire(values(), value, "conversation state");
  }
}
