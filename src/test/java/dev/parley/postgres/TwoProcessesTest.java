package dev.parley.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two parley processes on one PostgreSQL database and one upload directory, as behind a load
 * balancer: what one writes the other reads, replies to and erases, and ids stay unique and
 * increasing across both.
 */
class TwoProcessesTest {
  @TempDir Path root;

  private SharedDatabase shared;
  private ParleyProcess a;
  private ParleyProcess b;

  @BeforeEach
  void startTwoProcesses() {
    shared = new SharedDatabase(root);
    a = shared.start("a");
    b = shared.start("b");
  }

  @AfterEach
  void stop() {
    if (a != null) {
      a.stop();
    }
    if (b != null) {
      b.stop();
    }
  }

  @Test
  void aConversationCreatedOnOneProcessIsReadRepliedToAndErasedOnTheOther() throws Exception {
    Scenario onA = new Scenario(a.api());
    Scenario onB = new Scenario(b.api());
    String contact = onA.contact("two-processes@example.com");
    String id = onA.conversation(contact, "<p>created on a</p>");
    byte[] bytes = "bytes written through process a".getBytes(StandardCharsets.UTF_8);
    ApiResponse withFile =
        onA.adminReplyWithFiles(
            id, "<p>a file from a</p>", List.of(Scenario.file("from-a.txt", "text/plain", bytes)));
    assertThat(withFile.status()).as(withFile.toString()).isEqualTo(200);

    ApiResponse readOnB = b.api().get("/conversations/" + id);
    assertThat(readOnB.status()).as(readOnB.toString()).isEqualTo(200);
    assertThat(readOnB.json().path("source").path("body").asText())
        .isEqualTo("<p>created on a</p>");
    List<String> uploadPaths = uploadPaths(readOnB.json(), b.api());
    assertThat(uploadPaths).hasSize(1);
    ApiResponse bytesOnB = b.api().get(uploadPaths.get(0));
    assertThat(bytesOnB.status()).isEqualTo(200);
    assertThat(bytesOnB.bytes()).isEqualTo(bytes);

    ApiResponse replyOnB = onB.contactReply(id, contact, "a reply through process b");
    assertThat(replyOnB.status()).as(replyOnB.toString()).isEqualTo(200);
    JsonNode readOnA = a.api().get("/conversations/" + id).json();
    List<String> bodies = new ArrayList<>();
    readOnA
        .path("conversation_parts")
        .path("conversation_parts")
        .forEach(p -> bodies.add(p.path("body").asText()));
    assertThat(bodies).contains("<p>a file from a</p>", "a reply through process b");
    assertThat(shared.uploadFiles()).hasSize(1);

    ApiResponse deleted = b.api().delete("/conversations/" + id);
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
    assertThat(deleted.json().path("deleted").asBoolean()).isTrue();

    assertThat(a.api().get("/conversations/" + id).status()).isEqualTo(404);
    assertThat(a.api().get(uploadPaths.get(0)).status()).isEqualTo(404);
    assertThat(a.api().delete("/conversations/" + id).status()).isEqualTo(404);
    assertThat(onA.contactReply(id, contact, "too late").status()).isEqualTo(404);
    assertThat(shared.uploadFiles()).as("upload bytes in the shared directory").isEmpty();
    ApiResponse deletedList =
        a.api().withHeader("Intercom-Version", "Unstable").get("/conversations/deleted");
    assertThat(deletedList.json().path("conversations").path(0).path("id").asText()).isEqualTo(id);

    try (TestDatabase db = TestDatabase.postgres(shared.url)) {
      long conversationId = Long.parseLong(id);
      assertThat(db.contentRows(conversationId)).isZero();
      assertThat(
              db.number(
                  "SELECT COUNT(*) FROM conversation_metrics WHERE conversation_id = ? AND"
                      + " deleted_at IS NOT NULL",
                  conversationId))
          .isEqualTo(1);
      db.awaitEmptyBlobQueue();
    }
  }

  @Test
  void conversationIdsAreUniqueAcrossProcessesAndIncreaseInTheOrderTheyWereCreated()
      throws Exception {
    Scenario onA = new Scenario(a.api());
    Scenario onB = new Scenario(b.api());
    String contactA = onA.contact("ids-a@example.com");
    String contactB = onB.contact("ids-b@example.com");

    List<Long> inOrder = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      inOrder.add(Long.parseLong(onA.conversation(contactA, "a " + i)));
      inOrder.add(Long.parseLong(onB.conversation(contactB, "b " + i)));
    }
    assertThat(inOrder).isSorted().doesNotHaveDuplicates();

    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<String>> created = new ArrayList<>();
    try {
      for (int i = 0; i < 80; i++) {
        Scenario on = i % 2 == 0 ? onA : onB;
        String contact = i % 2 == 0 ? contactA : contactB;
        int n = i;
        created.add(pool.submit(() -> on.conversation(contact, "concurrent " + n)));
      }
      Set<Long> ids = new HashSet<>();
      for (Future<String> f : created) {
        ids.add(Long.parseLong(f.get()));
      }
      assertThat(ids).hasSize(80);
      assertThat(ids).allMatch(id -> id > inOrder.get(inOrder.size() - 1));
    } finally {
      pool.shutdownNow();
    }
  }

  /** Paths of the conversation's uploads, relative to the client's base URL. */
  static List<String> uploadPaths(JsonNode conversation, Api api) {
    List<String> paths = new ArrayList<>();
    conversation
        .path("conversation_parts")
        .path("conversation_parts")
        .forEach(
            part ->
                part.path("attachments")
                    .forEach(
                        attachment -> {
                          if ("upload".equals(attachment.path("type").asText())) {
                            String url = attachment.path("url").asText();
                            assertThat(url).startsWith(api.baseUrl());
                            paths.add(url.substring(api.baseUrl().length()));
                          }
                        }));
    return paths;
  }
}
