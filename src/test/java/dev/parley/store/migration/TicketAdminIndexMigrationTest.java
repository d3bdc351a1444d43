package dev.parley.store.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.TestStore;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * Migration 32 on a store at version 30 (the round's store): on PostgreSQL {@code
 * conversations_tickets_admin} is keyed by assignee and creation, includes the columns the ticket
 * search checks and keeps its partial condition; on SQLite it stays as migration 29 made it.
 */
class TicketAdminIndexMigrationTest {
  @TempDir Path dir;

  @Test
  void migration32KeysTheTicketAdminIndexByCreationOnPostgresqlOnly() {
    DataSource source = freshStore();
    Migrations.configure(source).target("30").load().migrate();
    Jdbi jdbi = Jdbi.create(source);
    String before = definition(jdbi);

    assertThat(Migrations.migrate(source)).isPositive();

    if (TestStore.postgres()) {
      assertThat(before).doesNotContain("INCLUDE");
      assertThat(definition(jdbi))
          .isEqualTo(
              "CREATE INDEX conversations_tickets_admin ON public.conversations USING btree"
                  + " (workspace_id, COALESCE(admin_assignee_id, (0)::bigint), created_at, id)"
                  + " INCLUDE (state, ticket_type_id, ticket_state_id, admin_assignee_id) WHERE"
                  + " (ticket_type_id IS NOT NULL)");
    } else {
      assertThat(definition(jdbi)).isEqualTo(before).contains("COALESCE(admin_assignee_id, 0)");
    }
  }

  /** The index's definition as the database prints it. */
  private static String definition(Jdbi jdbi) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    TestStore.postgres()
                        ? "SELECT indexdef FROM pg_indexes WHERE indexname ="
                            + " 'conversations_tickets_admin'"
                        : "SELECT sql FROM sqlite_master WHERE name ="
                            + " 'conversations_tickets_admin'")
                .mapTo(String.class)
                .one());
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
