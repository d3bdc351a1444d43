package dev.parley.http.messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.conversation.ConversationCreated;
import dev.parley.domain.conversation.ConversationService;
import dev.parley.domain.conversation.MessageSent;
import dev.parley.domain.conversation.MessageService;
import dev.parley.domain.conversation.NewConversation;
import dev.parley.domain.conversation.NewMessage;
import dev.parley.domain.workspace.Scope;
import dev.parley.http.ApiRoute;
import dev.parley.http.RequestContext;
import dev.parley.http.Wire;
import dev.parley.http.admins.AdminRoutes;
import dev.parley.http.admins.AdminWire.AdminJson;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Intercom's "Messages" operation of the REST API 2.14: {@code createMessage} ({@code POST
 * /messages}). An admin's message starts a conversation ({@link MessageService}); a message {@code
 * from} a user or a lead, the form of the description's "user message created" example, starts a
 * contact's conversation exactly as {@code createConversation} does. docs/messages.md.
 */
public record MessageRoutes(
    MessageService messages, ConversationService conversations, ObjectMapper mapper) {

  /** The most recipients each of {@code to}, {@code cc} and {@code bcc} takes. */
  static final int MAX_RECIPIENTS = 50;

  private static final Pattern CONTACT_ID = Pattern.compile("[0-9a-f]{24}");

  public List<ApiRoute> routes() {
    return List.of(ApiRoute.post("/messages", "createMessage", Scope.WRITE, this::createMessage));
  }

  /** Who sends a message ({@code from.type}): an admin, or a contact for a user message. */
  public enum SenderType {
    @JsonProperty("admin")
    ADMIN,
    @JsonProperty("user")
    USER,
    @JsonProperty("lead")
    LEAD,
    @JsonProperty("contact")
    CONTACT
  }

  /** {@code from}: {@code {type, id}}; an admin's id is an integer, a contact's a 24-hex string. */
  public record From(@Wire.Required SenderType type, @Wire.Required Wire.Id id) {}

  /**
   * The body of {@code createMessage} ({@code create_message_request}). {@code to}, {@code cc} and
   * {@code bcc} are each one {@code recipient} ({@code {type: "user"|"lead", id}}) or an array of
   * them; {@code created_at} in Unix seconds.
   */
  public record CreateMessageRequest(
      @JsonProperty("message_type") String messageType,
      String subject,
      String body,
      String template,
      @Wire.Required From from,
      JsonNode to,
      JsonNode cc,
      JsonNode bcc,
      @JsonProperty("created_at") Wire.Timestamp createdAt,
      @JsonProperty("create_conversation_without_contact_reply") Boolean openWithoutReply) {

    /**
     * The domain's admin message.
     *
     * @throws ApiException 400 {@code parameter_invalid} "Body is required" without a body (the
     *     description's example), for a {@code message_type} other than {@code in_app} or {@code
     *     email}, a {@code template} other than {@code plain} or {@code personal}, or a malformed
     *     recipient; 400 {@code parameter_not_found} without {@code to}; 422 {@code
     *     parameter_not_found} "No subject supplied for email message"; 404 {@code admin_not_found}
     *     for an admin id that is not an integer; 404 "User Not Found" for a recipient id that is
     *     no contact id
     */
    NewMessage adminMessage() {
      requireBody();
      NewMessage.MessageType type = kind();
      if (type == NewMessage.MessageType.EMAIL && (subject == null || subject.isBlank())) {
        throw new ApiException(
            ErrorCode.EMAIL_SUBJECT_MISSING,
            ErrorCode.EMAIL_SUBJECT_MISSING.defaultMessage(),
            "subject");
      }
      if (template != null && !template.equals("plain") && !template.equals("personal")) {
        throw ApiException.invalid("template", "template must be one of plain, personal");
      }
      if (to == null || to.isNull()) {
        throw ApiException.missing("to");
      }
      long adminId;
      try {
        adminId = Long.parseLong(from.id().text().trim());
      } catch (NumberFormatException e) {
        throw new ApiException(ErrorCode.ADMIN_NOT_FOUND);
      }
      List<String> recipients = recipients(to, "to");
      if (recipients.isEmpty()) {
        throw ApiException.invalid("to", "to must name at least one recipient");
      }
      return new NewMessage(
          type,
          type == NewMessage.MessageType.EMAIL ? subject : null,
          body,
          template,
          adminId,
          recipients,
          recipients(cc, "cc"),
          recipients(bcc, "bcc"),
          // The 1.x SDKs send 0 for a message without a time: it means now.
          createdAt == null || createdAt.seconds() == 0 ? null : createdAt.seconds(),
          Boolean.TRUE.equals(openWithoutReply));
    }

    /**
     * The domain's contact conversation, for a message {@code from} a user, a lead or a contact.
     *
     * @throws ApiException 400 "Body is required"; 404 "User Not Found" for an id that is no
     *     contact id
     */
    NewConversation userMessage() {
      requireBody();
      String id = from.id().text();
      if (!CONTACT_ID.matcher(id).matches()) {
        throw new ApiException(ErrorCode.USER_NOT_FOUND);
      }
      return new NewConversation(
          Wire.wireName(from.type()),
          id,
          body,
          subject,
          List.of(),
          Wire.Timestamp.seconds(createdAt));
    }

    private void requireBody() {
      if (body == null || body.isBlank()) {
        throw ApiException.invalid("body", "Body is required");
      }
    }

    private NewMessage.MessageType kind() {
      if (messageType == null) {
        throw ApiException.missing("message_type");
      }
      return switch (messageType) {
        // "conversation" is what the description's "admin message created" example sends.
        case "in_app", "inapp", "conversation" -> NewMessage.MessageType.IN_APP;
        case "email" -> NewMessage.MessageType.EMAIL;
        default ->
            throw ApiException.invalid("message_type", "message_type must be one of in_app, email");
      };
    }
  }

  /**
   * The contact ids of {@code to}, {@code cc} or {@code bcc}: absent or null is none.
   *
   * @throws ApiException 400 {@code parameter_invalid} naming the field for a value that is not a
   *     recipient or an array of them, a {@code type} other than {@code user} or {@code lead}, or
   *     more than {@value #MAX_RECIPIENTS}; 404 "User Not Found" for an id that is no contact id
   */
  static List<String> recipients(JsonNode value, String field) {
    if (value == null || value.isNull()) {
      return List.of();
    }
    List<JsonNode> items = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(items::add);
    } else {
      items.add(value);
    }
    if (items.size() > MAX_RECIPIENTS) {
      throw ApiException.invalid(
          field, field + " can hold at most " + MAX_RECIPIENTS + " recipients");
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String path = value.isArray() ? field + "[" + i + "]" : field;
      if (!item.isObject()) {
        throw ApiException.invalid(path, path + " must be an object");
      }
      String type = text(item, path + ".type");
      if (!type.equals("user") && !type.equals("lead")) {
        throw ApiException.invalid(path + ".type", path + ".type must be one of user, lead");
      }
      String id = text(item, path + ".id");
      if (!CONTACT_ID.matcher(id).matches()) {
        throw new ApiException(ErrorCode.USER_NOT_FOUND);
      }
      ids.add(id);
    }
    return ids;
  }

  /**
   * The string field {@code path} of a recipient.
   *
   * @throws ApiException 400 {@code parameter_not_found} when it is absent or null; 400 {@code
   *     parameter_invalid} "{path} must be a string" otherwise
   */
  private static String text(JsonNode recipient, String path) {
    JsonNode value = recipient.get(path.substring(path.lastIndexOf('.') + 1));
    if (value == null || value.isNull()) {
      throw ApiException.missing(path);
    }
    if (!value.isTextual()) {
      throw ApiException.invalid(path, path + " must be a string");
    }
    return value.textValue();
  }

  /**
   * {@code message}: an admin's ({@code admin_message}, with its {@code owner}) or a contact's
   * ({@code user_message}); {@code conversation_id} when the conversation is in the inbox.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MessageJson(
      String type,
      String id,
      long createdAt,
      String subject,
      String body,
      String messageType,
      String conversationId,
      AdminJson owner) {}

  /** {@code POST /messages}: {@link CreateMessageRequest}. */
  void createMessage(Context ctx) {
    CreateMessageRequest request = Wire.body(ctx, mapper, CreateMessageRequest.class);
    if (request.from().type() != SenderType.ADMIN) {
      ConversationCreated created =
          conversations.create(RequestContext.caller(ctx), request.userMessage());
      ctx.json(
          new MessageJson(
              "user_message",
              Long.toString(created.messageId()),
              created.createdAt(),
              created.subject(),
              created.body(),
              "inapp",
              Long.toString(created.conversationId()),
              null));
      return;
    }
    MessageSent sent = messages.send(RequestContext.caller(ctx), request.adminMessage());
    ctx.json(
        new MessageJson(
            "admin_message",
            Long.toString(sent.messageId()),
            sent.createdAt(),
            sent.subject(),
            sent.body(),
            sent.messageType().wireName(),
            sent.opened() ? Long.toString(sent.conversationId()) : null,
            AdminRoutes.render(sent.owner())));
  }
}
