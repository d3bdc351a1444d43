package dev.parley.store;

import dev.parley.domain.conversation.BlobDeletionRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * {@link BlobDeletionRepository} in SQL: the {@code blob_deletions} table, as a Jdbi SqlObject
 * attached by {@link SqlRepositories#blobDeletions()}, which defines {@code <forUpdateSkipLocked>}
 * for the store's {@link Dialect}.
 */
@RegisterRowMapper(SqlBlobDeletionRepository.ItemMapper.class)
interface SqlBlobDeletionRepository extends BlobDeletionRepository {
  @Override
  @SqlUpdate(
      "INSERT INTO blob_deletions (workspace_id, blob_key, enqueued_at, attempts)"
          + " VALUES (:ws, :key, :at, 0) ON CONFLICT (workspace_id, blob_key) DO NOTHING")
  void enqueue(
      @Bind("ws") long workspaceId, @Bind("key") String blobKey, @Bind("at") long enqueuedAt);

  @Override
  @SqlQuery("SELECT * FROM blob_deletions ORDER BY enqueued_at, blob_key LIMIT :limit")
  List<Item> pending(@Bind("limit") int limit);

  @Override
  @SqlQuery(
      "SELECT * FROM blob_deletions ORDER BY attempts, enqueued_at LIMIT"
          + " :limit<forUpdateSkipLocked>")
  List<Item> claim(@Bind("limit") int limit);

  @Override
  @SqlUpdate("DELETE FROM blob_deletions WHERE workspace_id = :ws AND blob_key = :key")
  void remove(@Bind("ws") long workspaceId, @Bind("key") String blobKey);

  @Override
  @SqlUpdate(
      "UPDATE blob_deletions SET attempts = attempts + 1 WHERE workspace_id = :ws AND blob_key ="
          + " :key")
  void recordFailure(@Bind("ws") long workspaceId, @Bind("key") String blobKey);

  @Override
  @SqlQuery("SELECT COUNT(*) FROM blob_deletions")
  long count();

  /** A row of {@code blob_deletions}. */
  final class ItemMapper implements RowMapper<Item> {
    @Override
    public Item map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new Item(
          rs.getLong("workspace_id"),
          rs.getString("blob_key"),
          rs.getLong("enqueued_at"),
          rs.getInt("attempts"));
    }
  }
}
