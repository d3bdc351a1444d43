package dev.parley.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.Scenario;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the crash and race tests of erasure ({@link CrashRecoveryTest}, {@link DeleteRaceTest})
 * delete, each through its own paths: a plain conversation ({@code /conversations/{id}}) or a
 * ticket ({@code /tickets/{id}}, issue 16). A ticket is a conversation row with ticket columns, so
 * both leave the same rows behind and the tests check the store alike; for a ticket they also check
 * that {@code GET /tickets/{id}} and {@code GET /conversations/{id}} agree.
 */
enum Erasable {
  CONVERSATION("/conversations/", "conversation_parts") {
    @Override
    Function<String, String> maker(Scenario s, String contact) {
      return text -> s.conversation(contact, text);
    }

    @Override
    String content(JsonNode retrieved) {
      return retrieved.path("source").path("body").asText();
    }

    @Override
    List<String> readPaths(String id) {
      return List.of(path(id));
    }
  },

  TICKET("/tickets/", "ticket_parts") {
    /** Creates one Customer ticket type in the workspace; each ticket is titled with the text. */
    @Override
    Function<String, String> maker(Scenario s, String contact) {
      ApiResponse type =
          s.api()
              .post(
                  "/ticket_types",
                  Map.of("name", "Erasable " + System.nanoTime(), "category", "Customer"));
      assertThat(type.status()).as(type.toString()).isEqualTo(200);
      String typeId = type.json().get("id").asText();
      return text -> {
        ApiResponse created =
            s.api()
                .post(
                    "/tickets",
                    Map.of(
                        "ticket_type_id",
                        typeId,
                        "contacts",
                        List.of(Map.of("id", contact)),
                        "ticket_attributes",
                        Map.of("_default_title_", text)));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().get("id").asText();
      };
    }

    @Override
    String content(JsonNode retrieved) {
      return retrieved.path("ticket_attributes").path("_default_title_").asText();
    }

    @Override
    List<String> readPaths(String id) {
      return List.of(path(id), "/conversations/" + id);
    }
  };

  private final String prefix;
  private final String partsField;

  Erasable(String prefix, String partsField) {
    this.prefix = prefix;
    this.partsField = partsField;
  }

  /**
   * Prepares the workspace of {@code s} for this kind and answers a maker of new ones started by
   * {@code contact}: given a text (a conversation's first message, a ticket's title), it creates
   * one and answers its id.
   */
  abstract Function<String, String> maker(Scenario s, String contact);

  /** The text the maker was given, as {@link #path} retrieves it. */
  abstract String content(JsonNode retrieved);

  /**
   * Every path that retrieves it (its own first): after a crash or a race all answer alike, 200 or
   * 404.
   */
  abstract List<String> readPaths(String id);

  /** Its own path: retrieve, delete, and with {@code /reply} its reply. */
  String path(String id) {
    return prefix + id;
  }

  /** The parts of a retrieved one ({@code conversation_parts} or {@code ticket_parts}). */
  JsonNode parts(JsonNode retrieved) {
    return retrieved.path(partsField).path(partsField);
  }

  /** An admin comment with {@code files} attached, through its own reply path. */
  ApiResponse replyWithFiles(Scenario s, String id, String body, List<Map<String, Object>> files) {
    Map<String, Object> reply = s.adminReplyBody("comment", body);
    reply.put("attachment_files", files);
    return s.api().post(path(id) + "/reply", reply);
  }
}
