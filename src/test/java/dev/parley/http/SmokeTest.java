package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
  @TempDir static Path root;
  static ParleyProcess parley;

  @BeforeAll
  static void start() {
    parley = ParleyProcess.in(root).start();
  }

  @AfterAll
  static void stop() {
    parley.stop();
  }

  @Test
  void aConversationLivesAndDies() {
    Api api = parley.api();
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
