package dev.parley.store.migration;

import java.sql.SQLException;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 10.1, "webhook id sequences": on PostgreSQL, the id kinds V10 (webhooks) added to
 * {@code id_counters} ({@code webhook_subscription}, {@code webhook_event}, {@code
 * webhook_notification}) become sequences, as migration 6 ({@link IdSequencesMigration}) did for
 * the kinds before them, so that transactions raising notifications do not wait for each other's
 * commits on a counter row; on SQLite it changes nothing.
 */
public final class WebhookIdSequencesMigration extends RecordedJavaMigration {
  WebhookIdSequencesMigration() {
    super("10.1", "webhook id sequences", 10_0101, true);
  }

  @Override
  public void migrate(Context context) throws SQLException {
    if (isPostgres(context.getConnection())) {
      IdSequencesMigration.countersToSequences(context.getConnection());
    }
  }
}
