package dev.parley.domain.conversation;

import dev.parley.domain.WireEnum;

/**
 * What a conversation is assigned to: the {@code type} of an {@code assign_conversation_request}
 * ({@code "admin"} or {@code "team"}), and Intercom's {@code assigned_to.type} of an assignment
 * part, which is {@code "nobody_admin"} when an admin assignee was removed ({@code assignee_id}
 * "0"). Stored as the wire value in {@code conversation_parts.assigned_to_type}.
 */
public enum AssigneeType implements WireEnum {
  ADMIN,
  TEAM,
  NOBODY_ADMIN;

  /** The assignee type written as {@code value}; IllegalArgumentException for any other value. */
  public static AssigneeType fromWire(String value) {
    return WireEnum.fromWire(AssigneeType.class, value, "assignee type");
  }
}
