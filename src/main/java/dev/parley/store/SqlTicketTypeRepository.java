package dev.parley.store;

import dev.parley.domain.ticket.TicketState;
import dev.parley.domain.ticket.TicketType;
import dev.parley.domain.ticket.TicketTypeAttribute;
import dev.parley.domain.ticket.TicketTypeRepository;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * {@link TicketTypeRepository} in SQL: {@code ticket_types}, {@code ticket_type_attributes} and
 * {@code ticket_states} (migration 16); {@code name_key} is the lower-cased name.
 */
record SqlTicketTypeRepository(Handle handle) implements TicketTypeRepository {
  private static final RowMapper<TicketType> TYPE =
      (rs, ctx) ->
          new TicketType(
              rs.getLong("workspace_id"),
              rs.getLong("id"),
              rs.getString("name"),
              rs.getString("description"),
              rs.getString("icon"),
              rs.getString("category"),
              rs.getBoolean("is_internal"),
              rs.getBoolean("archived"),
              rs.getLong("created_at"),
              rs.getLong("updated_at"));

  private static final RowMapper<TicketTypeAttribute> ATTRIBUTE =
      (rs, ctx) ->
          new TicketTypeAttribute(
              rs.getLong("workspace_id"),
              rs.getLong("id"),
              rs.getLong("ticket_type_id"),
              rs.getString("name"),
              rs.getString("description"),
              rs.getString("data_type"),
              rs.getString("input_options") == null
                  ? null
                  : Rows.jsonMap(rs.getString("input_options")),
              rs.getInt("position"),
              rs.getBoolean("required_to_create"),
              rs.getBoolean("required_to_create_for_contacts"),
              rs.getBoolean("visible_on_create"),
              rs.getBoolean("visible_to_contacts"),
              rs.getBoolean("is_default"),
              rs.getBoolean("archived"),
              rs.getLong("created_at"),
              rs.getLong("updated_at"));

  private static final RowMapper<TicketState> STATE =
      (rs, ctx) ->
          new TicketState(
              rs.getLong("workspace_id"),
              rs.getLong("id"),
              rs.getString("category"),
              rs.getString("internal_label"),
              rs.getString("external_label"),
              rs.getBoolean("archived"));

  @Override
  public void insert(TicketType t) {
    handle
        .createUpdate(
            "INSERT INTO ticket_types (workspace_id, id, name, name_key, description, icon,"
                + " category, is_internal, archived, created_at, updated_at) VALUES (:workspaceId,"
                + " :id, :name, :key, :description, :icon, :category, :internal, :archived,"
                + " :createdAt, :updatedAt)")
        .bindMethods(t)
        .bind("key", key(t.name()))
        .execute();
  }

  @Override
  public Optional<TicketType> find(long workspaceId, long ticketTypeId) {
    return Rows.byId(handle, "ticket_types", workspaceId, ticketTypeId, TYPE);
  }

  @Override
  public Optional<TicketType> findByName(long workspaceId, String name) {
    return handle
        .createQuery("SELECT * FROM ticket_types WHERE workspace_id = :ws AND name_key = :key")
        .bind("ws", workspaceId)
        .bind("key", key(name))
        .map(TYPE)
        .findOne();
  }

  @Override
  public List<TicketType> list(long workspaceId) {
    return handle
        .createQuery("SELECT * FROM ticket_types WHERE workspace_id = :ws ORDER BY id")
        .bind("ws", workspaceId)
        .map(TYPE)
        .list();
  }

  @Override
  public void update(TicketType t) {
    handle
        .createUpdate(
            "UPDATE ticket_types SET name = :name, name_key = :key, description = :description,"
                + " icon = :icon, category = :category, is_internal = :internal, archived ="
                + " :archived, updated_at = :updatedAt WHERE workspace_id = :workspaceId AND id ="
                + " :id")
        .bindMethods(t)
        .bind("key", key(t.name()))
        .execute();
  }

  @Override
  public void insertAttribute(TicketTypeAttribute a) {
    handle
        .createUpdate(
            "INSERT INTO ticket_type_attributes (workspace_id, id, ticket_type_id, name, name_key,"
                + " description, data_type, input_options, position, required_to_create,"
                + " required_to_create_for_contacts, visible_on_create, visible_to_contacts,"
                + " is_default, archived, created_at, updated_at) VALUES (:workspaceId, :id,"
                + " :ticketTypeId, :name, :key, :description, :dataType, :options, :order,"
                + " :requiredToCreate, :requiredToCreateForContacts, :visibleOnCreate,"
                + " :visibleToContacts, :builtIn, :archived, :createdAt, :updatedAt)")
        .bindMethods(a)
        .bind("key", key(a.name()))
        .bind("options", a.inputOptions() == null ? null : Rows.json(a.inputOptions()))
        .execute();
  }

  @Override
  public Optional<TicketTypeAttribute> findAttribute(long workspaceId, long ticketTypeId, long id) {
    return handle
        .createQuery(
            "SELECT * FROM ticket_type_attributes WHERE workspace_id = :ws AND ticket_type_id ="
                + " :type AND id = :id")
        .bind("ws", workspaceId)
        .bind("type", ticketTypeId)
        .bind("id", id)
        .map(ATTRIBUTE)
        .findOne();
  }

  @Override
  public Optional<TicketTypeAttribute> findAttributeByName(
      long workspaceId, long ticketTypeId, String name) {
    return handle
        .createQuery(
            "SELECT * FROM ticket_type_attributes WHERE workspace_id = :ws AND ticket_type_id ="
                + " :type AND name_key = :key")
        .bind("ws", workspaceId)
        .bind("type", ticketTypeId)
        .bind("key", key(name))
        .map(ATTRIBUTE)
        .findOne();
  }

  @Override
  public List<TicketTypeAttribute> attributes(long workspaceId, Long ticketTypeId) {
    return handle
        .createQuery(
            "SELECT * FROM ticket_type_attributes WHERE workspace_id = :ws"
                + (ticketTypeId == null ? "" : " AND ticket_type_id = :type")
                + " ORDER BY ticket_type_id, position, id")
        .bind("ws", workspaceId)
        .bind("type", ticketTypeId)
        .map(ATTRIBUTE)
        .list();
  }

  @Override
  public void updateAttribute(TicketTypeAttribute a) {
    handle
        .createUpdate(
            "UPDATE ticket_type_attributes SET name = :name, name_key = :key, description ="
                + " :description, input_options = :options, required_to_create ="
                + " :requiredToCreate, required_to_create_for_contacts ="
                + " :requiredToCreateForContacts, visible_on_create = :visibleOnCreate,"
                + " visible_to_contacts = :visibleToContacts, archived = :archived, updated_at ="
                + " :updatedAt WHERE workspace_id = :workspaceId AND id = :id")
        .bindMethods(a)
        .bind("key", key(a.name()))
        .bind("options", a.inputOptions() == null ? null : Rows.json(a.inputOptions()))
        .execute();
  }

  @Override
  public boolean insertStateIfAbsent(TicketState s) {
    return handle
            .createUpdate(
                "INSERT INTO ticket_states (workspace_id, id, category, internal_label,"
                    + " external_label, archived) VALUES (:workspaceId, :id, :category,"
                    + " :internalLabel, :externalLabel, :archived) ON CONFLICT (workspace_id,"
                    + " category, internal_label) DO NOTHING")
            .bindMethods(s)
            .execute()
        == 1;
  }

  @Override
  public List<TicketState> states(long workspaceId) {
    return handle
        .createQuery("SELECT * FROM ticket_states WHERE workspace_id = :ws ORDER BY id")
        .bind("ws", workspaceId)
        .map(STATE)
        .list();
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
