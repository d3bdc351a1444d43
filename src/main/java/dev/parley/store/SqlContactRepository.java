package dev.parley.store;

import dev.parley.domain.contact.Contact;
import dev.parley.domain.contact.ContactRepository;
import dev.parley.domain.search.SearchQuery;
import dev.parley.domain.search.SearchResult;
import dev.parley.store.search.ContactSearchColumns;
import dev.parley.store.search.SearchCompiler;
import dev.parley.store.search.SqlFilter;
import dev.parley.store.search.SqlStatement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@link ContactRepository} in SQL. */
record SqlContactRepository(Handle handle, Dialect dialect) implements ContactRepository {
  static final RowMapper<Contact> CONTACT =
      (rs, ctx) ->
          new Contact(
              rs.getLong("workspace_id"),
              rs.getString("id"),
              rs.getString("role"),
              rs.getString("email"),
              rs.getString("external_id"),
              rs.getString("name"),
              rs.getString("phone"),
              rs.getString("avatar"),
              Rows.nullableLong(rs, "owner_id"),
              rs.getBoolean("unsubscribed_from_emails"),
              Rows.jsonMap(rs.getString("custom_attributes")),
              Rows.nullableLong(rs, "signed_up_at"),
              Rows.nullableLong(rs, "last_seen_at"),
              Rows.nullableLong(rs, "last_replied_at"),
              rs.getBoolean("archived"),
              rs.getLong("created_at"),
              rs.getLong("updated_at"));

  @Override
  public void insert(Contact c) {
    handle
        .createUpdate(
            "INSERT INTO contacts (workspace_id, id, role, email, external_id, name, phone, avatar,"
                + " owner_id, unsubscribed_from_emails, custom_attributes, signed_up_at,"
                + " last_seen_at, last_replied_at, archived, created_at, updated_at) VALUES (:ws,"
                + " :id, :role, :email, :externalId, :name, :phone, :avatar, :ownerId,"
                + " :unsubscribed, :attributes, :signedUpAt, :lastSeenAt, :lastRepliedAt,"
                + " :archived, :createdAt, :updatedAt)")
        .bindMap(columns(c))
        .bind("lastRepliedAt", c.lastRepliedAt())
        .bind("createdAt", c.createdAt())
        .execute();
  }

  /**
   * The condition that keeps a row a contact: visitors are rows of role {@code visitor} that no
   * contact operation sees (docs/visitors.md).
   */
  private static final String PERSON = " AND role <> 'visitor'";

  @Override
  public Optional<Contact> find(long workspaceId, String contactId) {
    return handle
        .createQuery("SELECT * FROM contacts WHERE workspace_id = :ws AND id = :id" + PERSON)
        .bind("ws", workspaceId)
        .bind("id", contactId)
        .map(CONTACT)
        .findOne();
  }

  @Override
  public Optional<Contact> findByEmail(long workspaceId, String email) {
    return oldest(workspaceId, "email = :value", email.toLowerCase(Locale.ROOT));
  }

  @Override
  public Optional<Contact> findByExternalId(long workspaceId, String externalId) {
    return oldest(workspaceId, "external_id = :value", externalId);
  }

  @Override
  public Map<String, Contact> findAll(long workspaceId, Collection<String> contactIds) {
    Map<String, Contact> rows = new HashMap<>();
    if (contactIds.isEmpty()) {
      return rows;
    }
    handle
        .createQuery("SELECT * FROM contacts WHERE workspace_id = :ws AND id IN (<ids>)" + PERSON)
        .bind("ws", workspaceId)
        .bindList("ids", List.copyOf(contactIds))
        .map(CONTACT)
        .forEach(c -> rows.put(c.id(), c));
    return rows;
  }

  @Override
  public List<Contact> page(long workspaceId, Long afterCreatedAt, String afterId, int limit) {
    return Rows.keysetPage(
        handle, "contacts", PERSON, workspaceId, false, afterCreatedAt, afterId, limit, CONTACT);
  }

  @Override
  public SearchResult<Contact> search(
      long workspaceId, SearchQuery query, Long afterCreatedAt, String afterId, int limit) {
    SqlFilter compiled =
        SearchCompiler.compile(
            query,
            ContactSearchColumns.COLUMNS,
            dialect,
            SearchCompiler.ListMatch.SUBQUERY,
            dialect == Dialect.POSTGRESQL
                ? (rows, params, most) -> atMost(workspaceId, rows, params, most)
                : null);
    SqlFilter filter =
        new SqlFilter(
            "(" + compiled.sql() + ") AND c.role <> 'visitor'",
            compiled.params(),
            compiled.subqueries());
    long total =
        SqlSearchPages.count(
            handle,
            new SqlStatement(
                "SELECT COUNT(*) FROM contacts c WHERE c.workspace_id = :ws AND " + filter.sql(),
                filter.params()),
            workspaceId);
    if (total == 0) {
      return new SearchResult<>(List.of(), 0);
    }
    List<Contact> page =
        SqlSearchPages.pageByKeys(
            handle,
            dialect,
            "contacts",
            workspaceId,
            filter,
            total,
            false,
            afterCreatedAt,
            afterId,
            limit,
            CONTACT);
    return new SearchResult<>(page, total);
  }

  /**
   * Whether {@code rows} returns at most {@code limit} rows: counts at most {@code limit + 1} of
   * them (a tag's ids, read from {@code contact_tags_tag}).
   */
  private boolean atMost(long workspaceId, String rows, Map<String, Object> params, long limit) {
    long found =
        SqlSearchPages.count(
            handle,
            new SqlStatement(
                "SELECT COUNT(*) FROM (" + rows + " LIMIT " + (limit + 1) + ") n", params),
            workspaceId);
    return found <= limit;
  }

  @Override
  public long count(long workspaceId) {
    return handle
        .createQuery(
            "SELECT (SELECT COUNT(*) FROM contacts WHERE workspace_id = :ws) - (SELECT COUNT(*)"
                + " FROM contacts WHERE workspace_id = :ws AND role = 'visitor')")
        .bind("ws", workspaceId)
        .mapTo(Long.class)
        .one();
  }

  @Override
  public Optional<Contact> findVisitor(
      long workspaceId, VisitorKey key, String value, boolean lock) {
    String column =
        switch (key) {
          case ID -> "id";
          case USER_ID -> "external_id";
          case EMAIL -> "email";
        };
    return handle
        .createQuery(
            "SELECT * FROM contacts WHERE workspace_id = :ws AND "
                + column
                + " = :value AND role = 'visitor' ORDER BY created_at, id LIMIT 1"
                + (lock ? dialect.forUpdate() : ""))
        .bind("ws", workspaceId)
        .bind("value", key == VisitorKey.EMAIL ? value.toLowerCase(Locale.ROOT) : value)
        .map(CONTACT)
        .findOne();
  }

  @Override
  public boolean touchLastReplied(long workspaceId, String contactId, long at) {
    return handle
            .createUpdate(
                "UPDATE contacts SET last_replied_at = :at WHERE workspace_id = :ws AND id = :id")
            .bind("at", at)
            .bind("ws", workspaceId)
            .bind("id", contactId)
            .execute()
        == 1;
  }

  @Override
  public Optional<Contact> lock(long workspaceId, String contactId) {
    return handle
        .createQuery(
            "SELECT * FROM contacts WHERE workspace_id = :ws AND id = :id"
                + PERSON
                + dialect.forUpdate())
        .bind("ws", workspaceId)
        .bind("id", contactId)
        .map(CONTACT)
        .findOne();
  }

  @Override
  public Optional<Contact> findUserByExternalId(long workspaceId, String externalId) {
    return oldest(workspaceId, "external_id = :value AND role = 'user'", externalId);
  }

  @Override
  public void update(Contact c) {
    handle
        .createUpdate(
            "UPDATE contacts SET role = :role, email = :email, external_id = :externalId, name ="
                + " :name, phone = :phone, avatar = :avatar, owner_id = :ownerId,"
                + " unsubscribed_from_emails = :unsubscribed, custom_attributes = :attributes,"
                + " signed_up_at = :signedUpAt, last_seen_at = :lastSeenAt, archived = :archived,"
                + " updated_at = :updatedAt WHERE workspace_id = :ws AND id = :id")
        .bindMap(columns(c))
        .execute();
  }

  @Override
  public boolean delete(long workspaceId, String contactId) {
    return handle
            .createUpdate("DELETE FROM contacts WHERE workspace_id = :ws AND id = :id")
            .bind("ws", workspaceId)
            .bind("id", contactId)
            .execute()
        == 1;
  }

  /**
   * The parameters that {@link #insert} and {@link #update} both bind: every column a contact
   * update writes (the email lower-cased, the attributes as JSON), and its key.
   */
  private static Map<String, Object> columns(Contact c) {
    Map<String, Object> columns = new HashMap<>();
    columns.put("ws", c.workspaceId());
    columns.put("id", c.id());
    columns.put("role", c.role());
    columns.put("email", c.email() == null ? null : c.email().toLowerCase(Locale.ROOT));
    columns.put("externalId", c.externalId());
    columns.put("name", c.name());
    columns.put("phone", c.phone());
    columns.put("avatar", c.avatar());
    columns.put("ownerId", c.ownerId());
    columns.put("unsubscribed", c.unsubscribedFromEmails());
    columns.put("attributes", Rows.json(c.customAttributes()));
    columns.put("signedUpAt", c.signedUpAt());
    columns.put("lastSeenAt", c.lastSeenAt());
    columns.put("archived", c.archived());
    columns.put("updatedAt", c.updatedAt());
    return columns;
  }

  /**
   * The workspace's oldest contact (by creation, then id) that meets {@code condition}, a constant
   * SQL condition on the bound {@code :value}.
   */
  private Optional<Contact> oldest(long workspaceId, String condition, String value) {
    return handle
        .createQuery(
            "SELECT * FROM contacts WHERE workspace_id = :ws AND "
                + condition
                + PERSON
                + " ORDER BY created_at, id LIMIT 1")
        .bind("ws", workspaceId)
        .bind("value", value)
        .map(CONTACT)
        .findOne();
  }

  @Override
  public void moveLinks(long workspaceId, String fromId, String intoId) {
    Map<String, Object> ids = Map.of("ws", workspaceId, "from", fromId, "into", intoId);
    // One row per key may move: a key the target already has keeps the target's row.
    move("conversation_contacts", List.of("conversation_id"), ids);
    move("contact_tags", List.of("tag_id"), ids);
    move("contact_companies", List.of("company_id"), ids);
    move("contact_events", List.of("event_name", "created_at"), ids);
    Rows.update(
        handle,
        "UPDATE contact_notes SET contact_id = :into WHERE workspace_id = :ws AND contact_id ="
            + " :from",
        ids);
    Rows.update(
        handle,
        "UPDATE conversations SET source_author_id = :into, source_author_type = 'user' WHERE"
            + " workspace_id = :ws AND source_author_id = :from AND source_author_type IN"
            + " ('user', 'lead')",
        ids);
    Rows.update(
        handle,
        "UPDATE conversation_parts SET author_id = :into, author_type = 'user' WHERE workspace_id"
            + " = :ws AND author_id = :from AND author_type IN ('user', 'lead')",
        ids);
  }

  /**
   * Moves the rows of {@code table} from one contact to the other where the other has no row with
   * the same {@code keys} (the columns that, with the contact id, make the row's key).
   */
  private void move(String table, List<String> keys, Map<String, Object> ids) {
    StringBuilder same = new StringBuilder();
    for (String key : keys) {
      same.append(" AND x.").append(key).append(" = ").append(table).append('.').append(key);
    }
    Rows.update(
        handle,
        "UPDATE "
            + table
            + " SET contact_id = :into WHERE workspace_id = :ws AND contact_id = :from AND NOT"
            + " EXISTS (SELECT 1 FROM "
            + table
            + " x WHERE x.workspace_id = :ws AND x.contact_id = :into"
            + same
            + ")",
        ids);
  }

  @Override
  public boolean block(long workspaceId, String contactId, long at) {
    return handle
            .createUpdate(
                "UPDATE contacts SET blocked = :blocked, updated_at = CASE WHEN updated_at > :at"
                    + " THEN updated_at ELSE :at END WHERE workspace_id = :ws AND id = :id")
            .bind("blocked", true)
            .bind("at", at)
            .bind("ws", workspaceId)
            .bind("id", contactId)
            .execute()
        > 0;
  }
}
