package dev.parley.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, "Orphan upload files after a crash during a reply": a reply writes its files before its
 * transaction, so a kill -9 in between left files that no row named. Now a reply records each blob
 * key as an intent before it writes a byte, a restart removes the bytes of intents no reply
 * settled, and a start-up sweep removes files that no row names at all.
 */
class UploadCrashRecoveryTest {
  private static final int KILLS = 4;
  private static final int CLIENTS = 8;

  @TempDir Path root;

  /**
   * The intent timeout: a restart on PostgreSQL only abandons intents older than it (other
   * processes may be replying), so the test sets 0 there, as no reply runs during the restart.
   */
  private static ParleyProcess.Builder server(Path root, String databaseUrl) {
    ParleyProcess.Builder builder =
        ParleyProcess.in(root).token("upload-crash-token-0123456789abcdef01");
    if (databaseUrl != null) {
      builder.databaseUrl(databaseUrl);
    }
    if (TestStore.postgres()) {
      builder.arg("--upload-intent-timeout", "0");
    }
    return builder;
  }

  @Test
  void killedDuringRepliesWithFilesLeavesNoFileWithoutAnUploadRowAfterRestart() throws Exception {
    ParleyProcess parley = server(root, null).start();
    String databaseUrl = parley.databaseUrl();
    Scenario s = new Scenario(parley.api());
    String contact = s.contact("uploads@example.com");
    List<String> conversations = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      conversations.add(s.conversation(contact, "upload crash " + i));
    }
    String admin = s.adminId();
    Map<String, String> committed = new ConcurrentHashMap<>(); // marker -> file content
    AtomicInteger sequence = new AtomicInteger();
    for (int kill = 0; kill < KILLS; kill++) {
      Api api = parley.api();
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger okThisRound = new AtomicInteger();
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      for (int c = 0; c < CLIENTS; c++) {
        clients.submit(
            () -> {
              while (running.get()) {
                int n = sequence.incrementAndGet();
                String marker = "reply-" + n;
                String content = "bytes of " + marker + " " + "x".repeat(2000);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("message_type", "comment");
                body.put("type", "admin");
                body.put("admin_id", admin);
                body.put("body", marker);
                body.put(
                    "attachment_files",
                    List.of(
                        Scenario.file(
                            marker + "-a.txt",
                            "text/plain",
                            content.getBytes(StandardCharsets.UTF_8)),
                        Scenario.file(
                            marker + "-b.txt",
                            "text/plain",
                            content.getBytes(StandardCharsets.UTF_8))));
                try {
                  ApiResponse reply =
                      api.post(
                          "/conversations/"
                              + conversations.get(n % conversations.size())
                              + "/reply",
                          body);
                  if (reply.status() == 200) {
                    committed.put(marker, content);
                    okThisRound.incrementAndGet();
                  }
                } catch (AssertionError connectionLost) {
                  return; // the server died under this request
                }
              }
            });
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> okThisRound.get() >= 20);
      parley.kill();
      running.set(false);
      clients.shutdown();
      assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
      parley = server(root, databaseUrl).start();
    }

    Api api = parley.api();
    int served = 0;
    for (String id : conversations) {
      JsonNode parts =
          api.get("/conversations/" + id)
              .json()
              .path("conversation_parts")
              .path("conversation_parts");
      for (JsonNode part : parts) {
        String marker = part.path("body").asText().replaceAll("<[^>]+>", "");
        if (!committed.containsKey(marker)) {
          continue;
        }
        assertThat(part.path("attachments")).hasSize(2);
        for (JsonNode attachment : part.path("attachments")) {
          ApiResponse bytes =
              api.get(attachment.path("url").asText().substring(api.baseUrl().length()));
          assertThat(bytes.status()).as("committed upload of %s", marker).isEqualTo(200);
          assertThat(bytes.body()).isEqualTo(committed.get(marker));
          served++;
        }
      }
    }
    parley.stop();
    assertThat(served).as("every committed upload is served").isEqualTo(2 * committed.size());
    try (TestDatabase db = TestDatabase.of(parley)) {
      Set<String> named = new TreeSet<>();
      for (List<Object> row : db.rows("SELECT blob_key FROM uploads WHERE kind = 'file'")) {
        named.add((String) row.get(0));
      }
      assertThat(filesUnder(parley.dataDir().resolve("uploads")))
          .as("upload files no row names")
          .containsExactlyInAnyOrderElementsOf(named);
      assertThat(db.number("SELECT COUNT(*) FROM upload_intents")).isZero();
      assertThat(db.number("SELECT COUNT(*) FROM blob_deletions")).isZero();
    }
    System.out.println(
        KILLS
            + " kills: "
            + committed.size()
            + " replies with files committed, "
            + served
            + " uploads served");
  }

  @Test
  void aRestartRemovesTheBytesOfAnUnsettledIntentAndOfFilesNoRowNames() throws Exception {
    Path uploads = root.resolve("data").resolve("uploads");
    ParleyProcess parley =
        ParleyProcess.in(root).token("intent-token-0123456789abcdef0123456789").start();
    Scenario s = new Scenario(parley.api());
    String conversation = s.conversation(s.contact("intent@example.com"), "kept");
    ApiResponse kept =
        s.adminReplyWithFiles(
            conversation,
            "kept upload",
            List.of(
                Scenario.file(
                    "kept.txt", "text/plain", "kept bytes".getBytes(StandardCharsets.UTF_8))));
    assertThat(kept.status()).isEqualTo(200);
    parley.stop();

    // What a reply killed between its bytes and its transaction leaves: an intent and its file
    // (here recorded long ago, so that a PostgreSQL restart takes it too), a partial write of
    // another intent's key, and (before intents existed) a file that nothing names at all.
    String intentKey = "0a" + "1".repeat(30);
    String partialKey = "0b" + "2".repeat(30);
    String strayKey = "0c" + "3".repeat(30);
    write(uploads, intentKey, "", "bytes of a reply that never committed");
    write(uploads, partialKey, ".tmp", "half");
    write(uploads, strayKey, "", "bytes no row names");
    try (TestDatabase db = TestDatabase.writable(parley)) {
      db.execute(
          "INSERT INTO upload_intents (blob_key, workspace_id, created_at) VALUES (?, 1, 1000)",
          intentKey);
      db.execute(
          "INSERT INTO upload_intents (blob_key, workspace_id, created_at) VALUES (?, 1, 1000)",
          partialKey);
    }
    Set<String> before = filesUnder(uploads);
    assertThat(before).hasSize(4);

    ParleyProcess restarted =
        ParleyProcess.in(root)
            .token("intent-token-0123456789abcdef0123456789")
            .databaseUrl(parley.databaseUrl())
            .start();
    Api api = restarted.api();
    JsonNode parts =
        api.get("/conversations/" + conversation)
            .json()
            .path("conversation_parts")
            .path("conversation_parts");
    String url = parts.path(0).path("attachments").path(0).path("url").asText();
    ApiResponse bytes = api.get(url.substring(api.baseUrl().length()));
    assertThat(bytes.status()).isEqualTo(200);
    assertThat(bytes.body()).isEqualTo("kept bytes");
    restarted.stop();

    try (TestDatabase db = TestDatabase.of(restarted)) {
      String keptKey =
          (String) db.rows("SELECT blob_key FROM uploads WHERE kind = 'file'").get(0).get(0);
      assertThat(filesUnder(uploads)).containsExactly(keptKey);
      assertThat(db.number("SELECT COUNT(*) FROM upload_intents")).isZero();
      assertThat(db.number("SELECT COUNT(*) FROM blob_deletions")).isZero();
    }
    assertThat(restarted.log())
        .contains("2 upload(s) whose reply never committed")
        .contains("removed 1 upload file(s) that no row named");
  }

  /** Writes a file as the blob store lays them out, last modified an hour ago. */
  private static void write(Path uploads, String key, String suffix, String content)
      throws IOException {
    Path file = uploads.resolve(key.substring(0, 2)).resolve(key + suffix);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(3600)));
  }

  /** The names of the regular files under {@code dir} (blob keys, or keys with a suffix). */
  static Set<String> filesUnder(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return Set.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return new TreeSet<>(
          files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList());
    }
  }
}
