package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-data builders over a running parley: contacts, conversations, replies. Each call asserts
 * that parley accepted it and returns the new id.
 */
public final class Scenario {
  private final Api api;
  private String adminId;

  public Scenario(Api api) {
    this.api = api;
  }

  public Api api() {
    return api;
  }

  /** The id of the admin the token acts as ({@code /me}). */
  public String adminId() {
    if (adminId == null) {
      ApiResponse me = api.get("/me");
      assertThat(me.status()).as(me.toString()).isEqualTo(200);
      adminId = me.json().get("id").asText();
    }
    return adminId;
  }

  /** A new user contact with this email; returns its id. */
  public String contact(String email) {
    return contact(Map.of("email", email, "role", "user"));
  }

  public String contact(Map<String, Object> body) {
    ApiResponse created = api.post("/contacts", body);
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    return created.json().get("id").asText();
  }

  /** A conversation started by {@code contactId} with {@code body}; returns its id. */
  public String conversation(String contactId, String body) {
    ApiResponse created =
        api.post(
            "/conversations",
            Map.of("from", Map.of("type", "user", "id", contactId), "body", body));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    return created.json().get("conversation_id").asText();
  }

  /**
   * A conversation started by {@code contactId} with {@code body} at {@code createdAt} (Unix
   * seconds, Intercom's {@code created_at} of {@code createConversation}); returns its id.
   */
  public String conversationAt(String contactId, long createdAt, String body) {
    ApiResponse created =
        api.post(
            "/conversations",
            Map.of(
                "from",
                Map.of("type", "user", "id", contactId),
                "body",
                body,
                "created_at",
                createdAt));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    return created.json().get("conversation_id").asText();
  }

  /** A new contact and a conversation it started. */
  public String conversation(String body) {
    return conversation(contact("c" + System.nanoTime() + "@example.com"), body);
  }

  /** An admin reply of {@code messageType} ({@code comment}, {@code note}). */
  public ApiResponse adminReply(String conversationId, String messageType, String body) {
    return reply(conversationId, adminReplyBody(messageType, body));
  }

  public Map<String, Object> adminReplyBody(String messageType, String body) {
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("message_type", messageType);
    reply.put("type", "admin");
    reply.put("admin_id", adminId());
    reply.put("body", body);
    return reply;
  }

  /** A contact comment by the contact's id. */
  public ApiResponse contactReply(String conversationId, String contactId, String body) {
    return reply(
        conversationId,
        Map.of(
            "message_type",
            "comment",
            "type",
            "user",
            "intercom_user_id",
            contactId,
            "body",
            body));
  }

  public ApiResponse reply(String conversationId, Map<String, Object> body) {
    ApiResponse reply = api.post("/conversations/" + conversationId + "/reply", body);
    return reply;
  }

  /** One {@code attachment_files} entry. */
  public static Map<String, Object> file(String name, String contentType, byte[] bytes) {
    return Map.of(
        "name",
        name,
        "content_type",
        contentType,
        "data",
        Base64.getEncoder().encodeToString(bytes));
  }

  /** An admin comment with files attached. */
  public ApiResponse adminReplyWithFiles(
      String conversationId, String body, List<Map<String, Object>> files) {
    Map<String, Object> reply = adminReplyBody("comment", body);
    reply.put("attachment_files", new ArrayList<>(files));
    return reply(conversationId, reply);
  }
}
