package dev.parley.store.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.search.ContactSearchFields;
import dev.parley.domain.search.ConversationSearchFields;
import dev.parley.domain.search.SearchField;
import dev.parley.domain.search.SearchFields;
import dev.parley.domain.search.SearchParser;
import dev.parley.store.Dialect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the compiler writes: request values only ever as parameters. */
class SearchCompilerTest {
  static final SearchDialect DIALECT =
      new SearchDialect() {
        @Override
        public String jsonText(String column, String keyParameter) {
          return "json(" + column + ", " + keyParameter + ")";
        }

        @Override
        public Object jsonKey(String name) {
          return "key:" + name;
        }

        @Override
        public String amongFew(String expression, String rows) {
          return expression + " among few (" + rows + ")";
        }
      };

  static SqlFilter compile(Object query, SearchFields fields) {
    return SearchCompiler.compile(SearchParser.parse(query, fields), columns(fields), DIALECT);
  }

  static SearchColumns columns(SearchFields fields) {
    return fields == ContactSearchFields.FIELDS
        ? ContactSearchColumns.COLUMNS
        : ConversationSearchColumns.COLUMNS;
  }

  static Map<String, Object> filter(String field, String operator, Object value) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("field", field);
    f.put("operator", operator);
    f.put("value", value);
    return f;
  }

  static Map<String, Object> group(String operator, Object... items) {
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("operator", operator);
    g.put("value", new ArrayList<>(Arrays.asList(items)));
    return g;
  }

  @Test
  void aListConditionEveryMatchMustSatisfyIsWrittenAmongFewWhenItsRowsAreFew() {
    List<String> asked = new ArrayList<>();
    SearchCompiler.LinkedRows few =
        (rows, params, limit) -> {
          asked.add(rows + " " + params + " " + limit);
          return true;
        };
    Object tag = filter("tag_id", "=", "7");
    Object role = filter("role", "=", "user");
    String amongFew =
        "c.id among few (SELECT x.contact_id FROM contact_tags x WHERE x.workspace_id = :ws AND"
            + " x.tag_id = :s0)";
    assertThat(compileAsking(group("AND", tag, role), few))
        .isEqualTo("(" + amongFew + " AND c.role = :s1)");
    assertThat(asked)
        .containsExactly(
            "SELECT x.contact_id FROM contact_tags x WHERE x.workspace_id = :ws AND x.tag_id = :s0"
                + " {s0=7} 2000");
    assertThat(compileAsking(tag, few)).isEqualTo(amongFew);
    assertThat(compileAsking(group("OR", tag, role), few))
        .as("in an OR a row may match without the tag")
        .startsWith("(c.id IN (SELECT");
    assertThat(compileAsking(group("AND", filter("tag_id", "!=", "7"), role), few))
        .startsWith("(c.id NOT IN (SELECT");
    assertThat(compileAsking(group("AND", tag, role), (rows, params, limit) -> false))
        .as("many rows")
        .startsWith("(c.id IN (SELECT");
  }

  static String compileAsking(Object query, SearchCompiler.LinkedRows rows) {
    return SearchCompiler.compile(
            SearchParser.parse(query, ContactSearchFields.FIELDS),
            ContactSearchColumns.COLUMNS,
            DIALECT,
            SearchCompiler.ListMatch.SUBQUERY,
            rows)
        .sql();
  }

  @Test
  void theTicketScopeChecksTypesAndStatesWithoutSeekingThemOnSqlite() {
    String lists =
        " IN (SELECT tt.id FROM ticket_types tt WHERE tt.workspace_id = :ws) AND %s IN (SELECT"
            + " ts.id FROM ticket_states ts WHERE ts.workspace_id = :ws)";
    assertThat(TicketSearchColumns.tickets(Dialect.SQLITE))
        .isEqualTo(
            "c.ticket_type_id IS NOT NULL AND +c.ticket_type_id"
                + lists.formatted("+c.ticket_state_id"));
    assertThat(TicketSearchColumns.tickets(Dialect.POSTGRESQL))
        .isEqualTo(
            "c.ticket_type_id IS NOT NULL AND c.ticket_type_id"
                + lists.formatted("c.ticket_state_id"));
  }

  @Test
  void everyKeptFieldHasAColumnAndEveryColumnAKeptField() {
    for (SearchFields fields :
        List.of(ConversationSearchFields.FIELDS, ContactSearchFields.FIELDS)) {
      List<String> kept =
          fields.all().values().stream()
              .filter(f -> f.data() == SearchField.Data.KEPT)
              .map(SearchField::name)
              .toList();
      assertThat(columns(fields).all().keySet())
          .as(fields.resource())
          .containsExactlyInAnyOrderElementsOf(kept);
    }
  }

  @Test
  void valuesBecomeNamedParametersAndNeverSqlText() {
    String hostile = "x' OR 1=1 --";
    SqlFilter f =
        compile(
            group(
                "AND",
                filter("source.subject", "=", hostile),
                group(
                    "OR",
                    filter("state", "IN", List.of("open", "snoozed")),
                    filter("source.author.email", "~", "%_!"))),
            ConversationSearchFields.FIELDS);
    assertThat(f.sql()).doesNotContain(hostile).doesNotContain("open").doesNotContain("snoozed");
    assertThat(f.sql())
        .isEqualTo(
            "(c.source_subject = :s0 AND (c.state IN (:s1, :s2) OR LOWER("
                + ConversationSearchFields.FIELDS
                    .find("source.author.email")
                    .map(
                        x ->
                            ((SearchTarget.Column) ConversationSearchColumns.COLUMNS.target(x))
                                .sql())
                    .orElseThrow()
                + ") LIKE LOWER(:s3) ESCAPE '!'))");
    assertThat(f.params())
        .containsEntry("s0", hostile)
        .containsEntry("s1", "open")
        .containsEntry("s2", "snoozed");
    assertThat(f.params())
        .as("LIKE wildcards in a value are escaped")
        .containsEntry("s3", "%!%!_!!%");
  }

  @Test
  void conversationOrderingOperatorsIncludeTheValueAsTheDescriptionReadsThem() {
    assertThat(compile(filter("created_at", ">", 5), ConversationSearchFields.FIELDS).sql())
        .isEqualTo("c.created_at >= :s0");
    assertThat(compile(filter("created_at", "<", 5), ConversationSearchFields.FIELDS).sql())
        .isEqualTo("c.created_at <= :s0");
    assertThat(compile(filter("owner_id", ">", 5), ContactSearchFields.FIELDS).sql())
        .isEqualTo("c.owner_id > :s0");
  }

  @Test
  void contactDatesAreMatchedByUtcDay() {
    long nineAm = 1_577_869_200L; // 2020-01-01T09:00Z, the description's example
    SqlFilter greater = compile(filter("created_at", ">", nineAm), ContactSearchFields.FIELDS);
    assertThat(greater.sql()).isEqualTo("c.created_at >= :s0");
    assertThat(greater.params()).containsEntry("s0", 1_577_923_200L); // 2020-01-02T00:00Z
    SqlFilter equal = compile(filter("created_at", "=", nineAm), ContactSearchFields.FIELDS);
    assertThat(equal.sql()).isEqualTo("(c.created_at >= :s0 AND c.created_at < :s1)");
    assertThat(equal.params())
        .containsEntry("s0", 1_577_836_800L)
        .containsEntry("s1", 1_577_923_200L);
    SqlFilter less = compile(filter("created_at", "<", nineAm), ContactSearchFields.FIELDS);
    assertThat(less.params()).containsEntry("s0", 1_577_836_800L);
  }

  @Test
  void negationsMatchRowsWithoutAValue() {
    assertThat(compile(filter("admin_assignee_id", "!=", 5), ConversationSearchFields.FIELDS).sql())
        .isEqualTo("(c.admin_assignee_id IS NULL OR c.admin_assignee_id <> :s0)");
    assertThat(
            compile(filter("tag_ids", "NIN", List.of("7", "8")), ConversationSearchFields.FIELDS)
                .sql())
        .isEqualTo(
            "c.id NOT IN (SELECT x.conversation_id FROM conversation_tags x WHERE x.workspace_id ="
                + " :ws AND x.tag_id IN (:s0, :s1))");
  }

  @Test
  void bodyWordsAreMatchedOneWordAtATime() {
    SqlFilter one = compile(filter("source.body", "=", "Support"), ConversationSearchFields.FIELDS);
    assertThat(one.sql()).contains("FROM conversation_words w").contains("w.word = :s0");
    assertThat(one.params()).containsEntry("s0", "support");
    assertThat(
            compile(filter("source.body", "=", "need support"), ConversationSearchFields.FIELDS)
                .sql())
        .isEqualTo("1 = 0");
    assertThat(
            compile(filter("source.body", "!=", "need support"), ConversationSearchFields.FIELDS)
                .sql())
        .isEqualTo("1 = 1");
  }

  @Test
  void idsThatAreNotIntegersMatchNoIntegerId() {
    assertThat(compile(filter("id", "=", "abc"), ConversationSearchFields.FIELDS).sql())
        .isEqualTo("1 = 0");
    assertThat(
            compile(filter("id", "IN", List.of("abc", 12)), ConversationSearchFields.FIELDS)
                .params())
        .isEqualTo(Map.of("s0", 12L));
  }

  @Test
  void fieldsWithoutDataBehaveAsNull() {
    assertThat(
            compile(filter("conversation_rating.score", "=", 5), ConversationSearchFields.FIELDS)
                .sql())
        .isEqualTo("1 = 0");
    assertThat(
            compile(
                    filter("conversation_rating.remark", "!~", "x"),
                    ConversationSearchFields.FIELDS)
                .sql())
        .isEqualTo("1 = 1");
    assertThat(
            compile(
                    filter("conversation_rating.remark", "=", null),
                    ConversationSearchFields.FIELDS)
                .sql())
        .isEqualTo("1 = 1");
    assertThat(compile(filter("browser", "=", "Firefox"), ContactSearchFields.FIELDS).sql())
        .isEqualTo("1 = 0");
  }

  @Test
  void aContactsTagIdIsAMembershipOfItsTagLinks() {
    assertThat(compile(filter("tag_id", "=", "1"), ContactSearchFields.FIELDS).sql())
        .isEqualTo(
            "c.id IN (SELECT x.contact_id FROM contact_tags x WHERE x.workspace_id = :ws AND"
                + " x.tag_id = :s0)");
  }

  @Test
  void customAttributesReadTheJsonKeyThroughTheDialect() {
    SqlFilter f =
        compile(filter("custom_attributes.plan", "=", "gold"), ContactSearchFields.FIELDS);
    assertThat(f.sql()).isEqualTo("json(c.custom_attributes, :s0) = :s1");
    assertThat(f.params()).containsEntry("s0", "key:plan").containsEntry("s1", "gold");
  }

  @Test
  void emailDomainsAreMatchedAfterTheAt() {
    SqlFilter f = compile(filter("email_domain", "=", "Example.COM"), ContactSearchFields.FIELDS);
    assertThat(f.sql()).isEqualTo("c.email LIKE :s0 ESCAPE '!'");
    assertThat(f.params()).containsEntry("s0", "%@example.com");
  }

  @Test
  void listConditionsCanBeWrittenAsCorrelatedExistsForWalkingPages() {
    SqlFilter f =
        SearchCompiler.compile(
            SearchParser.parse(
                group(
                    "AND", filter("source.body", "=", "Refund"), filter("teammate_ids", "!=", "7")),
                ConversationSearchFields.FIELDS),
            ConversationSearchColumns.COLUMNS,
            DIALECT,
            SearchCompiler.ListMatch.CORRELATED);
    assertThat(f.sql())
        .isEqualTo(
            "(EXISTS (SELECT 1 FROM conversation_words w WHERE w.workspace_id = c.workspace_id AND"
                + " w.conversation_id = c.id AND w.word = :s0) AND NOT EXISTS (SELECT 1 FROM"
                + " conversation_parts x WHERE x.workspace_id = c.workspace_id AND"
                + " x.conversation_id = c.id AND x.author_type = 'admin' AND x.author_id = :s1))");
    assertThat(f.params()).isEqualTo(Map.of("s0", "refund", "s1", "7"));
  }

  @Test
  void aSingleWordSearchIsCountedFromTheWordsAlone() {
    SqlStatement one =
        SearchCompiler.wordCount(
                SearchParser.parse(
                    filter("source.body", "=", "Refund!"), ConversationSearchFields.FIELDS),
                ConversationSearchColumns.COLUMNS)
            .orElseThrow();
    assertThat(one.sql())
        .isEqualTo(
            "SELECT COUNT(*) FROM conversation_words w WHERE w.workspace_id = :ws AND w.word ="
                + " :s0");
    assertThat(one.params()).isEqualTo(Map.of("s0", "refund"));
    SqlStatement two =
        SearchCompiler.wordCount(
                SearchParser.parse(
                    filter("source.body", "IN", List.of("a", "b c", "B")),
                    ConversationSearchFields.FIELDS),
                ConversationSearchColumns.COLUMNS)
            .orElseThrow();
    assertThat(two.sql())
        .startsWith("SELECT COUNT(DISTINCT w.conversation_id)")
        .endsWith("w.word IN (:s0, :s1)");
    assertThat(two.params()).isEqualTo(Map.of("s0", "a", "s1", "b"));
    assertThat(
            SearchCompiler.wordCount(
                SearchParser.parse(
                    filter("source.body", "=", "two words"), ConversationSearchFields.FIELDS),
                ConversationSearchColumns.COLUMNS))
        .hasValueSatisfying(s -> assertThat(s.sql()).isEqualTo("SELECT 0"));
    for (Object other :
        List.of(
            filter("source.body", "!=", "a"),
            filter("source.body", "~", "a"),
            filter("source.subject", "=", "a"),
            group("AND", filter("source.body", "=", "a")))) {
      assertThat(
              SearchCompiler.wordCount(
                  SearchParser.parse(other, ConversationSearchFields.FIELDS),
                  ConversationSearchColumns.COLUMNS))
          .as(other.toString())
          .isEmpty();
    }
  }
}
