package dev.parley.store;

import dev.parley.domain.conversation.UploadIntentRepository;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** {@link UploadIntentRepository} in SQL: the {@code upload_intents} table (V8). */
record SqlUploadIntentRepository(Handle handle, Dialect dialect) implements UploadIntentRepository {

  @Override
  public void record(long workspaceId, Collection<String> blobKeys, long createdAt) {
    PreparedBatch batch =
        handle.prepareBatch(
            "INSERT INTO upload_intents (blob_key, workspace_id, created_at) VALUES (:key, :ws,"
                + " :at)");
    for (String key : blobKeys) {
      batch.bind("key", key).bind("ws", workspaceId).bind("at", createdAt).add();
    }
    batch.execute();
  }

  @Override
  public int settle(Collection<String> blobKeys) {
    if (blobKeys.isEmpty()) {
      return 0;
    }
    return handle
        .createUpdate("DELETE FROM upload_intents WHERE blob_key IN (<keys>)")
        .bindList("keys", List.copyOf(blobKeys))
        .execute();
  }

  @Override
  public List<Intent> takeAbandoned(long cutoff, int limit) {
    List<Intent> taken =
        handle
            .createQuery(
                "SELECT workspace_id, blob_key, created_at FROM upload_intents WHERE created_at <="
                    + " :cutoff ORDER BY created_at LIMIT :limit"
                    + dialect.forUpdateSkipLocked())
            .bind("cutoff", cutoff)
            .bind("limit", limit)
            .map(
                (rs, ctx) ->
                    new Intent(
                        rs.getLong("workspace_id"),
                        rs.getString("blob_key"),
                        rs.getLong("created_at")))
            .list();
    if (!taken.isEmpty()) {
      settle(taken.stream().map(Intent::blobKey).toList());
    }
    return taken;
  }

  @Override
  public Set<String> owned(Collection<String> blobKeys) {
    if (blobKeys.isEmpty()) {
      return Set.of();
    }
    List<String> keys = List.copyOf(blobKeys);
    return new HashSet<>(
        handle
            .createQuery(
                "SELECT blob_key FROM uploads WHERE blob_key IN (<keys>)"
                    + " UNION SELECT blob_key FROM upload_intents WHERE blob_key IN (<keys>)"
                    + " UNION SELECT blob_key FROM blob_deletions WHERE blob_key IN (<keys>)")
            .bindList("keys", keys)
            .mapTo(String.class)
            .list());
  }

  @Override
  public long count() {
    return handle.createQuery("SELECT COUNT(*) FROM upload_intents").mapTo(Long.class).one();
  }
}
