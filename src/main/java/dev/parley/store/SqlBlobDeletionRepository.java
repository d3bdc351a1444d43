package dev.parley.store;

import dev.parley.domain.conversation.BlobDeletionRepository;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@link BlobDeletionRepository} in SQL: the {@code blob_deletions} table. */
record SqlBlobDeletionRepository(Handle handle, Dialect dialect) implements BlobDeletionRepository {
  private static final RowMapper<Item> ITEM =
      (rs, ctx) ->
          new Item(
              rs.getLong("workspace_id"),
              rs.getString("blob_key"),
              rs.getLong("enqueued_at"),
              rs.getInt("attempts"));

  @Override
  public void enqueue(long workspaceId, String blobKey, long enqueuedAt) {
    handle
        .createUpdate(
            "INSERT INTO blob_deletions (workspace_id, blob_key, enqueued_at, attempts)"
                + " VALUES (:ws, :key, :at, 0) ON CONFLICT (workspace_id, blob_key) DO NOTHING")
        .bind("ws", workspaceId)
        .bind("key", blobKey)
        .bind("at", enqueuedAt)
        .execute();
  }

  @Override
  public List<Item> pending(int limit) {
    return handle
        .createQuery("SELECT * FROM blob_deletions ORDER BY enqueued_at, blob_key LIMIT :limit")
        .bind("limit", limit)
        .map(ITEM)
        .list();
  }

  @Override
  public List<Item> claim(int limit) {
    return handle
        .createQuery(
            "SELECT * FROM blob_deletions ORDER BY attempts, enqueued_at LIMIT :limit"
                + dialect.forUpdateSkipLocked())
        .bind("limit", limit)
        .map(ITEM)
        .list();
  }

  @Override
  public void remove(long workspaceId, String blobKey) {
    handle
        .createUpdate("DELETE FROM blob_deletions WHERE workspace_id = :ws AND blob_key = :key")
        .bind("ws", workspaceId)
        .bind("key", blobKey)
        .execute();
  }

  @Override
  public void recordFailure(long workspaceId, String blobKey) {
    handle
        .createUpdate(
            "UPDATE blob_deletions SET attempts = attempts + 1 WHERE workspace_id = :ws AND"
                + " blob_key = :key")
        .bind("ws", workspaceId)
        .bind("key", blobKey)
        .execute();
  }

  @Override
  public long count() {
    return handle.createQuery("SELECT COUNT(*) FROM blob_deletions").mapTo(Long.class).one();
  }
}
