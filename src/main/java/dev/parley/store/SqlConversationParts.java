package dev.parley.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.parley.domain.conversation.AssigneeType;
import dev.parley.domain.conversation.Attachment;
import dev.parley.domain.conversation.AttachmentKind;
import dev.parley.domain.conversation.AuthorType;
import dev.parley.domain.conversation.ConversationPart;
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
 * A conversation's parts ({@code conversation_parts}) and attachments ({@code uploads}) in SQL, for
 * {@link SqlConversationRepository}.
 */
final class SqlConversationParts {
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

  private final Handle handle;

  SqlConversationParts(Handle handle) {
    this.handle = handle;
  }

  public void insertPart(ConversationPart p) {
    handle
        .createUpdate(
            "INSERT INTO conversation_parts (workspace_id, id, conversation_id, part_type, body,"
                + " created_at, updated_at, notified_at, author_type, author_id, assigned_to_type,"
                + " assigned_to_id, metadata, state, redacted) VALUES (:ws, :id, :conversation,"
                + " :partType, :body, :createdAt, :updatedAt, :notifiedAt, :authorType, :authorId,"
                + " :assignedToType, :assignedToId, :metadata, :state, :redacted)")
        .bind("ws", p.workspaceId())
        .bind("id", p.id())
        .bind("conversation", p.conversationId())
        .bind("partType", p.partType().wireValue())
        .bind("body", p.body())
        .bind("createdAt", p.createdAt())
        .bind("updatedAt", p.updatedAt())
        .bind("notifiedAt", p.notifiedAt())
        .bind("authorType", p.authorType().wireValue())
        .bind("authorId", p.authorId())
        .bind("assignedToType", p.assignedToType() == null ? null : p.assignedToType().wireValue())
        .bind("assignedToId", p.assignedToId())
        .bind("metadata", p.quickReplyOptions().isEmpty() ? null : Rows.json(p.quickReplyOptions()))
        .bind("state", p.state().wireValue())
        .bind("redacted", p.redacted())
        .execute();
  }

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

  public void insertAttachment(Attachment a) {
    handle
        .createUpdate(
            "INSERT INTO uploads (workspace_id, id, conversation_id, part_id, position, kind, name,"
                + " content_type, filesize, width, height, blob_key, url_token, url, created_at)"
                + " VALUES (:ws, :id, :conversation, :part, :position, :kind, :name, :contentType,"
                + " :filesize, :width, :height, :blobKey, :urlToken, :url, :createdAt)")
        .bind("ws", a.workspaceId())
        .bind("id", a.id())
        .bind("conversation", a.conversationId())
        .bind("part", a.partId())
        .bind("position", a.position())
        .bind("kind", a.kind().wireValue())
        .bind("name", a.name())
        .bind("contentType", a.contentType())
        .bind("filesize", a.filesize())
        .bind("width", a.width())
        .bind("height", a.height())
        .bind("blobKey", a.blobKey())
        .bind("urlToken", a.urlToken())
        .bind("url", a.url())
        .bind("createdAt", a.createdAt())
        .execute();
  }

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
