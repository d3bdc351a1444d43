package dev.parley.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.parley.domain.operator.SnapshotRepository;
import dev.parley.domain.search.BodyWords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * {@link SnapshotRepository} in SQL: each saved object is a row of {@code snapshot_objects} whose
 * {@code content} is a JSON object from table name to that object's rows of it, each row a map from
 * column to value as the store returned it (without {@code workspace_id}); a restore writes them
 * back column by column. This copies every column, present and future, of the tables it names.
 */
record SqlSnapshotRepository(Handle handle) implements SnapshotRepository {

  /** The tables a conversation object holds rows of, in the order a restore inserts them. */
  private static final List<String> CONVERSATION_TABLES =
      List.of(
          "conversations",
          "conversation_parts",
          "conversation_contacts",
          "conversation_tags",
          "conversation_metrics");

  /** The tables a restore replaces, in the order it deletes from them. */
  private static final List<String> REPLACED_TABLES =
      List.of(
          "conversation_parts",
          "conversation_words",
          "conversation_tags",
          "conversation_contacts",
          "conversations",
          "contact_notes",
          "contact_tags",
          "contact_events",
          "contact_event_summaries",
          "contact_segments",
          "contact_subscriptions",
          "contacts",
          "tags",
          "data_attributes");

  /**
   * The tables of a contact's object besides {@code contacts}: its notes, tag links, events, event
   * summaries, segment memberships and subscription choices.
   */
  private static final List<String> CONTACT_TABLES =
      List.of(
          "contact_notes",
          "contact_tags",
          "contact_events",
          "contact_event_summaries",
          "contact_segments",
          "contact_subscriptions");

  private static final Pattern COLUMN = Pattern.compile("[a-z_][a-z0-9_]*");

  private static final TypeReference<LinkedHashMap<String, List<Map<String, Object>>>> OBJECT =
      new TypeReference<>() {};

  @Override
  public List<Info> list(long workspaceId) {
    return handle
        .createQuery(
            "SELECT s.name, s.created_at, (SELECT COUNT(*) FROM snapshot_objects o WHERE"
                + " o.workspace_id = s.workspace_id AND o.snapshot = s.name) AS objects FROM"
                + " snapshots s WHERE s.workspace_id = :ws ORDER BY s.name")
        .bind("ws", workspaceId)
        .map(
            (rs, ctx) ->
                new Info(rs.getString("name"), rs.getLong("created_at"), rs.getInt("objects")))
        .list();
  }

  @Override
  public Optional<Info> find(long workspaceId, String name) {
    return list(workspaceId).stream().filter(i -> i.name().equals(name)).findFirst();
  }

  @Override
  public Info save(long workspaceId, String name, long createdAt) {
    delete(workspaceId, name);
    handle
        .createUpdate(
            "INSERT INTO snapshots (workspace_id, name, created_at) VALUES (:ws, :name, :at)")
        .bind("ws", workspaceId)
        .bind("name", name)
        .bind("at", createdAt)
        .execute();
    Map<String, Map<String, List<Map<String, Object>>>> objects = new LinkedHashMap<>();
    for (Map<String, Object> row : rows("tags", workspaceId, "")) {
      objects.put("tag:" + row.get("id"), Map.of("tags", List.of(row)));
    }
    // Custom data attributes are the workspace's definitions (no personal data): one object each.
    for (Map<String, Object> row : rows("data_attributes", workspaceId, "")) {
      objects.put("data_attribute:" + row.get("id"), Map.of("data_attributes", List.of(row)));
    }
    for (Map<String, Object> row : rows("contacts", workspaceId, "")) {
      Map<String, List<Map<String, Object>>> contact = new LinkedHashMap<>();
      contact.put("contacts", List.of(row));
      objects.put("contact:" + row.get("id"), contact);
    }
    // A contact's notes, tag links and events are part of the contact's object: erasing the contact
    // from
    // the snapshots erases them too.
    for (String table : CONTACT_TABLES) {
      for (Map<String, Object> row : rows(table, workspaceId, "")) {
        Map<String, List<Map<String, Object>>> contact =
            objects.get("contact:" + row.get("contact_id"));
        if (contact != null) {
          contact.computeIfAbsent(table, t -> new ArrayList<>()).add(row);
        }
      }
    }
    Map<String, Map<String, List<Map<String, Object>>>> conversations = new LinkedHashMap<>();
    for (String table : CONVERSATION_TABLES) {
      String column = table.equals("conversations") ? "id" : "conversation_id";
      String live =
          table.equals("conversation_metrics")
              ? " AND deleted_at IS NULL"
              : table.equals("conversations")
                  ? ""
                  : " AND conversation_id IN (SELECT id FROM conversations WHERE workspace_id ="
                      + " :ws)";
      for (Map<String, Object> row : rows(table, workspaceId, live)) {
        String key = "conversation:" + row.get(column);
        if (table.equals("conversations")) {
          conversations.put(key, new LinkedHashMap<>());
        }
        Map<String, List<Map<String, Object>>> object = conversations.get(key);
        if (object != null) {
          object.computeIfAbsent(table, t -> new ArrayList<>()).add(row);
        }
      }
    }
    objects.putAll(conversations);
    PreparedBatch batch =
        handle.prepareBatch(
            "INSERT INTO snapshot_objects (workspace_id, snapshot, object_key, content) VALUES"
                + " (:ws, :name, :key, :content)");
    for (Map.Entry<String, Map<String, List<Map<String, Object>>>> e : objects.entrySet()) {
      batch
          .bind("ws", workspaceId)
          .bind("name", name)
          .bind("key", e.getKey())
          .bind("content", Rows.json(e.getValue()))
          .add();
    }
    if (!objects.isEmpty()) {
      batch.execute();
    }
    return new Info(name, createdAt, objects.size());
  }

  /** Every row of {@code table} of the workspace, without its {@code workspace_id}. */
  private List<Map<String, Object>> rows(String table, long workspaceId, String condition) {
    List<Map<String, Object>> rows =
        handle
            .createQuery("SELECT * FROM " + table + " WHERE workspace_id = :ws" + condition)
            .bind("ws", workspaceId)
            .mapToMap()
            .list();
    List<Map<String, Object>> out = new ArrayList<>(rows.size());
    for (Map<String, Object> row : rows) {
      Map<String, Object> copy = new LinkedHashMap<>(row);
      copy.remove("workspace_id");
      out.add(copy);
    }
    return out;
  }

  @Override
  public Restored restore(long workspaceId, String name) {
    List<String> dropped = new ArrayList<>();
    handle
        .createQuery("SELECT id FROM conversations WHERE workspace_id = :ws ORDER BY id")
        .bind("ws", workspaceId)
        .mapTo(Long.class)
        .forEach(id -> dropped.add("conversation:" + id));
    handle
        .createQuery("SELECT id FROM contacts WHERE workspace_id = :ws ORDER BY id")
        .bind("ws", workspaceId)
        .mapTo(String.class)
        .forEach(id -> dropped.add("contact:" + id));
    for (String table : REPLACED_TABLES) {
      handle
          .createUpdate("DELETE FROM " + table + " WHERE workspace_id = :ws")
          .bind("ws", workspaceId)
          .execute();
    }
    handle
        .createUpdate(
            "DELETE FROM conversation_metrics WHERE workspace_id = :ws AND deleted_at IS NULL")
        .bind("ws", workspaceId)
        .execute();

    Map<String, List<Map<String, Object>>> byTable = new LinkedHashMap<>();
    byTable.put("tags", new ArrayList<>());
    byTable.put("data_attributes", new ArrayList<>());
    byTable.put("contacts", new ArrayList<>());
    for (String table : CONTACT_TABLES) {
      byTable.put(table, new ArrayList<>());
    }
    for (String table : CONVERSATION_TABLES) {
      byTable.put(table, new ArrayList<>());
    }
    List<String> contents =
        handle
            .createQuery(
                "SELECT content FROM snapshot_objects WHERE workspace_id = :ws AND snapshot ="
                    + " :name ORDER BY object_key")
            .bind("ws", workspaceId)
            .bind("name", name)
            .mapTo(String.class)
            .list();
    for (String content : contents) {
      Rows.fromJson(content, OBJECT)
          .forEach(
              (table, rows) -> {
                List<Map<String, Object>> into = byTable.get(table);
                if (into == null) {
                  throw new IllegalStateException("snapshot of an unknown table: " + table);
                }
                into.addAll(rows);
              });
    }
    for (Map.Entry<String, List<Map<String, Object>>> e : byTable.entrySet()) {
      insert(e.getKey(), workspaceId, e.getValue());
    }
    for (Map<String, Object> conversation : byTable.get("conversations")) {
      insertWords(
          workspaceId,
          ((Number) conversation.get("id")).longValue(),
          (String) conversation.get("source_body"));
    }
    List<String> blobKeys =
        handle
            .createQuery(
                "DELETE FROM uploads WHERE workspace_id = :ws AND (NOT EXISTS (SELECT 1 FROM"
                    + " conversations c WHERE c.workspace_id = uploads.workspace_id AND c.id ="
                    + " uploads.conversation_id) OR (uploads.part_id IS NOT NULL AND NOT EXISTS"
                    + " (SELECT 1 FROM conversation_parts p WHERE p.workspace_id ="
                    + " uploads.workspace_id AND p.id = uploads.part_id))) RETURNING blob_key")
            .bind("ws", workspaceId)
            .map((rs, ctx) -> Optional.ofNullable(rs.getString("blob_key")))
            .list()
            .stream()
            .flatMap(Optional::stream)
            .toList();
    // Segments and subscription types are set-up, not part of a snapshot: a restored membership
    // or choice of one deleted since is dropped.
    handle
        .createUpdate(
            "DELETE FROM contact_segments WHERE workspace_id = :ws AND NOT EXISTS (SELECT 1 FROM"
                + " segments s WHERE s.workspace_id = contact_segments.workspace_id AND s.id ="
                + " contact_segments.segment_id)")
        .bind("ws", workspaceId)
        .execute();
    handle
        .createUpdate(
            "DELETE FROM contact_subscriptions WHERE workspace_id = :ws AND NOT EXISTS (SELECT 1"
                + " FROM subscription_types t WHERE t.workspace_id ="
                + " contact_subscriptions.workspace_id AND t.id ="
                + " contact_subscriptions.subscription_type_id)")
        .bind("ws", workspaceId)
        .execute();
    // Companies are not part of a snapshot: they stay as they are, and keep the links of the
    // contacts that are still there after the restore.
    handle
        .createUpdate(
            "DELETE FROM contact_companies WHERE workspace_id = :ws AND NOT EXISTS (SELECT 1 FROM"
                + " contacts c WHERE c.workspace_id = contact_companies.workspace_id AND c.id ="
                + " contact_companies.contact_id)")
        .bind("ws", workspaceId)
        .execute();
    // Companies are not in snapshots either: they keep the tags the restore brought back (same
    // ids) and lose those it dropped.
    handle
        .createUpdate(
            "DELETE FROM company_tags WHERE workspace_id = :ws AND NOT EXISTS (SELECT 1 FROM tags t"
                + " WHERE t.workspace_id = company_tags.workspace_id AND t.id ="
                + " company_tags.tag_id)")
        .bind("ws", workspaceId)
        .execute();
    return new Restored(List.copyOf(dropped), blobKeys, contents.size());
  }

  /** Inserts saved rows of one table into workspace {@code workspaceId}, column by column. */
  private void insert(String table, long workspaceId, List<Map<String, Object>> rows) {
    Map<Set<String>, List<Map<String, Object>>> byColumns = new LinkedHashMap<>();
    for (Map<String, Object> row : rows) {
      byColumns.computeIfAbsent(row.keySet(), k -> new ArrayList<>()).add(row);
    }
    for (Map.Entry<Set<String>, List<Map<String, Object>>> group : byColumns.entrySet()) {
      List<String> columns = new ArrayList<>(group.getKey());
      for (String column : columns) {
        if (!COLUMN.matcher(column).matches() || column.equals("workspace_id")) {
          throw new IllegalStateException("snapshot with a bad column name in " + table);
        }
      }
      StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (workspace_id");
      StringBuilder values = new StringBuilder(" VALUES (:workspace_id");
      for (String column : columns) {
        sql.append(", ").append(column);
        values.append(", :").append(column);
      }
      String statement = sql.append(")").append(values).append(")").toString();
      // One statement a row: a column's values differ in Java type from row to row (null, an
      // Integer or a Long from JSON), which a prepared batch does not allow.
      for (Map<String, Object> row : group.getValue()) {
        var update = handle.createUpdate(statement).bind("workspace_id", workspaceId);
        for (String column : columns) {
          Object value = row.get(column);
          if (value == null) {
            update.bindNull(column, java.sql.Types.NULL);
          } else if (value instanceof Number n
              && !(value instanceof Double)
              && !(value instanceof Float)) {
            update.bind(column, n.longValue());
          } else {
            update.bind(column, value);
          }
        }
        update.execute();
      }
    }
  }

  /** The words of a restored source body, as {@code SqlConversationRepository} writes them. */
  private void insertWords(long workspaceId, long conversationId, String body) {
    List<String> words = BodyWords.ofBody(body);
    if (words.isEmpty()) {
      return;
    }
    PreparedBatch batch =
        handle.prepareBatch(
            "INSERT INTO conversation_words (workspace_id, conversation_id, word) VALUES (:ws,"
                + " :conversation, :word)");
    for (String word : new LinkedHashSet<>(words)) {
      batch.bind("ws", workspaceId).bind("conversation", conversationId).bind("word", word).add();
    }
    batch.execute();
  }

  @Override
  public boolean delete(long workspaceId, String name) {
    handle
        .createUpdate("DELETE FROM snapshot_objects WHERE workspace_id = :ws AND snapshot = :name")
        .bind("ws", workspaceId)
        .bind("name", name)
        .execute();
    return handle
            .createUpdate("DELETE FROM snapshots WHERE workspace_id = :ws AND name = :name")
            .bind("ws", workspaceId)
            .bind("name", name)
            .execute()
        > 0;
  }

  @Override
  public int eraseObject(long workspaceId, String key) {
    return handle
        .createUpdate("DELETE FROM snapshot_objects WHERE workspace_id = :ws AND object_key = :key")
        .bind("ws", workspaceId)
        .bind("key", key)
        .execute();
  }

  @Override
  public void eraseContact(long workspaceId, String contactId) {
    eraseObject(workspaceId, "contact:" + contactId);
    String pattern =
        "%" + contactId.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    List<Saved> candidates =
        handle
            .createQuery(
                "SELECT snapshot, object_key, content FROM snapshot_objects WHERE workspace_id ="
                    + " :ws AND object_key LIKE 'conversation:%' AND content LIKE :pattern ESCAPE"
                    + " '\\'")
            .bind("ws", workspaceId)
            .bind("pattern", pattern)
            .map(
                (rs, ctx) ->
                    new Saved(
                        rs.getString("snapshot"),
                        rs.getString("object_key"),
                        Rows.fromJson(rs.getString("content"), OBJECT)))
            .list();
    for (Saved saved : candidates) {
      List<Map<String, Object>> links =
          saved.content().getOrDefault("conversation_contacts", List.of());
      List<Map<String, Object>> others =
          links.stream().filter(l -> !contactId.equals(l.get("contact_id"))).toList();
      if (others.size() == links.size()) {
        continue;
      }
      if (others.isEmpty()) {
        deleteSaved(workspaceId, saved);
      } else {
        saved.content().put("conversation_contacts", new ArrayList<>(others));
        update(workspaceId, saved);
      }
    }
  }

  @Override
  public void redact(
      long workspaceId, long conversationId, Long partId, String placeholder, long at) {
    List<Saved> copies =
        handle
            .createQuery(
                "SELECT snapshot, object_key, content FROM snapshot_objects WHERE workspace_id ="
                    + " :ws AND object_key = :key")
            .bind("ws", workspaceId)
            .bind("key", "conversation:" + conversationId)
            .map(
                (rs, ctx) ->
                    new Saved(
                        rs.getString("snapshot"),
                        rs.getString("object_key"),
                        Rows.fromJson(rs.getString("content"), OBJECT)))
            .list();
    for (Saved saved : copies) {
      for (Map<String, Object> c : saved.content().getOrDefault("conversations", List.of())) {
        if (partId == null) {
          c.put("source_body", placeholder);
          c.put("source_subject", "");
          c.put("source_redacted", true);
        }
        c.put("updated_at", Math.max(at, ((Number) c.get("updated_at")).longValue()));
      }
      if (partId != null) {
        for (Map<String, Object> p :
            saved.content().getOrDefault("conversation_parts", List.of())) {
          if (p.get("id") instanceof Number n && n.longValue() == partId) {
            p.put("body", placeholder);
            p.put("metadata", null);
            p.put("redacted", true);
            p.put("updated_at", at);
          }
        }
      }
      update(workspaceId, saved);
    }
  }

  /** One saved object, read for a rewrite. */
  private record Saved(
      String snapshot, String key, LinkedHashMap<String, List<Map<String, Object>>> content) {}

  private void update(long workspaceId, Saved saved) {
    handle
        .createUpdate(
            "UPDATE snapshot_objects SET content = :content WHERE workspace_id = :ws AND snapshot"
                + " = :snapshot AND object_key = :key")
        .bind("content", Rows.json(saved.content()))
        .bind("ws", workspaceId)
        .bind("snapshot", saved.snapshot())
        .bind("key", saved.key())
        .execute();
  }

  private void deleteSaved(long workspaceId, Saved saved) {
    handle
        .createUpdate(
            "DELETE FROM snapshot_objects WHERE workspace_id = :ws AND snapshot = :snapshot AND"
                + " object_key = :key")
        .bind("ws", workspaceId)
        .bind("snapshot", saved.snapshot())
        .bind("key", saved.key())
        .execute();
  }
}
