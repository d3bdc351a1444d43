package dev.parley.domain.workspace;

import java.util.List;

/**
 * Every row a workspace owns, by table, for deleting and resetting a workspace ({@code DELETE
 * /_parley/workspaces/{name}} and {@code POST /_parley/workspaces/{name}/reset}, issue 17). The one
 * place that lists the tables keyed by {@code workspace_id}: a new such table belongs in {@link
 * #deleteContent} or {@link #deleteSetup}.
 *
 * <p>Conversations are erased one by one before these run ({@code ConversationRepository.eraseAll},
 * under the conversation's lock); {@link #deleteContent} then removes whatever else of them is left
 * (rows of a conversation committed by a request that raced the erasure).
 *
 * <p>Deleting a workspace runs {@link #deleteContent} twice: once before {@link #lockWorkspace}
 * (taking the rows' locks in the order requests take them: rows first, then the workspace row that
 * their inserts reference), and once after it, for what other processes' requests committed in
 * between; then {@link #deleteSetup}. On PostgreSQL no row can be inserted under the workspace once
 * it is locked: every table but {@code blob_deletions} has a foreign key to {@code workspaces}
 * ({@code WorkspaceForeignKeysMigration}), whose check waits for the lock and then fails.
 */
public interface WorkspaceErasureRepository {

  /** The ids of the workspace's live conversations, ascending. */
  List<Long> conversationIds(long workspaceId);

  /**
   * Deletes the workspace's content: what is left of its conversations ({@code uploads}, {@code
   * conversation_parts}, {@code conversation_words}, {@code conversation_tags}, {@code
   * conversation_contacts}, {@code conversations}), {@code contacts}, {@code tags}, the reporting
   * records ({@code conversation_metrics}), the erasure log ({@code erasures}), {@code
   * export_jobs}, and the webhook outbox and delivery log ({@code webhook_events}, {@code
   * webhook_event_keys}, {@code webhook_notifications}). Keeps the workspace row, its admins,
   * teams, tokens, webhook subscriptions and upload intents.
   *
   * @return the blob keys of the uploads deleted here, to be queued for removal
   */
  List<String> deleteContent(long workspaceId);

  /**
   * Deletes the workspace's upload intents (replies with files still running, or left by a killed
   * process) and returns their blob keys, to be queued for removal.
   */
  List<String> takeUploadIntents(long workspaceId);

  /**
   * Locks the workspace row until the transaction ends (PostgreSQL: {@code FOR UPDATE}, which the
   * foreign keys' checks of inserts under the workspace wait for; SQLite: nothing, its one writer
   * runs transactions one at a time).
   *
   * @return whether the workspace row was there
   */
  boolean lockWorkspace(long workspaceId);

  /**
   * Deletes what makes the workspace usable, after {@link #deleteContent}: {@code team_members},
   * {@code teams}, {@code admins}, {@code access_tokens}, {@code webhook_subscriptions}, {@code
   * rate_limit_windows} and the {@code workspaces} row (its name, app id and client secret).
   *
   * @return whether the workspace row was there
   */
  boolean deleteSetup(long workspaceId);
}
