package dev.parley.domain.tag;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tags of a workspace. All lookups are confined to {@code workspaceId}. */
public interface TagRepository {
  void insert(Tag tag);

  Optional<Tag> find(long workspaceId, long tagId);

  /** The tag whose name equals {@code name} ignoring case. */
  Optional<Tag> findByName(long workspaceId, String name);

  Map<Long, Tag> findAll(long workspaceId, Collection<Long> tagIds);

  List<Tag> list(long workspaceId);

  void rename(long workspaceId, long tagId, String name);

  /**
   * Deletes a tag and every application of it to a conversation (conversation_tags), to a contact
   * (contact_tags) and to a company (company_tags).
   *
   * @return the number of conversations it was detached from
   */
  int delete(long workspaceId, long tagId);
}
