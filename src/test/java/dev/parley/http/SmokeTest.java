package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.junit.ParleyExtension;
import dev.parley.junit.ParleyWorkspace;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A conversation's life over HTTP, on the in-process parley of the {@code junit} artifact (no
 * process of its own: {@link ParleyExtension}) in a workspace of its own.
 */
@ExtendWith(ParleyExtension.class)
class SmokeTest {
  @Test
  void aConversationLivesAndDies(ParleyWorkspace workspace) {
    Api api = new Api(workspace.baseUrl(), workspace.token());
    Scenario s = new Scenario(api);
    String id = s.conversation("hello");
    assertThat(s.adminReply(id, "comment", "hi").status()).isEqualTo(200);
    assertThat(
            s.adminReplyWithFiles(
                    id, "file", List.of(Scenario.file("a.txt", "text/plain", "abc".getBytes())))
                .status())
        .isEqualTo(200);
    ApiResponse got = api.get("/conversations/" + id);
    assertThat(got.status()).isEqualTo(200);
    assertThat(api.get("/conversations").status()).isEqualTo(200);
    assertThat(api.delete("/conversations/" + id).json().get("deleted").asBoolean()).isTrue();
    assertThat(api.get("/conversations/" + id).status()).isEqualTo(404);
    assertThat(
            api.withHeader("Intercom-Version", "Unstable").get("/conversations/deleted").status())
        .isEqualTo(200);
  }
}
