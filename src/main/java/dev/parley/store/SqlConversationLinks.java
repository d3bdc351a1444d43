package dev.parley.store;

import dev.parley.domain.contact.Contact;
import dev.parley.domain.conversation.AppliedTag;
import dev.parley.domain.conversation.ConversationLinkRepository;
import dev.parley.domain.conversation.LinkedObject;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.Update;

/**
 * The link tables of a conversation in SQL ({@link ConversationLinkRepository}): {@code
 * conversation_contacts} (ordered by {@code position}), {@code conversation_tags} (with when and by
 * whom the tag was applied) and {@code linked_objects} (ticket to conversation, ids only).
 */
final class SqlConversationLinks implements ConversationLinkRepository {
  /** A tag with its application (columns of conversation_tags and tags). */
  static final RowMapper<AppliedTag> APPLIED_TAG =
      (rs, ctx) ->
          new AppliedTag(
              SqlTagRepository.TAG.map(rs, ctx),
              rs.getLong("applied_at"),
              Rows.nullableLong(rs, "applied_by_admin_id"));

  private final Handle handle;
  private final LinkTable contacts;
  private final LinkTable tags;

  SqlConversationLinks(Handle handle) {
    this.handle = handle;
    this.contacts = new LinkTable(handle, "conversation_contacts", "contact_id");
    this.tags = new LinkTable(handle, "conversation_tags", "tag_id");
  }

  /**
   * One link table: rows of {@code (workspace_id, conversation_id, <column>)}, at most one per
   * conversation and linked row.
   */
  private record LinkTable(Handle handle, String table, String column) {
    boolean exists(long workspaceId, long conversationId, Object linked) {
      return bound(
                  handle.createQuery("SELECT COUNT(*) FROM " + table + whereRow()),
                  workspaceId,
                  conversationId,
                  linked)
              .mapTo(Long.class)
              .one()
          > 0;
    }

    /**
     * The condition that selects one link row: {@code :ws}, {@code :conversation}, {@code :linked}.
     */
    private String whereRow() {
      return " WHERE workspace_id = :ws AND conversation_id = :conversation AND "
          + column
          + " = :linked";
    }

    /** {@code statement} with the parameters of one link row bound. */
    private static <S extends SqlStatement<S>> S bound(
        S statement, long workspaceId, long conversationId, Object linked) {
      return statement
          .bind("ws", workspaceId)
          .bind("conversation", conversationId)
          .bind("linked", linked);
    }

    /** Inserts a row; {@code extra} names further (integer) columns with their values, in order. */
    void insert(long workspaceId, long conversationId, Object linked, Map<String, Object> extra) {
      StringBuilder columns = new StringBuilder("workspace_id, conversation_id, " + column);
      StringBuilder values = new StringBuilder(":ws, :conversation, :linked");
      extra.keySet().forEach(name -> columns.append(", ").append(name));
      extra.keySet().forEach(name -> values.append(", :").append(name));
      Update insert =
          bound(
              handle.createUpdate(
                  "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ")"),
              workspaceId,
              conversationId,
              linked);
      // the extra columns are integers; a null one is bound as a typed SQL null, as a null Long is
      extra.forEach(
          (name, value) -> {
            if (value == null) {
              insert.bindNull(name, Types.BIGINT);
            } else {
              insert.bind(name, value);
            }
          });
      insert.execute();
    }

    int delete(long workspaceId, long conversationId, Object linked) {
      return bound(
              handle.createUpdate("DELETE FROM " + table + whereRow()),
              workspaceId,
              conversationId,
              linked)
          .execute();
    }
  }

  /** Groups the rows of {@code query} by their {@code column} (a conversation id), in row order. */
  private static <T> Map<Long, List<T>> grouped(Query query, String column, RowMapper<T> mapper) {
    Map<Long, List<T>> result = new LinkedHashMap<>();
    query
        .map((rs, ctx) -> Map.entry(rs.getLong(column), mapper.map(rs, ctx)))
        .forEach(e -> result.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return result;
  }

  @Override
  public void insertContact(long workspaceId, long conversationId, String contactId, int position) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("position", position);
    contacts.insert(workspaceId, conversationId, contactId, extra);
  }

  @Override
  public boolean appendContact(long workspaceId, long conversationId, String contactId) {
    if (contacts.exists(workspaceId, conversationId, contactId)) {
      return false;
    }
    handle
        .createUpdate(
            "INSERT INTO conversation_contacts (workspace_id, conversation_id, contact_id,"
                + " position) SELECT :ws, :conversation, :contact, COALESCE(MAX(position), -1) + 1"
                + " FROM conversation_contacts WHERE workspace_id = :ws AND conversation_id ="
                + " :conversation")
        .bind("ws", workspaceId)
        .bind("conversation", conversationId)
        .bind("contact", contactId)
        .execute();
    return true;
  }

  @Override
  public boolean deleteContact(long workspaceId, long conversationId, String contactId) {
    return contacts.delete(workspaceId, conversationId, contactId) > 0;
  }

  @Override
  public boolean unlinkContact(long workspaceId, long conversationId, String contactId) {
    return contacts.delete(workspaceId, conversationId, contactId) == 1;
  }

  @Override
  public Map<Long, List<String>> contactIds(long workspaceId, Collection<Long> conversationIds) {
    if (conversationIds.isEmpty()) {
      return new LinkedHashMap<>();
    }
    return grouped(
        handle
            .createQuery(
                "SELECT conversation_id, contact_id FROM conversation_contacts WHERE workspace_id ="
                    + " :ws AND conversation_id IN (<ids>) ORDER BY conversation_id, position")
            .bind("ws", workspaceId)
            .bindList("ids", List.copyOf(conversationIds)),
        "conversation_id",
        (rs, ctx) -> rs.getString("contact_id"));
  }

  @Override
  public Map<Long, List<Contact>> linkedContacts(
      long workspaceId, Collection<Long> conversationIds) {
    if (conversationIds.isEmpty()) {
      return new LinkedHashMap<>();
    }
    return grouped(
        handle
            .createQuery(
                "SELECT cc.conversation_id AS linked_conversation_id, c.* FROM"
                    + " conversation_contacts cc JOIN contacts c ON c.workspace_id ="
                    + " cc.workspace_id AND c.id = cc.contact_id WHERE cc.workspace_id = :ws AND"
                    + " cc.conversation_id IN (<ids>) ORDER BY cc.conversation_id, cc.position")
            .bind("ws", workspaceId)
            .bindList("ids", List.copyOf(conversationIds)),
        "linked_conversation_id",
        SqlContactRepository.CONTACT);
  }

  @Override
  public List<Long> conversationIdsOfContact(long workspaceId, String contactId) {
    return handle
        .createQuery(
            "SELECT conversation_id FROM conversation_contacts WHERE workspace_id = :ws"
                + " AND contact_id = :contact ORDER BY conversation_id")
        .bind("ws", workspaceId)
        .bind("contact", contactId)
        .mapTo(Long.class)
        .list();
  }

  @Override
  public void insertTag(
      long workspaceId, long conversationId, long tagId, long appliedAt, Long adminId) {
    if (tags.exists(workspaceId, conversationId, tagId)) {
      return;
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("applied_at", appliedAt);
    extra.put("applied_by_admin_id", adminId);
    tags.insert(workspaceId, conversationId, tagId, extra);
  }

  @Override
  public boolean deleteTag(long workspaceId, long conversationId, long tagId) {
    return tags.delete(workspaceId, conversationId, tagId) > 0;
  }

  @Override
  public Map<Long, List<AppliedTag>> tags(long workspaceId, Collection<Long> conversationIds) {
    if (conversationIds.isEmpty()) {
      return new LinkedHashMap<>();
    }
    return grouped(
        handle
            .createQuery(
                "SELECT ct.conversation_id, ct.applied_at, ct.applied_by_admin_id, t.workspace_id,"
                    + " t.id, t.name, t.created_at FROM conversation_tags ct JOIN tags t"
                    + " ON t.workspace_id = ct.workspace_id AND t.id = ct.tag_id"
                    + " WHERE ct.workspace_id = :ws AND ct.conversation_id IN (<ids>)"
                    + " ORDER BY ct.conversation_id, ct.applied_at, t.id")
            .bind("ws", workspaceId)
            .bindList("ids", List.copyOf(conversationIds)),
        "conversation_id",
        APPLIED_TAG);
  }

  @Override
  public void insertLinkedObject(long workspaceId, long ticketId, long linkedId, long at) {
    handle
        .createUpdate(
            "INSERT INTO linked_objects (workspace_id, ticket_id, linked_id, created_at)"
                + " VALUES (:ws, :ticket, :linked, :at)")
        .bind("ws", workspaceId)
        .bind("ticket", ticketId)
        .bind("linked", linkedId)
        .bind("at", at)
        .execute();
  }

  @Override
  public Map<Long, List<LinkedObject>> linkedObjects(
      long workspaceId, Collection<Long> conversationIds) {
    if (conversationIds.isEmpty()) {
      return new LinkedHashMap<>();
    }
    // Each row of a conversation: the other side of a link it is either side of, joined to the
    // conversations so that only objects that exist are listed.
    return grouped(
        handle
            .createQuery(
                "SELECT l.ticket_id AS conversation_id, c.id, c.ticket_category"
                    + " FROM linked_objects l JOIN conversations c"
                    + " ON c.workspace_id = l.workspace_id AND c.id = l.linked_id"
                    + " WHERE l.workspace_id = :ws AND l.ticket_id IN (<ids>)"
                    + " UNION ALL SELECT l.linked_id AS conversation_id, c.id, c.ticket_category"
                    + " FROM linked_objects l JOIN conversations c"
                    + " ON c.workspace_id = l.workspace_id AND c.id = l.ticket_id"
                    + " WHERE l.workspace_id = :ws AND l.linked_id IN (<ids>)"
                    + " ORDER BY 1, 2")
            .bind("ws", workspaceId)
            .bindList("ids", List.copyOf(conversationIds)),
        "conversation_id",
        (rs, ctx) -> new LinkedObject(rs.getLong("id"), rs.getString("ticket_category")));
  }
}
