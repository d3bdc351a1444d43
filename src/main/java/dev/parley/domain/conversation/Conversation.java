package dev.parley.domain.conversation;

import java.util.Map;

/**
 * A live conversation's own row (Intercom's {@code conversation} without its parts, tags and
 * contacts). Sensitive: title, custom attributes and the source message.
 *
 * @param id numeric id; rendered as a string, taken as an integer in paths
 * @param createdAt Unix seconds; likewise updatedAt, snoozedUntil, waitingSince
 * @param state open, closed or snoozed
 * @param priority priority or not_priority
 * @param customAttributes name to a string, number, boolean or datetime value
 * @param firstContactReplyAt Unix seconds of the first contact message, or null
 */
public record Conversation(
    long workspaceId,
    long id,
    long createdAt,
    long updatedAt,
    String title,
    ConversationState state,
    boolean read,
    Priority priority,
    Long adminAssigneeId,
    Long teamAssigneeId,
    Long snoozedUntil,
    Long waitingSince,
    Map<String, Object> customAttributes,
    Source source,
    Long firstContactReplyAt) {

  /** Whether the conversation counts as open: {@code open} or {@code snoozed}, as Intercom. */
  public boolean open() {
    return state != ConversationState.CLOSED;
  }

  /**
   * The message that started the conversation (Intercom's {@code conversation_source}).
   *
   * @param id the message id (rendered as a string; also the {@code message.id} of create)
   * @param type {@code conversation}, {@code email}, ...
   * @param authorType a contact (a user or a lead) or an admin
   * @param authorId contact id or admin id as a string
   */
  public record Source(
      long id,
      String type,
      String deliveredAs,
      String subject,
      String body,
      AuthorType authorType,
      String authorId,
      String url,
      boolean redacted) {

    /**
     * The source once redacted ({@code redactConversation}): its body replaced by {@code
     * placeholder}, its subject emptied, {@code redacted} true.
     */
    public Source redact(String placeholder) {
      return new Source(id, type, deliveredAs, "", placeholder, authorType, authorId, url, true);
    }

    /** Whether a contact (a user or a lead) wrote it. */
    public boolean byContact() {
      return authorType.isContact();
    }
  }

  /** A copy with another source message and {@code updatedAt}. */
  public Conversation withSource(Source newSource, long newUpdatedAt) {
    return new Conversation(
        workspaceId,
        id,
        createdAt,
        newUpdatedAt,
        title,
        state,
        read,
        priority,
        adminAssigneeId,
        teamAssigneeId,
        snoozedUntil,
        waitingSince,
        customAttributes,
        newSource,
        firstContactReplyAt);
  }

  /**
   * A copy changed only in {@code updatedAt} (Unix seconds): a change that leaves the row's other
   * fields alone, such as adding a contact or redacting a part.
   */
  public Conversation withUpdatedAt(long newUpdatedAt) {
    return with(
        newUpdatedAt,
        title,
        state,
        read,
        adminAssigneeId,
        teamAssigneeId,
        snoozedUntil,
        waitingSince,
        customAttributes);
  }

  /** A copy with the mutable fields replaced. */
  public Conversation with(
      long updatedAt,
      String title,
      ConversationState state,
      boolean read,
      Long adminAssigneeId,
      Long teamAssigneeId,
      Long snoozedUntil,
      Long waitingSince,
      Map<String, Object> customAttributes) {
    return new Conversation(
        workspaceId,
        id,
        createdAt,
        updatedAt,
        title,
        state,
        read,
        priority,
        adminAssigneeId,
        teamAssigneeId,
        snoozedUntil,
        waitingSince,
        customAttributes,
        source,
        firstContactReplyAt);
  }
}
