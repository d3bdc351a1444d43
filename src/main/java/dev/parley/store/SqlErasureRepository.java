package dev.parley.store;

import dev.parley.domain.conversation.Erasure;
import dev.parley.domain.conversation.ErasureRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * {@link ErasureRepository} in SQL: the {@code erasures} table, as a Jdbi SqlObject (attached to a
 * transaction's handle by {@link SqlRepositories#erasures()}).
 */
@RegisterRowMapper(SqlErasureRepository.ErasureMapper.class)
interface SqlErasureRepository extends ErasureRepository {
  @Override
  @SqlUpdate(
      "INSERT INTO erasures (workspace_id, id, conversation_id, admin_id, token_id, erased_at,"
          + " parts_erased, uploads_erased, retain_metrics) VALUES (:workspaceId, :id,"
          + " :conversationId, :adminId, :tokenId, :erasedAt, :partsErased, :uploadsErased,"
          + " :retainMetrics)")
  void insert(@BindMethods Erasure e);

  @Override
  default List<Erasure> page(long workspaceId, boolean ascending, int offset, int limit) {
    return page(workspaceId, ascending ? "ASC" : "DESC", offset, limit);
  }

  /** A page in {@code order} ({@code ASC} or {@code DESC}) of time, then id. */
  @SqlQuery(
      "SELECT * FROM erasures WHERE workspace_id = :ws ORDER BY erased_at <order>, id <order>"
          + " LIMIT :limit OFFSET :offset")
  List<Erasure> page(
      @Bind("ws") long workspaceId,
      @Define("order") String order,
      @Bind("offset") int offset,
      @Bind("limit") int limit);

  @Override
  @SqlQuery("SELECT COUNT(*) FROM erasures WHERE workspace_id = :ws")
  long count(@Bind("ws") long workspaceId);

  /** A row of {@code erasures}. */
  final class ErasureMapper implements RowMapper<Erasure> {
    @Override
    public Erasure map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new Erasure(
          rs.getLong("workspace_id"),
          rs.getLong("id"),
          rs.getLong("conversation_id"),
          Rows.nullableLong(rs, "admin_id"),
          Rows.nullableLong(rs, "token_id"),
          rs.getLong("erased_at"),
          rs.getInt("parts_erased"),
          rs.getInt("uploads_erased"),
          rs.getBoolean("retain_metrics"));
    }
  }
}
