package dev.parley.domain.reporting;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The attributes of the {@code conversation} dataset, in the order {@code get_datasets} lists them.
 * Their ids are the CSV header of an export. Most come from the reporting record and follow the
 * names of Intercom's conversation {@code statistics}; the ones marked {@link #fromContent()} come
 * from the live conversation (its row, tag and contact links) and are empty once the conversation
 * is erased.
 */
public enum ConversationAttribute {
  // The conversation and how it came in.
  CONVERSATION_ID("Conversation ID", false),
  CONVERSATION_STARTED_AT("Conversation started at", false),
  CONVERSATION_UPDATED_AT("Conversation last updated at", false),
  STATE("State (open, closed, snoozed)", false),
  CHANNEL("Channel (source type)", false),
  DELIVERED_AS("Delivered as", false),

  // Who it is assigned to.
  ADMIN_ASSIGNEE_ID("Teammate assigned (admin id)", false),
  TEAM_ASSIGNEE_ID("Team assigned (team id)", false),

  // When things happened to it, Unix seconds (the names of Intercom's conversation statistics).
  FIRST_CONTACT_REPLY_AT("First contact reply at", false),
  FIRST_ASSIGNMENT_AT("First assignment at", false),
  FIRST_ADMIN_REPLY_AT("First response (teammate reply) at", false),
  FIRST_CLOSE_AT("First closed at", false),
  LAST_ASSIGNMENT_AT("Last assignment at", false),
  LAST_ASSIGNMENT_ADMIN_REPLY_AT("First teammate reply after the last assignment at", false),
  LAST_CONTACT_REPLY_AT("Last contact reply at", false),
  LAST_ADMIN_REPLY_AT("Last teammate reply at", false),
  LAST_CLOSE_AT("Last closed at", false),
  LAST_CLOSED_BY_ID("Last closed by (admin id)", false),

  // How much happened.
  COUNT_CONVERSATION_PARTS("Number of conversation parts", false),
  COUNT_REOPENS("Number of reopens", false),
  COUNT_ASSIGNMENTS("Number of assignments", false),

  // Its erasure.
  DELETED("Deleted (true once the conversation was erased)", false),
  DELETED_AT("Deleted at", false),

  // From its content: empty once it is erased.
  CONVERSATION_TITLE("Conversation title (empty when deleted)", true),
  PRIORITY("Priority (empty when deleted)", true),
  CONVERSATION_TAGS("Conversation tags (empty when deleted)", true),
  CONVERSATION_CUSTOM_ATTRIBUTES("Conversation custom attributes (empty when deleted)", true),
  CONTACT_IDS("Contact IDs (empty when deleted)", true);

  private static final Map<String, ConversationAttribute> BY_ID =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(ConversationAttribute::id, Function.identity()));

  private final String displayName;
  private final boolean fromContent;

  ConversationAttribute(String displayName, boolean fromContent) {
    this.displayName = displayName;
    this.fromContent = fromContent;
  }

  /**
   * The attribute id, as sent in {@code attribute_ids} and written in the CSV header: the
   * constant's name in lower case ({@code conversation_id}).
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
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
