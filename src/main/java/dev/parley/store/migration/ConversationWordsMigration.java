package dev.parley.store.migration;

import dev.parley.domain.search.BodyWords;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 4.1, "Conversation words": fills {@code conversation_words} (created by V4) for the
 * conversations that existed before it: the words of each source body, as {@link BodyWords} finds
 * them, read in pages of {@value #PAGE} conversations. On a new store there is nothing to fill.
 * Runs in Flyway's transaction, so it is all or nothing.
 */
final class ConversationWordsMigration extends RecordedJavaMigration {
  /**
   * The description is the one Flyway derived from the class's first name, {@code
   * V4_1__Conversation_words}; no checksum.
   */
  ConversationWordsMigration() {
    super("4.1", "Conversation words", null, true);
  }

  private static final int PAGE = 1000;

  private record Body(long workspaceId, long id, String text) {}

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT workspace_id, id, source_body FROM conversations"
                    + " WHERE workspace_id > ? OR (workspace_id = ? AND id > ?)"
                    + " ORDER BY workspace_id, id LIMIT "
                    + PAGE);
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO conversation_words (workspace_id, conversation_id, word) VALUES (?, ?,"
                    + " ?)")) {
      long workspace = Long.MIN_VALUE;
      long id = Long.MIN_VALUE;
      while (true) {
        select.setLong(1, workspace);
        select.setLong(2, workspace);
        select.setLong(3, id);
        List<Body> page = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            page.add(new Body(rs.getLong(1), rs.getLong(2), rs.getString(3)));
          }
        }
        if (page.isEmpty()) {
          return;
        }
        for (Body body : page) {
          for (String word : BodyWords.ofBody(body.text())) {
            insert.setLong(1, body.workspaceId());
            insert.setLong(2, body.id());
            insert.setString(3, word);
            insert.addBatch();
          }
        }
        insert.executeBatch();
        Body last = page.get(page.size() - 1);
        workspace = last.workspaceId();
        id = last.id();
      }
    }
  }
}
