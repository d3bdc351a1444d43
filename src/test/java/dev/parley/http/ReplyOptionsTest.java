package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.Scenario;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code reply_options} of an admin reply must carry UUIDs, as the description's {@code
 * quick_reply_option} says: Intercom's own Postman collection sends {@code {"text": "", "uuid":
 * ""}}, which parley once stored and then rendered in every later answer against the description.
 */
class ReplyOptionsTest {
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();

  @Test
  void aReplyOptionWhoseUuidIsNoUuidAnswers400AndAddsNoPart() {
    Api api = parley.api();
    Scenario s = new Scenario(api);
    String conversation = s.conversation("quick replies");
    for (String uuid : List.of("", "not-a-uuid", "1-1-1-1-1")) {
      Map<String, Object> reply = s.adminReplyBody("comment", "<p>with options</p>");
      reply.put("reply_options", List.of(Map.of("text", "Yes", "uuid", uuid)));
      ApiResponse response = s.reply(conversation, reply);
      assertThat(response.status()).as(response.toString()).isEqualTo(400);
      assertThat(response.errorCode()).isEqualTo("parameter_invalid");
      assertThat(response.json().path("errors").path(0).path("field").asText())
          .isEqualTo("reply_options[0].uuid");
    }
    assertThat(
            api.get("/conversations/" + conversation)
                .json()
                .path("conversation_parts")
                .path("total_count")
                .asInt())
        .isZero();
    Map<String, Object> quick = s.adminReplyBody("quick_reply", null);
    quick.remove("body");
    String uuid = UUID.randomUUID().toString();
    quick.put("reply_options", List.of(Map.of("text", "Yes", "uuid", uuid)));
    ApiResponse ok = s.reply(conversation, quick);
    assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    assertThat(
            ok.json()
                .path("conversation_parts")
                .path("conversation_parts")
                .path(0)
                .path("metadata")
                .path("quick_reply_options")
                .path(0)
                .path("uuid")
                .asText())
        .isEqualTo(uuid);
  }
}
