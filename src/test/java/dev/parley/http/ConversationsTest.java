package dev.parley.http;

import static dev.parley.http.Acceptance.assertError;
import static dev.parley.http.Acceptance.raw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.Scenario;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The conversation endpoints of issue 2: create, retrieve, list with cursors, update, reply (admin
 * comment, note, quick reply; contact comment; {@code last}; uploads and links) and tags. Erasure
 * is tested elsewhere.
 */
class ConversationsTest {
  // One server serves the whole class, and tests here move its clock (expireTokenCache), which
  // stands still until the test ends: a limit so high that no window fills keeps the limiter and
  // its headers while the class's requests pile into one window (RateLimitTest tests the limit).
  @RegisterExtension
  static final ParleyExtension parley =
      ParleyExtension.perClass().arg("--rate-limit-per-minute", "6000000000");

  static Api api;
  static Scenario s;
  static String admin;
  static JsonNode adminJson;

  @BeforeAll
  static void setUp() {
    api = parley.api();
    s = new Scenario(api);
    admin = s.adminId();
    adminJson = api.get("/me").json();
  }

  // ---------------------------------------------------------------- helpers

  private static String contact(String email) {
    return s.contact(
        Map.of(
            "role",
            "user",
            "email",
            email,
            "external_id",
            "ext-" + email,
            "name",
            "Name of " + email));
  }

  private static JsonNode get(String conversationId) {
    ApiResponse got = api.get("/conversations/" + conversationId);
    assertThat(got.status()).as(got.toString()).isEqualTo(200);
    return got.json();
  }

  private static JsonNode ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  private static JsonNode parseJson(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<JsonNode> parts(JsonNode conversation) {
    List<JsonNode> parts = new ArrayList<>();
    conversation.path("conversation_parts").path("conversation_parts").forEach(parts::add);
    return parts;
  }

  private static JsonNode lastPart(JsonNode conversation) {
    List<JsonNode> parts = parts(conversation);
    assertThat(parts).as(conversation.toString()).isNotEmpty();
    return parts.get(parts.size() - 1);
  }

  private static int partCount(String conversationId) {
    return get(conversationId).path("conversation_parts").path("total_count").asInt();
  }

  private static long uploadFiles() {
    Path uploads = parley.process().dataDir().resolve("uploads");
    if (!Files.exists(uploads)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(uploads)) {
      return files.filter(Files::isRegularFile).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> contactReply(String key, String value, String body) {
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("type", "user");
    reply.put("message_type", "comment");
    reply.put(key, value);
    reply.put("body", body);
    return reply;
  }

  private static byte[] png(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, Color.RED.getRGB());
    image.setRGB(width - 1, height - 1, Color.BLUE.getRGB());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      assertThat(ImageIO.write(image, "png", out)).isTrue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Every conversation id of the list, following cursors with this page size. */
  private static List<String> listAll(int perPage) {
    List<String> ids = new ArrayList<>();
    String path = "/conversations?per_page=" + perPage;
    for (int pages = 0; ; pages++) {
      assertThat(pages).as("pages never end").isLessThan(1000);
      JsonNode page = ok(api.get(path));
      assertThat(page.path("conversations").size()).isLessThanOrEqualTo(perPage);
      ids.addAll(Acceptance.ids(page, "conversations"));
      JsonNode next = page.path("pages").path("next");
      if (next.isMissingNode() || next.isNull()) {
        return ids;
      }
      path =
          "/conversations?per_page="
              + perPage
              + "&starting_after="
              + URLEncoder.encode(next.path("starting_after").asText(), StandardCharsets.UTF_8);
    }
  }

  /** Creates a conversation without spec validation (fast); returns its id. */
  private static String quickConversation(String contactId, String body, Long createdAt) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("from", Map.of("type", "user", "id", contactId));
    request.put("body", body);
    if (createdAt != null) {
      request.put("created_at", createdAt);
    }
    ApiResponse created =
        raw(parley.process(), parley.process().token(), "POST", "/conversations", request);
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    return created.json().path("conversation_id").asText();
  }

  // ---------------------------------------------------------------- create

  @Test
  void createAnswersTheMessageWithItsConversationId() {
    String contact = contact("creator@example.com");
    long before = Acceptance.now();
    ApiResponse created =
        api.post(
            "/conversations",
            Map.of("from", Map.of("type", "user", "id", contact), "body", "Hello there"));
    JsonNode message = ok(created);
    assertThat(message.path("type").asText()).isEqualTo("user_message");
    assertThat(message.path("id").asText()).matches(Acceptance.DIGITS);
    assertThat(message.path("conversation_id").isTextual()).isTrue();
    assertThat(message.path("conversation_id").asText()).matches(Acceptance.DIGITS);
    assertThat(message.path("body").asText()).isEqualTo("Hello there");
    assertThat(message.path("message_type").asText()).isEqualTo("inapp");
    assertThat(message.path("created_at").asLong()).isBetween(before - 1, Acceptance.now() + 1);

    JsonNode conversation = get(message.path("conversation_id").asText());
    assertThat(conversation.path("id").asText())
        .isEqualTo(message.path("conversation_id").asText());
    assertThat(conversation.path("source").path("id").asText())
        .isEqualTo(message.path("id").asText());
    assertThat(conversation.path("source").path("body").asText()).isEqualTo("Hello there");
    assertThat(conversation.path("created_at").asLong())
        .isEqualTo(message.path("created_at").asLong());
  }

  @Test
  void leadsCanStartConversationsToo() {
    String lead = s.contact(Map.of("role", "lead", "email", "lead-starter@example.com"));
    JsonNode message =
        ok(
            api.post(
                "/conversations",
                Map.of("from", Map.of("type", "lead", "id", lead), "body", "from a lead")));
    JsonNode conversation = get(message.path("conversation_id").asText());
    assertThat(conversation.path("source").path("author").path("id").asText()).isEqualTo(lead);
    assertThat(conversation.path("contacts").path("contacts").path(0).path("id").asText())
        .isEqualTo(lead);
  }

  @Test
  void createForAnUnknownContactAnswers404UserNotFound() {
    long before = ok(api.get("/conversations")).path("total_count").asLong();
    for (String id :
        List.of("0123456789abcdef01234567", "not-a-contact", "FFFFFFFFFFFFFFFFFFFFFFFF")) {
      ApiResponse response =
          api.post(
              "/conversations",
              Map.of("from", Map.of("type", "user", "id", id), "body", "anyone there?"));
      JsonNode error = assertError(response, 404, "not_found");
      assertThat(error.path("message").asText()).isEqualTo("User Not Found");
    }
    assertThat(ok(api.get("/conversations")).path("total_count").asLong()).isEqualTo(before);
  }

  // ---------------------------------------------------------------- retrieve

  @Test
  void retrieveShowsPartsSourceContactsTagsAttributesAndStatistics() {
    String contact = contact("retriever@example.com");
    String id = s.conversation(contact, "<p>I need <b>help</b></p>");
    ok(s.adminReply(id, "comment", "<p>On it</p>"));
    JsonNode c = get(id);

    assertThat(c.path("type").asText()).isEqualTo("conversation");
    assertThat(c.path("id").asText()).isEqualTo(id);
    assertThat(c.path("state").asText()).isEqualTo("open");
    assertThat(c.path("open").asBoolean()).isTrue();
    assertThat(c.path("read").asBoolean()).isFalse();
    assertThat(c.path("title").isNull()).isTrue();
    assertThat(c.path("created_at").asLong())
        .isBetween(Acceptance.now() - 60, Acceptance.now() + 1);
    assertThat(c.path("updated_at").asLong()).isGreaterThanOrEqualTo(c.path("created_at").asLong());

    JsonNode source = c.path("source");
    assertThat(source.path("type").asText()).isEqualTo("conversation");
    assertThat(source.path("delivered_as").asText()).isEqualTo("customer_initiated");
    assertThat(source.path("body").asText()).isEqualTo("<p>I need <b>help</b></p>");
    assertThat(source.path("author").path("type").asText()).isEqualTo("user");
    assertThat(source.path("author").path("id").asText()).isEqualTo(contact);
    assertThat(source.path("author").path("email").asText()).isEqualTo("retriever@example.com");
    assertThat(source.path("author").path("name").asText())
        .isEqualTo("Name of retriever@example.com");
    assertThat(source.path("attachments").size()).isZero();

    assertThat(c.path("contacts").path("type").asText()).isEqualTo("contact.list");
    assertThat(c.path("contacts").path("contacts").size()).isEqualTo(1);
    JsonNode reference = c.path("contacts").path("contacts").path(0);
    assertThat(reference.path("type").asText()).isEqualTo("contact");
    assertThat(reference.path("id").asText()).isEqualTo(contact);
    assertThat(reference.path("external_id").asText()).isEqualTo("ext-retriever@example.com");

    assertThat(c.path("tags").path("type").asText()).isEqualTo("tag.list");
    assertThat(c.path("tags").path("tags").size()).isZero();
    assertThat(c.path("custom_attributes").isObject()).isTrue();
    assertThat(c.path("custom_attributes").size()).isZero();

    JsonNode statistics = c.path("statistics");
    assertThat(statistics.path("type").asText()).isEqualTo("conversation_statistics");
    assertThat(statistics.path("last_admin_reply_at").asLong())
        .isBetween(c.path("created_at").asLong(), Acceptance.now() + 1);
    assertThat(statistics.path("count_conversation_parts").isIntegralNumber())
        .as(statistics.toString())
        .isTrue();

    JsonNode parts = c.path("conversation_parts");
    assertThat(parts.path("type").asText()).isEqualTo("conversation_part.list");
    assertThat(parts.path("total_count").asInt()).isEqualTo(1);
    JsonNode part = parts.path("conversation_parts").path(0);
    assertThat(part.path("type").asText()).isEqualTo("conversation_part");
    assertThat(part.path("id").asText()).matches(Acceptance.DIGITS);
    assertThat(part.path("part_type").asText()).isEqualTo("comment");
    assertThat(part.path("body").asText()).isEqualTo("<p>On it</p>");
    assertThat(part.path("author").path("type").asText()).isEqualTo("admin");
    assertThat(part.path("author").path("id").asText()).isEqualTo(admin);
    assertThat(part.path("author").path("name").asText())
        .isEqualTo(adminJson.path("name").asText());
    assertThat(part.path("created_at").asLong())
        .isBetween(c.path("created_at").asLong(), Acceptance.now() + 1);
    assertThat(part.path("redacted").asBoolean()).isFalse();
  }

  @Test
  void displayAsPlaintextStripsHtml() {
    String id =
        s.conversation(contact("plain@example.com"), "<p>Hello <b>world</b> &amp; friends</p>");
    ok(s.adminReply(id, "comment", "<p>Line one</p><p>Line <i>two</i></p>"));
    JsonNode html = get(id);
    assertThat(html.path("source").path("body").asText())
        .isEqualTo("<p>Hello <b>world</b> &amp; friends</p>");

    JsonNode plain = ok(api.get("/conversations/" + id + "?display_as=plaintext"));
    String sourceBody = plain.path("source").path("body").asText();
    assertThat(sourceBody).isEqualTo("Hello world & friends");
    String partBody = lastPart(plain).path("body").asText();
    assertThat(partBody)
        .doesNotContain("<")
        .doesNotContain(">")
        .contains("Line one")
        .contains("Line two");
  }

  @Test
  void retrieveUnknownConversationAnswers404() {
    JsonNode error = assertError(api.get("/conversations/987654321"), 404, "not_found");
    assertThat(error.path("message").asText()).isEqualTo("Resource Not Found");
  }

  @Test
  void conversationPartsHoldTheMostRecent500() {
    String id = s.conversation(contact("chatty@example.com"), "many parts");
    for (int i = 0; i < 503; i++) {
      ApiResponse note =
          raw(
              parley.process(),
              parley.process().token(),
              "POST",
              "/conversations/" + id + "/reply",
              s.adminReplyBody("note", "note " + i));
      assertThat(note.status()).as(note.toString()).isEqualTo(200);
    }
    JsonNode c = get(id);
    List<JsonNode> parts = parts(c);
    assertThat(parts).hasSize(500);
    assertThat(parts.get(0).path("body").asText()).isEqualTo("note 3");
    assertThat(parts.get(499).path("body").asText()).isEqualTo("note 502");
    assertThat(c.path("conversation_parts").path("total_count").asInt()).isEqualTo(503);
  }

  // ---------------------------------------------------------------- list

  @Test
  void listIsNewestFirstWith20PerPageByDefault() {
    String contact = contact("lister@example.com");
    long base = Acceptance.now() - 50_000;
    for (int i = 0; i < 25; i++) {
      quickConversation(contact, "old " + i, base + i * 10L);
    }
    ApiResponse first = api.get("/conversations");
    JsonNode page = ok(first);
    assertThat(page.path("type").asText()).isEqualTo("conversation.list");
    assertThat(page.path("conversations").size()).isEqualTo(20);
    assertThat(page.path("pages").path("per_page").asInt()).isEqualTo(20);
    assertThat(page.path("pages").path("next").path("starting_after").asText()).isNotBlank();
    for (JsonNode item : page.path("conversations")) {
      assertThat(item.path("type").asText()).isEqualTo("conversation");
      assertThat(
              item.path("conversation_parts").isMissingNode()
                  || item.path("conversation_parts").isNull())
          .as("list items carry no parts: " + item)
          .isTrue();
    }

    // the whole list, newest first by creation (ties: the later created first)
    List<JsonNode> all = new ArrayList<>();
    String path = "/conversations?per_page=150";
    while (path != null) {
      JsonNode p = ok(api.get(path));
      p.path("conversations").forEach(all::add);
      JsonNode next = p.path("pages").path("next");
      path =
          next.isMissingNode() || next.isNull()
              ? null
              : "/conversations?per_page=150&starting_after="
                  + URLEncoder.encode(next.path("starting_after").asText(), StandardCharsets.UTF_8);
    }
    assertThat(all).hasSize(page.path("total_count").asInt());
    for (int i = 1; i < all.size(); i++) {
      long previousAt = all.get(i - 1).path("created_at").asLong();
      long at = all.get(i).path("created_at").asLong();
      assertThat(at).as("created_at at position %d", i).isLessThanOrEqualTo(previousAt);
      if (at == previousAt) {
        assertThat(Long.parseLong(all.get(i).path("id").asText()))
            .isLessThan(Long.parseLong(all.get(i - 1).path("id").asText()));
      }
    }
    // the backdated ones come in exactly reverse creation order
    List<String> bodies = new ArrayList<>();
    for (JsonNode c : all) {
      String body = c.path("source").path("body").asText();
      if (body.startsWith("old ")
          && c.path("created_at").asLong() >= base
          && c.path("created_at").asLong() < base + 250) {
        bodies.add(body);
      }
    }
    List<String> expected = new ArrayList<>();
    for (int i = 24; i >= 0; i--) {
      expected.add("old " + i);
    }
    assertThat(bodies).containsExactlyElementsOf(expected);
  }

  @Test
  void perPageIsAtMost150() {
    String contact = contact("bulk@example.com");
    long total = ok(api.get("/conversations")).path("total_count").asLong();
    for (long i = total; i < 155; i++) {
      quickConversation(contact, "bulk " + i, null);
    }
    JsonNode page = ok(api.get("/conversations?per_page=150"));
    assertThat(page.path("conversations").size()).isEqualTo(150);
    assertThat(page.path("pages").path("per_page").asInt()).isEqualTo(150);
    JsonNode error =
        assertError(
            raw(
                parley.process(),
                parley.process().token(),
                "GET",
                "/conversations?per_page=151",
                null),
            400,
            "parameter_invalid");
    assertThat(error.path("field").asText()).isEqualTo("per_page");
    error =
        assertError(
            raw(
                parley.process(),
                parley.process().token(),
                "GET",
                "/conversations?per_page=0",
                null),
            400,
            "parameter_invalid");
    assertThat(error.path("field").asText()).isEqualTo("per_page");
  }

  @Test
  void cursorsNeverSkipOrRepeatAConversation() {
    String contact = contact("pager@example.com");
    long at = Acceptance.now() - 1000;
    for (int i = 0; i < 30; i++) {
      // several share a second, so the cursor must break ties
      quickConversation(contact, "paged " + i, at + i / 4);
    }
    List<String> all = listAll(150);
    assertThat(all).doesNotHaveDuplicates();
    assertThat(all).hasSize(ok(api.get("/conversations")).path("total_count").asInt());
    for (int perPage : List.of(1, 7, 20)) {
      assertThat(listAll(perPage)).as("per_page=%d", perPage).containsExactlyElementsOf(all);
    }
  }

  @Test
  void cursorsNeverSkipOrRepeatWhileConversationsArriveAndChange() {
    String contact = contact("busy@example.com");
    long at = Acceptance.now() - 2000;
    for (int i = 0; i < 24; i++) {
      quickConversation(contact, "busy " + i, at + i / 3);
    }
    List<String> before = listAll(150);

    List<String> seen = new ArrayList<>();
    String path = "/conversations?per_page=9";
    int round = 0;
    while (path != null) {
      JsonNode page = ok(api.get(path));
      seen.addAll(Acceptance.ids(page, "conversations"));
      // new conversations, now and backdated into the range already paged, and replies that touch
      // old ones
      quickConversation(contact, "arrived " + round, null);
      quickConversation(contact, "backdated " + round, at + 1);
      ApiResponse touched =
          raw(
              parley.process(),
              parley.process().token(),
              "POST",
              "/conversations/" + before.get(before.size() - 1 - round) + "/reply",
              s.adminReplyBody("comment", "touch " + round));
      assertThat(touched.status()).isEqualTo(200);
      round++;
      JsonNode next = page.path("pages").path("next");
      path =
          next.isMissingNode() || next.isNull()
              ? null
              : "/conversations?per_page=9&starting_after="
                  + URLEncoder.encode(next.path("starting_after").asText(), StandardCharsets.UTF_8);
      assertThat(round).isLessThan(200);
    }
    assertThat(seen).doesNotHaveDuplicates();
    assertThat(seen).containsAll(before);
    // those that existed keep their relative order
    List<String> existing = seen.stream().filter(before::contains).toList();
    assertThat(existing).containsExactlyElementsOf(before);
  }

  @Test
  void invalidCursorAnswers400() {
    for (String cursor : List.of("garbage", "MTox", "%E2%98%83")) {
      JsonNode error =
          assertError(
              raw(
                  parley.process(),
                  parley.process().token(),
                  "GET",
                  "/conversations?starting_after=" + cursor,
                  null),
              400,
              "parameter_invalid");
      assertThat(error.path("field").asText()).isEqualTo("starting_after");
    }
  }

  // ---------------------------------------------------------------- update

  @Test
  void updateSetsReadAndTitle() {
    String id = s.conversation(contact("update@example.com"), "update me");
    JsonNode updated =
        ok(api.put("/conversations/" + id, Map.of("read", true, "title", "Refund request")));
    assertThat(updated.path("read").asBoolean()).isTrue();
    assertThat(updated.path("title").asText()).isEqualTo("Refund request");
    assertThat(updated.path("conversation_parts").path("type").asText())
        .isEqualTo("conversation_part.list");

    JsonNode again = ok(api.put("/conversations/" + id, Map.of("read", false)));
    assertThat(again.path("read").asBoolean()).isFalse();
    assertThat(again.path("title").asText()).isEqualTo("Refund request");
    JsonNode got = get(id);
    assertThat(got.path("read").asBoolean()).isFalse();
    assertThat(got.path("title").asText()).isEqualTo("Refund request");
  }

  @Test
  void updateStoresCustomAttributesOfEveryType() {
    String id = s.conversation(contact("attributes@example.com"), "attributes");
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("issue_type", "billing");
    attributes.put("order_count", 7);
    attributes.put("escalated", true);
    attributes.put("due_at", 1_700_000_000L);
    attributes.put("follow_up_at", "2024-05-01T10:00:00Z");
    JsonNode updated = ok(api.put("/conversations/" + id, Map.of("custom_attributes", attributes)));
    JsonNode expected = parseJson(Acceptance.json(attributes));
    assertThat(updated.path("custom_attributes")).isEqualTo(expected);
    JsonNode got = get(id).path("custom_attributes");
    assertThat(got).isEqualTo(expected);
    assertThat(got.path("issue_type").isTextual()).isTrue();
    assertThat(got.path("order_count").isIntegralNumber()).isTrue();
    assertThat(got.path("escalated").isBoolean()).isTrue();
    assertThat(got.path("due_at").isIntegralNumber()).isTrue();

    // a later update changes the attributes it names and keeps the others
    JsonNode changed =
        ok(api.put("/conversations/" + id, Map.of("custom_attributes", Map.of("escalated", false))))
            .path("custom_attributes");
    assertThat(changed.path("escalated").asBoolean()).isFalse();
    assertThat(changed.path("issue_type").asText()).isEqualTo("billing");
    assertThat(changed.path("order_count").asInt()).isEqualTo(7);
    assertThat(changed.path("due_at").asLong()).isEqualTo(1_700_000_000L);
  }

  @Test
  void updateOfAnUnknownConversationAnswers404() {
    assertError(api.put("/conversations/987654321", Map.of("read", true)), 404, "not_found");
  }

  // ---------------------------------------------------------------- replies

  @Test
  void adminCommentAddsACommentPartAndClearsWaitingSince() {
    String contact = contact("waiting@example.com");
    String id = s.conversation(contact, "still waiting");
    JsonNode afterContact = ok(s.contactReply(id, contact, "hello?"));
    assertThat(afterContact.path("waiting_since").isIntegralNumber())
        .as(afterContact.toString())
        .isTrue();

    long before = Acceptance.now();
    JsonNode replied = ok(s.adminReply(id, "comment", "<p>Here to help</p>"));
    JsonNode part = lastPart(replied);
    assertThat(part.path("part_type").asText()).isEqualTo("comment");
    assertThat(part.path("body").asText()).isEqualTo("<p>Here to help</p>");
    assertThat(part.path("author").path("type").asText()).isEqualTo("admin");
    assertThat(part.path("author").path("id").asText()).isEqualTo(admin);
    assertThat(part.path("author").path("email").asText())
        .isEqualTo(adminJson.path("email").asText());
    assertThat(part.path("created_at").asLong()).isBetween(before - 1, Acceptance.now() + 1);
    assertThat(replied.path("waiting_since").isNull()).as(replied.toString()).isTrue();
    assertThat(replied.path("state").asText()).isEqualTo("open");
    assertThat(replied.path("conversation_parts").path("total_count").asInt()).isEqualTo(2);
    assertThat(get(id)).isEqualTo(replied);
  }

  @Test
  void adminNoteAddsANotePartAndChangesNoState() {
    String contact = contact("noted@example.com");
    String id = s.conversation(contact, "note this");
    JsonNode waiting = ok(s.contactReply(id, contact, "anyone?"));
    long waitingSince = waiting.path("waiting_since").asLong();
    assertThat(waitingSince).isPositive();

    JsonNode noted = ok(s.adminReply(id, "note", "<p>Customer is <b>VIP</b></p>"));
    JsonNode part = lastPart(noted);
    assertThat(part.path("part_type").asText()).isEqualTo("note");
    assertThat(part.path("body").asText()).isEqualTo("<p>Customer is <b>VIP</b></p>");
    assertThat(part.path("author").path("id").asText()).isEqualTo(admin);
    assertThat(noted.path("waiting_since").asLong()).isEqualTo(waitingSince);
    assertThat(noted.path("state").asText()).isEqualTo(waiting.path("state").asText());
    assertThat(noted.path("open").asBoolean()).isEqualTo(waiting.path("open").asBoolean());
    assertThat(noted.path("read").asBoolean()).isEqualTo(waiting.path("read").asBoolean());
  }

  @Test
  void teammatesAreTheAdminsWhoWrotePartsEachOnce() {
    String second =
        Acceptance.admin(
            parley.process(), "default", "Second Teammate", "second-teammate@example.com");
    String contact = contact("teammates@example.com");
    String id = s.conversation(contact, "who answers?");
    assertThat(get(id).path("teammates").path("teammates").size()).isZero();

    Map<String, Object> bySecond = s.adminReplyBody("comment", "second here");
    bySecond.put("admin_id", second);
    ok(api.post("/conversations/" + id + "/reply", bySecond));
    ok(s.adminReply(id, "note", "first's note"));
    ok(s.contactReply(id, contact, "thanks"));
    ok(api.post("/conversations/" + id + "/reply", bySecond));

    JsonNode teammates = get(id).path("teammates");
    assertThat(teammates.path("type").asText()).isEqualTo("admin.list");
    List<String> ids = new ArrayList<>();
    for (JsonNode teammate : teammates.path("teammates")) {
      assertThat(teammate.path("type").asText()).isEqualTo("admin");
      ids.add(teammate.path("id").asText());
    }
    // each admin once, in the order of their ids' text, whichever wrote first
    assertThat(ids).containsExactlyElementsOf(new java.util.TreeSet<>(List.of(admin, second)));
    // each admin's parts name their own author (admins are read with the conversation)
    List<String> authors = new ArrayList<>();
    for (JsonNode part : get(id).path("conversation_parts").path("conversation_parts")) {
      JsonNode author = part.path("author");
      authors.add(
          author.path("type").asText()
              + ":"
              + author.path("id").asText()
              + ":"
              + author.path("name").asText()
              + ":"
              + author.path("email").asText());
    }
    JsonNode first = ok(api.get("/admins/" + admin));
    String firstAuthor =
        "admin:" + admin + ":" + first.path("name").asText() + ":" + first.path("email").asText();
    String secondAuthor = "admin:" + second + ":Second Teammate:second-teammate@example.com";
    assertThat(authors).containsExactly(secondAuthor, firstAuthor, authors.get(2), secondAuthor);
    assertThat(authors.get(2)).startsWith("user:" + contact + ":");
    // the list shows the same teammates as the single view
    JsonNode listed = null;
    for (JsonNode c : api.get("/conversations?per_page=150").json().path("conversations")) {
      if (c.path("id").asText().equals(id)) {
        listed = c;
      }
    }
    assertThat(listed).as("conversation in the list").isNotNull();
    assertThat(listed.path("teammates")).isEqualTo(teammates);
  }

  @Test
  void adminQuickReplyCarriesItsReplyOptions() {
    String id = s.conversation(contact("quick@example.com"), "choose");
    List<Map<String, Object>> options =
        List.of(
            Map.of("text", "Yes please", "uuid", "0b6b4c2f-5c59-4bde-8e0c-3a4f8a2f1d11"),
            Map.of("text", "No thanks", "uuid", "7f2d2a55-3f0e-4e4e-9a44-2bd0f5f1e222"));
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("type", "admin");
    reply.put("message_type", "quick_reply");
    reply.put("admin_id", admin);
    reply.put("reply_options", options);
    JsonNode replied = ok(api.post("/conversations/" + id + "/reply", reply));
    JsonNode part = lastPart(replied);
    assertThat(part.path("part_type").asText()).isEqualTo("quick_reply");
    JsonNode shown = part.path("metadata").path("quick_reply_options");
    assertThat(shown.size()).as(part.toString()).isEqualTo(2);
    assertThat(shown.path(0).path("text").asText()).isEqualTo("Yes please");
    assertThat(shown.path(0).path("uuid").asText())
        .isEqualTo("0b6b4c2f-5c59-4bde-8e0c-3a4f8a2f1d11");
    assertThat(shown.path(1).path("text").asText()).isEqualTo("No thanks");
    assertThat(shown.path(1).path("uuid").asText())
        .isEqualTo("7f2d2a55-3f0e-4e4e-9a44-2bd0f5f1e222");

    reply.remove("reply_options");
    JsonNode error =
        assertError(
            raw(
                parley.process(),
                parley.process().token(),
                "POST",
                "/conversations/" + id + "/reply",
                reply),
            400,
            "parameter_not_found");
    assertThat(error.path("field").asText()).isEqualTo("reply_options");
    assertThat(partCount(id)).isEqualTo(1);
  }

  @Test
  void adminCommentOrNoteWithoutBodyAnswers400() {
    String id = s.conversation(contact("nobody@example.com"), "no body");
    for (String type : List.of("comment", "note")) {
      Map<String, Object> reply = s.adminReplyBody(type, null);
      reply.remove("body");
      JsonNode error =
          assertError(
              raw(
                  parley.process(),
                  parley.process().token(),
                  "POST",
                  "/conversations/" + id + "/reply",
                  reply),
              400,
              "parameter_not_found");
      assertThat(error.path("field").asText()).isEqualTo("body");
    }
    assertThat(partCount(id)).isZero();
  }

  @Test
  void contactCommentsByIntercomUserIdEmailOrUserId() {
    String contact =
        s.contact(
            Map.of(
                "role",
                "user",
                "email",
                "Replier@Example.com",
                "external_id",
                "replier-42",
                "name",
                "Rae Plier"));
    String id = s.conversation(contact, "start");
    JsonNode byId =
        ok(
            api.post(
                "/conversations/" + id + "/reply",
                contactReply("intercom_user_id", contact, "by intercom id")));
    JsonNode byEmail =
        ok(
            api.post(
                "/conversations/" + id + "/reply",
                contactReply("email", "Replier@Example.com", "by email")));
    JsonNode byUserId =
        ok(
            api.post(
                "/conversations/" + id + "/reply",
                contactReply("user_id", "replier-42", "by user id")));
    for (JsonNode replied : List.of(byId, byEmail, byUserId)) {
      JsonNode part = lastPart(replied);
      assertThat(part.path("part_type").asText()).isEqualTo("comment");
      assertThat(part.path("author").path("type").asText()).isEqualTo("user");
      assertThat(part.path("author").path("id").asText()).isEqualTo(contact);
      assertThat(part.path("author").path("name").asText()).isEqualTo("Rae Plier");
    }
    List<String> bodies = parts(get(id)).stream().map(p -> p.path("body").asText()).toList();
    assertThat(bodies).containsExactly("by intercom id", "by email", "by user id");
    assertThat(get(id).path("contacts").path("contacts").size()).isEqualTo(1);
  }

  @Test
  void contactReplyByAnUnknownContactAnswers404UserNotFound() {
    String id = s.conversation(contact("known@example.com"), "who's there");
    for (Map<String, Object> reply :
        List.of(
            contactReply("intercom_user_id", "0123456789abcdef01234567", "x"),
            contactReply("email", "stranger@example.com", "x"),
            contactReply("user_id", "no-such-external-id", "x"))) {
      JsonNode error =
          assertError(api.post("/conversations/" + id + "/reply", reply), 404, "not_found");
      assertThat(error.path("message").asText()).isEqualTo("User Not Found");
    }
    assertThat(partCount(id)).isZero();
  }

  @Test
  void contactReplySetsWaitingSinceAndKeepsItUntilAnAdminAnswers() throws InterruptedException {
    String contact = contact("patience@example.com");
    String id = s.conversation(contact, "first");
    ok(s.adminReply(id, "comment", "answered"));
    assertThat(get(id).path("waiting_since").isNull()).isTrue();

    long before = Acceptance.now();
    JsonNode first = ok(s.contactReply(id, contact, "one more thing"));
    long waitingSince = first.path("waiting_since").asLong();
    assertThat(waitingSince).isBetween(before, Acceptance.now() + 1);
    JsonNode part = lastPart(first);
    // the conversation was open, so the part is a plain comment
    assertThat(part.path("part_type").asText()).isEqualTo("comment");
    assertThat(first.path("state").asText()).isEqualTo("open");
    assertThat(first.path("open").asBoolean()).isTrue();
    assertThat(first.path("read").asBoolean()).isFalse();
    assertThat(first.path("statistics").path("last_contact_reply_at").asLong())
        .isBetween(before, Acceptance.now() + 1);

    parley.process().moveClock("{\"advance_seconds\": 2}");
    try {
      JsonNode second = ok(s.contactReply(id, contact, "and another"));
      assertThat(second.path("waiting_since").asLong())
          .as("still waiting since the first unanswered reply")
          .isEqualTo(waitingSince);
    } finally {
      parley.process().moveClock("{\"real\": true}");
    }

    JsonNode answered = ok(s.adminReply(id, "comment", "done"));
    assertThat(answered.path("waiting_since").isNull()).isTrue();
  }

  @Test
  void replyToLastLandsInTheContactsLatestConversation() {
    String contact = contact("last@example.com");
    String older = s.conversation(contact, "older");
    String latest = s.conversation(contact, "latest");
    String someoneElses = s.conversation(contact("someone-else@example.com"), "not theirs");

    JsonNode replied =
        ok(
            api.post(
                "/conversations/last/reply",
                contactReply("intercom_user_id", contact, "to my last")));
    assertThat(replied.path("id").asText()).isEqualTo(latest);
    assertThat(lastPart(replied).path("body").asText()).isEqualTo("to my last");
    assertThat(partCount(older)).isZero();
    assertThat(partCount(someoneElses)).isZero();

    // an admin reply to last goes to the workspace's most recently updated conversation
    String newest = s.conversation(contact("newest@example.com"), "newest");
    JsonNode adminLast =
        ok(api.post("/conversations/last/reply", s.adminReplyBody("comment", "admin to last")));
    assertThat(adminLast.path("id").asText()).isEqualTo(newest);
    assertThat(lastPart(adminLast).path("body").asText()).isEqualTo("admin to last");
  }

  @Test
  void replyToAnUnknownConversationOrByAnUnknownAdminAnswers404() {
    JsonNode error =
        assertError(
            api.post("/conversations/987654321/reply", s.adminReplyBody("comment", "x")),
            404,
            "not_found");
    assertThat(error.path("message").asText()).isEqualTo("Resource Not Found");

    String id = s.conversation(contact("ghost-admin@example.com"), "x");
    Map<String, Object> reply = s.adminReplyBody("comment", "x");
    reply.put("admin_id", "999999999");
    assertError(
        raw(
            parley.process(),
            parley.process().token(),
            "POST",
            "/conversations/" + id + "/reply",
            reply),
        404,
        "admin_not_found");
    assertThat(partCount(id)).isZero();
  }

  // ---------------------------------------------------------------- uploads

  @Test
  void uploadedFilesAreServedWithoutATokenWithTheirExactBytes() {
    String id = s.conversation(contact("uploader@example.com"), "files");
    byte[] text = "plain text\nsecond line\n".getBytes(StandardCharsets.UTF_8);
    byte[] html =
        "<html><body><script>alert(document.cookie)</script></body></html>"
            .getBytes(StandardCharsets.UTF_8);
    byte[] svg =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script></svg>"
            .getBytes(StandardCharsets.UTF_8);
    byte[] png = png(3, 2);
    byte[] binary = new byte[256];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) i;
    }
    List<Map<String, Object>> files =
        List.of(
            Scenario.file("notes.txt", "text/plain", text),
            Scenario.file("page.html", "text/html", html),
            Scenario.file("drawing.svg", "image/svg+xml", svg),
            Scenario.file("pixel.png", "image/png", png),
            Scenario.file("all-bytes.bin", "application/octet-stream", binary));
    JsonNode replied = ok(s.adminReplyWithFiles(id, "see attached", files));
    JsonNode attachments = lastPart(replied).path("attachments");
    assertThat(attachments.size()).isEqualTo(5);
    assertThat(
            get(id)
                .path("conversation_parts")
                .path("conversation_parts")
                .path(0)
                .path("attachments"))
        .isEqualTo(attachments);

    record Expected(
        String name,
        String type,
        byte[] bytes,
        String disposition,
        Integer width,
        Integer height) {}
    List<Expected> expected =
        List.of(
            new Expected("notes.txt", "text/plain", text, "attachment", null, null),
            new Expected("page.html", "text/html", html, "attachment", null, null),
            new Expected("drawing.svg", "image/svg+xml", svg, "attachment", null, null),
            new Expected("pixel.png", "image/png", png, "inline", 3, 2),
            new Expected(
                "all-bytes.bin", "application/octet-stream", binary, "attachment", null, null));
    for (int i = 0; i < expected.size(); i++) {
      Expected e = expected.get(i);
      JsonNode a = attachments.path(i);
      assertThat(a.path("name").asText()).isEqualTo(e.name());
      assertThat(a.path("content_type").asText()).isEqualTo(e.type());
      assertThat(a.path("filesize").asLong()).isEqualTo(e.bytes().length);
      if (e.width() == null) {
        assertThat(a.path("width").isNull()).as(a.toString()).isTrue();
        assertThat(a.path("height").isNull()).as(a.toString()).isTrue();
      } else {
        assertThat(a.path("width").asInt()).isEqualTo(e.width());
        assertThat(a.path("height").asInt()).isEqualTo(e.height());
      }
      String url = a.path("url").asText();
      assertThat(url).startsWith(parley.process().baseUrl() + "/uploads/");
      ApiResponse served = raw("GET", url, Map.of(), null);
      assertThat(served.status()).as(e.name() + ": " + served.status()).isEqualTo(200);
      assertThat(served.bytes()).as(e.name()).isEqualTo(e.bytes());
      assertThat(served.header("Content-Type")).as(e.name()).startsWith(e.type());
      assertThat(served.header("X-Content-Type-Options"))
          .as(e.name())
          .isEqualToIgnoringCase("nosniff");
      assertThat(served.header("Content-Disposition")).as(e.name()).startsWith(e.disposition());
    }
  }

  @Test
  void anUploadAskedWithAcceptEncodingGzipArrivesByteForByteWithItsLength() {
    // Compressible and above the size from which the server would gzip an answer: it must
    // still arrive as stored, its Content-Length true (a second encoding truncated it).
    String id = s.conversation(contact("gzip-upload@example.com"), "gzip");
    byte[] text = "a line of plain text\n".repeat(400).getBytes(StandardCharsets.UTF_8);
    JsonNode replied =
        ok(
            s.adminReplyWithFiles(
                id, "text", List.of(Scenario.file("long.txt", "text/plain", text))));
    String url = lastPart(replied).path("attachments").path(0).path("url").asText();
    for (String encoding : List.of("gzip", "gzip, deflate, br", "identity")) {
      ApiResponse served = raw("GET", url, Map.of("Accept-Encoding", encoding), null);
      assertThat(served.status()).as(encoding).isEqualTo(200);
      assertThat(served.header("Content-Encoding")).as(encoding).isNull();
      assertThat(served.header("Content-Length"))
          .as(encoding)
          .isEqualTo(Integer.toString(text.length));
      assertThat(served.bytes()).as(encoding).isEqualTo(text);
    }
  }

  @Test
  void uploadUrlsAreUnguessable() {
    String id = s.conversation(contact("secret-urls@example.com"), "urls");
    byte[] same = "identical".getBytes(StandardCharsets.UTF_8);
    JsonNode replied =
        ok(
            s.adminReplyWithFiles(
                id,
                "twice",
                List.of(
                    Scenario.file("a.txt", "text/plain", same),
                    Scenario.file("a.txt", "text/plain", same))));
    JsonNode attachments = lastPart(replied).path("attachments");
    String first = attachments.path(0).path("url").asText();
    String second = attachments.path(1).path("url").asText();
    assertThat(first).isNotEqualTo(second);
    String secret = first.substring(first.lastIndexOf('/') + 1);
    // at least 128 random bits: 32 hex digits or 22 base64 characters
    assertThat(secret).matches("[0-9a-f]{32,}|[A-Za-z0-9_-]{22,}");

    char flipped = secret.charAt(5) == 'a' ? 'b' : 'a';
    String tampered =
        first.substring(0, first.lastIndexOf('/') + 1)
            + secret.substring(0, 5)
            + flipped
            + secret.substring(6);
    assertThat(raw("GET", tampered, Map.of(), null).status()).isEqualTo(404);
    assertThat(
            raw(
                    "GET",
                    first.substring(0, first.lastIndexOf('/') + 1) + "../../parley.process().db",
                    Map.of(),
                    null)
                .status())
        .isEqualTo(404);
    assertThat(
            raw("GET", parley.process().baseUrl() + "/uploads/1/" + "0".repeat(64), Map.of(), null)
                .status())
        .isEqualTo(404);
  }

  @Test
  void anImageThatDoesNotDecodeIsStoredWithoutDimensions() {
    String id = s.conversation(contact("not-an-image@example.com"), "fake png");
    byte[] fake = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
    JsonNode replied =
        ok(
            s.adminReplyWithFiles(
                id, "fake", List.of(Scenario.file("fake.png", "image/png", fake))));
    JsonNode attachment = lastPart(replied).path("attachments").path(0);
    assertThat(attachment.path("width").isNull()).as(attachment.toString()).isTrue();
    assertThat(attachment.path("height").isNull()).as(attachment.toString()).isTrue();
    assertThat(attachment.path("filesize").asInt()).isEqualTo(fake.length);
    ApiResponse served = raw("GET", attachment.path("url").asText(), Map.of(), null);
    assertThat(served.bytes()).isEqualTo(fake);
    assertThat(served.header("X-Content-Type-Options")).isEqualToIgnoringCase("nosniff");
    assertThat(served.header("Content-Type")).doesNotContain("html");
  }

  @Test
  void fileNamesCannotInjectHeadersOrEscapeTheUploadStore() {
    String id = s.conversation(contact("evil-names@example.com"), "evil names");
    List<String> names =
        List.of(
            "../../../../parley.process().db",
            "evil\r\nX-Injected: yes.html",
            "quote\"; filename=other.exe",
            "/etc/passwd");
    List<Map<String, Object>> files = new ArrayList<>();
    for (String name : names) {
      files.add(
          Scenario.file(
              name, "text/plain", ("content of " + name).getBytes(StandardCharsets.UTF_8)));
    }
    JsonNode replied = ok(s.adminReplyWithFiles(id, "names", files));
    JsonNode attachments = lastPart(replied).path("attachments");
    assertThat(attachments.size()).isEqualTo(names.size());
    for (int i = 0; i < names.size(); i++) {
      JsonNode a = attachments.path(i);
      assertThat(a.path("name").asText()).isEqualTo(names.get(i));
      ApiResponse served = raw("GET", a.path("url").asText(), Map.of(), null);
      assertThat(served.status()).isEqualTo(200);
      assertThat(served.bytes())
          .isEqualTo(("content of " + names.get(i)).getBytes(StandardCharsets.UTF_8));
      assertThat(served.header("X-Injected")).isNull();
      assertThat(served.headers().allValues("Content-Disposition")).hasSize(1);
      assertThat(served.header("Content-Disposition"))
          .startsWith("attachment")
          .doesNotContain("\r")
          .doesNotContain("\n");
    }
    // the database next to the uploads is untouched and still serves
    assertThat(get(id).path("conversation_parts").path("total_count").asInt()).isEqualTo(1);
  }

  @Test
  void contactsCanAttachFilesToo() {
    String contact = contact("contact-files@example.com");
    String id = s.conversation(contact, "my screenshot");
    byte[] png = png(5, 4);
    Map<String, Object> reply = contactReply("intercom_user_id", contact, "here");
    reply.put("attachment_files", List.of(Scenario.file("screen.png", "image/png", png)));
    JsonNode replied = ok(api.post("/conversations/" + id + "/reply", reply));
    JsonNode attachment = lastPart(replied).path("attachments").path(0);
    assertThat(attachment.path("width").asInt()).isEqualTo(5);
    assertThat(attachment.path("height").asInt()).isEqualTo(4);
    assertThat(raw("GET", attachment.path("url").asText(), Map.of(), null).bytes()).isEqualTo(png);
  }

  @Test
  void tenFilesAreAcceptedAndElevenAnswer400StoringNothing() {
    String id = s.conversation(contact("many-files@example.com"), "many files");
    List<Map<String, Object>> ten = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ten.add(
          Scenario.file(
              "f" + i + ".txt", "text/plain", ("file " + i).getBytes(StandardCharsets.UTF_8)));
    }
    JsonNode replied = ok(s.adminReplyWithFiles(id, "ten", ten));
    assertThat(lastPart(replied).path("attachments").size()).isEqualTo(10);

    long files = uploadFiles();
    int parts = partCount(id);
    List<Map<String, Object>> eleven = new ArrayList<>(ten);
    eleven.add(Scenario.file("f10.txt", "text/plain", "file 10".getBytes(StandardCharsets.UTF_8)));
    Map<String, Object> reply = s.adminReplyBody("comment", "eleven");
    reply.put("attachment_files", eleven);
    JsonNode error =
        assertError(
            raw(
                parley.process(),
                parley.process().token(),
                "POST",
                "/conversations/" + id + "/reply",
                reply),
            400,
            "parameter_invalid");
    assertThat(error.path("field").asText()).startsWith("attachment_files");
    assertThat(partCount(id)).isEqualTo(parts);
    assertThat(uploadFiles()).isEqualTo(files);
  }

  @Test
  void badBase64Answers400StoringNothing() {
    String id = s.conversation(contact("bad-base64@example.com"), "bad data");
    long files = uploadFiles();
    for (String data : List.of("%%% not base64 %%%", "YWJj$", "Zm9vYmFy=x")) {
      Map<String, Object> reply = s.adminReplyBody("comment", "bad");
      reply.put(
          "attachment_files",
          List.of(
              Scenario.file("good.txt", "text/plain", "good".getBytes(StandardCharsets.UTF_8)),
              Map.of("name", "bad.txt", "content_type", "text/plain", "data", data)));
      JsonNode error =
          assertError(
              raw(
                  parley.process(),
                  parley.process().token(),
                  "POST",
                  "/conversations/" + id + "/reply",
                  reply),
              400,
              "parameter_invalid");
      assertThat(error.path("field").asText())
          .as(data)
          .contains("attachment_files")
          .contains("data");
    }
    assertThat(partCount(id)).isZero();
    assertThat(uploadFiles()).isEqualTo(files);
  }

  @Test
  void filesOfAReplyThatFailsAreNotKept() {
    String id = s.conversation(contact("failed-reply@example.com"), "failing");
    long files = uploadFiles();
    Map<String, Object> reply = s.adminReplyBody("comment", "from nobody");
    reply.put("admin_id", "999999999");
    reply.put(
        "attachment_files",
        List.of(
            Scenario.file("orphan.txt", "text/plain", "orphan".getBytes(StandardCharsets.UTF_8))));
    assertError(
        raw(
            parley.process(),
            parley.process().token(),
            "POST",
            "/conversations/" + id + "/reply",
            reply),
        404,
        "admin_not_found");
    Map<String, Object> toUnknown = s.adminReplyBody("comment", "to nowhere");
    toUnknown.put(
        "attachment_files",
        List.of(
            Scenario.file("orphan.txt", "text/plain", "orphan".getBytes(StandardCharsets.UTF_8))));
    assertError(
        raw(
            parley.process(),
            parley.process().token(),
            "POST",
            "/conversations/987654321/reply",
            toUnknown),
        404,
        "not_found");
    assertThat(partCount(id)).isZero();
    assertThat(uploadFiles()).isEqualTo(files);
  }

  @Test
  void attachmentUrlsAreKeptAsGivenAndNeverFetched() throws IOException, InterruptedException {
    AtomicInteger hits = new AtomicInteger();
    HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.createContext(
        "/",
        exchange -> {
          hits.incrementAndGet();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    target.start();
    try {
      String base = "http://127.0.0.1:" + target.getAddress().getPort();
      String contact = contact("links@example.com");
      List<String> sourceLinks = List.of(base + "/source.png");
      Map<String, Object> create = new HashMap<>();
      create.put("from", Map.of("type", "user", "id", contact));
      create.put("body", "with a link");
      create.put("attachment_urls", sourceLinks);
      String id = ok(api.post("/conversations", create)).path("conversation_id").asText();
      List<String> links =
          List.of(
              base + "/report.pdf?sig=abc&x=1", "https://example.com/a%20b.png", base + "/third");
      Map<String, Object> reply = s.adminReplyBody("comment", "links");
      reply.put("attachment_urls", links);
      JsonNode replied = ok(api.post("/conversations/" + id + "/reply", reply));

      List<String> partUrls = new ArrayList<>();
      lastPart(replied).path("attachments").forEach(a -> partUrls.add(a.path("url").asText()));
      assertThat(partUrls).containsExactlyElementsOf(links);
      JsonNode got = get(id);
      assertThat(got.path("source").path("attachments").path(0).path("url").asText())
          .isEqualTo(sourceLinks.get(0));
      List<String> storedUrls = new ArrayList<>();
      lastPart(got).path("attachments").forEach(a -> storedUrls.add(a.path("url").asText()));
      assertThat(storedUrls).containsExactlyElementsOf(links);

      List<String> eleven = new ArrayList<>();
      for (int i = 0; i < 11; i++) {
        eleven.add(base + "/many/" + i);
      }
      Map<String, Object> tooMany = s.adminReplyBody("comment", "too many links");
      tooMany.put("attachment_urls", eleven);
      assertError(
          raw(
              parley.process(),
              parley.process().token(),
              "POST",
              "/conversations/" + id + "/reply",
              tooMany),
          400,
          "parameter_invalid");
      assertThat(partCount(id)).isEqualTo(1);

      // nor later: no request reaches the target for half a second after the answers
      org.awaitility.Awaitility.await()
          .during(Duration.ofMillis(500))
          .atMost(Duration.ofSeconds(5))
          .until(() -> hits.get() == 0);
    } finally {
      target.stop(0);
    }
  }

  // ---------------------------------------------------------------- tags

  @Test
  void attachTagAppliesItOnceAndAnswersTheTag() {
    String id = s.conversation(contact("tagged@example.com"), "tag me");
    JsonNode tag = ok(api.post("/tags", Map.of("name", "Priority")));
    long before = Acceptance.now();
    JsonNode applied =
        ok(
            api.post(
                "/conversations/" + id + "/tags",
                Map.of("id", tag.path("id").asText(), "admin_id", admin)));
    assertThat(applied.path("type").asText()).isEqualTo("tag");
    assertThat(applied.path("id").asText()).isEqualTo(tag.path("id").asText());
    assertThat(applied.path("name").asText()).isEqualTo("Priority");
    assertThat(applied.path("applied_at").asLong()).isBetween(before - 1, Acceptance.now() + 1);
    assertThat(applied.path("applied_by").path("type").asText()).isEqualTo("admin");
    assertThat(applied.path("applied_by").path("id").asText()).isEqualTo(admin);

    // ids as JSON numbers, as in the description's examples; applying twice keeps one
    ok(
        api.post(
            "/conversations/" + id + "/tags",
            Map.of(
                "id", Long.parseLong(tag.path("id").asText()), "admin_id", Long.parseLong(admin))));
    JsonNode tags = get(id).path("tags");
    assertThat(tags.path("type").asText()).isEqualTo("tag.list");
    assertThat(tags.path("tags").size()).isEqualTo(1);
    assertThat(tags.path("tags").path(0).path("id").asText()).isEqualTo(tag.path("id").asText());
    assertThat(tags.path("tags").path(0).path("name").asText()).isEqualTo("Priority");
  }

  @Test
  void detachTagRemovesItAndAnswersTheTag() {
    String id = s.conversation(contact("untagged@example.com"), "untag me");
    String keep = ok(api.post("/tags", Map.of("name", "Keep"))).path("id").asText();
    String drop = ok(api.post("/tags", Map.of("name", "Drop"))).path("id").asText();
    ok(api.post("/conversations/" + id + "/tags", Map.of("id", keep, "admin_id", admin)));
    ok(api.post("/conversations/" + id + "/tags", Map.of("id", drop, "admin_id", admin)));
    assertThat(get(id).path("tags").path("tags").size()).isEqualTo(2);

    JsonNode detached =
        ok(api.delete("/conversations/" + id + "/tags/" + drop, Map.of("admin_id", admin)));
    assertThat(detached.path("type").asText()).isEqualTo("tag");
    assertThat(detached.path("id").asText()).isEqualTo(drop);
    assertThat(detached.path("name").asText()).isEqualTo("Drop");
    List<String> remaining = Acceptance.ids(get(id).path("tags"), "tags");
    assertThat(remaining).containsExactly(keep);

    JsonNode again =
        assertError(
            api.delete("/conversations/" + id + "/tags/" + drop, Map.of("admin_id", admin)),
            404,
            "tag_not_found");
    assertThat(again.path("message").asText()).isEqualTo("Tag not found");
  }

  @Test
  void tagErrorsAnswerTheirDocumented404s() {
    String id = s.conversation(contact("tag-errors@example.com"), "tag errors");
    String tag = ok(api.post("/tags", Map.of("name", "Real"))).path("id").asText();

    JsonNode unknownTag =
        assertError(
            api.post("/conversations/" + id + "/tags", Map.of("id", "3999999", "admin_id", admin)),
            404,
            "tag_not_found");
    assertThat(unknownTag.path("message").asText()).isEqualTo("Tag not found");
    JsonNode unknownConversation =
        assertError(
            api.post("/conversations/987654321/tags", Map.of("id", tag, "admin_id", admin)),
            404,
            "not_found");
    assertThat(unknownConversation.path("message").asText()).isEqualTo("Conversation not found");
    JsonNode detachUnknownConversation =
        assertError(
            api.delete("/conversations/987654321/tags/" + tag, Map.of("admin_id", admin)),
            404,
            "not_found");
    assertThat(detachUnknownConversation.path("message").asText())
        .isEqualTo("Conversation not found");
    assertError(
        api.delete("/conversations/" + id + "/tags/3999999", Map.of("admin_id", admin)),
        404,
        "tag_not_found");

    JsonNode noAdmin =
        assertError(
            raw(
                parley.process(),
                parley.process().token(),
                "POST",
                "/conversations/" + id + "/tags",
                Map.of("id", tag)),
            400,
            "parameter_not_found");
    assertThat(noAdmin.path("field").asText()).isEqualTo("admin_id");
    JsonNode noId =
        assertError(
            raw(
                parley.process(),
                parley.process().token(),
                "POST",
                "/conversations/" + id + "/tags",
                Map.of("admin_id", admin)),
            400,
            "parameter_not_found");
    assertThat(noId.path("field").asText()).isEqualTo("id");
    assertThat(get(id).path("tags").path("tags").size()).isZero();
  }
}
