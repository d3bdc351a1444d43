package dev.parley.domain.reporting;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The attributes of the {@code conversation} dataset, in the order {@code get_datasets} lists
 * them. Their ids are the CSV header of an export. Most come from the reporting record and
 * follow the names of Intercom's conversation {@code statistics}; the ones marked
 * {@link #fromContent()} come from the live conversation (its row, tag and contact links) and
 * are empty once the conversation is erased.
 */
public enum ConversationAttribute {
  CONVERSATION_ID("conversation_id", "Conversation ID", false),
  CONVERSATION_STARTED_AT("conversation_started_at", "Conversation started at", false),
  CONVERSATION_UPDATED_AT("conversation_updated_at", "Conversation last updated at", false),
  STATE("state", "State (open, closed, snoozed)", false),
  CHANNEL("channel", "Channel (source type)", false),
  DELIVERED_AS("delivered_as", "Delivered as", false),
  ADMIN_ASSIGNEE_ID("admin_assignee_id", "Teammate assigned (admin id)", false),
  TEAM_ASSIGNEE_ID("team_assignee_id", "Team assigned (team id)", false),
  FIRST_CONTACT_REPLY_AT("first_contact_reply_at", "First contact reply at", false),
  FIRST_ASSIGNMENT_AT("first_assignment_at", "First assignment at", false),
  FIRST_ADMIN_REPLY_AT("first_admin_reply_at", "First response (teammate reply) at", false),
  FIRST_CLOSE_AT("first_close_at", "First closed at", false),
  LAST_ASSIGNMENT_AT("last_assignment_at", "Last assignment at", false),
  LAST_ASSIGNMENT_ADMIN_REPLY_AT(
      "last_assignment_admin_reply_at", "First teammate reply after the last assignment at", false),
  LAST_CONTACT_REPLY_AT("last_contact_reply_at", "Last contact reply at", false),
  LAST_ADMIN_REPLY_AT("last_admin_reply_at", "Last teammate reply at", false),
  LAST_CLOSE_AT("last_close_at", "Last closed at", false),
  LAST_CLOSED_BY_ID("last_closed_by_id", "Last closed by (admin id)", false),
  COUNT_CONVERSATION_PARTS("count_conversation_parts", "Number of conversation parts", false),
  COUNT_REOPENS("count_reopens", "Number of reopens", false),
  COUNT_ASSIGNMENTS("count_assignments", "Number of assignments", false),
  DELETED("deleted", "Deleted (true once the conversation was erased)", false),
  DELETED_AT("deleted_at", "Deleted at", false),
  CONVERSATION_TITLE("conversation_title", "Conversation title (empty when deleted)", true),
  PRIORITY("priority", "Priority (empty when deleted)", true),
  CONVERSATION_TAGS("conversation_tags", "Conversation tags (empty when deleted)", true),
  CONVERSATION_CUSTOM_ATTRIBUTES(
      "conversation_custom_attributes", "Conversation custom attributes (empty when deleted)", true),
  CONTACT_IDS("contact_ids", "Contact IDs (empty when deleted)", true);

  private static final Map<String, ConversationAttribute> BY_ID =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(a -> a.id, Function.identity()));

  private final String id;
  private final String displayName;
  private final boolean fromContent;

  ConversationAttribute(String id, String displayName, boolean fromContent) {
    this.id = id;
    this.displayName = displayName;
    this.fromContent = fromContent;
  }

  /** The attribute id, as sent in {@code attribute_ids} and written in the CSV header. */
  public String id() {
    return id;
  }

  /** The human readable name {@code get_datasets} shows. */
  public String displayName() {
    return displayName;
  }

  /**
   * Whether the value comes from the conversation's content (its row, tags, contacts), which
   * erasure removes: empty for a deleted conversation.
   */
  public boolean fromContent() {
    return fromContent;
  }

  /** The attribute with this id, or empty. */
  public static Optional<ConversationAttribute> byId(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }
}
