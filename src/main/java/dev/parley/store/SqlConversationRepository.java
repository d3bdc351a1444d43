package dev.parley.store;

import dev.parley.domain.admin.Admin;
import dev.parley.domain.contact.Contact;
import dev.parley.domain.conversation.AppliedTag;
import dev.parley.domain.conversation.Attachment;
import dev.parley.domain.conversation.AuthorType;
import dev.parley.domain.conversation.Conversation;
import dev.parley.domain.conversation.ConversationMetrics;
import dev.parley.domain.conversation.ConversationPart;
import dev.parley.domain.conversation.ConversationRepository;
import dev.parley.domain.conversation.ConversationState;
import dev.parley.domain.conversation.Priority;
import dev.parley.domain.search.BodyWords;
import dev.parley.domain.search.SearchQuery;
import dev.parley.domain.search.SearchResult;
import dev.parley.store.search.ConversationSearchColumns;
import dev.parley.store.search.SearchColumns;
import dev.parley.store.search.SearchCompiler;
import dev.parley.store.search.SqlFilter;
import dev.parley.store.search.SqlStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link ConversationRepository} in SQL: the conversation rows, their search and the one-batch read
 * of a conversation; parts and attachments are {@link SqlConversationParts}, the link tables to
 * contacts and tags {@link SqlConversationLinks}.
 */
record SqlConversationRepository(Handle handle, Dialect dialect) implements ConversationRepository {
  /**
   * Every table an erasure deletes content from: those of {@link #eraseAll} (a conversation's
   * content), and the other tables holding a workspace's personal data that deleting a contact or a
   * whole workspace ({@link SqlWorkspaceErasureRepository}) deletes from. The PostgreSQL store
   * VACUUMs them after erasures ({@link ErasureVacuum}); a new table that holds content belongs
   * both in the erasure and here.
   */
  static final List<String> ERASED_TABLES =
      List.of(
          "uploads",
          "conversation_parts",
          "conversation_words",
          "conversation_tags",
          "conversation_contacts",
          "webhook_events",
          "conversations",
          "contact_notes",
          "contact_tags",
          "contact_events",
          "contact_event_summaries",
          "contact_segments",
          "contact_subscriptions",
          "contacts",
          "tags",
          "admins",
          "webhook_subscriptions",
          "snapshot_objects");

  private static final RowMapper<Conversation> CONVERSATION =
      (rs, ctx) ->
          new Conversation(
              rs.getLong("workspace_id"),
              rs.getLong("id"),
              rs.getLong("created_at"),
              rs.getLong("updated_at"),
              rs.getString("title"),
              ConversationState.fromWire(rs.getString("state")),
              rs.getBoolean("is_read"),
              Priority.fromWire(rs.getString("priority")),
              Rows.nullableLong(rs, "admin_assignee_id"),
              Rows.nullableLong(rs, "team_assignee_id"),
              Rows.nullableLong(rs, "snoozed_until"),
              Rows.nullableLong(rs, "waiting_since"),
              Rows.jsonMap(rs.getString("custom_attributes")),
              new Conversation.Source(
                  rs.getLong("source_id"),
                  rs.getString("source_type"),
                  rs.getString("source_delivered_as"),
                  rs.getString("source_subject"),
                  rs.getString("source_body"),
                  AuthorType.fromWire(rs.getString("source_author_type")),
                  rs.getString("source_author_id"),
                  rs.getString("source_url"),
                  rs.getBoolean("source_redacted")),
              Rows.nullableLong(rs, "first_contact_reply_at"));

  @Override
  public void insert(Conversation c) {
    handle
        .createUpdate(
            "INSERT INTO conversations (workspace_id, id, created_at, updated_at, title, state,"
                + " is_read, priority, admin_assignee_id, team_assignee_id, snoozed_until,"
                + " waiting_since, custom_attributes, source_id, source_type, source_delivered_as,"
                + " source_subject, source_body, source_author_type, source_author_id, source_url,"
                + " source_redacted, first_contact_reply_at) VALUES (:workspaceId, :id, :createdAt,"
                + " :updatedAt, :title, :state, :read, :priority, :adminAssigneeId,"
                + " :teamAssigneeId, :snoozedUntil, :waitingSince, :attributes, :source.id,"
                + " :sourceType, :deliveredAs, :source.subject, :source.body, :authorType,"
                + " :source.authorId, :source.url, :source.redacted, :firstContactReplyAt)")
        .bindMethods(c)
        .bindMethods("source", c.source())
        .bind("state", c.state().wireValue())
        .bind("priority", c.priority().wireValue())
        .bind("attributes", Rows.json(c.customAttributes()))
        .bind("sourceType", c.source().type())
        .bind("deliveredAs", c.source().deliveredAs())
        .bind("authorType", c.source().authorType().wireValue())
        .execute();
    insertWords(c.workspaceId(), c.id(), c.source().body());
  }

  /** The words of a source body, for {@code source.body} search. */
  private void insertWords(long workspaceId, long conversationId, String body) {
    List<String> words = BodyWords.ofBody(body);
    if (words.isEmpty()) {
      return;
    }
    PreparedBatch batch =
        handle.prepareBatch(
            "INSERT INTO conversation_words (workspace_id, conversation_id, word) VALUES (:ws,"
                + " :conversation, :word)");
    for (String word : words) {
      batch.bind("ws", workspaceId).bind("conversation", conversationId).bind("word", word).add();
    }
    batch.execute();
  }

  private int deleteWords(long workspaceId, long conversationId) {
    return delete("conversation_words", workspaceId, conversationId);
  }

  @Override
  public Optional<Conversation> find(long workspaceId, long conversationId) {
    return Rows.byId(handle, "conversations", workspaceId, conversationId, CONVERSATION);
  }

  @Override
  public Read read(long workspaceId, long conversationId, int maxParts) {
    List<Conversation> found = new ArrayList<>(1);
    ReadBatch batch =
        new ReadBatch(handle, dialect)
            .bind("ws", workspaceId)
            .bind("id", conversationId)
            .add(
                "SELECT * FROM conversations WHERE workspace_id = :ws AND id = :id",
                (rs, ctx) -> readAll(rs, ctx, CONVERSATION, found));
    Related related = related(batch, maxParts);
    return new Read(found.stream().findFirst(), related);
  }

  @Override
  public Related related(long workspaceId, long conversationId, int maxParts) {
    return related(
        new ReadBatch(handle, dialect).bind("ws", workspaceId).bind("id", conversationId),
        maxParts);
  }

  /**
   * Adds the queries of {@link Related} to {@code batch} (bound to {@code :ws} and {@code :id}),
   * runs it and collects their rows.
   */
  private Related related(ReadBatch batch, int maxParts) {
    if (maxParts < 1) {
      throw new IllegalArgumentException("maxParts must be positive: " + maxParts);
    }
    List<ConversationPart> newestFirst = new ArrayList<>();
    List<Contact> contacts = new ArrayList<>();
    List<AppliedTag> tags = new ArrayList<>();
    List<Attachment> attachments = new ArrayList<>();
    List<ConversationMetrics> metrics = new ArrayList<>(1);
    Map<Long, Admin> admins = new LinkedHashMap<>();
    batch
        // The limit is written into the statement, not bound: SQLite ran "LIMIT ?" at about
        // twice the cost of "LIMIT 500" here (22 us against 9 us for five parts), and the limit
        // is a constant of the caller, so the statement stays one cached statement.
        .add(
            "SELECT * FROM conversation_parts WHERE workspace_id = :ws AND conversation_id = :id"
                + " ORDER BY id DESC LIMIT "
                + maxParts,
            (rs, ctx) -> readAll(rs, ctx, SqlConversationParts.PART, newestFirst))
        .add(
            "SELECT c.* FROM conversation_contacts cc JOIN contacts c"
                + " ON c.workspace_id = cc.workspace_id AND c.id = cc.contact_id"
                + " WHERE cc.workspace_id = :ws AND cc.conversation_id = :id ORDER BY cc.position",
            (rs, ctx) -> readAll(rs, ctx, SqlContactRepository.CONTACT, contacts))
        .add(
            "SELECT ct.applied_at, ct.applied_by_admin_id, t.workspace_id, t.id, t.name,"
                + " t.created_at FROM conversation_tags ct JOIN tags t"
                + " ON t.workspace_id = ct.workspace_id AND t.id = ct.tag_id"
                + " WHERE ct.workspace_id = :ws AND ct.conversation_id = :id"
                + " ORDER BY ct.applied_at, t.id",
            (rs, ctx) -> readAll(rs, ctx, SqlConversationLinks.APPLIED_TAG, tags))
        .add(
            "SELECT * FROM uploads WHERE workspace_id = :ws AND conversation_id = :id"
                + " ORDER BY part_id, position, id",
            (rs, ctx) -> readAll(rs, ctx, SqlConversationParts.ATTACHMENT, attachments))
        .add(
            "SELECT * FROM conversation_metrics WHERE workspace_id = :ws AND conversation_id = :id",
            (rs, ctx) -> readAll(rs, ctx, SqlMetricsRepository.METRICS, metrics))
        // The admins who wrote a part or the source: admin author ids are admin ids that
        // parley wrote as text, so the cast never meets anything but digits.
        .add(
            "SELECT a.*, tm.team_id FROM admins a LEFT JOIN team_members tm ON tm.workspace_id ="
                + " a.workspace_id AND tm.admin_id = a.id WHERE a.workspace_id = :ws AND a.id IN"
                + " (SELECT CAST(author_id AS BIGINT) FROM conversation_parts WHERE workspace_id ="
                + " :ws AND conversation_id = :id AND author_type = 'admin' UNION SELECT"
                + " CAST(source_author_id AS BIGINT) FROM conversations WHERE workspace_id = :ws"
                + " AND id = :id AND source_author_type = 'admin') ORDER BY a.id, tm.team_id",
            (rs, ctx) -> admins.putAll(SqlAdminRepository.withTeams(rs, ctx)))
        .run();
    List<ConversationPart> parts = new ArrayList<>(newestFirst);
    Collections.reverse(parts);
    return new Related(
        parts, contacts, tags, attachments, metrics.isEmpty() ? null : metrics.get(0), admins);
  }

  @Override
  public Map<Long, Read> readAll(long workspaceId, List<Long> conversationIds, int maxParts) {
    if (maxParts < 1) {
      throw new IllegalArgumentException("maxParts must be positive: " + maxParts);
    }
    Map<Long, Read> reads = new LinkedHashMap<>();
    if (conversationIds.isEmpty()) {
      return reads;
    }
    Map<Long, Conversation> found = new HashMap<>();
    Map<Long, List<ConversationPart>> parts = new HashMap<>();
    Map<Long, List<Contact>> contacts = new HashMap<>();
    Map<Long, List<AppliedTag>> tags = new HashMap<>();
    Map<Long, List<Attachment>> attachments = new HashMap<>();
    Map<Long, ConversationMetrics> metrics = new HashMap<>();
    Map<Long, Admin> admins = new LinkedHashMap<>();
    new ReadBatch(handle, dialect)
        .bind("ws", workspaceId)
        .bindList("ids", List.copyOf(conversationIds))
        .add(
            "SELECT * FROM conversations WHERE workspace_id = :ws AND id IN (<ids>)",
            (rs, ctx) -> {
              while (rs.next()) {
                Conversation c = CONVERSATION.map(rs, ctx);
                found.put(c.id(), c);
              }
            })
        // Each conversation's newest parts, as related() reads them for one; the limit is
        // written into the statement for the reason given there.
        .add(
            "SELECT * FROM (SELECT p.*, ROW_NUMBER() OVER (PARTITION BY p.conversation_id ORDER BY"
                + " p.id DESC) AS part_rank FROM conversation_parts p WHERE p.workspace_id = :ws"
                + " AND p.conversation_id IN (<ids>)) ranked WHERE part_rank <= "
                + maxParts
                + " ORDER BY conversation_id, id",
            (rs, ctx) -> {
              while (rs.next()) {
                ConversationPart part = SqlConversationParts.PART.map(rs, ctx);
                parts.computeIfAbsent(part.conversationId(), k -> new ArrayList<>()).add(part);
              }
            })
        .add(
            "SELECT cc.conversation_id AS linked_conversation_id, c.* FROM conversation_contacts"
                + " cc JOIN contacts c ON c.workspace_id = cc.workspace_id AND c.id ="
                + " cc.contact_id WHERE cc.workspace_id = :ws AND cc.conversation_id IN (<ids>)"
                + " ORDER BY cc.conversation_id, cc.position",
            (rs, ctx) -> {
              while (rs.next()) {
                contacts
                    .computeIfAbsent(rs.getLong("linked_conversation_id"), k -> new ArrayList<>())
                    .add(SqlContactRepository.CONTACT.map(rs, ctx));
              }
            })
        .add(
            "SELECT ct.conversation_id, ct.applied_at, ct.applied_by_admin_id, t.workspace_id,"
                + " t.id, t.name, t.created_at FROM conversation_tags ct JOIN tags t"
                + " ON t.workspace_id = ct.workspace_id AND t.id = ct.tag_id"
                + " WHERE ct.workspace_id = :ws AND ct.conversation_id IN (<ids>)"
                + " ORDER BY ct.conversation_id, ct.applied_at, t.id",
            (rs, ctx) -> {
              while (rs.next()) {
                tags.computeIfAbsent(rs.getLong("conversation_id"), k -> new ArrayList<>())
                    .add(SqlConversationLinks.APPLIED_TAG.map(rs, ctx));
              }
            })
        .add(
            "SELECT * FROM uploads WHERE workspace_id = :ws AND conversation_id IN (<ids>)"
                + " ORDER BY conversation_id, part_id, position, id",
            (rs, ctx) -> {
              while (rs.next()) {
                Attachment a = SqlConversationParts.ATTACHMENT.map(rs, ctx);
                attachments.computeIfAbsent(a.conversationId(), k -> new ArrayList<>()).add(a);
              }
            })
        .add(
            "SELECT * FROM conversation_metrics WHERE workspace_id = :ws"
                + " AND conversation_id IN (<ids>)",
            (rs, ctx) -> {
              while (rs.next()) {
                ConversationMetrics m = SqlMetricsRepository.METRICS.map(rs, ctx);
                metrics.put(m.conversationId(), m);
              }
            })
        .add(
            "SELECT a.*, tm.team_id FROM admins a LEFT JOIN team_members tm ON tm.workspace_id ="
                + " a.workspace_id AND tm.admin_id = a.id WHERE a.workspace_id = :ws AND a.id IN"
                + " (SELECT CAST(author_id AS BIGINT) FROM conversation_parts WHERE workspace_id ="
                + " :ws AND conversation_id IN (<ids>) AND author_type = 'admin' UNION SELECT"
                + " CAST(source_author_id AS BIGINT) FROM conversations WHERE workspace_id = :ws"
                + " AND id IN (<ids>) AND source_author_type = 'admin') ORDER BY a.id, tm.team_id",
            (rs, ctx) -> admins.putAll(SqlAdminRepository.withTeams(rs, ctx)))
        .run();
    for (long id : conversationIds) {
      Conversation c = found.get(id);
      if (c == null || reads.containsKey(id)) {
        continue;
      }
      reads.put(
          id,
          new Read(
              Optional.of(c),
              new Related(
                  parts.getOrDefault(id, List.of()),
                  contacts.getOrDefault(id, List.of()),
                  tags.getOrDefault(id, List.of()),
                  attachments.getOrDefault(id, List.of()),
                  metrics.get(id),
                  admins)));
    }
    return reads;
  }

  private static <T> void readAll(
      ResultSet rs, StatementContext ctx, RowMapper<T> mapper, List<T> into) throws SQLException {
    while (rs.next()) {
      into.add(mapper.map(rs, ctx));
    }
  }

  @Override
  public Optional<Conversation> lock(long workspaceId, long conversationId) {
    return handle
        .createQuery(
            "SELECT * FROM conversations WHERE workspace_id = :ws AND id = :id"
                + dialect.forUpdate())
        .bind("ws", workspaceId)
        .bind("id", conversationId)
        .map(CONVERSATION)
        .findOne();
  }

  @Override
  public Optional<Long> lastUpdatedId(long workspaceId, String contactId) {
    if (contactId == null) {
      return handle
          .createQuery(
              "SELECT id FROM conversations WHERE workspace_id = :ws"
                  + " ORDER BY updated_at DESC, id DESC LIMIT 1")
          .bind("ws", workspaceId)
          .mapTo(Long.class)
          .findOne();
    }
    return handle
        .createQuery(
            "SELECT c.id FROM conversations c JOIN conversation_contacts cc"
                + " ON cc.workspace_id = c.workspace_id AND cc.conversation_id = c.id"
                + " WHERE c.workspace_id = :ws AND cc.contact_id = :contact"
                + " ORDER BY c.updated_at DESC, c.id DESC LIMIT 1")
        .bind("ws", workspaceId)
        .bind("contact", contactId)
        .mapTo(Long.class)
        .findOne();
  }

  @Override
  public List<DueSnooze> dueSnoozes(long now, int limit) {
    // Served by conversations_snoozed_due (V12), a partial index on the snoozed rows only.
    return handle
        .createQuery(
            "SELECT workspace_id, id FROM conversations WHERE state = 'snoozed'"
                + " AND snoozed_until <= :now ORDER BY snoozed_until, workspace_id, id"
                + " LIMIT :limit")
        .bind("now", now)
        .bind("limit", limit)
        .map((rs, ctx) -> new DueSnooze(rs.getLong("workspace_id"), rs.getLong("id")))
        .list();
  }

  @Override
  public boolean unsnoozeIfDue(long workspaceId, long conversationId, long now) {
    return handle
            .createUpdate(
                "UPDATE conversations SET state = 'open', snoozed_until = NULL, updated_at ="
                    + " CASE WHEN updated_at > snoozed_until THEN updated_at"
                    + " ELSE snoozed_until END"
                    + " WHERE workspace_id = :ws AND id = :id AND state = 'snoozed'"
                    + " AND snoozed_until <= :now")
            .bind("ws", workspaceId)
            .bind("id", conversationId)
            .bind("now", now)
            .execute()
        == 1;
  }

  @Override
  public void update(Conversation c) {
    String oldBody =
        handle
            .createQuery(
                "SELECT source_body FROM conversations WHERE workspace_id = :ws AND id = :id")
            .bind("ws", c.workspaceId())
            .bind("id", c.id())
            .mapTo(String.class)
            .findOne()
            .orElse(null);
    if (!Objects.equals(oldBody, c.source().body())) {
      deleteWords(c.workspaceId(), c.id());
      insertWords(c.workspaceId(), c.id(), c.source().body());
    }
    handle
        .createUpdate(
            "UPDATE conversations SET updated_at = :updatedAt, title = :title, state = :state,"
                + " is_read = :read, admin_assignee_id = :adminAssigneeId, team_assignee_id ="
                + " :teamAssigneeId, snoozed_until = :snoozedUntil, waiting_since = :waitingSince,"
                + " custom_attributes = :attributes, source_subject = :source.subject, source_body"
                + " = :source.body, source_redacted = :source.redacted WHERE workspace_id ="
                + " :workspaceId AND id = :id")
        .bindMethods(c)
        .bindMethods("source", c.source())
        .bind("state", c.state().wireValue())
        .bind("attributes", Rows.json(c.customAttributes()))
        .execute();
  }

  @Override
  public List<Conversation> page(long workspaceId, Long beforeCreatedAt, Long beforeId, int limit) {
    return Rows.keysetPage(
        handle, "conversations", workspaceId, true, beforeCreatedAt, beforeId, limit, CONVERSATION);
  }

  @Override
  public long count(long workspaceId) {
    return handle
        .createQuery("SELECT COUNT(*) FROM conversations WHERE workspace_id = :ws")
        .bind("ws", workspaceId)
        .mapTo(Long.class)
        .one();
  }

  @Override
  public SearchResult<Conversation> search(
      long workspaceId, SearchQuery query, Long beforeCreatedAt, Long beforeId, int limit) {
    SearchColumns columns = ConversationSearchColumns.COLUMNS;
    SqlStatement count =
        SearchCompiler.wordCount(query, columns)
            .orElseGet(
                () -> {
                  SqlFilter filter = SearchCompiler.compile(query, columns, dialect);
                  return new SqlStatement(
                      "SELECT COUNT(*) FROM conversations c WHERE c.workspace_id = :ws AND "
                          + filter.sql(),
                      filter.params());
                });
    long total = SqlSearchPages.count(handle, count, workspaceId);
    if (total == 0) {
      return new SearchResult<>(List.of(), 0);
    }
    SqlFilter filter = SearchCompiler.compile(query, columns, dialect, Dialect.searchLists(total));
    List<Conversation> page =
        SqlSearchPages.page(
            handle,
            dialect,
            "conversations",
            workspaceId,
            filter,
            total,
            true,
            beforeCreatedAt,
            beforeId,
            limit,
            CONVERSATION);
    return new SearchResult<>(page, total);
  }

  @Override
  public Erased eraseAll(long workspaceId, long conversationId) {
    // Each deleted upload's blob key (NULL for a link), in the statement that deletes it.
    List<String> blobKeys = new ArrayList<>();
    int[] attachments = {0};
    handle
        .createQuery(
            "DELETE FROM uploads WHERE workspace_id = :ws AND conversation_id = :conversation"
                + " RETURNING blob_key")
        .bind("ws", workspaceId)
        .bind("conversation", conversationId)
        .map((rs, ctx) -> Optional.ofNullable(rs.getString("blob_key")))
        .forEach(
            key -> {
              attachments[0]++;
              key.ifPresent(blobKeys::add);
            });
    int parts = delete("conversation_parts", workspaceId, conversationId);
    delete("conversation_tags", workspaceId, conversationId);
    delete("conversation_contacts", workspaceId, conversationId);
    handle
        .createUpdate(
            "DELETE FROM linked_objects WHERE workspace_id = :ws"
                + " AND (ticket_id = :conversation OR linked_id = :conversation)")
        .bind("ws", workspaceId)
        .bind("conversation", conversationId)
        .execute();
    deleteWords(workspaceId, conversationId);
    handle
        .createUpdate("DELETE FROM conversations WHERE workspace_id = :ws AND id = :id")
        .bind("ws", workspaceId)
        .bind("id", conversationId)
        .execute();
    return new Erased(parts, attachments[0], blobKeys);
  }

  private int delete(String table, long workspaceId, long conversationId) {
    return handle
        .createUpdate(
            "DELETE FROM "
                + table
                + " WHERE workspace_id = :ws AND conversation_id = :conversation")
        .bind("ws", workspaceId)
        .bind("conversation", conversationId)
        .execute();
  }
}
