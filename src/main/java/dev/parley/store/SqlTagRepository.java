package dev.parley.store;

import dev.parley.domain.tag.Tag;
import dev.parley.domain.tag.TagRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * {@link TagRepository} in SQL, as a Jdbi SqlObject attached by {@link SqlRepositories#tags()};
 * {@code name_key} is the lower-cased name, unique.
 */
@RegisterRowMapper(SqlTagRepository.TagMapper.class)
interface SqlTagRepository extends TagRepository {
  /** A row of {@code tags}; conversations' tags are read with it too. */
  RowMapper<Tag> TAG = new TagMapper();

  @Override
  default void insert(Tag tag) {
    insert(tag, tag.name().toLowerCase(Locale.ROOT));
  }

  @SqlUpdate(
      "INSERT INTO tags (workspace_id, id, name, name_key, created_at)"
          + " VALUES (:workspaceId, :id, :name, :key, :createdAt)")
  void insert(@BindMethods Tag tag, @Bind("key") String nameKey);

  @Override
  @SqlQuery("SELECT * FROM tags WHERE workspace_id = :ws AND id = :id")
  Optional<Tag> find(@Bind("ws") long workspaceId, @Bind("id") long tagId);

  @Override
  default Optional<Tag> findByName(long workspaceId, String name) {
    return findByKey(workspaceId, name.toLowerCase(Locale.ROOT));
  }

  @SqlQuery("SELECT * FROM tags WHERE workspace_id = :ws AND name_key = :key")
  Optional<Tag> findByKey(@Bind("ws") long workspaceId, @Bind("key") String nameKey);

  @Override
  default Map<Long, Tag> findAll(long workspaceId, Collection<Long> tagIds) {
    Map<Long, Tag> tags = new LinkedHashMap<>();
    if (!tagIds.isEmpty()) {
      findIn(workspaceId, List.copyOf(tagIds)).forEach(t -> tags.put(t.id(), t));
    }
    return tags;
  }

  @SqlQuery("SELECT * FROM tags WHERE workspace_id = :ws AND id IN (<ids>)")
  List<Tag> findIn(@Bind("ws") long workspaceId, @BindList("ids") List<Long> tagIds);

  @Override
  @SqlQuery("SELECT * FROM tags WHERE workspace_id = :ws ORDER BY id")
  List<Tag> list(@Bind("ws") long workspaceId);

  @Override
  default void rename(long workspaceId, long tagId, String name) {
    rename(workspaceId, tagId, name, name.toLowerCase(Locale.ROOT));
  }

  @SqlUpdate("UPDATE tags SET name = :name, name_key = :key WHERE workspace_id = :ws AND id = :id")
  void rename(
      @Bind("ws") long workspaceId,
      @Bind("id") long tagId,
      @Bind("name") String name,
      @Bind("key") String nameKey);

  @Override
  default int delete(long workspaceId, long tagId) {
    int detached = detach(workspaceId, tagId);
    deleteRow(workspaceId, tagId);
    return detached;
  }

  /** Removes the tag from every conversation; how many it was on. */
  @SqlUpdate("DELETE FROM conversation_tags WHERE workspace_id = :ws AND tag_id = :id")
  int detach(@Bind("ws") long workspaceId, @Bind("id") long tagId);

  @SqlUpdate("DELETE FROM tags WHERE workspace_id = :ws AND id = :id")
  void deleteRow(@Bind("ws") long workspaceId, @Bind("id") long tagId);

  /** A row of {@code tags}. */
  final class TagMapper implements RowMapper<Tag> {
    @Override
    public Tag map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new Tag(
          rs.getLong("workspace_id"),
          rs.getLong("id"),
          rs.getString("name"),
          rs.getLong("created_at"));
    }
  }
}
