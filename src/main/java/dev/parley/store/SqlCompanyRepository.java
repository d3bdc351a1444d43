package dev.parley.store;

import dev.parley.domain.company.Company;
import dev.parley.domain.company.CompanyRepository;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Update;

/**
 * {@link CompanyRepository} in SQL: {@code companies} (a deleted company keeps its row with {@code
 * deleted_at}, invisible here) and {@code contact_companies}.
 */
record SqlCompanyRepository(Handle handle, Dialect dialect) implements CompanyRepository {
  private static final String LIVE = "workspace_id = :ws AND deleted_at IS NULL";

  static final RowMapper<Company> COMPANY =
      (rs, ctx) ->
          new Company(
              rs.getLong("workspace_id"),
              rs.getString("id"),
              rs.getString("company_id"),
              rs.getString("name"),
              rs.getString("plan"),
              Rows.nullableLong(rs, "size"),
              rs.getString("website"),
              rs.getString("industry"),
              rs.getLong("monthly_spend"),
              Rows.jsonMap(rs.getString("custom_attributes")),
              Rows.nullableLong(rs, "remote_created_at"),
              rs.getLong("created_at"),
              rs.getLong("updated_at"));

  @Override
  public void insert(Company c) {
    bind(
            handle.createUpdate(
                "INSERT INTO companies (workspace_id, id, company_id, name, plan, size, website,"
                    + " industry, monthly_spend, custom_attributes, remote_created_at, created_at,"
                    + " updated_at) VALUES (:ws, :id, :companyId, :name, :plan, :size, :website,"
                    + " :industry, :monthlySpend, :attributes, :remoteCreatedAt, :createdAt,"
                    + " :updatedAt)"),
            c)
        .execute();
  }

  @Override
  public void update(Company c) {
    bind(
            handle.createUpdate(
                "UPDATE companies SET name = :name, plan = :plan, size = :size, website ="
                    + " :website, industry = :industry, monthly_spend = :monthlySpend,"
                    + " custom_attributes = :attributes, remote_created_at = :remoteCreatedAt,"
                    + " updated_at = :updatedAt WHERE workspace_id = :ws AND id = :id"),
            c)
        .execute();
  }

  private static Update bind(Update update, Company c) {
    return update
        .bind("ws", c.workspaceId())
        .bind("id", c.id())
        .bind("companyId", c.companyId())
        .bind("name", c.name())
        .bind("plan", c.plan())
        .bind("size", c.size())
        .bind("website", c.website())
        .bind("industry", c.industry())
        .bind("monthlySpend", c.monthlySpend())
        .bind("attributes", Rows.json(c.customAttributes()))
        .bind("remoteCreatedAt", c.remoteCreatedAt())
        .bind("createdAt", c.createdAt())
        .bind("updatedAt", c.updatedAt());
  }

  @Override
  public Optional<Company> find(long workspaceId, String id) {
    return one(workspaceId, "id = :value", id, "");
  }

  @Override
  public Optional<Company> lock(long workspaceId, String id) {
    return one(workspaceId, "id = :value", id, dialect.forUpdate());
  }

  @Override
  public Optional<Company> findByCompanyId(long workspaceId, String companyId) {
    return one(workspaceId, "company_id = :value", companyId, "");
  }

  @Override
  public Optional<Company> findByName(long workspaceId, String name) {
    return one(workspaceId, "name = :value", name, "");
  }

  private Optional<Company> one(long workspaceId, String where, String value, String suffix) {
    return handle
        .createQuery(
            "SELECT * FROM companies WHERE "
                + LIVE
                + " AND "
                + where
                + " ORDER BY created_at, id LIMIT 1"
                + suffix)
        .bind("ws", workspaceId)
        .bind("value", value)
        .map(COMPANY)
        .findOne();
  }

  @Override
  public List<Company> page(long workspaceId, boolean newestFirst, long offset, int limit) {
    String order = newestFirst ? "created_at DESC, id DESC" : "created_at, id";
    return handle
        .createQuery(
            "SELECT * FROM companies WHERE "
                + LIVE
                + " ORDER BY "
                + order
                + " LIMIT :limit OFFSET :offset")
        .bind("ws", workspaceId)
        .bind("limit", limit)
        .bind("offset", offset)
        .map(COMPANY)
        .list();
  }

  @Override
  public long count(long workspaceId) {
    return handle
        .createQuery("SELECT COUNT(*) FROM companies WHERE " + LIVE)
        .bind("ws", workspaceId)
        .mapTo(Long.class)
        .one();
  }

  @Override
  public List<Company> after(long workspaceId, Long afterCreatedAt, String afterId, int limit) {
    String keyset =
        afterCreatedAt == null
            ? ""
            : " AND (created_at > :at OR (created_at = :at AND id > :after))";
    var query =
        handle
            .createQuery(
                "SELECT * FROM companies WHERE "
                    + LIVE
                    + keyset
                    + " ORDER BY created_at, id LIMIT :limit")
            .bind("ws", workspaceId)
            .bind("limit", limit);
    if (afterCreatedAt != null) {
      query.bind("at", afterCreatedAt).bind("after", afterId);
    }
    return query.map(COMPANY).list();
  }

  @Override
  public int attach(long workspaceId, String contactId, String id, long attachedAt) {
    return handle
        .createUpdate(
            "INSERT INTO contact_companies (workspace_id, contact_id, company_id, attached_at)"
                + " VALUES (:ws, :contact, :company, :at) ON CONFLICT DO NOTHING")
        .bind("ws", workspaceId)
        .bind("contact", contactId)
        .bind("company", id)
        .bind("at", attachedAt)
        .execute();
  }

  @Override
  public int detach(long workspaceId, String contactId, String id) {
    return handle
        .createUpdate(
            "DELETE FROM contact_companies WHERE workspace_id = :ws AND contact_id = :contact"
                + " AND company_id = :company")
        .bind("ws", workspaceId)
        .bind("contact", contactId)
        .bind("company", id)
        .execute();
  }

  @Override
  public Map<String, Long> contactCounts(long workspaceId, Collection<String> ids) {
    Map<String, Long> counts = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return counts;
    }
    handle
        .createQuery(
            "SELECT company_id, COUNT(*) AS n FROM contact_companies WHERE workspace_id = :ws"
                + " AND company_id IN (<ids>) GROUP BY company_id")
        .bind("ws", workspaceId)
        .bindList("ids", List.copyOf(ids))
        .map((rs, ctx) -> Map.entry(rs.getString("company_id"), rs.getLong("n")))
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }

  @Override
  public List<Company> ofContact(long workspaceId, String contactId) {
    return handle
        .createQuery(
            "SELECT c.* FROM contact_companies l JOIN companies c ON c.workspace_id ="
                + " l.workspace_id AND c.id = l.company_id WHERE l.workspace_id = :ws AND"
                + " l.contact_id = :contact AND c.deleted_at IS NULL ORDER BY l.attached_at,"
                + " c.id")
        .bind("ws", workspaceId)
        .bind("contact", contactId)
        .map(COMPANY)
        .list();
  }

  @Override
  public Map<String, List<String>> idsByContact(long workspaceId, Collection<String> contactIds) {
    Map<String, List<String>> ids = new LinkedHashMap<>();
    if (contactIds.isEmpty()) {
      return ids;
    }
    handle
        .createQuery(
            "SELECT contact_id, company_id FROM contact_companies WHERE workspace_id = :ws AND"
                + " contact_id IN (<contacts>) ORDER BY contact_id, attached_at, company_id")
        .bind("ws", workspaceId)
        .bindList("contacts", List.copyOf(contactIds))
        .map((rs, ctx) -> Map.entry(rs.getString("contact_id"), rs.getString("company_id")))
        .forEach(e -> ids.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return ids;
  }

  @Override
  public List<String> contactIds(long workspaceId, String id, long offset, int limit) {
    return handle
        .createQuery(
            "SELECT contact_id FROM contact_companies WHERE workspace_id = :ws AND company_id ="
                + " :company ORDER BY attached_at, contact_id LIMIT :limit OFFSET :offset")
        .bind("ws", workspaceId)
        .bind("company", id)
        .bind("limit", limit)
        .bind("offset", offset)
        .mapTo(String.class)
        .list();
  }

  @Override
  public int detachContact(long workspaceId, String contactId) {
    return handle
        .createUpdate(
            "DELETE FROM contact_companies WHERE workspace_id = :ws AND contact_id = :contact")
        .bind("ws", workspaceId)
        .bind("contact", contactId)
        .execute();
  }

  @Override
  public void archive(long workspaceId, String id, long at) {
    handle
        .createUpdate(
            "DELETE FROM contact_companies WHERE workspace_id = :ws AND company_id = :company")
        .bind("ws", workspaceId)
        .bind("company", id)
        .execute();
    handle
        .createUpdate(
            "UPDATE companies SET deleted_at = :at WHERE workspace_id = :ws AND id = :company")
        .bind("ws", workspaceId)
        .bind("company", id)
        .bind("at", at)
        .execute();
  }
}
