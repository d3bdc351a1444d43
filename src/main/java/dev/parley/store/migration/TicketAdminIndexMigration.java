package dev.parley.store.migration;

import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 32, "ticket admin index on postgresql": on PostgreSQL, {@code
 * conversations_tickets_admin} (migration 29) is made again as {@code (workspace_id,
 * COALESCE(admin_assignee_id, 0), created_at, id) INCLUDE (state, ticket_type_id, ticket_state_id,
 * admin_assignee_id)}, still over the ticket rows only; on SQLite it changes nothing (SQLite has no
 * {@code INCLUDE}, and already counts an admin's tickets from the index as it is).
 *
 * <p>Why, measured with bench/search.sh --tickets (t3: an admin's open tickets, 2,555 of the
 * admin's 3,967 at 100,000 tickets). The search compiles {@code admin_assignee_id} as {@code
 * COALESCE(admin_assignee_id, 0)}, and PostgreSQL 15 plans an index-only scan only when every
 * column the query names is in the index as a column: with the expression alone, the count read
 * every matching row from the table (4,000 buffers, 5 to 15 ms), and with {@code state} as the
 * third key the page could not follow the index's order, so it read and sorted all 2,555 rows for
 * the newest 20 (13 to 17 ms). Now the count is index-only (48 buffers, 1.2 ms) and the page walks
 * the index backwards from the newest and stops at its 20th open ticket (37 buffers, 0.1 to 0.2
 * ms). {@code state}, the type and the state are included, not keys, since the search checks them
 * row by row anyway ({@code state <> 'closed'} is no index range).
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
              + " (COALESCE(admin_assignee_id, 0)), created_at, id) INCLUDE (state, ticket_type_id,"
              + " ticket_state_id, admin_assignee_id) WHERE ticket_type_id IS NOT NULL");
    }
  }
}
