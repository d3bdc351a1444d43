package dev.parley.store.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.TestStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * Migration 30 on a store at version 29 (the round's store): the reporting record of a ticket that
 * exists gets its ticket facts (number, type, category, state and the state's category), times it
 * cannot know stay NULL, and a plain conversation's record gets none.
 */
class TicketReportingMigrationTest {
  @TempDir Path dir;

  @Test
  void migration30FillsTheTicketFactsOfTheTicketsThatExist() {
    DataSource source = freshStore();
    Migrations.configure(source).target("29").load().migrate();
    Jdbi jdbi = Jdbi.create(source);
    jdbi.useHandle(
        h -> {
          h.execute(
              "INSERT INTO workspaces (workspace_id, name, id_code, restricted, default_version,"
                  + " created_at) VALUES (7, 'w', 'abc', false, '2.14', 1)");
          h.execute(
              "INSERT INTO ticket_states (workspace_id, id, category, internal_label,"
                  + " external_label, archived) VALUES (7, 3, 'in_progress', 'In progress',"
                  + " 'In progress', false)");
          conversation(
              h,
              10,
              "ticket_type_id, ticket_state_id, ticket_category, ticket_number,"
                  + " ticket_attributes, ticket_is_shared",
              "5, 3, 'Tracker', 42, '{}', false");
          conversation(h, 11, null, null);
        });

    assertThat(Migrations.migrate(source)).isPositive();

    jdbi.useHandle(
        h -> {
          assertThat(facts(h, 10))
              .containsExactly(42L, 5L, "Tracker", 3L, "in_progress", null, null, null);
          assertThat(facts(h, 11)).containsOnlyNulls();
        });
  }

  /** A conversation row and its reporting record; {@code columns} are extra ones (a ticket's). */
  private static void conversation(Handle h, long id, String columns, String values) {
    h.execute(
        "INSERT INTO conversations (workspace_id, id, created_at, updated_at, state, is_read,"
            + " priority, custom_attributes, source_id, source_type, source_delivered_as,"
            + " source_subject, source_author_type, source_author_id, source_redacted"
            + (columns == null ? "" : ", " + columns)
            + ") VALUES (7, ?, 100, 100, 'open', false, 'not_priority', '{}', ?, 'conversation',"
            + " 'customer_initiated', '', 'user', 'c1', false"
            + (values == null ? "" : ", " + values)
            + ")",
        id,
        id + 1000);
    h.execute(
        "INSERT INTO conversation_metrics (workspace_id, conversation_id, created_at, updated_at,"
            + " state, source_type, source_delivered_as, count_parts, count_reopens,"
            + " count_assignments) VALUES (7, ?, 100, 100, 'open', 'conversation',"
            + " 'customer_initiated', 0, 0, 0)",
        id);
  }

  private static List<Object> facts(Handle h, long id) {
    Map<String, Object> row =
        h.createQuery(
                "SELECT ticket_number, ticket_type_id, ticket_category, ticket_state_id,"
                    + " ticket_state_category, ticket_state_updated_at, ticket_first_resolved_at,"
                    + " ticket_last_resolved_at FROM conversation_metrics WHERE conversation_id ="
                    + " ?")
            .bind(0, id)
            .mapToMap()
            .one();
    return Arrays.asList(
        number(row.get("ticket_number")),
        number(row.get("ticket_type_id")),
        row.get("ticket_category"),
        number(row.get("ticket_state_id")),
        row.get("ticket_state_category"),
        row.get("ticket_state_updated_at"),
        row.get("ticket_first_resolved_at"),
        row.get("ticket_last_resolved_at"));
  }

  private static Long number(Object value) {
    return value == null ? null : ((Number) value).longValue();
  }

  private DataSource freshStore() {
    if (TestStore.postgres()) {
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setUrl(TestStore.freshPostgresDatabase());
      pg.setUser(TestStore.pgUser());
      return pg;
    }
    SQLiteDataSource sqlite = new SQLiteDataSource();
    sqlite.setUrl("jdbc:sqlite:" + dir.resolve("parley.db"));
    return sqlite;
  }
}
