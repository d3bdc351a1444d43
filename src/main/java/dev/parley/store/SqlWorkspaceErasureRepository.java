package dev.parley.store;

import dev.parley.domain.workspace.WorkspaceErasureRepository;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** {@link WorkspaceErasureRepository} in SQL: one {@code DELETE} per table, by workspace id. */
record SqlWorkspaceErasureRepository(Handle handle, Dialect dialect)
    implements WorkspaceErasureRepository {

  /** Content tables, children before parents. {@code uploads} goes first, by itself. */
  private static final List<String> CONTENT_TABLES =
      List.of(
          "conversation_parts",
          "conversation_words",
          "conversation_tags",
          "conversation_contacts",
          "conversations",
          "contact_notes",
          "contact_tags",
          "contact_events",
          "contact_event_summaries",
          "contact_companies",
          "contact_segments",
          "contact_subscriptions",
          "companies",
          "contacts",
          "tags",
          "ticket_type_attributes",
          "ticket_types",
          "ticket_states",
          "data_attributes",
          "conversation_metrics",
          "erasures",
          "admin_activity_logs",
          "export_jobs",
          "jobs",
          "linked_objects",
          "webhook_event_keys",
          "webhook_notifications",
          "webhook_events",
          "snapshot_objects",
          "snapshots");

  /** Set-up tables, the workspace row last. */
  private static final List<String> SETUP_TABLES =
      List.of(
          "away_status_reasons",
          "segments",
          "subscription_types",
          "team_members",
          "teams",
          "admins",
          "access_tokens",
          "webhook_subscriptions",
          "rate_limit_windows");

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
