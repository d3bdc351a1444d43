package dev.parley.store;

import dev.parley.domain.contact.Contact;
import dev.parley.domain.conversation.AppliedTag;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The link tables of a conversation in SQL, for {@link SqlConversationRepository}:
 * {@code conversation_contacts} (ordered by {@code position}) and {@code conversation_tags}
 * (with when and by whom the tag was applied).
 */
final class SqlConversationLinks {
  /** A tag with its application (columns of conversation_tags and tags). */
  private static final RowMapper<AppliedTag> APPLIED_TAG =
      (rs, ctx) ->
          new AppliedTag(
              SqlTagRepository.TAG.map(rs, ctx),
              rs.getLong("applied_at"),
              Rows.nullableLong(rs, "applied_by_admin_id"));

  private final Handle handle;

  SqlConversationLinks(Handle handle) {
    this.handle = handle;
  }

  public void insertContact(long workspaceId, long conversationId, String contactId, int position) {
    handle
        .createUpdate(
            "INSERT INTO conversation_contacts (workspace_id, conversation_id, contact_id, position)"
                + " VALUES (:ws, :conversation, :contact, :position)")
        .bind("ws", workspaceId)
        .bind("conversation", conversationId)
        .bind("contact", contactId)
        .bind("position", position)
        .execute();
  }

  public boolean appendContact(long workspaceId, long conversationId, String contactId) {
    boolean present =
        handle
                .createQuery(
                    "SELECT COUNT(*) FROM conversation_contacts WHERE workspace_id = :ws"
                        + " AND conversation_id = :conversation AND contact_id = :contact")
                .bind("ws", workspaceId)
                .bind("conversation", conversationId)
                .bind("contact", contactId)
                .mapTo(Long.class)
                .one()
            > 0;
    if (present) {
      return false;
    }
    handle
        .createUpdate(
            "INSERT INTO conversation_contacts (workspace_id, conversation_id, contact_id, position)"
                + " SELECT :ws, :conversation, :contact, COALESCE(MAX(position), -1) + 1"
                + " FROM conversation_contacts WHERE workspace_id = :ws AND conversation_id = :conversation")
        .bind("ws", workspaceId)
        .bind("conversation", conversationId)
        .bind("contact", contactId)
        .execute();
    return true;
  }

  public boolean deleteContact(long workspaceId, long conversationId, String contactId) {
    return handle
            .createUpdate(
                "DELETE FROM conversation_contacts WHERE workspace_id = :ws"
                    + " AND conversation_id = :conversation AND contact_id = :contact")
            .bind("ws", workspaceId)
            .bind("conversation", conversationId)
            .bind("contact", contactId)
            .execute()
        > 0;
  }

  public Map<Long, List<String>> contactIds(long workspaceId, Collection<Long> conversationIds) {
    Map<Long, List<String>> result = new LinkedHashMap<>();
    if (conversationIds.isEmpty()) {
      return result;
    }
    handle
        .createQuery(
            "SELECT conversation_id, contact_id FROM conversation_contacts WHERE workspace_id = :ws"
                + " AND conversation_id IN (<ids>) ORDER BY conversation_id, position")
        .bind("ws", workspaceId)
        .bindList("ids", List.copyOf(conversationIds))
        .map((rs, ctx) -> Map.entry(rs.getLong("conversation_id"), rs.getString("contact_id")))
        .forEach(e -> result.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return result;
  }

  public Map<Long, List<Contact>> linkedContacts(
      long workspaceId, Collection<Long> conversationIds) {
    Map<Long, List<Contact>> result = new LinkedHashMap<>();
    if (conversationIds.isEmpty()) {
      return result;
    }
    handle
        .createQuery(
            "SELECT cc.conversation_id AS linked_conversation_id, c.* FROM conversation_contacts cc"
                + " JOIN contacts c ON c.workspace_id = cc.workspace_id AND c.id = cc.contact_id"
                + " WHERE cc.workspace_id = :ws AND cc.conversation_id IN (<ids>)"
                + " ORDER BY cc.conversation_id, cc.position")
        .bind("ws", workspaceId)
        .bindList("ids", List.copyOf(conversationIds))
        .map(
            (rs, ctx) ->
                Map.entry(
                    rs.getLong("linked_conversation_id"), SqlContactRepository.CONTACT.map(rs, ctx)))
        .forEach(e -> result.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return result;
  }

  public void insertTag(long workspaceId, long conversationId, long tagId, long appliedAt, Long adminId) {
    boolean applied =
        handle
            .createQuery(
                "SELECT COUNT(*) FROM conversation_tags WHERE workspace_id = :ws"
                    + " AND conversation_id = :conversation AND tag_id = :tag")
            .bind("ws", workspaceId)
            .bind("conversation", conversationId)
            .bind("tag", tagId)
            .mapTo(Long.class)
            .one()
            > 0;
    if (applied) {
      return;
    }
    handle
        .createUpdate(
            "INSERT INTO conversation_tags (workspace_id, conversation_id, tag_id, applied_at,"
                + " applied_by_admin_id) VALUES (:ws, :conversation, :tag, :at, :admin)")
        .bind("ws", workspaceId)
        .bind("conversation", conversationId)
        .bind("tag", tagId)
        .bind("at", appliedAt)
        .bind("admin", adminId)
        .execute();
  }

  public boolean deleteTag(long workspaceId, long conversationId, long tagId) {
    return handle
            .createUpdate(
                "DELETE FROM conversation_tags WHERE workspace_id = :ws"
                    + " AND conversation_id = :conversation AND tag_id = :tag")
            .bind("ws", workspaceId)
            .bind("conversation", conversationId)
            .bind("tag", tagId)
            .execute()
        > 0;
  }

  public Map<Long, List<AppliedTag>> tags(long workspaceId, Collection<Long> conversationIds) {
    Map<Long, List<AppliedTag>> result = new LinkedHashMap<>();
    if (conversationIds.isEmpty()) {
      return result;
    }
    handle
        .createQuery(
            "SELECT ct.conversation_id, ct.applied_at, ct.applied_by_admin_id, t.workspace_id,"
                + " t.id, t.name, t.created_at FROM conversation_tags ct JOIN tags t"
                + " ON t.workspace_id = ct.workspace_id AND t.id = ct.tag_id"
                + " WHERE ct.workspace_id = :ws AND ct.conversation_id IN (<ids>)"
                + " ORDER BY ct.conversation_id, ct.applied_at, t.id")
        .bind("ws", workspaceId)
        .bindList("ids", List.copyOf(conversationIds))
        .map(
            (rs, ctx) -> Map.entry(rs.getLong("conversation_id"), APPLIED_TAG.map(rs, ctx)))
        .forEach(e -> result.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return result;
  }

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

  public boolean unlinkContact(long workspaceId, long conversationId, String contactId) {
    return handle
            .createUpdate(
                "DELETE FROM conversation_contacts WHERE workspace_id = :ws"
                    + " AND conversation_id = :conversation AND contact_id = :contact")
            .bind("ws", workspaceId)
            .bind("conversation", conversationId)
            .bind("contact", contactId)
            .execute()
        == 1;
  }
}
