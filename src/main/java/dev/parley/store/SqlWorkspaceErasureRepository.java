package dev.parley.store;

import dev.parley.domain.workspace.WorkspaceErasureRepository;
import dev.parley.store.migration.WorkspaceForeignKeysMigration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;

/** {@link WorkspaceErasureRepository} in SQL: one {@code DELETE} per table, by workspace id. */
record SqlWorkspaceErasureRepository(Handle handle, Dialect dialect)
    implements WorkspaceErasureRepository {

  /**
   * Content tables, children before parents; {@code uploads} goes first, by itself: those of
   * migration 24, which gave each its foreign key to {@code workspaces} (one list serves both; that
   * one is frozen history), after the content tables later migrations added, each of which declares
   * its own foreign key.
   */
  private static final List<String> CONTENT_TABLES =
      Stream.concat(
              Stream.of(
                  "jobs",
                  "linked_objects",
                  "company_tags",
                  "webhook_fan_out"), // migrations 25, 27, 28 and 34
              WorkspaceForeignKeysMigration.CONTENT_TABLES_OF_24.stream())
          .toList();

  /** Set-up tables, the workspace row last; as {@link #CONTENT_TABLES}. */
  private static final List<String> SETUP_TABLES = WorkspaceForeignKeysMigration.SETUP_TABLES_OF_24;

  @Override
  public List<Long> conversationIds(long workspaceId) {
    return handle
        .createQuery("SELECT id FROM conversations WHERE workspace_id = :ws ORDER BY id")
        .bind("ws", workspaceId)
        .mapTo(Long.class)
        .list();
  }

  @Override
  public List<String> deleteContent(long workspaceId) {
    List<String> blobKeys = new ArrayList<>();
    handle
        .createQuery("DELETE FROM uploads WHERE workspace_id = :ws RETURNING blob_key")
        .bind("ws", workspaceId)
        .map((rs, ctx) -> rs.getString("blob_key"))
        .forEach(
            key -> {
              if (key != null) {
                blobKeys.add(key);
              }
            });
    for (String table : CONTENT_TABLES) {
      deleteAll(table, workspaceId);
    }
    return blobKeys;
  }

  @Override
  public List<String> takeUploadIntents(long workspaceId) {
    return handle
        .createQuery("DELETE FROM upload_intents WHERE workspace_id = :ws RETURNING blob_key")
        .bind("ws", workspaceId)
        .mapTo(String.class)
        .list();
  }

  @Override
  public boolean lockWorkspace(long workspaceId) {
    return handle
        .createQuery(
            "SELECT workspace_id FROM workspaces WHERE workspace_id = :ws" + dialect.forUpdate())
        .bind("ws", workspaceId)
        .mapTo(Long.class)
        .findOne()
        .isPresent();
  }

  @Override
  public boolean deleteSetup(long workspaceId) {
    for (String table : SETUP_TABLES) {
      deleteAll(table, workspaceId);
    }
    return deleteAll("workspaces", workspaceId) > 0;
  }

  private int deleteAll(String table, long workspaceId) {
    return handle
        .createUpdate("DELETE FROM " + table + " WHERE workspace_id = :ws")
        .bind("ws", workspaceId)
        .execute();
  }
}
