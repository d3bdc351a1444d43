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
 * Data written to one parley is read back identical by a new parley started on the same data dir
 * (or database): after a clean stop, and after a kill. Upload links contain the server's address,
 * so answers are compared with it replaced.
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
  private static List<String> writeEverything(ParleyProcess parley, String token)
      throws IOException {
    Api api = new Api(parley.baseUrl(), token);
    Scenario s = new Scenario(api);
    String admin = s.adminId();
    List<String> paths =
        new ArrayList<>(List.of("/me", "/admins", "/admins/" + admin, "/teams", "/tags"));

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
    quick.put(
        "reply_options", List.of(Map.of("text", "Yes", "uuid", UUID.randomUUID().toString())));
    ok(api.post("/conversations/" + conversation + "/reply", quick));
    ok(s.contactReply(conversation, contact, "contact says hi"));
    ok(
        s.adminReplyWithFiles(
            conversation,
            "files",
            List.of(
                Scenario.file("image.png", "image/png", png()),
                Scenario.file(
                    "notes.txt", "text/plain", "some notes\n".getBytes(StandardCharsets.UTF_8)),
                Scenario.file(
                    "page.html", "text/html", "<b>x</b>".getBytes(StandardCharsets.UTF_8)))));
    Map<String, Object> links = s.adminReplyBody("comment", "links");
    links.put("attachment_urls", List.of("https://example.com/file.pdf?a=1&b=2"));
    ok(api.post("/conversations/" + conversation + "/reply", links));
    ok(
        api.put(
            "/conversations/" + conversation,
            Map.of(
                "read",
                true,
                "title",
                "Persisted title",
                "custom_attributes",
                Map.of("kind", "test", "n", 5, "flag", false, "at", 1_690_000_000))));
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
  private static Map<String, JsonNode> readEverything(
      ParleyProcess parley, String token, List<String> paths) throws IOException {
    Api api = new Api(parley.baseUrl(), token);
    Map<String, JsonNode> answers = new LinkedHashMap<>();
    for (String path : paths) {
      String body = ok(api.get(path)).toString().replace(parley.baseUrl(), "http://parley.test");
      answers.put(path, new ObjectMapper().readTree(body));
    }
    return answers;
  }

  /** The attachment URLs (on this server) of a conversation. */
  private static List<String> uploadUrls(
      ParleyProcess parley, String token, String conversationPath) {
    List<String> urls = new ArrayList<>();
    for (JsonNode part :
        ok(new Api(parley.baseUrl(), token).get(conversationPath))
            .path("conversation_parts")
            .path("conversation_parts")) {
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
      return new Served(
          r.status(), r.header("Content-Type"), r.header("Content-Disposition"), r.bytes());
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

  private static List<Served> serve(List<String> urls) {
    List<Served> served = new ArrayList<>();
    for (String url : urls) {
      served.add(Served.of(raw("GET", url, Map.of(), null)));
    }
    return served;
  }

  /**
   * One history over three starts on the same data dir: the first generates and prints the token; a
   * clean stop; the second prints none, creates nothing and answers everything identically, then
   * takes more writes; a kill; the third answers everything identically again, the writes
   * acknowledged before the kill included.
   */
  @Test
  void dataReadsBackIdenticalAfterAStopAndAfterAKill() throws IOException {
    Pattern printed = Pattern.compile("(parley_[A-Za-z0-9_-]{20,})");
    ParleyProcess first = ParleyProcess.in(root).token(null).start();
    String token;
    List<String> paths;
    Map<String, JsonNode> before;
    List<Served> filesBefore;
    String conversationPath;
    try {
      Matcher m = printed.matcher(first.log());
      assertThat(m.find()).as("the first start prints the token:%n%s", first.log()).isTrue();
      token = m.group(1);
      assertThat(m.find()).as("the token is printed once").isFalse();
      paths = writeEverything(first, token);
      conversationPath =
          paths.stream().filter(p -> p.matches("/conversations/\\d+")).findFirst().orElseThrow();
      before = readEverything(first, token, paths);
      List<String> urls = uploadUrls(first, token, conversationPath);
      assertThat(urls).hasSize(3);
      filesBefore = serve(urls);
      assertThat(filesBefore).allSatisfy(f -> assertThat(f.status()).isEqualTo(200));
    } finally {
      first.stop();
    }

    ParleyProcess second = restart(first, root, null);
    String later;
    try {
      assertThat(printed.matcher(second.log()).find())
          .as("the second start prints no token:%n%s", second.log())
          .isFalse();
      assertIdentical(second, token, paths, before, conversationPath, filesBefore);
      // it goes on working: new data next to the old, acknowledged, then a crash
      Scenario s = new Scenario(new Api(second.baseUrl(), token));
      later = s.conversation(s.contact("after-restart@example.com"), "after the restart");
      ok(s.adminReply(later, "comment", "acknowledged before the kill"));
      paths = new ArrayList<>(paths);
      paths.add("/conversations/" + later);
      before = readEverything(second, token, paths);
      assertThat(
              before
                  .get("/conversations/" + later)
                  .path("conversation_parts")
                  .path("total_count")
                  .asInt())
          .isEqualTo(1);
    } finally {
      second.kill();
    }

    ParleyProcess third = restart(first, root, null);
    try {
      assertIdentical(third, token, paths, before, conversationPath, filesBefore);
    } finally {
      third.stop();
    }
  }

  private static void assertIdentical(
      ParleyProcess parley,
      String token,
      List<String> paths,
      Map<String, JsonNode> before,
      String conversationPath,
      List<Served> filesBefore)
      throws IOException {
    Map<String, JsonNode> after = readEverything(parley, token, paths);
    for (String path : paths) {
      assertThat(after.get(path)).as("GET %s after the restart", path).isEqualTo(before.get(path));
    }
    assertThat(serve(uploadUrls(parley, token, conversationPath)))
        .containsExactlyElementsOf(filesBefore);
  }
}
