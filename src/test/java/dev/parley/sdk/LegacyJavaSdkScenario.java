package dev.parley.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.intercom.api.Admin;
import io.intercom.api.AdminMessage;
import io.intercom.api.AdminReply;
import io.intercom.api.Contact;
import io.intercom.api.Conversation;
import io.intercom.api.Intercom;
import io.intercom.api.IntercomException;
import io.intercom.api.Tag;
import io.intercom.api.User;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The scenario {@link LegacyJavaSdkTest} runs in a JVM of its own: Intercom's legacy Java SDK
 * ({@code io.intercom:intercom-java} 2.8.2) with the Jackson it declares (2.9), against the parley
 * at {@code args[0]} with the access token {@code args[1]}; {@code args[2]} is a conversation with
 * a part, {@code args[3]} the admin the token acts as. Prints what the SDK observed as one {@code
 * SCENARIO_RESULT <json>} line: each call's values, or the exception class and message it threw.
 */
public final class LegacyJavaSdkScenario {
  private static final Map<String, Object> RESULT = new LinkedHashMap<>();

  private LegacyJavaSdkScenario() {}

  public static void main(String[] args) throws Exception {
    String conversationId = args[2];
    String adminId = args[3];
    Intercom.setApiBaseURI(URI.create(args[0]));

    Intercom.setToken("not-a-token-parley-issued");
    call("wrong_token", Admin::list);
    Intercom.setToken(args[1]);

    call(
        "admins",
        () ->
            Admin.list().getPage().stream()
                .map(a -> List.of(a.getId(), a.getName(), a.getEmail()))
                .toList());
    call("admin", () -> admin(Admin.find(adminId)));
    call("admin_away", () -> Admin.setAwayMode(adminId, true, false).getAwayModeEnabled());

    call(
        "contact_created",
        () -> {
          Contact c = new Contact();
          c.setEmail("legacy-sdk@example.com");
          c.setName("Legacy SDK");
          return contact(Contact.create(c));
        });
    String contactId = (String) ((Map<?, ?>) RESULT.get("contact_created")).get("id");
    call("contact_found", () -> contact(Contact.findByID(contactId)));
    call("contact_missing", () -> contact(Contact.findByID("ffffffffffffffffffffffff")));
    call("contacts_listed", () -> Contact.list().getPage().size());

    call("tag_created", () -> tag(Tag.create(new Tag().setName("Legacy SDK tag"))));
    call("tags_listed", () -> Tag.list().getPage().size());
    call(
        "tag_deleted",
        () -> {
          Tag doomed = Tag.create(new Tag().setName("Legacy SDK doomed"));
          RESULT.put("tag_doomed_id", doomed.getId());
          return String.valueOf(Tag.delete(doomed.getId()));
        });

    call(
        "conversation_ids",
        () -> Conversation.list().getPage().stream().map(Conversation::getId).toList());
    call("conversation", () -> conversation(Conversation.find(conversationId)));
    call("conversation_missing", () -> Conversation.find("999999999"));
    call(
        "admin_reply",
        () -> {
          AdminReply reply = new AdminReply(new Admin().setId(adminId));
          reply.setBody("From the legacy SDK");
          reply.setMessageType("comment");
          return conversation(Conversation.reply(conversationId, reply));
        });

    call(
        "admin_message",
        () -> {
          AdminMessage message =
              new AdminMessage()
                  .setAdmin(new Admin().setId(adminId))
                  .setUser(new User().setId(contactId))
                  .setMessageType("inapp")
                  .setBody("An outbound message from the legacy SDK");
          AdminMessage sent = Conversation.create(message);
          return List.of(sent.getMessageType(), sent.getCreatedAt());
        });

    System.out.println("SCENARIO_RESULT " + new ObjectMapper().writeValueAsString(RESULT));
  }

  /** Records the call's value, or {@code {"error": class, "message": text}} when it threw. */
  private static void call(String key, Callable<Object> call) {
    try {
      RESULT.put(key, call.call());
    } catch (IntercomException e) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("error", e.getClass().getSimpleName());
      error.put("message", e.getMessage());
      RESULT.put(key, error);
    } catch (Exception e) {
      throw new IllegalStateException(key + " failed outside the SDK's exceptions", e);
    }
  }

  private static Map<String, Object> admin(Admin a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", a.getType());
    m.put("id", a.getId());
    m.put("name", a.getName());
    m.put("email", a.getEmail());
    return m;
  }

  private static Map<String, Object> contact(Contact c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.getID());
    m.put("email", c.getEmail());
    m.put("name", c.getName());
    m.put("avatar", String.valueOf(c.getAvatar()));
    return m;
  }

  private static Map<String, Object> tag(Tag t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", t.getType());
    m.put("id", t.getId());
    m.put("name", t.getName());
    return m;
  }

  private static Map<String, Object> conversation(Conversation c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", c.getType());
    m.put("id", c.getId());
    m.put("state", c.getState());
    m.put("open", c.getOpen());
    m.put("created_at", c.getCreatedAt());
    m.put(
        "source_message",
        c.getConversationMessage() == null ? null : c.getConversationMessage().getBody());
    m.put(
        "parts",
        c.getConversationPartCollection().getPage().stream()
            .map(p -> List.of(p.getPartType(), String.valueOf(p.getBody()), p.getAuthor().getId()))
            .toList());
    return m;
  }
}
