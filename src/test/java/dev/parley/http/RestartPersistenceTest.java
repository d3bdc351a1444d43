package dev.parley.http;

import static dev.parley.http.Acceptance.raw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data written to one parley is read back identical by a new parley started on the same
 * data dir (or database): after a clean stop, and after a kill.
 */
class RestartPersistenceTest {
  @TempDir Path root;

  private static ParleyProcess restart(ParleyProcess before, Path root, String token) {
    ParleyProcess.Builder builder = ParleyProcess.in(root).token(token);
    if (before.databaseUrl() != null) {
      builder.databaseUrl(before.databaseUrl());
    }
    return builder.start();
  }

  private static JsonNode ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  private static byte[] png() throws IOException {
    BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_ARGB);
    image.setRGB(1, 1, 0xff00ff00);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  /** Writes a bit of everything; returns the paths to read back. */
  private static List<String> writeEverything(ParleyProcess parley) throws IOException {
    Api api = parley.api();
    Scenario s = new Scenario(api);
    String admin = s.adminId();
    List<String> paths = new ArrayList<>(List.of("/me", "/admins", "/admins/" + admin, "/teams", "/tags"));

    Map<String, Object> contactBody = new LinkedHashMap<>();
    contactBody.put("role", "user");
    contactBody.put("email", "persist@example.com");
    contactBody.put("external_id", "persist-1");
    contactBody.put("name", "Per Sist");
    contactBody.put("phone", "+1 555 0100");
    contactBody.put("custom_attributes", Map.of("plan", "gold", "seats", 3, "active", true));
    String contact = s.contact(contactBody);
    String lead = s.contact(Map.of("role", "lead", "email", "lead-persist@example.com"));
    paths.addAll(List.of("/contacts", "/contacts/" + contact, "/contacts/" + lead));

    String conversation = s.conversation(contact, "<p>Hello <b>persisted</b> world</p>");
    ok(s.adminReply(conversation, "comment", "<p>An answer</p>"));
    ok(s.adminReply(conversation, "note", "<p>A note</p>"));
    Map<String, Object> quick = new LinkedHashMap<>();
    quick.put("type", "admin");
    quick.put("message_type", "quick_reply");
    quick.put("admin_id", admin);
    quick.put("reply_options", List.of(Map.of("text", "Yes", "uuid", UUID.randomUUID().toString())));
    ok(api.post("/conversations/" + conversation + "/reply", quick));
    ok(s.contactReply(conversation, contact, "contact says hi"));
    ok(
        s.adminReplyWithFiles(
            conversation,
            "files",
            List.of(
                Scenario.file("image.png", "image/png", png()),
                Scenario.file("notes.txt", "text/plain", "some notes\n".getBytes(StandardCharsets.UTF_8)),
                Scenario.file("page.html", "text/html", "<b>x</b>".getBytes(StandardCharsets.UTF_8)))));
    Map<String, Object> links = s.adminReplyBody("comment", "links");
    links.put("attachment_urls", List.of("https://example.com/file.pdf?a=1&b=2"));
    ok(api.post("/conversations/" + conversation + "/reply", links));
    ok(
        api.put(
            "/conversations/" + conversation,
            Map.of("read", true, "title", "Persisted title", "custom_attributes", Map.of("kind", "test", "n", 5, "flag", false, "at", 1_690_000_000))));
    String keep = ok(api.post("/tags", Map.of("name", "keep me"))).path("id").asText();
    String drop = ok(api.post("/tags", Map.of("name", "drop me"))).path("id").asText();
    ok(api.post("/tags", Map.of("id", keep, "name", "kept")));
    ok(api.post("/conversations/" + conversation + "/tags", Map.of("id", keep, "admin_id", admin)));
    ok(api.post("/conversations/" + conversation + "/tags", Map.of("id", drop, "admin_id", admin)));
    ok(api.delete("/conversations/" + conversation + "/tags/" + drop, Map.of("admin_id", admin)));

    String other = s.conversation(lead, "second conversation");
    for (int i = 0; i < 4; i++) {
      s.conversation(contact, "more " + i);
    }
    paths.addAll(
        List.of(
            "/conversations/" + conversation,
            "/conversations/" + conversation + "?display_as=plaintext",
            "/conversations/" + other,
            "/conversations?per_page=150",
            "/conversations?per_page=2"));
    return paths;
  }

  /** Every answer by path, with the server's own base URL replaced so that two servers compare. */
  private static Map<String, JsonNode> readEverything(ParleyProcess parley, List<String> paths) throws IOException {
    Map<String, JsonNode> answers = new LinkedHashMap<>();
    for (String path : paths) {
      String body = ok(parley.api().get(path)).toString().replace(parley.baseUrl(), "http://parley.test");
      answers.put(path, new ObjectMapper().readTree(body));
    }
    return answers;
  }

  /** The attachment URLs (on this server) of a conversation. */
  private static List<String> uploadUrls(ParleyProcess parley, String conversationPath) {
    List<String> urls = new ArrayList<>();
    for (JsonNode part : ok(parley.api().get(conversationPath)).path("conversation_parts").path("conversation_parts")) {
      for (JsonNode attachment : part.path("attachments")) {
        if (attachment.path("url").asText().startsWith(parley.baseUrl() + "/uploads/")) {
          urls.add(attachment.path("url").asText());
        }
      }
    }
    return urls;
  }

  private record Served(int status, String contentType, String disposition, byte[] bytes) {
    static Served of(ApiResponse r) {
      return new Served(r.status(), r.header("Content-Type"), r.header("Content-Disposition"), r.bytes());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Served other
          && status == other.status
          && java.util.Objects.equals(contentType, other.contentType)
          && java.util.Objects.equals(disposition, other.disposition)
          && java.util.Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return status;
    }
  }

  private static List<Served> serve(ParleyProcess parley, List<String> urls) {
    List<Served> served = new ArrayList<>();
    for (String url : urls) {
      served.add(Served.of(raw("GET", url, Map.of(), null)));
    }
    return served;
  }

  private void assertIdenticalAfter(boolean kill) throws IOException {
    String token = "restart-token-" + UUID.randomUUID();
    ParleyProcess first = ParleyProcess.in(root).token(token).start();
    List<String> paths;
    Map<String, JsonNode> before;
    List<Served> filesBefore;
    String conversationPath;
    try {
      paths = writeEverything(first);
      conversationPath = paths.stream().filter(p -> p.matches("/conversations/\\d+")).findFirst().orElseThrow();
      before = readEverything(first, paths);
      List<String> urls = uploadUrls(first, conversationPath);
      assertThat(urls).hasSize(3);
      filesBefore = serve(first, urls);
      assertThat(filesBefore).allSatisfy(f -> assertThat(f.status()).isEqualTo(200));
    } finally {
      if (kill) {
        first.kill();
      } else {
        first.stop();
      }
    }

    ParleyProcess second = restart(first, root, token);
    try {
      Map<String, JsonNode> after = readEverything(second, paths);
      for (String path : paths) {
        assertThat(after.get(path)).as("GET %s after the restart", path).isEqualTo(before.get(path));
      }
      List<Served> filesAfter = serve(second, uploadUrls(second, conversationPath));
      assertThat(filesAfter).containsExactlyElementsOf(filesBefore);
      // and it goes on working: new data next to the old
      Scenario s = new Scenario(second.api());
      String id = s.conversation(s.contact("after-restart@example.com"), "after the restart");
      assertThat(ok(second.api().get("/conversations/" + id)).path("source").path("body").asText()).isEqualTo("after the restart");
      assertThat(ok(second.api().get("/conversations")).path("total_count").asLong())
          .isEqualTo(before.get("/conversations?per_page=150").path("total_count").asLong() + 1);
    } finally {
      second.stop();
    }
  }

  @Test
  void dataReadsBackIdenticalAfterAStopAndRestart() throws IOException {
    assertIdenticalAfter(false);
  }

  @Test
  void acknowledgedDataReadsBackIdenticalAfterAKill() throws IOException {
    assertIdenticalAfter(true);
  }

  @Test
  void aGeneratedTokenIsPrintedOnceAndTheSecondStartCreatesNothing() throws IOException {
    Pattern printed = Pattern.compile("(parley_[A-Za-z0-9_-]{20,})");
    ParleyProcess first = ParleyProcess.in(root).token(null).start();
    String token;
    Map<String, JsonNode> before;
    List<String> paths = List.of("/me", "/admins", "/teams", "/tags", "/contacts", "/conversations");
    try {
      Matcher m = printed.matcher(first.log());
      assertThat(m.find()).as("the first start prints the token:\n%s", first.log()).isTrue();
      token = m.group(1);
      assertThat(m.find()).as("printed once").isFalse();
      Api api = new Api(first.baseUrl(), token);
      assertThat(api.get("/me").status()).isEqualTo(200);
      before = new LinkedHashMap<>();
      for (String path : paths) {
        before.put(path, ok(api.get(path)));
      }
    } finally {
      first.stop();
    }
    ParleyProcess second = restart(first, root, null);
    try {
      assertThat(printed.matcher(second.log()).find()).as("the second start prints no token:\n%s", second.log()).isFalse();
      Api api = new Api(second.baseUrl(), token);
      for (String path : paths) {
        assertThat(ok(api.get(path))).as(path).isEqualTo(before.get(path));
      }
    } finally {
      second.stop();
    }
  }
}
