package dev.parley.domain.conversation;

import dev.parley.domain.WireEnum;

/**
 * Who wrote a conversation part or source message: Intercom's {@code author.type} of a {@code
 * conversation_part} and of a {@code conversation_source}. parley writes {@code "admin"} for an
 * admin, and a contact's role ({@code "user"} or {@code "lead"}) for a contact. Stored as the wire
 * value in {@code conversation_parts.author_type} and {@code conversations.source_author_type}.
 */
public enum AuthorType implements WireEnum {
  ADMIN,
  USER,
  LEAD;

  /** Whether the author is a contact (a user or a lead); its id is then the contact's id. */
  public boolean isContact() {
    return this != ADMIN;
  }

  /** The author type of a contact with that role ({@code "user"} or {@code "lead"}). */
  public static AuthorType ofContactRole(String role) {
    return fromWire(role);
  }

  /** The author type written as {@code value}; IllegalArgumentException for any other value. */
  public static AuthorType fromWire(String value) {
    return WireEnum.fromWire(AuthorType.class, value, "author type");
  }
}
