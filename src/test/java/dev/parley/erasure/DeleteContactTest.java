package dev.parley.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ByteSearch;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code DELETE /contacts/{id}} does to conversations (docs/contacts.md): a conversation whose
 * only contact is the deleted one is erased exactly as {@code DELETE /conversations/{id}} erases it
 * (rows, uploads, erasure log, reporting record kept); a conversation with other contacts only
 * loses the link, and what the deleted contact wrote there keeps its author id without a name or
 * email. No row anywhere still names the contact in a link.
 */
class DeleteContactTest {
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();

  /** Of the test that starts a server of its own. */
  @TempDir Path root;

  static Api api;
  static Scenario s;

  @BeforeAll
  static void setUp() {
    api = parley.api();
    s = new Scenario(api);
  }

  private static String email() {
    return "dc-" + UUID.randomUUID() + "@example.com";
  }

  @Test
  void aConversationWhoseOnlyContactIsDeletedIsErasedAsDeleteConversationErasesIt() {
    String contact = s.contact(email());
    String conversation = s.conversation(contact, "only mine");
    assertThat(s.adminReply(conversation, "note", "a note").status()).isEqualTo(200);
    assertThat(s.contactReply(conversation, contact, "my reply").status()).isEqualTo(200);
    ApiResponse withFile =
        s.adminReplyWithFiles(
            conversation,
            "file",
            List.of(
                Scenario.file(
                    "f.txt", "text/plain", "secret bytes".getBytes(StandardCharsets.UTF_8))));
    assertThat(withFile.status()).isEqualTo(200);
    String uploadUrl = uploadUrls(api.get("/conversations/" + conversation).json()).get(0);
    String tag =
        api.post("/tags", Map.of("name", "dc-" + UUID.randomUUID())).json().get("id").asText();
    assertThat(
            api.post(
                    "/conversations/" + conversation + "/tags",
                    Map.of("id", tag, "admin_id", s.adminId()))
                .status())
        .isEqualTo(200);
    long id = Long.parseLong(conversation);

    ApiResponse deleted = api.delete("/contacts/" + contact);
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
    assertThat(deleted.json().get("deleted").asBoolean()).isTrue();

    assertThat(api.get("/conversations/" + conversation).status()).isEqualTo(404);
    assertThat(api.delete("/conversations/" + conversation).status()).isEqualTo(404);
    assertThat(api.get(uploadUrl.substring(api.baseUrl().length())).status()).isEqualTo(404);
    ApiResponse erasedList =
        api.withHeader("Intercom-Version", "Unstable").get("/conversations/deleted?per_page=60");
    List<String> erasedIds = new ArrayList<>();
    erasedList.json().path("conversations").forEach(d -> erasedIds.add(d.path("id").asText()));
    assertThat(erasedIds).contains(conversation);
    assertThat(api.get("/tags/" + tag).status()).isEqualTo(200);
    try (TestDatabase db = TestDatabase.of(parley.process())) {
      assertThat(db.contentRows(id)).isZero();
      assertThat(db.number("SELECT COUNT(*) FROM contacts WHERE id = ?", contact)).isZero();
      assertThat(
              db.number("SELECT COUNT(*) FROM conversation_contacts WHERE contact_id = ?", contact))
          .isZero();
      assertThat(
              db.rows(
                  "SELECT parts_erased, uploads_erased, retain_metrics FROM erasures WHERE"
                      + " conversation_id = ?",
                  id))
          .hasSize(1)
          .first()
          .satisfies(
              row -> {
                assertThat(((Number) row.get(0)).intValue()).isEqualTo(3);
                assertThat(((Number) row.get(1)).intValue()).isEqualTo(1);
              });
      assertThat(
              db.number(
                  "SELECT COUNT(*) FROM conversation_metrics WHERE conversation_id = ? AND"
                      + " deleted_at IS NOT NULL",
                  id))
          .as("the reporting record stays, marked deleted")
          .isEqualTo(1);
      // the bytes went before the answer; their queue rows are cleared just after it
      db.awaitEmptyBlobQueue();
    }
    assertThat(
            ByteSearch.findAll(
                parley.process().dataDir().resolve("uploads"), List.of("secret bytes")))
        .isEmpty();
  }

  @Test
  void aConversationWithAnotherContactOnlyLosesTheLinkAndKeepsWhatTheDeletedContactWrote() {
    String leaving = s.contact(Map.of("role", "user", "email", email(), "name", "Leaving Person"));
    String staying = s.contact(Map.of("role", "user", "email", email(), "name", "Staying Person"));
    String conversation = s.conversation(leaving, "we two");
    long id = Long.parseLong(conversation);
    assertThat(
            api.post(
                    "/conversations/" + conversation + "/customers",
                    Map.of(
                        "admin_id", s.adminId(), "customer", Map.of("intercom_user_id", staying)))
                .status())
        .isEqualTo(200);
    assertThat(s.contactReply(conversation, leaving, "reply by the leaving one").status())
        .isEqualTo(200);
    assertThat(s.contactReply(conversation, staying, "reply by the staying one").status())
        .isEqualTo(200);
    JsonNode before = api.get("/conversations/" + conversation).json();
    assertThat(contactIds(before)).containsExactly(leaving, staying);
    assertThat(before.path("source").path("author").path("name").asText())
        .isEqualTo("Leaving Person");

    assertThat(api.delete("/contacts/" + leaving).status()).isEqualTo(200);

    ApiResponse after = api.get("/conversations/" + conversation);
    assertThat(after.status()).as(after.toString()).isEqualTo(200);
    JsonNode c = after.json();
    assertThat(contactIds(c)).containsExactly(staying);
    JsonNode sourceAuthor = c.path("source").path("author");
    assertThat(sourceAuthor.path("id").asText()).isEqualTo(leaving);
    assertThat(sourceAuthor.path("name").isNull()).isTrue();
    assertThat(sourceAuthor.has("email")).isFalse();
    assertThat(c.path("source").path("body").asText()).contains("we two");
    JsonNode parts = c.path("conversation_parts").path("conversation_parts");
    assertThat(parts).hasSize(2);
    assertThat(parts.get(0).path("author").path("id").asText()).isEqualTo(leaving);
    assertThat(parts.get(0).path("author").path("name").isNull()).isTrue();
    assertThat(parts.get(0).path("body").asText()).contains("reply by the leaving one");
    assertThat(parts.get(1).path("author").path("name").asText()).isEqualTo("Staying Person");
    try (TestDatabase db = TestDatabase.of(parley.process())) {
      assertThat(
              db.number("SELECT COUNT(*) FROM conversation_contacts WHERE contact_id = ?", leaving))
          .isZero();
      assertThat(db.number("SELECT COUNT(*) FROM erasures WHERE conversation_id = ?", id)).isZero();
    }
  }

  @Test
  void partsTheContactWroteInConversationsItWasNeverLinkedToStayWithoutNameOrEmail() {
    String owner = s.contact(email());
    String visitor = s.contact(Map.of("role", "user", "email", email(), "name", "Visitor"));
    String conversation = s.conversation(owner, "owner's conversation");
    assertThat(s.contactReply(conversation, visitor, "a visitor wrote this").status())
        .isEqualTo(200);

    assertThat(api.delete("/contacts/" + visitor).status()).isEqualTo(200);

    JsonNode c = api.get("/conversations/" + conversation).json();
    assertThat(contactIds(c)).containsExactly(owner);
    JsonNode part = c.path("conversation_parts").path("conversation_parts").get(0);
    assertThat(part.path("author").path("id").asText()).isEqualTo(visitor);
    assertThat(part.path("author").path("name").isNull()).isTrue();
    assertThat(part.path("author").has("email")).isFalse();
  }

  @Test
  void aContactWithSeveralConversationsHasEachErasedWithItsOwnLogEntryAndNoOtherContactIsTouched() {
    String contact = s.contact(email());
    String bystander = s.contact(email());
    List<String> conversations =
        List.of(
            s.conversation(contact, "one"),
            s.conversation(contact, "two"),
            s.conversation(contact, "three"));
    String kept = s.conversation(bystander, "not affected");

    assertThat(api.delete("/contacts/" + contact).status()).isEqualTo(200);

    for (String conversation : conversations) {
      assertThat(api.get("/conversations/" + conversation).status()).isEqualTo(404);
    }
    assertThat(api.get("/conversations/" + kept).status()).isEqualTo(200);
    assertThat(api.get("/contacts/" + bystander).status()).isEqualTo(200);
    try (TestDatabase db = TestDatabase.of(parley.process())) {
      for (String conversation : conversations) {
        assertThat(
                db.number(
                    "SELECT COUNT(*) FROM erasures WHERE conversation_id = ?",
                    Long.parseLong(conversation)))
            .isEqualTo(1);
      }
    }
  }

  @Test
  void aContactWithoutConversationsIsSimplyDeleted() {
    String contact = s.contact(email());
    try (TestDatabase db = TestDatabase.of(parley.process())) {
      long erasures = db.number("SELECT COUNT(*) FROM erasures");
      assertThat(api.delete("/contacts/" + contact).status()).isEqualTo(200);
      assertThat(db.number("SELECT COUNT(*) FROM erasures")).isEqualTo(erasures);
    }
    assertThat(api.get("/contacts/" + contact).status()).isEqualTo(404);
  }

  @Test
  void conversationsStartedByTheContactWhileItIsDeletedAreNeverLeftBehind() throws Exception {
    String contact = s.contact(email());
    for (int i = 0; i < 3; i++) {
      s.conversation(contact, "before " + i);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Integer>> creates = new ArrayList<>();
    List<String> created = Collections.synchronizedList(new ArrayList<>());
    try {
      for (int i = 0; i < 40; i++) {
        int n = i;
        creates.add(
            pool.submit(
                () -> {
                  ApiResponse r =
                      api.post(
                          "/conversations",
                          Map.of(
                              "from",
                              Map.of("type", "user", "id", contact),
                              "body",
                              "racing " + n));
                  if (r.status() == 200) {
                    created.add(r.json().get("conversation_id").asText());
                  }
                  return r.status();
                }));
        if (i == 15) {
          pool.submit(() -> assertThat(api.delete("/contacts/" + contact).status()).isEqualTo(200))
              .get(60, TimeUnit.SECONDS);
        }
      }
      for (Future<Integer> create : creates) {
        assertThat(create.get(60, TimeUnit.SECONDS))
            .as("a create racing the deletion answers 200 or 404")
            .isIn(200, 404);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(api.get("/contacts/" + contact).status()).isEqualTo(404);
    for (String conversation : created) {
      assertThat(api.get("/conversations/" + conversation).status())
          .as("conversation %s created before the deletion committed is erased", conversation)
          .isEqualTo(404);
    }
    try (TestDatabase db = TestDatabase.of(parley.process())) {
      assertThat(
              db.number("SELECT COUNT(*) FROM conversation_contacts WHERE contact_id = ?", contact))
          .isZero();
      assertThat(
              db.number("SELECT COUNT(*) FROM conversations WHERE source_author_id = ?", contact))
          .isZero();
      assertThat(
              db.number(
                  "SELECT COUNT(*) FROM conversations c WHERE NOT EXISTS (SELECT 1 FROM"
                      + " conversation_contacts cc WHERE cc.workspace_id = c.workspace_id AND"
                      + " cc.conversation_id = c.id)"))
          .as("conversations without any contact")
          .isZero();
    }
  }

  /** Runs an operator command on workspace {@code default} and answers the id it prints. */
  private static String cliId(ParleyProcess server, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(2, List.of("--workspace", "default"));
    var result = server.cli(all.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.output()).isZero();
    java.util.regex.Matcher id =
        java.util.regex.Pattern.compile("\"id\" : \"(\\d+)\"").matcher(result.output());
    assertThat(id.find()).as(result.output()).isTrue();
    return id.group(1);
  }

  /**
   * The erasure proof of ErasureMarkerTest, for a contact: markers in the contact's fields, in its
   * notes, its data events and event summaries, and in everything of its conversation, a tag and a
   * company on it, a segment membership and a subscription choice; after the deletion and a clean
   * stop no file under the data dir, and no line of the log, holds any of them (on PostgreSQL: no
   * row of any table), no company link names the contact, while a kept contact's note, its company
   * link and the company itself are still there.
   */
  @Test
  void noMarkerOfADeletedContactOrOfItsErasedConversationSurvivesUnderTheDataDir()
      throws Exception {
    Path own = root.resolve("markers");
    ParleyProcess server = ParleyProcess.in(own).start();
    try {
      Api a = server.api();
      Scenario sc = new Scenario(a);
      List<String> markers = new ArrayList<>();
      Map<String, Object> body = ContactMarkers.markedContact(markers, "user");
      String contact = sc.contact(body);
      String conversation =
          sc.conversation(contact, "<p>" + ContactMarkers.marker(markers, "source") + "</p>");
      assertThat(
              sc.contactReply(conversation, contact, ContactMarkers.marker(markers, "reply"))
                  .status())
          .isEqualTo(200);
      String fileMarker = ContactMarkers.marker(markers, "file");
      assertThat(
              sc.adminReplyWithFiles(
                      conversation,
                      ContactMarkers.marker(markers, "adminreply"),
                      List.of(
                          Scenario.file(
                              "f.txt", "text/plain", fileMarker.getBytes(StandardCharsets.UTF_8))))
                  .status())
          .isEqualTo(200);
      // notes about the contact (plain text, and HTML kept as it is), and tags on it
      assertThat(
              a.post(
                      "/contacts/" + contact + "/notes",
                      Map.of("body", ContactMarkers.marker(markers, "note")))
                  .status())
          .isEqualTo(200);
      assertThat(
              a.post(
                      "/contacts/" + contact + "/notes",
                      Map.of(
                          "body",
                          "<p><b>" + ContactMarkers.marker(markers, "htmlnote") + "</b></p>"))
                  .status())
          .isEqualTo(200);
      String tag = a.post("/tags", Map.of("name", "Kept tag")).json().path("id").asText();
      assertThat(a.post("/contacts/" + contact + "/tags", Map.of("id", tag)).status())
          .isEqualTo(200);
      // data events of the contact (name and metadata) and a summary of another event name
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("id", contact);
      event.put("event_name", ContactMarkers.marker(markers, "eventname"));
      event.put("created_at", 1_700_000_000L);
      event.put(
          "metadata",
          Map.of(
              "text",
              ContactMarkers.marker(markers, "eventtext"),
              "link",
              Map.of(
                  "url",
                  "https://example.org/" + ContactMarkers.marker(markers, "eventurl"),
                  "value",
                  "v")));
      assertThat(a.post("/events", event).status()).isEqualTo(202);
      assertThat(
              a.post(
                      "/events/summaries",
                      Map.of(
                          "id",
                          contact,
                          "event_summaries",
                          Map.of(
                              "event_name",
                              ContactMarkers.marker(markers, "summaryname"),
                              "count",
                              2)))
                  .status())
          .isEqualTo(200);
      String keptMarker = ContactMarkers.kept("kept");
      String keptContact =
          sc.contact(
              Map.of(
                  "role",
                  "user",
                  "email",
                  "kept-" + UUID.randomUUID() + "@example.com",
                  "name",
                  keptMarker));
      String keptNoteMarker = ContactMarkers.kept("keptnote");
      assertThat(
              a.post("/contacts/" + keptContact + "/notes", Map.of("body", keptNoteMarker))
                  .status())
          .isEqualTo(200);
      assertThat(a.post("/contacts/" + keptContact + "/tags", Map.of("id", tag)).status())
          .isEqualTo(200);
      // a company both contacts are attached to: the company's data is the company's, it stays
      String keptCompanyMarker = ContactMarkers.kept("keptcompany");
      String company =
          a.post("/companies", Map.of("company_id", "dc-company", "name", keptCompanyMarker))
              .json()
              .path("id")
              .asText();
      for (String attached : List.of(contact, keptContact)) {
        assertThat(a.post("/contacts/" + attached + "/companies", Map.of("id", company)).status())
            .isEqualTo(200);
      }
      assertThat(a.get("/companies/" + company).json().path("user_count").asInt()).isEqualTo(2);
      // both contacts in a segment and opted in to a subscription type (seeded by an operator)
      String segment = cliId(server, "segment", "create", "--name", "dc-segment");
      String type =
          cliId(
              server,
              "subscription-type",
              "create",
              "--name",
              "dc-news",
              "--consent-type",
              "opt_in");
      for (String member : List.of(contact, keptContact)) {
        var added =
            server.cli(
                "segment",
                "add-contact",
                "--workspace",
                "default",
                "--id",
                segment,
                "--contact",
                member);
        assertThat(added.exitCode()).as(added.output()).isZero();
        assertThat(
                a.post(
                        "/contacts/" + member + "/subscriptions",
                        Map.of("id", type, "consent_type", "opt_in"))
                    .status())
            .isEqualTo(200);
      }

      assertThat(a.delete("/contacts/" + contact).status()).isEqualTo(200);
      assertThat(
              a.get("/segments?include_count=true")
                  .json()
                  .path("segments")
                  .path(0)
                  .path("count")
                  .asInt())
          .isEqualTo(1);
      assertThat(a.get("/contacts/" + keptContact + "/subscriptions").json().path("data").size())
          .isEqualTo(1);
      assertThat(a.get("/companies/" + company).json().path("user_count").asInt()).isEqualTo(1);
      List<String> members = new ArrayList<>();
      a.get("/companies/" + company + "/contacts")
          .json()
          .path("data")
          .forEach(c -> members.add(c.path("id").asText()));
      assertThat(members).containsExactly(keptContact);
      assertThat(a.get("/contacts/" + contact + "/companies").status()).isEqualTo(404);
      assertThat(a.get("/contacts/" + keptContact).status()).isEqualTo(200);
      assertThat(a.get("/contacts/" + contact + "/notes").status()).isEqualTo(404);
      assertThat(a.get("/contacts/" + keptContact + "/tags").json().path("data").size())
          .isEqualTo(1);
      try (TestDatabase db = TestDatabase.of(server)) {
        assertThat(db.number("SELECT COUNT(*) FROM contact_notes WHERE contact_id = ?", contact))
            .isZero();
        assertThat(db.number("SELECT COUNT(*) FROM contact_tags WHERE contact_id = ?", contact))
            .isZero();
        assertThat(db.number("SELECT COUNT(*) FROM contact_events WHERE contact_id = ?", contact))
            .isZero();
        assertThat(
                db.number(
                    "SELECT COUNT(*) FROM contact_event_summaries WHERE contact_id = ?", contact))
            .isZero();
        assertThat(
                db.number("SELECT COUNT(*) FROM contact_companies WHERE contact_id = ?", contact))
            .isZero();
        assertThat(
                db.number(
                    "SELECT COUNT(*) FROM contact_companies WHERE contact_id = ?", keptContact))
            .isEqualTo(1);
        for (String table : List.of("contact_segments", "contact_subscriptions")) {
          assertThat(db.number("SELECT COUNT(*) FROM " + table + " WHERE contact_id = ?", contact))
              .as(table)
              .isZero();
          assertThat(
                  db.number("SELECT COUNT(*) FROM " + table + " WHERE contact_id = ?", keptContact))
              .as(table)
              .isEqualTo(1);
        }
        assertThat(
                db.number("SELECT COUNT(*) FROM contact_notes WHERE contact_id = ?", keptContact))
            .isEqualTo(1);
      }
      server.stop();
      ContactMarkers.assertErasedAndKept(
          server, own, markers, List.of(keptMarker, keptNoteMarker, keptCompanyMarker));
    } finally {
      server.stop();
    }
  }

  private static List<String> contactIds(JsonNode conversation) {
    List<String> ids = new ArrayList<>();
    conversation.path("contacts").path("contacts").forEach(c -> ids.add(c.path("id").asText()));
    return ids;
  }

  private static List<String> uploadUrls(JsonNode conversation) {
    List<String> urls = new ArrayList<>();
    conversation
        .path("conversation_parts")
        .path("conversation_parts")
        .forEach(
            p ->
                p.path("attachments")
                    .forEach(
                        a -> {
                          if ("upload".equals(a.path("type").asText())) {
                            urls.add(a.path("url").asText());
                          }
                        }));
    return urls;
  }
}
