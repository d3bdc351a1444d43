package dev.parley.http.conversations;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.parley.domain.ApiException;
import dev.parley.domain.conversation.AssigneeType;
import dev.parley.domain.conversation.StateChange;
import dev.parley.http.Wire;

/**
 * The request bodies of {@code manageConversation} (REST API 2.14, {@code POST
 * /conversations/{id}/parts}), bound by {@link Wire#body}: the state changes that {@link
 * dev.parley.domain.conversation.ConversationStateService} makes. The other conversation requests
 * are in {@link ConversationRequests}.
 */
public final class ConversationStateRequests {
  private ConversationStateRequests() {}

  /** {@code type} of a close: only an admin. */
  public enum AdminType {
    @JsonProperty("admin")
    ADMIN
  }

  /** {@code type} of an assignment: whom the conversation goes to. */
  public enum AssignTo {
    @JsonProperty("admin")
    ADMIN,
    @JsonProperty("team")
    TEAM
  }

  /**
   * The body of {@code manageConversation} ({@code POST /conversations/{id}/parts}), by {@code
   * message_type}; each by {@code admin_id}.
   */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "message_type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = CloseRequest.class, name = "close"),
    @JsonSubTypes.Type(value = SnoozeRequest.class, name = "snoozed"),
    @JsonSubTypes.Type(value = OpenRequest.class, name = "open"),
    @JsonSubTypes.Type(value = AssignRequest.class, name = "assignment")
  })
  public sealed interface ManageConversationRequest
      permits CloseRequest, SnoozeRequest, OpenRequest, AssignRequest {
    /** The domain's state change. */
    StateChange change();
  }

  /** {@code close_conversation_request}: an optional {@code body} (a blank one is none). */
  public record CloseRequest(
      @Wire.Required AdminType type,
      @Wire.Required @JsonProperty("admin_id") Wire.NumericId adminId,
      String body)
      implements ManageConversationRequest {
    @Override
    public StateChange change() {
      return new StateChange.Close(adminId.value(), message(body));
    }
  }

  /** {@code snooze_conversation_request}: {@code snoozed_until}, Unix seconds. */
  public record SnoozeRequest(
      @Wire.Required @JsonProperty("admin_id") Wire.NumericId adminId,
      @Wire.Required @JsonProperty("snoozed_until") Wire.Int snoozedUntil)
      implements ManageConversationRequest {
    @Override
    public StateChange change() {
      return new StateChange.Snooze(adminId.value(), snoozedUntil.value());
    }
  }

  /** {@code open_conversation_request}. */
  public record OpenRequest(@Wire.Required @JsonProperty("admin_id") Wire.NumericId adminId)
      implements ManageConversationRequest {
    @Override
    public StateChange change() {
      return new StateChange.Open(adminId.value());
    }
  }

  /**
   * {@code assign_conversation_request}: {@code type} admin or team, {@code assignee_id} ("0"
   * unassigns), an optional {@code body}.
   */
  public record AssignRequest(
      @Wire.Required AssignTo type,
      @Wire.Required @JsonProperty("admin_id") Wire.NumericId adminId,
      @Wire.Required @JsonProperty("assignee_id") Wire.NumericId assigneeId,
      String body)
      implements ManageConversationRequest {
    /** The assignment; 400 {@code parameter_invalid} for a negative {@code assignee_id}. */
    @Override
    public StateChange change() {
      if (assigneeId.value() < 0) {
        throw ApiException.invalid("assignee_id", "assignee_id must be an admin or team id, or 0");
      }
      return new StateChange.Assign(
          adminId.value(),
          AssigneeType.fromWire(Wire.wireName(type)),
          assigneeId.value(),
          message(body));
    }
  }

  /** The optional message of a close or an assignment; a blank one is none. */
  private static String message(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
