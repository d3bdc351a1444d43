package dev.parley.domain.conversation;

import java.util.List;

/**
 * An admin's outbound message, as {@code POST /messages} ({@code createMessage}, Intercom's
 * "Messages") takes it.
 *
 * @param messageType in-app or email
 * @param subject the email's title; null for an in-app message
 * @param body the message text (HTML or plain text)
 * @param template {@code plain} or {@code personal} (email only; kept on nothing, Intercom styles
 *     the email with it)
 * @param adminId the sending admin's id
 * @param to the contacts the message goes to (at least one), in the request's order
 * @param cc contacts copied (email), who take part in the conversation like {@code to}
 * @param bcc contacts blind-copied: they must exist, and are not linked to the conversation
 * @param createdAt Unix seconds for an imported message, or null for now
 * @param openWithoutReply {@code create_conversation_without_contact_reply}: open the conversation
 *     in the inbox at once instead of when the contact replies
 */
public record NewMessage(
    MessageType messageType,
    String subject,
    String body,
    String template,
    long adminId,
    List<String> to,
    List<String> cc,
    List<String> bcc,
    Long createdAt,
    boolean openWithoutReply) {

  /** The kinds of outbound message 2.14 can create. */
  public enum MessageType {
    /** An in-app message: {@code message_type} "inapp", a source of type "conversation". */
    IN_APP("inapp", "conversation"),
    /** An email: {@code message_type} "email", a source of type "email". */
    EMAIL("email", "email");

    private final String wireName;
    private final String sourceType;

    MessageType(String wireName, String sourceType) {
      this.wireName = wireName;
      this.sourceType = sourceType;
    }

    /** The {@code message_type} of the message object ({@code inapp} or {@code email}). */
    public String wireName() {
      return wireName;
    }

    /** The {@code source.type} of the conversation the message starts. */
    public String sourceType() {
      return sourceType;
    }
  }
}
