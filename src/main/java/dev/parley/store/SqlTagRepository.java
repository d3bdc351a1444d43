package dev.parley.store;

import dev.parley.domain.tag.Tag;
import dev.parley.domain.tag.TagRepository;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@link TagRepository} in SQL; {@code name_key} is the lower-cased name, unique. */
record SqlTagRepository(Handle handle) implements TagRepository {
  static final RowMapper<Tag> TAG =
      (rs, ctx) ->
          new Tag(
              rs.getLong("workspace_id"),
              rs.getLong("id"),
              rs.getString("name"),
              rs.getLong("created_at"));

  @Override
  public void insert(Tag tag) {
    handle
        .createUpdate(
            "INSERT INTO tags (workspace_id, id, name, name_key, created_at)"
                + " VALUES (:workspaceId, :id, :name, :key, :createdAt)")
        .bindMethods(tag)
        .bind("key", tag.name().toLowerCase(Locale.ROOT))
        .execute();
  }

  @Override
  public Optional<Tag> find(long workspaceId, long tagId) {
    return Rows.byId(handle, "tags", workspaceId, tagId, TAG);
  }

  @Override
  public Optional<Tag> findByName(long workspaceId, String name) {
    return handle
        .createQuery("SELECT * FROM tags WHERE workspace_id = :ws AND name_key = :key")
        .bind("ws", workspaceId)
        .bind("key", name.toLowerCase(Locale.ROOT))
        .map(TAG)
        .findOne();
  }

  @Override
  public Map<Long, Tag> findAll(long workspaceId, Collection<Long> tagIds) {
    return Rows.byIds(handle, "tags", workspaceId, tagIds, TAG, Tag::id);
  }

  @Override
  public List<Tag> list(long workspaceId) {
    return handle
        .createQuery("SELECT * FROM tags WHERE workspace_id = :ws ORDER BY id")
        .bind("ws", workspaceId)
        .map(TAG)
        .list();
  }

  @Override
  public void rename(long workspaceId, long tagId, String name) {
    handle
        .createUpdate(
            "UPDATE tags SET name = :name, name_key = :key WHERE workspace_id = :ws AND id = :id")
        .bind("name", name)
        .bind("key", name.toLowerCase(Locale.ROOT))
        .bind("ws", workspaceId)
        .bind("id", tagId)
        .execute();
  }

  @Override
  public int delete(long workspaceId, long tagId) {
    int detached =
        handle
            .createUpdate("DELETE FROM conversation_tags WHERE workspace_id = :ws AND tag_id = :id")
            .bind("ws", workspaceId)
            .bind("id", tagId)
            .execute();
    handle
        .createUpdate("DELETE FROM contact_tags WHERE workspace_id = :ws AND tag_id = :id")
        .bind("ws", workspaceId)
        .bind("id", tagId)
        .execute();
    handle
        .createUpdate("DELETE FROM company_tags WHERE workspace_id = :ws AND tag_id = :id")
        .bind("ws", workspaceId)
        .bind("id", tagId)
        .execute();
    handle
        .createUpdate("DELETE FROM tags WHERE workspace_id = :ws AND id = :id")
        .bind("ws", workspaceId)
        .bind("id", tagId)
        .execute();
    return detached;
  }
}
