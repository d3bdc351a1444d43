package dev.parley.http.conversations;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of Intercom's conversation resource (2.14 description: {@code conversation},
 * {@code conversation_list_item}, {@code conversation_part}, {@code conversation_source}, {@code
 * message}, {@code conversation_deleted}, {@code conversation_list}; Unstable: {@code
 * deleted_conversation_list}). Field names are written in snake_case by the mapper. Ids are
 * strings; timestamps are Unix seconds.
 */
public final class ConversationWire {
  private ConversationWire() {}

  /**
   * {@code conversation}; {@code conversation_parts} is left out for list items, and {@code
   * ai_agent} (declared non-nullable, and parley has no AI agent) is left out.
   */
  public record ConversationJson(
      String type,
      String id,
      String title,
      long createdAt,
      long updatedAt,
      Long waitingSince,
      Long snoozedUntil,
      boolean open,
      String state,
      boolean read,
      String priority,
      Long adminAssigneeId,
      Long teamAssigneeId,
      TagListJson tags,
      Object conversationRating,
      SourceJson source,
      ContactListJson contacts,
      TeammatesJson teammates,
      Map<String, Object> customAttributes,
      FirstContactReplyJson firstContactReply,
      Object slaApplied,
      StatisticsJson statistics,
      @JsonInclude(JsonInclude.Include.NON_NULL) PartListJson conversationParts,
      LinkedObjectsJson linkedObjects,
      boolean aiAgentParticipated,
      @JsonInclude(JsonInclude.Include.NON_NULL) Object aiAgent) {}

  /** {@code conversation_source}. */
  public record SourceJson(
      String type,
      String id,
      String deliveredAs,
      String subject,
      String body,
      AuthorJson author,
      List<AttachmentJson> attachments,
      String url,
      boolean redacted) {}

  /** {@code conversation_part_author}; {@code email} is left out when the author has none. */
  public record AuthorJson(
      String type,
      String id,
      String name,
      @JsonInclude(JsonInclude.Include.NON_NULL) String email,
      boolean fromAiAgent,
      boolean isAiAnswer) {}

  /**
   * {@code part_attachment}. {@code width} and {@code height} are null for anything but an image;
   * {@code filesize} is left out for links, whose size parley never fetches.
   */
  public record AttachmentJson(
      String type,
      String name,
      String url,
      String contentType,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long filesize,
      Integer width,
      Integer height) {}

  /** {@code conversation_part}. */
  public record PartJson(
      String type,
      String id,
      String partType,
      String body,
      long createdAt,
      long updatedAt,
      long notifiedAt,
      @JsonInclude(JsonInclude.Include.NON_NULL) ReferenceJson assignedTo,
      AuthorJson author,
      List<AttachmentJson> attachments,
      String externalId,
      boolean redacted,
      @JsonInclude(JsonInclude.Include.NON_NULL) PartMetadataJson metadata,
      String state,
      List<TagBasicJson> tags,
      String appPackageCode) {}

  /** {@code conversation_part_metadata}: the options of a quick reply. */
  public record PartMetadataJson(List<QuickReplyOptionJson> quickReplyOptions) {}

  /** {@code quick_reply_option}. */
  public record QuickReplyOptionJson(String text, String uuid) {}

  /** {@code conversation_parts}. */
  public record PartListJson(String type, List<PartJson> conversationParts, long totalCount) {}

  /** {@code reference}. */
  public record ReferenceJson(String type, String id) {}

  /** {@code tags}. */
  public record TagListJson(String type, List<TagJson> tags) {}

  /** {@code tag} with its application. */
  public record TagJson(
      String type, String id, String name, Long appliedAt, ReferenceJson appliedBy) {}

  /** {@code tag_basic}. */
  public record TagBasicJson(String type, String id, String name) {}

  /** {@code conversation_contacts}. */
  public record ContactListJson(String type, List<ContactReferenceJson> contacts) {}

  /** {@code contact_reference}. */
  public record ContactReferenceJson(String type, String id, String externalId) {}

  /** {@code conversation_teammates}. */
  public record TeammatesJson(String type, List<ReferenceJson> teammates) {}

  /** {@code conversation_first_contact_reply}. */
  public record FirstContactReplyJson(long createdAt, String type, String url) {}

  /**
   * {@code linked_object_list}: {@code type} "list", every linked object ({@code has_more} is
   * false: parley lists them all, Intercom up to 1000).
   */
  public record LinkedObjectsJson(
      String type, long totalCount, boolean hasMore, List<LinkedObjectJson> data) {}

  /**
   * {@code linked_object}: {@code type} "ticket" or "conversation", the id as a string, and the
   * ticket's {@code category} (Customer, Back-office, Tracker; null for a conversation).
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record LinkedObjectJson(String type, String id, String category) {}

  /**
   * {@code conversation_statistics}. Durations are seconds; fields not yet known are left out, as
   * the description declares them non-nullable.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StatisticsJson(
      String type,
      Long timeToAssignment,
      Long timeToAdminReply,
      Long timeToFirstClose,
      Long timeToLastClose,
      Long firstContactReplyAt,
      Long firstAssignmentAt,
      Long firstAdminReplyAt,
      Long firstCloseAt,
      Long lastAssignmentAt,
      Long lastAssignmentAdminReplyAt,
      Long lastContactReplyAt,
      Long lastAdminReplyAt,
      Long lastCloseAt,
      String lastClosedById,
      Integer countReopens,
      Integer countAssignments,
      Integer countConversationParts) {}

  /** {@code conversation_list}. */
  public record ConversationListJson(
      String type, List<ConversationJson> conversations, long totalCount, PagesJson pages) {}

  /** {@code cursor_pages}; {@code next} is left out on the last page. */
  public record PagesJson(
      String type,
      int page,
      int perPage,
      int totalPages,
      @JsonInclude(JsonInclude.Include.NON_NULL) NextJson next) {}

  /** {@code starting_after_paging}. */
  public record NextJson(int perPage, String startingAfter) {}

  /** {@code message}, the answer of {@code createConversation}. */
  public record MessageJson(
      String type,
      String id,
      long createdAt,
      @JsonInclude(JsonInclude.Include.NON_NULL) String subject,
      String body,
      String messageType,
      String conversationId) {}

  /** {@code conversation_deleted}: exactly {@code id}, {@code object}, {@code deleted}. */
  public record DeletedJson(String id, String object, boolean deleted) {}

  /** Unstable {@code deleted_conversation_list}. */
  public record DeletedListJson(
      String type, long totalCount, DeletedPagesJson pages, List<DeletedItemJson> conversations) {}

  /** Unstable {@code pages_link}: {@code next} is the URL of the next page, or null. */
  public record DeletedPagesJson(String type, String next, int page, int perPage, int totalPages) {}

  /** Unstable {@code deleted_conversation_item}. */
  public record DeletedItemJson(String type, String id, boolean metricsRetained, long deletedAt) {}
}
