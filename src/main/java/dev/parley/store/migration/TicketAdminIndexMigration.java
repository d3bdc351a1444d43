package dev.parley.store.migration;

import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 32, "ticket admin index on postgresql": on PostgreSQL, {@code
 * conversations_tickets_admin} (migration 29) is made again with {@code admin_assignee_id} as an
 * {@code INCLUDE} column; on SQLite it changes nothing (SQLite has no {@code INCLUDE}, and already
 * counts from the index as it is).
 *
 * <p>Why: the index's second key is the expression {@code COALESCE(admin_assignee_id, 0)}, which
 * the ticket search compiles for {@code admin_assignee_id}. PostgreSQL 15 plans an index-only scan
 * only when every column the query names is in the index as a column, so with the expression alone
 * each count of an admin's tickets read every matching row from the table (bench/search.sh
 * --tickets, t3 at 100,000 tickets: about 4,000 buffers and 5 to 15 ms per count; with the column
 * included, index-only, 48 buffers and 1.7 ms).
 */
public final class TicketAdminIndexMigration extends RecordedJavaMigration {
  TicketAdminIndexMigration() {
    super("32", "ticket admin index on postgresql", 32_0000, true);
  }

  @Override
  public void migrate(Context context) throws SQLException {
    if (!isPostgres(context.getConnection())) {
      return;
    }
    try (Statement statement = context.getConnection().createStatement()) {
      statement.execute("DROP INDEX conversations_tickets_admin");
      statement.execute(
          "CREATE INDEX conversations_tickets_admin ON conversations (workspace_id,"
              + " (COALESCE(admin_assignee_id, 0)), state, ticket_type_id, ticket_state_id,"
              + " created_at, id) INCLUDE (admin_assignee_id) WHERE ticket_type_id IS NOT NULL");
    }
  }
}
