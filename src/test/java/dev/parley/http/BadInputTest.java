package dev.parley.http;

import static dev.parley.http.Acceptance.assertError;
import static dev.parley.http.Acceptance.raw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ImplementedRoutes;
import dev.parley.testing.IntercomDescription;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input never gets a 500 and never changes the store, on either store: broken HTTP framing of a
 * request body, strings over their maximum ({@link StringLimits}), numbers beyond a double, digits
 * of other scripts, duplicate keys; and upload bytes are served with the content type they were
 * stored with.
 */
class BadInputTest {

  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static Scenario s;
  static String contact;
  static String conversation;
  static String tag;

  @BeforeAll
  static void setUp() {
    s = new Scenario(parley.api());
    contact = s.contact("bad-input@example.com");
    conversation = s.conversation(contact, "a conversation bad input must not change");
    ApiResponse created = parley.api().post("/tags", Map.of("name", "bad-input"));
    tag = created.json().path("id").asText();
    ApiResponse attached =
        parley
            .api()
            .post(
                "/conversations/" + conversation + "/tags",
                Map.of("id", tag, "admin_id", s.adminId()));
    assertThat(attached.status()).as(attached.toString()).isEqualTo(200);
  }

  // ---- broken HTTP framing ----

  /** Every route whose operation Intercom's description gives a request body. */
  static Stream<Arguments> bodyReadingRoutes() {
    Map<IntercomDescription.Source, JsonNode> trees =
        new EnumMap<>(IntercomDescription.Source.class);
    List<Arguments> cases = new ArrayList<>();
    for (ImplementedRoutes.Route route : ImplementedRoutes.all()) {
      if (route.intercom().isEmpty()) {
        continue;
      }
      IntercomDescription.Operation op = route.intercom().get();
      JsonNode tree =
          trees.computeIfAbsent(op.source(), source -> IntercomDescription.of(source).copyOfTree());
      if (tree.path("paths")
          .path(op.template())
          .path(op.method().toLowerCase(Locale.ROOT))
          .has("requestBody")) {
        cases.add(Arguments.of(route.method(), route.path(), route.operationId()));
      }
    }
    return cases.stream();
  }

  @Test
  void sixteenOperationsReadABody() {
    assertThat(bodyReadingRoutes().map(a -> (String) a.get()[2]))
        .contains(
            "setAwayAdmin",
            "CreateContact",
            "SearchContacts",
            "UpdateContact",
            "createConversation",
            "searchConversations",
            "updateConversation",
            "replyConversation",
            "manageConversation",
            "attachContactToConversation",
            "detachContactFromConversation",
            "redactConversation",
            "attachTagToConversation",
            "detachTagFromConversation",
            "enqueueANewReportingDataExportJob",
            "createTag")
        .hasSizeGreaterThanOrEqualTo(16);
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("bodyReadingRoutes")
  void aChunkSizeThatIsNotHexIs400AndChangesNothing(
      String method, String template, String operationId) throws IOException {
    String before = snapshot();
    RawResponse response =
        send(
            head(method, template) + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
            false);

    assertError(response.asApiResponse(), 400, expectedCode(operationId));
    assertThat(snapshot()).isEqualTo(before);
    assertThat(parley.process().log()).doesNotContain(" ERROR ");
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("bodyReadingRoutes")
  void aBodyShorterThanItsContentLengthIs400AndChangesNothing(
      String method, String template, String operationId) throws IOException {
    String before = snapshot();
    RawResponse response =
        send(head(method, template) + "Content-Length: 50\r\n\r\n{\"name\":", true);

    assertError(response.asApiResponse(), 400, expectedCode(operationId));
    assertThat(snapshot()).isEqualTo(before);
    assertThat(parley.process().log()).doesNotContain(" ERROR ");
  }

  /**
   * The code of a body that cannot be read: {@code parameter_invalid} on every operation (the body
   * is read before the operation runs, so even the reporting export, which answers its own
   * validation failures with {@code bad_request}, gives the same code).
   */
  private static String expectedCode(String operationId) {
    return "parameter_invalid";
  }

  /** Operations without a request body that change the store, with their path. */
  static Stream<Arguments> writesWithoutABody() {
    return Stream.of(
        Arguments.of("DELETE", "/conversations/{id}"),
        Arguments.of("DELETE", "/contacts/{id}"),
        Arguments.of("DELETE", "/tags/{id}"),
        Arguments.of("POST", "/contacts/{id}/archive"),
        Arguments.of("GET", "/conversations/{id}"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("writesWithoutABody")
  void brokenFramingIs400EvenWhereTheOperationReadsNoBodyAndChangesNothing(
      String method, String template) throws IOException {
    String before = snapshot();
    RawResponse chunked =
        send(
            head(method, template) + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
            false);
    assertError(chunked.asApiResponse(), 400, "parameter_invalid");
    RawResponse shorter = send(head(method, template) + "Content-Length: 50\r\n\r\n{\"x\":", true);
    assertError(shorter.asApiResponse(), 400, "parameter_invalid");
    assertThat(snapshot()).isEqualTo(before);
    assertThat(parley.api().get("/conversations/" + conversation).status()).isEqualTo(200);
  }

  /**
   * The request line and headers for a route, its path parameters those of this class's objects.
   */
  private static String head(String method, String template) {
    String first = template.split("/")[1];
    String id =
        switch (first) {
          case "admins" -> s.adminId();
          case "contacts" -> contact;
          case "tags" -> tag;
          default -> conversation;
        };
    String path =
        template.replace("{contact_id}", contact).replace("{tag_id}", tag).replace("{id}", id);
    return method
        + " "
        + path
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
        + parley.process().token()
        + "\r\nContent-Type: application/json\r\nConnection: close\r\n";
  }

  // ---- string maximums ----

  static Stream<Arguments> stringsOverTheirMaximum() {
    String c = "/contacts/" + contact;
    String v = "/conversations/" + conversation;
    return Stream.of(
        Arguments.of("POST", "/contacts", Map.of("external_id", "e".repeat(2_800)), "external_id"),
        Arguments.of("PUT", c, Map.of("external_id", "e".repeat(2_800)), "external_id"),
        Arguments.of(
            "PUT", c, Map.of("external_id", "e".repeat(StringLimits.SHORT + 1)), "external_id"),
        Arguments.of(
            "PUT",
            c,
            Map.of("external_id", new java.math.BigInteger("9".repeat(StringLimits.SHORT + 1))),
            "external_id"),
        Arguments.of(
            "POST", "/contacts", Map.of("email", "e".repeat(300) + "@example.com"), "email"),
        Arguments.of("PUT", c, Map.of("name", "n".repeat(StringLimits.CONTACT_NAME + 1)), "name"),
        Arguments.of("PUT", c, Map.of("phone", "1".repeat(StringLimits.SHORT + 1)), "phone"),
        Arguments.of(
            "PUT",
            c,
            Map.of("avatar", "https://example.com/" + "a".repeat(StringLimits.URL)),
            "avatar"),
        Arguments.of(
            "PUT",
            c,
            Map.of(
                "custom_attributes", Map.of("plan", "p".repeat(StringLimits.ATTRIBUTE_VALUE + 1))),
            "custom_attributes.plan"),
        Arguments.of("PUT", v, Map.of("title", "t".repeat(StringLimits.SHORT + 1)), "title"),
        Arguments.of(
            "PUT",
            v,
            Map.of(
                "custom_attributes", Map.of("note", "n".repeat(StringLimits.ATTRIBUTE_VALUE + 1))),
            "custom_attributes.note"),
        Arguments.of(
            "POST",
            "/conversations",
            Map.of(
                "from",
                Map.of("type", "user", "id", contact),
                "body",
                "b".repeat(StringLimits.BODY + 1)),
            "body"),
        Arguments.of(
            "POST",
            "/conversations",
            Map.of(
                "from",
                Map.of("type", "user", "id", contact),
                "body",
                "b",
                "subject",
                "s".repeat(StringLimits.SHORT + 1)),
            "subject"),
        Arguments.of(
            "POST",
            "/conversations",
            Map.of(
                "from",
                Map.of("type", "user", "id", "x".repeat(StringLimits.DEFAULT + 1)),
                "body",
                "b"),
            "from.id"),
        Arguments.of(
            "POST",
            v + "/reply",
            Map.of(
                "type",
                "admin",
                "message_type",
                "comment",
                "admin_id",
                s.adminId(),
                "body",
                "b".repeat(StringLimits.BODY + 1)),
            "body"),
        Arguments.of(
            "POST",
            v + "/reply",
            Map.of(
                "type",
                "admin",
                "message_type",
                "comment",
                "admin_id",
                s.adminId(),
                "body",
                "b",
                "attachment_urls",
                List.of(
                    "https://example.com/a",
                    "https://example.com/" + "a".repeat(StringLimits.URL))),
            "attachment_urls[1]"),
        Arguments.of(
            "POST",
            v + "/reply",
            Map.of(
                "type",
                "admin",
                "message_type",
                "quick_reply",
                "admin_id",
                s.adminId(),
                "reply_options",
                List.of(
                    Map.of(
                        "text",
                        "o".repeat(StringLimits.SHORT + 1),
                        "uuid",
                        "6f1a0a7e-5f8c-4a6e-9a5e-0c8f7f1e2d3c"))),
            "reply_options[0].text"),
        Arguments.of(
            "POST",
            v + "/parts",
            Map.of(
                "message_type",
                "note",
                "type",
                "admin",
                "admin_id",
                s.adminId(),
                "body",
                "b".repeat(StringLimits.BODY + 1)),
            "body"),
        Arguments.of(
            "POST",
            "/conversations/search",
            Map.of(
                "query",
                Map.of(
                    "field",
                    "source.body",
                    "operator",
                    "~",
                    "value",
                    "w".repeat(StringLimits.SEARCH_VALUE + 1))),
            "query.value"),
        Arguments.of(
            "POST",
            "/contacts/search",
            Map.of(
                "query",
                Map.of(
                    "field",
                    "external_id",
                    "operator",
                    "=",
                    "value",
                    "w".repeat(StringLimits.SEARCH_VALUE + 1))),
            "query.value"),
        Arguments.of(
            "POST", "/tags", Map.of("name", "t".repeat(StringLimits.TAG_NAME + 1)), "name"));
  }

  @ParameterizedTest(name = "{0} {3}")
  @MethodSource("stringsOverTheirMaximum")
  void aStringOverItsMaximumIs400NamingTheFieldAndChangesNothing(
      String method, String path, Map<String, Object> body, String field) {
    String before = snapshot();
    JsonNode error =
        assertError(
            raw(parley.process(), parley.process().token(), method, path, body),
            400,
            "parameter_invalid");

    assertThat(error.path("field").asText()).isEqualTo(field);
    assertThat(snapshot()).isEqualTo(before);
  }

  /**
   * The indexed fields at their maximum in 3-byte characters (765 bytes of UTF-8, the most a
   * maximum of 255 can take): both stores keep them, and answer them back unchanged.
   */
  @Test
  void indexedStringsAtTheirMaximumAreKeptOnBothStores() {
    String euro = "\u20AC";
    String externalId = euro.repeat(StringLimits.SHORT);
    String email = euro.repeat(StringLimits.SHORT - "@example.com".length()) + "@example.com";
    ApiResponse created =
        parley.api().post("/contacts", Map.of("external_id", externalId, "email", email));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    assertThat(created.json().path("external_id").asText()).isEqualTo(externalId);
    assertThat(created.json().path("email").asText()).isEqualTo(email);

    String otherId = "x" + euro.repeat(StringLimits.SHORT - 1);
    ApiResponse updated =
        parley
            .api()
            .put("/contacts/" + created.json().path("id").asText(), Map.of("external_id", otherId));
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    assertThat(updated.json().path("external_id").asText()).isEqualTo(otherId);

    String tagName = euro.repeat(StringLimits.TAG_NAME);
    ApiResponse tagged = parley.api().post("/tags", Map.of("name", tagName));
    assertThat(tagged.status()).as(tagged.toString()).isEqualTo(200);
    assertThat(tagged.json().path("name").asText()).isEqualTo(tagName);
  }

  // ---- numbers and keys ----

  @Test
  void aNumberBeyondADoubleIs400NamingTheAttributeAndChangesNothing() {
    String before = snapshot();
    JsonNode onContact =
        assertError(
            raw(
                parley.process(),
                parley.process().token(),
                "PUT",
                "/contacts/" + contact,
                "{\"custom_attributes\":{\"x\":1e400}}"),
            400,
            "parameter_invalid");
    JsonNode onConversation =
        assertError(
            raw(
                parley.process(),
                parley.process().token(),
                "PUT",
                "/conversations/" + conversation,
                "{\"custom_attributes\":{\"y\":-1e400}}"),
            400,
            "parameter_invalid");

    assertThat(onContact.path("field").asText()).isEqualTo("custom_attributes.x");
    assertThat(onConversation.path("field").asText()).isEqualTo("custom_attributes.y");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void digitsOfOtherScriptsAreNotNumbers() {
    String before = snapshot();
    String arabicIndic = "\u0661\u0662\u0663"; // "١٢٣", which Long.parseLong takes as 123
    Map<String, Object> created = new LinkedHashMap<>();
    created.put("from", Map.of("type", "user", "id", contact));
    created.put("body", "dated");
    created.put("created_at", arabicIndic);
    JsonNode onCreate =
        assertError(
            raw(parley.process(), parley.process().token(), "POST", "/conversations", created),
            400,
            "parameter_invalid");
    JsonNode onContact =
        assertError(
            raw(
                parley.process(),
                parley.process().token(),
                "PUT",
                "/contacts/" + contact,
                Map.of("signed_up_at", arabicIndic)),
            400,
            "parameter_invalid");
    JsonNode onAdminId =
        assertError(
            raw(
                parley.process(),
                parley.process().token(),
                "POST",
                "/conversations/" + conversation + "/reply",
                Map.of("type", "admin", "message_type", "note", "admin_id", "\u0661", "body", "n")),
            400,
            "parameter_invalid");
    JsonNode onQuery =
        assertError(
            raw(
                parley.process(),
                parley.process().token(),
                "GET",
                "/conversations?per_page=%D9%A1",
                null),
            400,
            "parameter_invalid");

    assertThat(onCreate.path("field").asText()).isEqualTo("created_at");
    assertThat(onContact.path("field").asText()).isEqualTo("signed_up_at");
    assertThat(onAdminId.path("field").asText()).isEqualTo("admin_id");
    assertThat(onQuery.path("field").asText()).isEqualTo("per_page");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void aKeyTwiceInOneObjectIs400NamingItAndChangesNothing() {
    String before = snapshot();
    JsonNode top =
        assertError(
            raw(
                parley.process(),
                parley.process().token(),
                "POST",
                "/tags",
                "{\"name\":\"first\",\"name\":\"second\"}"),
            400,
            "parameter_invalid");
    JsonNode nested =
        assertError(
            raw(
                parley.process(),
                parley.process().token(),
                "PUT",
                "/contacts/" + contact,
                "{\"custom_attributes\":{\"plan\":\"a\",\"plan\":\"b\"}}"),
            400,
            "parameter_invalid");
    JsonNode inArray =
        assertError(
            raw(
                parley.process(),
                parley.process().token(),
                "POST",
                "/conversations/" + conversation + "/reply",
                "{\"type\":\"admin\",\"message_type\":\"comment\",\"admin_id\":\""
                    + s.adminId()
                    + "\",\"body\":\"b\",\"attachment_files\":[{\"name\":\"a\",\"name\":\"b\",\"data\":\"aGVsbG8=\"}]}"),
            400,
            "parameter_invalid");

    assertThat(top.path("field").asText()).isEqualTo("name");
    assertThat(nested.path("field").asText()).isEqualTo("custom_attributes.plan");
    assertThat(inArray.path("field").asText()).isEqualTo("attachment_files[0].name");
    assertThat(snapshot()).isEqualTo(before);
  }

  // ---- uploads ----

  @Test
  void uploadsAreServedWithTheContentTypeTheyWereStoredWith() {
    String conversationWithFiles = s.conversation(contact, "files");
    List<String> types =
        List.of(
            "application/octet-stream",
            "text/plain",
            "text/csv; charset=iso-8859-1",
            "application/vnd.example+json;version=2",
            "application/x-thing; name=\"a;b c\"",
            "image/png");
    List<Map<String, Object>> files = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      files.add(
          Scenario.file(
              "file-" + i, types.get(i), ("bytes " + i).getBytes(StandardCharsets.UTF_8)));
    }
    ApiResponse reply = s.adminReplyWithFiles(conversationWithFiles, "files", files);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonNode parts = reply.json().path("conversation_parts").path("conversation_parts");
    JsonNode attachments = parts.path(parts.size() - 1).path("attachments");
    assertThat(attachments.size()).isEqualTo(types.size());

    Map<String, String> served = new TreeMap<>();
    Map<String, String> stored = new TreeMap<>();
    for (JsonNode attachment : attachments) {
      ApiResponse download = raw("GET", attachment.path("url").asText(), Map.of(), null);
      assertThat(download.status()).as(download.toString()).isEqualTo(200);
      served.put(attachment.path("name").asText(), download.header("Content-Type"));
      stored.put(attachment.path("name").asText(), attachment.path("content_type").asText());
    }
    Map<String, String> given = new TreeMap<>();
    for (int i = 0; i < types.size(); i++) {
      given.put("file-" + i, types.get(i));
    }
    assertThat(stored).isEqualTo(given);
    assertThat(served).isEqualTo(given);
  }

  // ---- helpers ----

  /**
   * Every row of every table of the store, as text: equal snapshots mean nothing changed.
   * PostgreSQL's shared rate-limit windows are left out: every request counts in them, bad ones
   * too, as Intercom counts them.
   */
  private static String snapshot() {
    try (TestDatabase db = TestDatabase.of(parley.process())) {
      String tables =
          TestStore.postgres()
              ? "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
              : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                  + " ORDER BY 1";
      StringBuilder all = new StringBuilder();
      for (List<Object> table : db.rows(tables)) {
        if (table.get(0).equals("rate_limit_windows")) {
          continue;
        }
        all.append(table.get(0)).append('\n');
        db.rows("SELECT * FROM " + table.get(0)).stream()
            .map(String::valueOf)
            .sorted()
            .forEach(row -> all.append(row).append('\n'));
      }
      return all.toString();
    }
  }

  /**
   * Sends bytes as they are (no client library sends these); with {@code endStream}, shuts the
   * connection's output down after them, as a client that stops sending would. Reads the answer to
   * its end.
   */
  private static RawResponse send(String request, boolean endStream) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", parley.process().port())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      if (endStream) {
        socket.shutdownOutput();
      }
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      assertThat(split).as("a response: %s", text).isPositive();
      return new RawResponse(text.substring(0, split), text.substring(split + 4));
    }
  }

  private record RawResponse(String head, String body) {
    ApiResponse asApiResponse() {
      String[] lines = head.split("\r\n");
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers
            .computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
            .add(lines[i].substring(colon + 1).trim());
      }
      int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
      return new ApiResponse(
          status, HttpHeaders.of(headers, (a, b) -> true), body.getBytes(StandardCharsets.UTF_8));
    }
  }
}
