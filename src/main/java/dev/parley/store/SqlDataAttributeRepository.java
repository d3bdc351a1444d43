package dev.parley.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.parley.domain.attribute.DataAttribute;
import dev.parley.domain.attribute.DataAttributeRepository;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Update;

/** {@link DataAttributeRepository} in SQL: table {@code data_attributes} (migration 21). */
record SqlDataAttributeRepository(Handle handle) implements DataAttributeRepository {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private static final RowMapper<DataAttribute> ATTRIBUTE =
      (rs, ctx) -> {
        String options = rs.getString("options");
        return DataAttribute.custom(
            rs.getLong("id"),
            rs.getString("model"),
            rs.getString("name"),
            rs.getString("data_type"),
            rs.getString("description"),
            options == null ? null : Rows.fromJson(options, STRINGS),
            rs.getBoolean("messenger_writable"),
            rs.getBoolean("archived"),
            Rows.nullableLong(rs, "admin_id"),
            rs.getLong("created_at"),
            rs.getLong("updated_at"));
      };

  @Override
  public void insert(long workspaceId, DataAttribute a) {
    bind(
            handle.createUpdate(
                "INSERT INTO data_attributes (workspace_id, id, model, name, data_type,"
                    + " description, options, messenger_writable, archived, admin_id, created_at,"
                    + " updated_at) VALUES (:ws, :id, :model, :name, :dataType, :description,"
                    + " :options, :messengerWritable, :archived, :adminId, :createdAt,"
                    + " :updatedAt)"),
            workspaceId,
            a)
        .bind("model", a.model())
        .bind("name", a.name())
        .bind("dataType", a.dataType())
        .bind("adminId", a.adminId())
        .bind("createdAt", a.createdAt())
        .execute();
  }

  @Override
  public void update(long workspaceId, DataAttribute a) {
    bind(
            handle.createUpdate(
                "UPDATE data_attributes SET description = :description, options = :options,"
                    + " messenger_writable = :messengerWritable, archived = :archived, updated_at"
                    + " = :updatedAt WHERE workspace_id = :ws AND id = :id"),
            workspaceId,
            a)
        .execute();
  }

  private static Update bind(Update update, long workspaceId, DataAttribute a) {
    return update
        .bind("ws", workspaceId)
        .bind("id", a.id())
        .bind("description", a.description())
        .bind("options", a.options() == null ? null : Rows.json(a.options()))
        .bind("messengerWritable", a.messengerWritable())
        .bind("archived", a.archived())
        .bind("updatedAt", a.updatedAt());
  }

  @Override
  public Optional<DataAttribute> find(long workspaceId, long id) {
    return handle
        .createQuery("SELECT * FROM data_attributes WHERE workspace_id = :ws AND id = :id")
        .bind("ws", workspaceId)
        .bind("id", id)
        .map(ATTRIBUTE)
        .findOne();
  }

  @Override
  public Optional<DataAttribute> findByName(long workspaceId, String name) {
    return handle
        .createQuery("SELECT * FROM data_attributes WHERE workspace_id = :ws AND name = :name")
        .bind("ws", workspaceId)
        .bind("name", name)
        .map(ATTRIBUTE)
        .findOne();
  }

  @Override
  public List<DataAttribute> list(long workspaceId, String model, boolean includeArchived) {
    var query =
        handle
            .createQuery(
                "SELECT * FROM data_attributes WHERE workspace_id = :ws"
                    + (model == null ? "" : " AND model = :model")
                    + (includeArchived ? "" : " AND archived = :archived")
                    + " ORDER BY id")
            .bind("ws", workspaceId);
    if (model != null) {
      query.bind("model", model);
    }
    if (!includeArchived) {
      query.bind("archived", false);
    }
    return query.map(ATTRIBUTE).list();
  }
}
