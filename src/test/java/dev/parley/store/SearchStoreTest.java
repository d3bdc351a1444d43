package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Store;
import dev.parley.domain.conversation.AuthorType;
import dev.parley.domain.conversation.Conversation;
import dev.parley.domain.conversation.ConversationPart;
import dev.parley.domain.conversation.ConversationState;
import dev.parley.domain.conversation.PartType;
import dev.parley.domain.conversation.Priority;
import dev.parley.domain.search.ConversationSearchFields;
import dev.parley.domain.search.SearchParser;
import dev.parley.domain.search.SearchQuery;
import dev.parley.domain.workspace.Workspace;
import dev.parley.store.migration.Migrations;
import dev.parley.store.search.ConversationSearchColumns;
import dev.parley.store.search.SearchCompiler;
import dev.parley.store.search.SqlFilter;
import dev.parley.testing.TestStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * The words of {@code source.body} search in the store itself, on SQLite and PostgreSQL: kept in
 * step when a source body changes (redaction goes through {@code update}), and filled in for
 * conversations that existed before the table did (migration V4_1).
 */
class SearchStoreTest {
  @TempDir Path dir;

  private String postgresUrl;

  private Store open() {
    Store store;
    if (TestStore.postgres()) {
      if (postgresUrl == null) {
        postgresUrl = TestStore.freshPostgresDatabase();
      }
      store = new PostgresStore(postgresUrl, TestStore.pgUser(), null, 2);
    } else {
      store = new SqliteStore(dir.resolve("parley.db"), 2);
    }
    // The rows written here belong to workspaces 1 and 2, which must exist (on PostgreSQL a
    // foreign key requires them: migration 24).
    store.write(
        repos -> {
          for (long id : new long[] {1, 2}) {
            if (repos.workspaces().find(id).isEmpty()) {
              repos
                  .workspaces()
                  .insert(new Workspace(id, "w" + id, "app" + id, false, "2.14", 0, null));
            }
          }
          return null;
        });
    return store;
  }

  private DataSource dataSource() {
    if (TestStore.postgres()) {
      if (postgresUrl == null) {
        postgresUrl = TestStore.freshPostgresDatabase();
      }
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setUrl(postgresUrl);
      pg.setUser(TestStore.pgUser());
      return pg;
    }
    SQLiteDataSource sqlite = new SQLiteDataSource();
    sqlite.setUrl("jdbc:sqlite:" + dir.resolve("parley.db"));
    return sqlite;
  }

  private static Conversation conversation(long id, String body) {
    return new Conversation(
        1,
        id,
        1_700_000_000L + id,
        1_700_000_000L + id,
        null,
        ConversationState.OPEN,
        false,
        Priority.NOT_PRIORITY,
        null,
        null,
        null,
        null,
        new LinkedHashMap<>(),
        new Conversation.Source(
            500 + id,
            "conversation",
            "customer_initiated",
            "",
            body,
            AuthorType.USER,
            "c" + id,
            null,
            false),
        null);
  }

  private static List<Long> find(Store store, String word) {
    SearchQuery query =
        SearchParser.parse(
            Map.of("field", "source.body", "operator", "=", "value", word),
            ConversationSearchFields.FIELDS);
    return store.read(
        repos ->
            repos.conversations().search(1, query, null, null, 50).rows().stream()
                .map(Conversation::id)
                .toList());
  }

  @Test
  void aChangedSourceBodyRewritesItsWordsAndAnUnchangedOneKeepsThem() {
    try (Store store = open()) {
      store.write(
          repos -> {
            repos.conversations().insert(conversation(1, "<p>My card number is secret</p>"));
            repos.conversations().insert(conversation(2, "<p>secret plans</p>"));
            return null;
          });
      assertThat(find(store, "secret")).containsExactly(2L, 1L);
      assertThat(find(store, "card")).containsExactly(1L);

      Conversation redacted = conversation(1, "<p><i>This message was deleted</i></p>");
      store.write(
          repos -> {
            repos.conversations().update(redacted);
            repos.conversations().update(conversation(2, "<p>secret plans</p>"));
            return null;
          });
      assertThat(find(store, "card")).isEmpty();
      assertThat(find(store, "secret")).containsExactly(2L);
      assertThat(find(store, "deleted")).containsExactly(1L);
      SearchQuery either =
          SearchParser.parse(
              Map.of(
                  "field", "source.body", "operator", "IN", "value", List.of("secret", "message")),
              ConversationSearchFields.FIELDS);
      long matching =
          store.read(repos -> repos.conversations().search(1, either, null, null, 1).total());
      assertThat(matching).isEqualTo(2);

      store.write(repos -> repos.conversations().eraseAll(1, 2));
      assertThat(find(store, "secret")).isEmpty();
    }
  }

  @Test
  void conversationsMadeBeforeTheWordsTableGetTheirWordsWhenTheStoreIsMigrated() throws Exception {
    DataSource source = dataSource();
    Migrations.configure(source).target("4").load().migrate();
    try (Connection c = source.getConnection();
        Statement s = c.createStatement()) {
      // Their workspaces, which migration 24 (PostgreSQL) requires of every row.
      s.addBatch(
          "INSERT INTO workspaces (workspace_id, name, id_code, restricted, default_version,"
              + " created_at) VALUES (1, 'w1', 'app1', FALSE, '2.14', 0), (2, 'w2', 'app2',"
              + " FALSE, '2.14', 0)");
      for (int id = 1; id <= 1203; id++) {
        String body =
            id == 7
                ? "'<p>Older &amp; WISER words</p>'"
                : id == 8 ? "NULL" : "'<p>filler " + id + "</p>'";
        s.addBatch(
            "INSERT INTO conversations (workspace_id, id, created_at, updated_at, state, is_read,"
                + " priority, custom_attributes, source_id, source_type, source_delivered_as,"
                + " source_subject, source_body, source_author_type, source_author_id,"
                + " source_redacted) VALUES ("
                + (id % 2 + 1)
                + ", "
                + id
                + ", "
                + id
                + ", "
                + id
                + ", 'open', FALSE, 'not_priority', '{}', "
                + id
                + ", 'conversation', 'customer_initiated', '', "
                + body
                + ", 'user', 'c', FALSE)");
      }
      c.setAutoCommit(false);
      s.executeBatch();
      c.commit();
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM conversation_words")) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
      }
    }

    try (Store store = open()) {
      List<List<Object>> rows = new ArrayList<>();
      try (Connection c = source.getConnection();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT workspace_id, word FROM conversation_words WHERE conversation_id = 7"
                      + " ORDER BY word")) {
        while (rs.next()) {
          rows.add(List.of(rs.getLong(1), rs.getString(2)));
        }
      }
      assertThat(rows)
          .containsExactly(List.of(2L, "older"), List.of(2L, "wiser"), List.of(2L, "words"));
      try (Connection c = source.getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM conversation_words")) {
        rs.next();
        assertThat(rs.getLong(1))
            .as("two words for each of 1201 fillers, three for #7, none for #8")
            .isEqualTo(2 * 1201 + 3);
      }
      SearchQuery query =
          SearchParser.parse(
              Map.of("field", "source.body", "operator", "=", "value", "filler"),
              ConversationSearchFields.FIELDS);
      long first =
          store.read(repos -> repos.conversations().search(1, query, null, null, 1).total());
      long second =
          store.read(repos -> repos.conversations().search(2, query, null, null, 1).total());
      assertThat(first).as("even ids but #8, workspace 1").isEqualTo(600);
      assertThat(second).as("odd ids but #7, workspace 2").isEqualTo(601);
    }
  }

  /** Ids of workspace 1's conversations matching the query compiled with {@code lists}. */
  private List<Long> idsWith(Jdbi jdbi, Object query, SearchCompiler.ListMatch lists) {
    SqlFilter filter =
        SearchCompiler.compile(
            SearchParser.parse(query, ConversationSearchFields.FIELDS),
            ConversationSearchColumns.COLUMNS,
            TestStore.postgres() ? Dialect.POSTGRESQL : Dialect.SQLITE,
            lists);
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT c.id FROM conversations c WHERE c.workspace_id = :ws AND "
                        + filter.sql()
                        + " ORDER BY c.id")
                .bind("ws", 1L)
                .bindMap(filter.params())
                .mapTo(Long.class)
                .list());
  }

  @Test
  void listConditionsMeanTheSameWrittenAsSubqueriesOrAsCorrelatedExists() {
    try (Store store = open()) {
      store.write(
          repos -> {
            for (long id = 1; id <= 12; id++) {
              String body =
                  "<p>word" + (id % 3) + " shared " + (id % 4 == 0 ? "rare" : "") + "</p>";
              repos.conversations().insert(conversation(id, body));
              repos.conversationLinks().insertContact(1, id, "contact" + (id % 5), 0);
              if (id % 2 == 0) {
                repos.conversationLinks().insertTag(1, id, 3_000_000 + id % 3, 1, null);
              }
              if (id % 3 == 0) {
                repos
                    .conversationParts()
                    .insertPart(
                        new ConversationPart(
                            1,
                            900 + id,
                            id,
                            PartType.COMMENT,
                            "<p>hi</p>",
                            1,
                            1,
                            1,
                            AuthorType.ADMIN,
                            Long.toString(1_000_000 + id % 2),
                            null,
                            null,
                            List.of(),
                            ConversationState.OPEN,
                            false));
              }
            }
            return null;
          });
      Jdbi jdbi = Jdbi.create(dataSource());
      List<Object> queries =
          List.of(
              Map.of("field", "source.body", "operator", "=", "value", "word1"),
              Map.of("field", "source.body", "operator", "!=", "value", "rare"),
              Map.of("field", "source.body", "operator", "IN", "value", List.of("word0", "rare")),
              Map.of("field", "source.body", "operator", "NIN", "value", List.of("word0", "rare")),
              Map.of("field", "source.body", "operator", "^", "value", "RA"),
              Map.of("field", "source.body", "operator", "!~", "value", "rar"),
              Map.of("field", "tag_ids", "operator", "=", "value", "3000001"),
              Map.of("field", "tag_ids", "operator", "NIN", "value", List.of("3000001", "3000002")),
              nullValue("tag_ids", "="),
              Map.of(
                  "field",
                  "contact_ids",
                  "operator",
                  "IN",
                  "value",
                  List.of("contact1", "contact3")),
              Map.of("field", "contact_ids", "operator", "$", "value", "4"),
              Map.of("field", "teammate_ids", "operator", "=", "value", "1000001"),
              Map.of("field", "teammate_ids", "operator", "!=", "value", "1000001"),
              Map.of(
                  "operator",
                  "OR",
                  "value",
                  List.of(
                      Map.of("field", "source.body", "operator", "=", "value", "rare"),
                      Map.of("field", "teammate_ids", "operator", "=", "value", 1_000_000))));
      for (Object query :
          List.of(
              Map.of("field", "source.body", "operator", "=", "value", "WORD2"),
              Map.of(
                  "field",
                  "source.body",
                  "operator",
                  "IN",
                  "value",
                  List.of("word1", "rare", "shared!")))) {
        SearchQuery parsed = SearchParser.parse(query, ConversationSearchFields.FIELDS);
        long counted =
            store.read(repos -> repos.conversations().search(1, parsed, null, null, 1).total());
        assertThat(counted)
            .as("counted from the words alone: %s", query)
            .isEqualTo(idsWith(jdbi, query, SearchCompiler.ListMatch.SUBQUERY).size())
            .isPositive();
      }
      for (Object query : queries) {
        List<Long> subquery = idsWith(jdbi, query, SearchCompiler.ListMatch.SUBQUERY);
        List<Long> correlated = idsWith(jdbi, query, SearchCompiler.ListMatch.CORRELATED);
        assertThat(correlated).as(query.toString()).isEqualTo(subquery);
        assertThat(subquery)
            .as("%s matches some but not all", query)
            .isNotEmpty()
            .hasSizeLessThan(12);
      }
    }
  }

  /** A condition whose value is JSON null (Map.of takes no null). */
  private static Map<String, Object> nullValue(String field, String operator) {
    Map<String, Object> condition =
        new java.util.HashMap<>(Map.of("field", field, "operator", operator));
    condition.put("value", null);
    return condition;
  }
}
