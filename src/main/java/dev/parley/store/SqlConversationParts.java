package dev.parley.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.parley.domain.conversation.AssigneeType;
import dev.parley.domain.conversation.Attachment;
import dev.parley.domain.conversation.AttachmentKind;
import dev.parley.domain.conversation.AuthorType;
import dev.parley.domain.conversation.ConversationPart;
import dev.parley.domain.conversation.ConversationPartRepository;
import dev.parley.domain.conversation.ConversationRepository;
import dev.parley.domain.conversation.ConversationState;
import dev.parley.domain.conversation.PartType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/**
 * A conversation's parts ({@code conversation_parts}) and attachments ({@code uploads}) in SQL
 * ({@link ConversationPartRepository}).
 */
record SqlConversationParts(Handle handle) implements ConversationPartRepository {
  private static final TypeReference<List<ConversationPart.QuickReplyOption>> OPTIONS =
      new TypeReference<>() {};

  static final RowMapper<ConversationPart> PART =
      (rs, ctx) -> {
        String metadata = rs.getString("metadata");
        String assignedToType = rs.getString("assigned_to_type");
        return new ConversationPart(
            rs.getLong("workspace_id"),
            rs.getLong("id"),
            rs.getLong("conversation_id"),
            PartType.fromWire(rs.getString("part_type")),
            rs.getString("body"),
            rs.getLong("created_at"),
            rs.getLong("updated_at"),
            rs.getLong("notified_at"),
            AuthorType.fromWire(rs.getString("author_type")),
            rs.getString("author_id"),
            assignedToType == null ? null : AssigneeType.fromWire(assignedToType),
            rs.getString("assigned_to_id"),
            metadata == null ? List.of() : Rows.fromJson(metadata, OPTIONS),
            ConversationState.fromWire(rs.getString("state")),
            rs.getBoolean("redacted"));
      };

  static final RowMapper<Attachment> ATTACHMENT =
      (rs, ctx) ->
          new Attachment(
              rs.getLong("workspace_id"),
              rs.getLong("id"),
              rs.getLong("conversation_id"),
              Rows.nullableLong(rs, "part_id"),
              rs.getInt("position"),
              AttachmentKind.fromWire(rs.getString("kind")),
              rs.getString("name"),
              rs.getString("content_type"),
              Rows.nullableLong(rs, "filesize"),
              Rows.nullableInt(rs, "width"),
              Rows.nullableInt(rs, "height"),
              rs.getString("blob_key"),
              rs.getString("url_token"),
              rs.getString("url"),
              rs.getLong("created_at"));

  @Override
  public void insertPart(ConversationPart p) {
    handle
        .createUpdate(
            "INSERT INTO conversation_parts (workspace_id, id, conversation_id, part_type, body,"
                + " created_at, updated_at, notified_at, author_type, author_id, assigned_to_type,"
                + " assigned_to_id, metadata, state, redacted) VALUES (:workspaceId, :id,"
                + " :conversationId, :partType, :body, :createdAt, :updatedAt, :notifiedAt,"
                + " :authorType, :authorId, :assignedToType, :assignedToId, :metadata, :state,"
                + " :redacted)")
        .bindMethods(p)
        .bind("partType", p.partType().wireValue())
        .bind("authorType", p.authorType().wireValue())
        .bind("assignedToType", p.assignedToType() == null ? null : p.assignedToType().wireValue())
        .bind("metadata", p.quickReplyOptions().isEmpty() ? null : Rows.json(p.quickReplyOptions()))
        .bind("state", p.state().wireValue())
        .execute();
  }

  @Override
  public Optional<ConversationPart> findPart(long workspaceId, long conversationId, long partId) {
    return handle
        .createQuery(
            "SELECT * FROM conversation_parts WHERE workspace_id = :ws AND id = :id"
                + " AND conversation_id = :conversation")
        .bind("ws", workspaceId)
        .bind("id", partId)
        .bind("conversation", conversationId)
        .map(PART)
        .findOne();
  }

  @Override
  public void redactPart(long workspaceId, long partId, String placeholder, long at) {
    handle
        .createUpdate(
            "UPDATE conversation_parts SET body = :body, metadata = NULL, redacted = :redacted,"
                + " updated_at = :at WHERE workspace_id = :ws AND id = :id")
        .bind("body", placeholder)
        .bind("redacted", true)
        .bind("at", at)
        .bind("ws", workspaceId)
        .bind("id", partId)
        .execute();
  }

  @Override
  public Optional<Long> lastSnoozedBy(long workspaceId, long conversationId) {
    return handle
        .createQuery(
            "SELECT author_id FROM conversation_parts WHERE workspace_id = :ws"
                + " AND conversation_id = :conversation AND part_type = 'snoozed'"
                + " AND author_type = 'admin' ORDER BY id DESC LIMIT 1")
        .bind("ws", workspaceId)
        .bind("conversation", conversationId)
        .mapTo(String.class)
        .findOne()
        .map(Long::valueOf);
  }

  @Override
  public long countParts(long workspaceId, long conversationId) {
    return handle
        .createQuery(
            "SELECT COUNT(*) FROM conversation_parts WHERE workspace_id = :ws"
                + " AND conversation_id = :conversation")
        .bind("ws", workspaceId)
        .bind("conversation", conversationId)
        .mapTo(Long.class)
        .one();
  }

  @Override
  public Map<Long, List<Long>> teammateIds(long workspaceId, Collection<Long> conversationIds) {
    Map<Long, List<Long>> result = new LinkedHashMap<>();
    if (conversationIds.isEmpty()) {
      return result;
    }
    handle
        .createQuery(
            "SELECT DISTINCT conversation_id, author_id FROM conversation_parts WHERE workspace_id"
                + " = :ws AND conversation_id IN (<ids>) AND author_type = 'admin' ORDER BY"
                + " conversation_id, author_id")
        .bind("ws", workspaceId)
        .bindList("ids", List.copyOf(conversationIds))
        .map((rs, ctx) -> Map.entry(rs.getLong("conversation_id"), rs.getString("author_id")))
        .forEach(
            e ->
                result
                    .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                    .add(Long.parseLong(e.getValue())));
    return result;
  }

  @Override
  public void insertAttachment(Attachment a) {
    handle
        .createUpdate(
            "INSERT INTO uploads (workspace_id, id, conversation_id, part_id, position, kind, name,"
                + " content_type, filesize, width, height, blob_key, url_token, url, created_at)"
                + " VALUES (:workspaceId, :id, :conversationId, :partId, :position, :kind, :name,"
                + " :contentType, :filesize, :width, :height, :blobKey, :urlToken, :url,"
                + " :createdAt)")
        .bindMethods(a)
        .bind("kind", a.kind().wireValue())
        .execute();
  }

  @Override
  public Map<Long, List<Attachment>> sourceAttachments(
      long workspaceId, Collection<Long> conversationIds) {
    Map<Long, List<Attachment>> result = new LinkedHashMap<>();
    if (conversationIds.isEmpty()) {
      return result;
    }
    handle
        .createQuery(
            "SELECT * FROM uploads WHERE workspace_id = :ws AND conversation_id IN (<ids>)"
                + " AND part_id IS NULL ORDER BY conversation_id, position, id")
        .bind("ws", workspaceId)
        .bindList("ids", List.copyOf(conversationIds))
        .map(ATTACHMENT)
        .forEach(a -> result.computeIfAbsent(a.conversationId(), k -> new ArrayList<>()).add(a));
    return result;
  }

  @Override
  public Optional<Attachment> findUpload(long workspaceId, String urlToken) {
    return handle
        .createQuery(
            "SELECT * FROM uploads WHERE workspace_id = :ws AND url_token = :token AND kind ="
                + " 'file'")
        .bind("ws", workspaceId)
        .bind("token", urlToken)
        .map(ATTACHMENT)
        .findOne();
  }

  @Override
  public ConversationRepository.Erased eraseAttachments(
      long workspaceId, long conversationId, Long partId) {
    String ofPart = partId == null ? " AND part_id IS NULL" : " AND part_id = :part";
    Query keys =
        handle
            .createQuery(
                "SELECT blob_key FROM uploads WHERE workspace_id = :ws"
                    + " AND conversation_id = :conversation AND blob_key IS NOT NULL"
                    + ofPart)
            .bind("ws", workspaceId)
            .bind("conversation", conversationId);
    Update delete =
        handle
            .createUpdate(
                "DELETE FROM uploads WHERE workspace_id = :ws AND conversation_id = :conversation"
                    + ofPart)
            .bind("ws", workspaceId)
            .bind("conversation", conversationId);
    if (partId != null) {
      keys.bind("part", partId.longValue());
      delete.bind("part", partId.longValue());
    }
    List<String> blobKeys = keys.mapTo(String.class).list();
    return new ConversationRepository.Erased(0, delete.execute(), blobKeys);
  }
}
