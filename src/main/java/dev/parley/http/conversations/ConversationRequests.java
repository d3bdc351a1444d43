package dev.parley.http.conversations;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.conversation.ConversationPart;
import dev.parley.domain.conversation.ConversationUpdate;
import dev.parley.domain.conversation.NewConversation;
import dev.parley.domain.conversation.NewFile;
import dev.parley.domain.conversation.PartType;
import dev.parley.domain.conversation.Redaction;
import dev.parley.domain.conversation.Reply;
import dev.parley.http.Params;
import dev.parley.http.StringLimits;
import dev.parley.http.Wire;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The request bodies of Intercom's conversation operations (REST API 2.14), bound by {@link
 * Wire#body}; each turns itself into the domain's request, with the rules that span its fields.
 * {@code manageConversation}'s are in {@link ConversationStateRequests}.
 */
public final class ConversationRequests {
  private ConversationRequests() {}

  /** The most attachment URLs or files a message takes. */
  static final int MAX_ATTACHMENTS = 10;

  private static final Pattern CONTACT_ID = Pattern.compile("[0-9a-f]{24}");

  /** Who starts a conversation ({@code from.type}). */
  public enum ContactType {
    @JsonProperty("lead")
    LEAD,
    @JsonProperty("user")
    USER,
    @JsonProperty("contact")
    CONTACT
  }

  /** The contact a conversation is from: {@code {type, id}}. */
  public record From(@Wire.Required ContactType type, @Wire.Required String id) {}

  /**
   * The body of {@code createConversation} ({@code create_conversation_request}); {@code
   * created_at} in Unix seconds.
   */
  public record CreateConversationRequest(
      @Wire.Required From from,
      @Wire.Required String body,
      String subject,
      @Wire.MaxItems(MAX_ATTACHMENTS) @JsonProperty("attachment_urls") List<String> attachmentUrls,
      @JsonProperty("created_at") Wire.Timestamp createdAt) {

    /**
     * The domain's request.
     *
     * @throws ApiException 400 for a URL that is not absolute http(s); 404 {@code user_not_found}
     *     for a {@code from.id} that is no contact id
     */
    NewConversation conversation() {
      List<String> urls = Params.urls(list(attachmentUrls), "attachment_urls");
      if (!CONTACT_ID.matcher(from.id()).matches()) {
        throw new ApiException(ErrorCode.USER_NOT_FOUND);
      }
      return new NewConversation(
          Wire.wireName(from.type()),
          from.id(),
          body,
          subject,
          urls,
          Wire.Timestamp.seconds(createdAt));
    }
  }

  /**
   * The body of {@code updateConversation} ({@code update_conversation_request}): {@code read},
   * {@code title} (null clears it), {@code custom_attributes} (a null value removes one).
   */
  public record UpdateConversationRequest(
      Boolean read,
      Wire.Given<String> title,
      @JsonProperty("custom_attributes") Wire.Attributes customAttributes) {

    /** The domain's update. */
    ConversationUpdate update() {
      return new ConversationUpdate(
          read,
          title != null,
          title == null ? null : title.value(),
          customAttributes == null ? null : customAttributes.values());
    }
  }

  /**
   * A file sent inline: {@code data} in base64, optional {@code name} and {@code content_type}
   * (both go into the upload's response headers, which Jetty caps at 8 KiB: {@link StringLimits}
   * keeps each to {@value StringLimits#SHORT} characters).
   */
  public record FileRequest(
      @Wire.Required String data, String name, @JsonProperty("content_type") String contentType) {}

  /** One quick reply option: {@code uuid} (format: uuid) and {@code text}. */
  public record ReplyOption(@Wire.Required Wire.Uuid uuid, @Wire.Required String text) {}

  /** An admin reply's {@code message_type}. */
  public enum AdminMessageType {
    @JsonProperty("comment")
    COMMENT,
    @JsonProperty("note")
    NOTE,
    @JsonProperty("quick_reply")
    QUICK_REPLY
  }

  /** A contact reply's {@code message_type}: only a comment. */
  public enum ContactMessageType {
    @JsonProperty("comment")
    COMMENT
  }

  /**
   * The body of {@code replyConversation} ({@code reply_conversation_request}): an admin's or a
   * contact's reply, by {@code type}.
   */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = AdminReplyRequest.class, name = "admin"),
    @JsonSubTypes.Type(
        value = ContactReplyRequest.class,
        names = {"user", "contact", "lead"})
  })
  public sealed interface ReplyConversationRequest permits AdminReplyRequest, ContactReplyRequest {
    /**
     * The domain's reply; 400 for a URL that is not absolute http(s), a file that is not base64, a
     * field the reply's kind requires missing.
     */
    Reply reply();
  }

  /**
   * {@code admin_reply_conversation_request}: a comment or a note needs {@code body}, a quick reply
   * {@code reply_options}.
   */
  public record AdminReplyRequest(
      @Wire.MaxItems(MAX_ATTACHMENTS) @JsonProperty("attachment_urls") List<String> attachmentUrls,
      @Wire.MaxItems(MAX_ATTACHMENTS) @JsonProperty("attachment_files")
          List<FileRequest> attachmentFiles,
      @JsonProperty("created_at") Wire.Timestamp createdAt,
      @Wire.Required @JsonProperty("message_type") AdminMessageType messageType,
      @Wire.Required @JsonProperty("admin_id") Wire.NumericId adminId,
      String body,
      @Wire.MaxItems(20) @JsonProperty("reply_options") List<ReplyOption> replyOptions)
      implements ReplyConversationRequest {

    @Override
    public Reply reply() {
      List<String> urls = Params.urls(list(attachmentUrls), "attachment_urls");
      List<NewFile> files = files(attachmentFiles);
      List<ConversationPart.QuickReplyOption> options =
          list(replyOptions).stream()
              .map(o -> new ConversationPart.QuickReplyOption(o.text(), o.uuid().text()))
              .toList();
      if (messageType != AdminMessageType.QUICK_REPLY && body == null) {
        throw ApiException.missing("body");
      }
      if (messageType == AdminMessageType.QUICK_REPLY && options.isEmpty()) {
        throw ApiException.missing("reply_options");
      }
      return new Reply(
          true,
          PartType.fromWire(Wire.wireName(messageType)),
          adminId.value(),
          null,
          body,
          urls,
          files,
          options,
          Wire.Timestamp.seconds(createdAt));
    }
  }

  /**
   * {@code contact_reply_conversation_request}: a comment by the contact named by one of {@code
   * intercom_user_id}, {@code user_id} or {@code email}.
   */
  public record ContactReplyRequest(
      @Wire.MaxItems(MAX_ATTACHMENTS) @JsonProperty("attachment_urls") List<String> attachmentUrls,
      @Wire.MaxItems(MAX_ATTACHMENTS) @JsonProperty("attachment_files")
          List<FileRequest> attachmentFiles,
      @JsonProperty("created_at") Wire.Timestamp createdAt,
      @Wire.Required @JsonProperty("message_type") ContactMessageType messageType,
      @Wire.Required String body,
      @JsonProperty("intercom_user_id") Wire.Id intercomUserId,
      @JsonProperty("user_id") Wire.Id userId,
      String email)
      implements ReplyConversationRequest {

    @Override
    public Reply reply() {
      List<String> urls = Params.urls(list(attachmentUrls), "attachment_urls");
      List<NewFile> files = files(attachmentFiles);
      if (intercomUserId == null && userId == null && email == null) {
        throw new ApiException(
            ErrorCode.PARAMETER_NOT_FOUND,
            "one of intercom_user_id, user_id or email is required",
            "intercom_user_id");
      }
      return new Reply(
          false,
          PartType.COMMENT,
          null,
          new Reply.ContactRef(text(intercomUserId), text(userId), email),
          body,
          urls,
          files,
          List.of(),
          Wire.Timestamp.seconds(createdAt));
    }
  }

  /**
   * A contact named by exactly one of {@code intercom_user_id}, {@code user_id} or {@code email}
   * (the {@code customer_request} oneOf); in {@code attachContactToConversation} its own {@code
   * customer} names the contact acting.
   */
  public record CustomerRequest(
      @JsonProperty("intercom_user_id") Wire.Id intercomUserId,
      @JsonProperty("user_id") Wire.Id userId,
      String email,
      CustomerRequest customer) {

    /**
     * The contact, for errors named under {@code path} ({@code customer}).
     *
     * @throws ApiException 400 {@code parameter_not_found} for none of the three, {@code
     *     parameter_invalid} for more than one or an email that is no address
     */
    Reply.ContactRef contact(String path) {
      long given = Stream.of(intercomUserId, userId, email).filter(v -> v != null).count();
      if (given == 0) {
        throw new ApiException(
            ErrorCode.PARAMETER_NOT_FOUND,
            "one of intercom_user_id, user_id or email is required",
            path + ".intercom_user_id");
      }
      if (given > 1) {
        throw ApiException.invalid(
            path + ".intercom_user_id", "give only one of intercom_user_id, user_id or email");
      }
      if (email != null && (email.length() > StringLimits.SHORT || !email.contains("@"))) {
        throw ApiException.invalid(path + ".email", path + ".email is not a valid address");
      }
      return new Reply.ContactRef(text(intercomUserId), text(userId), email);
    }
  }

  /**
   * The body of {@code attachContactToConversation}: {@code customer}, on behalf of {@code
   * admin_id} or of the contact {@code customer.customer} names (one of them is required).
   */
  public record AttachContactRequest(
      @JsonProperty("admin_id") Wire.NumericId adminId, @Wire.Required CustomerRequest customer) {}

  /** A body of just {@code admin_id}: detaching a contact or a tag. */
  public record AdminIdRequest(@Wire.Required @JsonProperty("admin_id") Wire.NumericId adminId) {}

  /** The body of {@code attachTagToConversation}: the tag's {@code id}, by {@code admin_id}. */
  public record AttachTagRequest(
      @Wire.Required Wire.Id id, @Wire.Required @JsonProperty("admin_id") Wire.NumericId adminId) {}

  /**
   * The body of {@code redactConversation} ({@code redact_conversation_request}), by {@code type};
   * ids as strings or numbers.
   */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = RedactPartRequest.class, name = "conversation_part"),
    @JsonSubTypes.Type(value = RedactSourceRequest.class, name = "source")
  })
  public sealed interface RedactConversationRequest permits RedactPartRequest, RedactSourceRequest {
    /**
     * What is redacted.
     *
     * @throws ApiException as {@link Redaction#parse} does
     */
    Redaction redaction();
  }

  /** Redacting a conversation part. */
  public record RedactPartRequest(
      @Wire.Required @JsonProperty("conversation_id") Wire.Id conversationId,
      @Wire.Required @JsonProperty("conversation_part_id") Wire.Id conversationPartId)
      implements RedactConversationRequest {
    @Override
    public Redaction redaction() {
      return Redaction.parse(false, conversationId.text(), conversationPartId.text());
    }
  }

  /** Redacting a conversation's source message. */
  public record RedactSourceRequest(
      @Wire.Required @JsonProperty("conversation_id") Wire.Id conversationId,
      @Wire.Required @JsonProperty("source_id") Wire.Id sourceId)
      implements RedactConversationRequest {
    @Override
    public Redaction redaction() {
      return Redaction.parse(true, conversationId.text(), sourceId.text());
    }
  }

  private static String text(Wire.Id id) {
    return id == null ? null : id.text();
  }

  private static <T> List<T> list(List<T> items) {
    return items == null ? List.of() : items;
  }

  /**
   * Decodes {@code attachment_files}; any file that does not decode fails the request.
   *
   * @throws ApiException 400 {@code parameter_invalid} for data that is not base64
   */
  private static List<NewFile> files(List<FileRequest> requests) {
    List<NewFile> files = new ArrayList<>();
    for (FileRequest file : list(requests)) {
      String path = "attachment_files[" + files.size() + "].";
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(file.data().replaceAll("\\s", ""));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid(path + "data", path + "data is not valid base64");
      }
      String name = file.name();
      String type = file.contentType();
      files.add(
          new NewFile(
              name == null || name.isBlank() ? "attachment" : name,
              type == null || type.isBlank() ? "application/octet-stream" : type,
              bytes));
    }
    return files;
  }
}
