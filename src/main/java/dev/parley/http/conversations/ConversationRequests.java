package dev.parley.http.conversations;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parley.domain.conversation.ConversationUpdate;
import dev.parley.http.Wire;

/**
 * The request bodies of Intercom's conversation operations (REST API 2.14), bound by {@link
 * Wire#body}; each turns itself into the domain's request where that takes no more than its own
 * fields.
 */
public final class ConversationRequests {
  private ConversationRequests() {}

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
}
