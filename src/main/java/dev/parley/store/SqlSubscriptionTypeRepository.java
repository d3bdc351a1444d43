package dev.parley.store;

import dev.parley.domain.segment.SubscriptionType;
import dev.parley.domain.segment.SubscriptionTypeRepository;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * {@link SubscriptionTypeRepository} in SQL: {@code subscription_types} (content types as a
 * comma-separated list) and {@code contact_subscriptions}.
 */
record SqlSubscriptionTypeRepository(Handle handle) implements SubscriptionTypeRepository {
  private static final RowMapper<SubscriptionType> TYPE =
      (rs, ctx) ->
          new SubscriptionType(
              rs.getLong("workspace_id"),
              rs.getLong("id"),
              rs.getString("name"),
              rs.getString("description"),
              rs.getString("consent_type"),
              Arrays.stream(rs.getString("content_types").split(","))
                  .filter(s -> !s.isEmpty())
                  .toList(),
              rs.getString("state"),
              rs.getLong("created_at"),
              rs.getLong("updated_at"));

  @Override
  public void insert(SubscriptionType type) {
    handle
        .createUpdate(
            "INSERT INTO subscription_types (workspace_id, id, name, description, consent_type,"
                + " content_types, state, created_at, updated_at) VALUES (:workspaceId, :id, :name,"
                + " :description, :consentType, :contentTypes, :state, :createdAt, :updatedAt)")
        .bindMethods(type)
        .bind("contentTypes", String.join(",", type.contentTypes()))
        .execute();
  }

  @Override
  public Optional<SubscriptionType> find(long workspaceId, long typeId) {
    return Rows.byId(handle, "subscription_types", workspaceId, typeId, TYPE);
  }

  @Override
  public List<SubscriptionType> list(long workspaceId) {
    return handle
        .createQuery("SELECT * FROM subscription_types WHERE workspace_id = :ws ORDER BY id")
        .bind("ws", workspaceId)
        .map(TYPE)
        .list();
  }

  @Override
  public boolean archive(long workspaceId, long typeId, long at) {
    return handle
            .createUpdate(
                "UPDATE subscription_types SET state = 'archived', updated_at = :at WHERE"
                    + " workspace_id = :ws AND id = :id")
            .bind("ws", workspaceId)
            .bind("id", typeId)
            .bind("at", at)
            .execute()
        > 0;
  }

  @Override
  public boolean delete(long workspaceId, long typeId) {
    handle
        .createUpdate(
            "DELETE FROM contact_subscriptions WHERE workspace_id = :ws AND subscription_type_id"
                + " = :id")
        .bind("ws", workspaceId)
        .bind("id", typeId)
        .execute();
    return handle
            .createUpdate("DELETE FROM subscription_types WHERE workspace_id = :ws AND id = :id")
            .bind("ws", workspaceId)
            .bind("id", typeId)
            .execute()
        > 0;
  }

  @Override
  public boolean attach(long workspaceId, String contactId, long typeId, long at) {
    boolean attached =
        handle
            .createQuery(
                "SELECT 1 FROM contact_subscriptions WHERE workspace_id = :ws AND contact_id ="
                    + " :contact AND subscription_type_id = :type")
            .bind("ws", workspaceId)
            .bind("contact", contactId)
            .bind("type", typeId)
            .mapTo(Integer.class)
            .findOne()
            .isPresent();
    if (attached) {
      return false;
    }
    handle
        .createUpdate(
            "INSERT INTO contact_subscriptions (workspace_id, contact_id, subscription_type_id,"
                + " created_at) VALUES (:ws, :contact, :type, :at)")
        .bind("ws", workspaceId)
        .bind("contact", contactId)
        .bind("type", typeId)
        .bind("at", at)
        .execute();
    return true;
  }

  @Override
  public boolean detach(long workspaceId, String contactId, long typeId) {
    return handle
            .createUpdate(
                "DELETE FROM contact_subscriptions WHERE workspace_id = :ws AND contact_id ="
                    + " :contact AND subscription_type_id = :type")
            .bind("ws", workspaceId)
            .bind("contact", contactId)
            .bind("type", typeId)
            .execute()
        > 0;
  }

  @Override
  public List<SubscriptionType> ofContact(long workspaceId, String contactId) {
    return handle
        .createQuery(
            "SELECT t.* FROM contact_subscriptions cs JOIN subscription_types t ON t.workspace_id"
                + " = cs.workspace_id AND t.id = cs.subscription_type_id WHERE cs.workspace_id ="
                + " :ws AND cs.contact_id = :contact ORDER BY t.id")
        .bind("ws", workspaceId)
        .bind("contact", contactId)
        .map(TYPE)
        .list();
  }

  @Override
  public int deleteOfContact(long workspaceId, String contactId) {
    return handle
        .createUpdate(
            "DELETE FROM contact_subscriptions WHERE workspace_id = :ws AND contact_id = :contact")
        .bind("ws", workspaceId)
        .bind("contact", contactId)
        .execute();
  }
}
