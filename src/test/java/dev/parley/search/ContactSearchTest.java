package dev.parley.search;

import static dev.parley.search.ConversationSearchTest.and;
import static dev.parley.search.ConversationSearchTest.f;
import static dev.parley.search.ConversationSearchTest.or;
import static dev.parley.search.ConversationSearchTest.word;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /contacts/search} (Intercom 2.14 {@code SearchContacts}) on a real parley, with the
 * contact rules: 50 per page, dates matched by day, only {@code = < >} on dates, only {@code =} and
 * {@code !=} on {@code tag_id}. Each test scopes its queries to an email domain of its own.
 */
class ContactSearchTest {
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static Api api;
  static Scenario s;

  /** 2020-01-01T00:00:00Z, the day of the description's example. */
  static final long DAY = 1_577_836_800L;

  @BeforeAll
  static void setUp() {
    api = parley.api();
    s = new Scenario(api);
  }

  static Map<String, Object> within(String domain, Object query) {
    return and(f("email_domain", "=", domain), query);
  }

  static List<String> ids(Object query) {
    ApiResponse found = api.post("/contacts/search", Map.of("query", query));
    assertThat(found.status()).as(found.toString()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    found.json().path("data").forEach(c -> ids.add(c.path("id").asText()));
    assertThat(found.json().path("total_count").asLong()).isEqualTo(ids.size());
    return ids;
  }

  static String contact(String domain, String local, Map<String, Object> more) {
    Map<String, Object> body = new LinkedHashMap<>(more);
    body.put("email", local + "@" + domain);
    return s.contact(body);
  }

  static void sql(String statement, Object... args) {
    try (TestDatabase db = TestDatabase.writable(parley.process())) {
      db.execute(statement, args);
    }
  }

  @Test
  void stringFieldsTakeEqualityAndTextOperators() {
    String domain = word() + ".example";
    String ann =
        contact(
            domain,
            "ann",
            Map.of(
                "name", "Ann Archer", "role", "user", "external_id", "ext-ann", "phone", "+44 1"));
    String ben = contact(domain, "ben", Map.of("name", "Ben Baker", "role", "lead"));
    String cat =
        contact(
            domain, "cat", Map.of("name", "Cat Carter", "role", "user", "external_id", "ext-cat"));

    assertThat(ids(f("email_domain", "=", domain))).containsExactlyInAnyOrder(ann, ben, cat);
    assertThat(ids(f("email_domain", "=", domain.toUpperCase())))
        .containsExactlyInAnyOrder(ann, ben, cat);
    assertThat(ids(f("email", "=", "BEN@" + domain))).containsExactlyInAnyOrder(ben);
    assertThat(ids(within(domain, f("role", "=", "lead")))).containsExactlyInAnyOrder(ben);
    assertThat(ids(within(domain, f("role", "!=", "lead")))).containsExactlyInAnyOrder(ann, cat);
    assertThat(ids(within(domain, f("external_id", "IN", List.of("ext-ann", "ext-cat")))))
        .containsExactlyInAnyOrder(ann, cat);
    assertThat(ids(within(domain, f("external_id", "NIN", List.of("ext-ann")))))
        .as("no external id is not in")
        .containsExactlyInAnyOrder(ben, cat);
    assertThat(ids(within(domain, f("name", "~", "ARCH")))).containsExactlyInAnyOrder(ann);
    assertThat(ids(within(domain, f("name", "!~", "arch")))).containsExactlyInAnyOrder(ben, cat);
    assertThat(ids(within(domain, f("name", "^", "cat ")))).containsExactlyInAnyOrder(cat);
    assertThat(ids(within(domain, f("name", "$", "baker")))).containsExactlyInAnyOrder(ben);
    assertThat(ids(within(domain, f("phone", "!=", null)))).containsExactlyInAnyOrder(ann);
    assertThat(ids(within(domain, f("id", "=", cat)))).containsExactlyInAnyOrder(cat);
    assertThat(ids(within(domain, or(f("id", "=", ann), f("email", "^", "ben@")))))
        .containsExactlyInAnyOrder(ann, ben);
    assertThat(ids(f("email_domain", "$", domain.substring(domain.length() - 12))))
        .containsExactlyInAnyOrder(ann, ben, cat);
  }

  @Test
  void datesAreMatchedByCalendarDayAndGreaterStartsAtTheNextDay() {
    String domain = word() + ".example";
    String before = contact(domain, "before", Map.of());
    String morning = contact(domain, "morning", Map.of());
    String night = contact(domain, "night", Map.of());
    String next = contact(domain, "next", Map.of());
    sql("UPDATE contacts SET created_at = ? WHERE id = ?", DAY - 1, before);
    sql("UPDATE contacts SET created_at = ? WHERE id = ?", DAY + 9 * 3600, morning);
    sql("UPDATE contacts SET created_at = ? WHERE id = ?", DAY + 86_399, night);
    sql("UPDATE contacts SET created_at = ? WHERE id = ?", DAY + 86_400, next);
    long nineAm = DAY + 9 * 3600; // the description's example: 1577869200

    assertThat(ids(within(domain, f("created_at", "=", nineAm))))
        .containsExactlyInAnyOrder(morning, night);
    assertThat(ids(within(domain, f("created_at", "=", DAY))))
        .containsExactlyInAnyOrder(morning, night);
    assertThat(ids(within(domain, f("created_at", ">", nineAm)))).containsExactlyInAnyOrder(next);
    assertThat(ids(within(domain, f("created_at", "<", nineAm)))).containsExactlyInAnyOrder(before);
    assertThat(ids(within(domain, f("created_at", ">", Long.toString(DAY - 86_400)))))
        .as("oldest first")
        .containsExactly(morning, night, next);
    assertThat(ids(within(domain, f("created_at", "<", nineAm * 1000))))
        .as("milliseconds are valid input")
        .hasSize(4);
    assertThat(ids(within(domain, f("signed_up_at", "=", null)))).hasSize(4);
    assertThat(ids(within(domain, f("last_seen_at", ">", 0)))).isEmpty();
  }

  @Test
  void dateFieldsRefuseEveryOperatorButEqualsLessAndGreater() {
    for (String op : List.of("!=", ">=", "<=", "IN", "NIN", "~")) {
      Object value = op.endsWith("IN") ? List.of(DAY) : DAY;
      ApiResponse refused =
          api.post("/contacts/search", Map.of("query", f("created_at", op, value)));
      assertThat(refused.status()).as(op + " " + refused).isEqualTo(400);
      assertThat(refused.errorCode()).isEqualTo("parameter_invalid");
      assertThat(refused.json().path("errors").path(0).path("field").asText())
          .isEqualTo("query.operator");
    }
  }

  @Test
  void tagIdTakesOnlyEqualsAndNotEquals() {
    String domain = word() + ".example";
    String a = contact(domain, "a", Map.of());
    // an untagged contact: no tag matches =, every tag matches != (ContactNotesAndTagsTest tags)
    assertThat(ids(within(domain, f("tag_id", "=", "3000001")))).isEmpty();
    assertThat(ids(within(domain, f("tag_id", "!=", "3000001")))).containsExactlyInAnyOrder(a);
    assertThat(ids(within(domain, f("tag_id", "=", "abc")))).isEmpty();
    for (String op : List.of("IN", "NIN", "~", "^")) {
      Object value = op.endsWith("IN") ? List.of("1") : "1";
      ApiResponse refused = api.post("/contacts/search", Map.of("query", f("tag_id", op, value)));
      assertThat(refused.status()).as(op).isEqualTo(400);
      assertThat(refused.errorCode()).isEqualTo("parameter_invalid");
    }
  }

  @Test
  void integersTakeStrictOrderingOperatorsAndBooleansEquality() {
    String domain = word() + ".example";
    String one = contact(domain, "one", Map.of("owner_id", 1, "unsubscribed_from_emails", true));
    String five = contact(domain, "five", Map.of("owner_id", 5));
    String none = contact(domain, "none", Map.of());

    assertThat(ids(within(domain, f("owner_id", ">", 1)))).containsExactlyInAnyOrder(five);
    assertThat(ids(within(domain, f("owner_id", ">=", 1)))).containsExactlyInAnyOrder(one, five);
    assertThat(ids(within(domain, f("owner_id", "<", 5)))).containsExactlyInAnyOrder(one);
    assertThat(ids(within(domain, f("owner_id", "<=", "5")))).containsExactlyInAnyOrder(one, five);
    assertThat(ids(within(domain, f("owner_id", "!=", 5)))).containsExactlyInAnyOrder(one, none);
    assertThat(ids(within(domain, f("owner_id", "IN", List.of(1, 5)))))
        .containsExactlyInAnyOrder(one, five);
    assertThat(ids(within(domain, f("unsubscribed_from_emails", "=", true))))
        .containsExactlyInAnyOrder(one);
    assertThat(ids(within(domain, f("unsubscribed_from_emails", "!=", true))))
        .containsExactlyInAnyOrder(five, none);
    assertThat(ids(within(domain, f("has_hard_bounced", "=", false))))
        .as("rendered false")
        .containsExactlyInAnyOrder(one, five, none);
    assertThat(ids(within(domain, f("marked_email_as_spam", "=", true)))).isEmpty();
  }

  @Test
  void customAttributesAreComparedAsTheTextOfTheirValues() {
    String domain = word() + ".example";
    String gold =
        contact(
            domain,
            "gold",
            Map.of(
                "custom_attributes",
                Map.of("plan", "Gold", "seats", 5, "vip", true, "ratio", 12.75)));
    String silver =
        contact(
            domain,
            "silver",
            Map.of("custom_attributes", Map.of("plan", "silver", "seats", 12, "vip", false)));
    String bare = contact(domain, "bare", Map.of());

    assertThat(ids(within(domain, f("custom_attributes.plan", "=", "Gold"))))
        .containsExactlyInAnyOrder(gold);
    assertThat(ids(within(domain, f("custom_attributes.plan", "~", "OLD"))))
        .containsExactlyInAnyOrder(gold);
    assertThat(ids(within(domain, f("custom_attributes.plan", "!=", "Gold"))))
        .containsExactlyInAnyOrder(silver, bare);
    assertThat(ids(within(domain, f("custom_attributes.plan", "=", null))))
        .containsExactlyInAnyOrder(bare);
    assertThat(ids(within(domain, f("custom_attributes.seats", "=", 5))))
        .containsExactlyInAnyOrder(gold);
    assertThat(ids(within(domain, f("custom_attributes.seats", "IN", List.of("12", 7)))))
        .containsExactlyInAnyOrder(silver);
    assertThat(ids(within(domain, f("custom_attributes.vip", "=", true))))
        .containsExactlyInAnyOrder(gold);
    assertThat(ids(within(domain, f("custom_attributes.vip", "=", "false"))))
        .containsExactlyInAnyOrder(silver);
    assertThat(ids(within(domain, f("custom_attributes.ratio", "=", "12.75"))))
        .containsExactlyInAnyOrder(gold);
    assertThat(ids(within(domain, f("custom_attributes.missing", "!=", "x"))))
        .containsExactlyInAnyOrder(gold, silver, bare);
  }

  @Test
  void fieldsParleyHasNoDataForBehaveAsNull() {
    String domain = word() + ".example";
    String a = contact(domain, "a", Map.of());
    assertThat(ids(within(domain, f("browser", "=", null)))).containsExactlyInAnyOrder(a);
    assertThat(ids(within(domain, f("location.country", "=", "France")))).isEmpty();
    assertThat(ids(within(domain, f("browser_language", "!=", "1")))).containsExactlyInAnyOrder(a);
    assertThat(ids(within(domain, f("andoid_sdk_version", "~", "1")))).isEmpty();
    assertThat(ids(within(domain, f("last_email_opened_at", "<", DAY)))).isEmpty();
  }

  @Test
  void pagesHoldFiftyByDefaultAndTheCursorWalksToTheEnd() {
    String domain = word() + ".example";
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 55; i++) {
      made.add(contact(domain, "p" + i, Map.of()));
    }
    for (int i = 0; i < made.size(); i++) {
      sql("UPDATE contacts SET created_at = ? WHERE id = ?", DAY + (i / 4), made.get(i));
    }
    List<String> expected = new ArrayList<>(made);
    expected.sort(
        (x, y) -> {
          int byTime = Integer.compare(made.indexOf(x) / 4, made.indexOf(y) / 4);
          return byTime != 0 ? byTime : x.compareTo(y);
        });

    ApiResponse first =
        api.post("/contacts/search", Map.of("query", f("email_domain", "=", domain)));
    JsonNode body = first.json();
    assertThat(body.path("type").asText()).isEqualTo("list");
    assertThat(body.path("data")).hasSize(50);
    assertThat(body.path("total_count").asInt()).isEqualTo(55);
    assertThat(body.path("pages").path("per_page").asInt()).isEqualTo(50);
    assertThat(body.path("pages").path("total_pages").asInt()).isEqualTo(2);

    List<String> seen = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      Map<String, Object> pagination = new LinkedHashMap<>();
      pagination.put("per_page", 20);
      if (after != null) {
        pagination.put("starting_after", after);
      }
      ApiResponse page =
          api.post(
              "/contacts/search",
              Map.of("query", f("email_domain", "=", domain), "pagination", pagination));
      assertThat(page.status()).as(page.toString()).isEqualTo(200);
      pages++;
      assertThat(page.json().path("pages").path("page").asInt()).isEqualTo(pages);
      page.json().path("data").forEach(c -> seen.add(c.path("id").asText()));
      JsonNode next = page.json().path("pages").path("next");
      after = next.isMissingNode() ? null : next.path("starting_after").asText();
    } while (after != null && pages < 10);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).as("oldest first, no skip, no repeat").containsExactlyElementsOf(expected);
  }

  /**
   * A tag's search, paged: a large tag (more matches than {@code Dialect.FEW_MATCHES}, so the page
   * walks the creation order and checks the tag on each row) and a small one (its contacts are
   * found first and sorted), both paged through {@code starting_after} across contacts created in
   * the same second. The rows come straight from SQL, 2,400 of them being too many to create one
   * request at a time.
   */
  @Test
  void largeAndSmallTagsPageInCreationOrderWithoutSkipOrRepeat() {
    String domain = word() + ".example";
    String prefix = word();
    String anchor = contact(domain, "anchor", Map.of("role", "user"));
    sql("UPDATE contacts SET created_at = ? WHERE id = ?", DAY - 1, anchor);
    long large = tag();
    long small = tag();
    sql(
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2399) INSERT INTO"
            + " contacts (workspace_id, id, role, email, unsubscribed_from_emails,"
            + " custom_attributes, archived, created_at, updated_at) SELECT a.workspace_id, CAST(?"
            + " AS TEXT) || n.i, CASE WHEN n.i % 10 = 0 THEN 'lead' ELSE 'user' END, 'p' || n.i ||"
            + " '@' || CAST(? AS TEXT), 1 = 0, '{}', 1 = 0, CAST(? AS BIGINT) + n.i / 3, CAST(? AS"
            + " BIGINT) FROM n, contacts a WHERE a.id = ?",
        prefix, domain, DAY, DAY, anchor);
    sql(
        "INSERT INTO contact_tags (workspace_id, contact_id, tag_id, applied_at)"
            + " SELECT workspace_id, id, ?, 0 FROM contacts WHERE email LIKE ?",
        large,
        "%@" + domain);
    for (int i : new int[] {3, 4, 5, 30}) {
      sql(
          "INSERT INTO contact_tags (workspace_id, contact_id, tag_id, applied_at)"
              + " SELECT workspace_id, id, ?, 0 FROM contacts WHERE id = ?",
          small,
          prefix + i);
    }
    List<String> users = new ArrayList<>();
    users.add(anchor);
    List<Integer> made = new ArrayList<>();
    for (int i = 0; i < 2400; i++) {
      if (i % 10 != 0) {
        made.add(i);
      }
    }
    made.sort(
        (x, y) ->
            x / 3 != y / 3 ? Integer.compare(x / 3, y / 3) : (prefix + x).compareTo(prefix + y));
    made.forEach(i -> users.add(prefix + i));

    assertThat(
            pagedIds(
                within(domain, and(f("tag_id", "=", "" + large), f("role", "=", "user"))), 150))
        .as("the large tag's users, oldest first")
        .containsExactlyElementsOf(users);
    assertThat(
            pagedIds(within(domain, and(f("tag_id", "=", "" + small), f("role", "=", "user"))), 2))
        .as("the small tag's users (contact 30 is a lead), oldest first, ties by id")
        .containsExactlyElementsOf(
            users.stream()
                .filter(id -> List.of(prefix + 3, prefix + 4, prefix + 5).contains(id))
                .toList());
    assertThat(pagedIds(within(domain, f("tag_id", "=", "" + small)), 3))
        .containsExactlyInAnyOrder(prefix + 3, prefix + 4, prefix + 5, prefix + 30);
  }

  /** A new tag of the workspace, by {@code POST /tags}; its id. */
  static long tag() {
    ApiResponse made = api.post("/tags", Map.of("name", word()));
    assertThat(made.status()).as(made.toString()).isEqualTo(200);
    return made.json().path("id").asLong();
  }

  /** Every page of {@code query}, {@code perPage} at a time through {@code starting_after}. */
  static List<String> pagedIds(Object query, int perPage) {
    List<String> seen = new ArrayList<>();
    String after = null;
    long total = -1;
    do {
      Map<String, Object> pagination = new LinkedHashMap<>();
      pagination.put("per_page", perPage);
      if (after != null) {
        pagination.put("starting_after", after);
      }
      ApiResponse page =
          api.post("/contacts/search", Map.of("query", query, "pagination", pagination));
      assertThat(page.status()).as(page.toString()).isEqualTo(200);
      total = page.json().path("total_count").asLong();
      page.json().path("data").forEach(c -> seen.add(c.path("id").asText()));
      JsonNode next = page.json().path("pages").path("next");
      after = next.isMissingNode() ? null : next.path("starting_after").asText();
    } while (after != null && seen.size() <= total);
    assertThat(seen).as("total_count").hasSize((int) total);
    return seen;
  }

  static Stream<Arguments> invalidBodies() {
    return Stream.of(
        Arguments.of("no query", Map.of(), "query"),
        Arguments.of(
            "a date compared with words",
            Map.of("query", f("created_at", ">", "foorbar")),
            "query.value"),
        Arguments.of("an unknown field", Map.of("query", f("colour", "=", "red")), "query.field"),
        Arguments.of(
            "a conversation field", Map.of("query", f("source.body", "=", "x")), "query.field"),
        Arguments.of(
            "AND on a single filter", Map.of("query", f("email", "AND", "x")), "query.operator"),
        Arguments.of(
            "a text operator on an integer",
            Map.of("query", f("owner_id", "~", 1)),
            "query.operator"),
        Arguments.of(
            "a page over 150",
            Map.of("query", f("role", "=", "user"), "pagination", Map.of("per_page", 151)),
            "pagination.per_page"));
  }

  @ParameterizedTest(name = "{0} answers 400 parameter_invalid")
  @MethodSource("invalidBodies")
  void invalidSearchesAnswer400ParameterInvalid(String what, Object body, String field) {
    ApiResponse response = api.post("/contacts/search", body);
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("parameter_invalid");
    assertThat(response.json().path("errors").path(0).path("field").asText()).isEqualTo(field);
  }
}
