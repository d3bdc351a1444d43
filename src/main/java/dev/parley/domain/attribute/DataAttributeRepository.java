package dev.parley.domain.attribute;

import java.util.List;
import java.util.Optional;

/** The custom data attributes of a workspace. All lookups are confined to {@code workspaceId}. */
public interface DataAttributeRepository {
  /** Stores a new custom attribute ({@link DataAttribute#id} set). */
  void insert(long workspaceId, DataAttribute attribute);

  /**
   * Writes the changeable fields: description, options, messenger_writable, archived, updated_at.
   */
  void update(long workspaceId, DataAttribute attribute);

  Optional<DataAttribute> find(long workspaceId, long id);

  /** The custom attribute of this name, of any model, archived or not. */
  Optional<DataAttribute> findByName(long workspaceId, String name);

  /**
   * The custom attributes, by id.
   *
   * @param model {@code contact}, {@code company} or {@code conversation}; null for every model
   * @param includeArchived false to leave archived ones out
   */
  List<DataAttribute> list(long workspaceId, String model, boolean includeArchived);
}
