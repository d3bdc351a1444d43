package dev.parley.store;

import dev.parley.domain.conversation.Erasure;
import dev.parley.domain.conversation.ErasureRepository;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** {@link ErasureRepository} in SQL: the {@code erasures} table. */
record SqlErasureRepository(Handle handle) implements ErasureRepository {

  @Override
  public void insert(Erasure e) {
    handle
        .createUpdate(
            "INSERT INTO erasures (workspace_id, id, conversation_id, admin_id, token_id,"
                + " erased_at, parts_erased, uploads_erased, retain_metrics) VALUES (:ws, :id,"
                + " :conversation, :admin, :token, :at, :parts, :uploads, :retain)")
        .bind("ws", e.workspaceId())
        .bind("id", e.id())
        .bind("conversation", e.conversationId())
        .bind("admin", e.adminId())
        .bind("token", e.tokenId())
        .bind("at", e.erasedAt())
        .bind("parts", e.partsErased())
        .bind("uploads", e.uploadsErased())
        .bind("retain", e.retainMetrics())
        .execute();
  }

  @Override
  public List<Erasure> page(long workspaceId, boolean ascending, int offset, int limit) {
    String order = ascending ? "ASC" : "DESC";
    return handle
        .createQuery(
            "SELECT * FROM erasures WHERE workspace_id = :ws ORDER BY erased_at "
                + order
                + ", id "
                + order
                + " LIMIT :limit OFFSET :offset")
        .bind("ws", workspaceId)
        .bind("limit", limit)
        .bind("offset", offset)
        .map(
            (rs, ctx) ->
                new Erasure(
                    rs.getLong("workspace_id"),
                    rs.getLong("id"),
                    rs.getLong("conversation_id"),
                    Rows.nullableLong(rs, "admin_id"),
                    Rows.nullableLong(rs, "token_id"),
                    rs.getLong("erased_at"),
                    rs.getInt("parts_erased"),
                    rs.getInt("uploads_erased"),
                    rs.getBoolean("retain_metrics")))
        .list();
  }

  @Override
  public long count(long workspaceId) {
    return handle
        .createQuery("SELECT COUNT(*) FROM erasures WHERE workspace_id = :ws")
        .bind("ws", workspaceId)
        .mapTo(Long.class)
        .one();
  }
}
