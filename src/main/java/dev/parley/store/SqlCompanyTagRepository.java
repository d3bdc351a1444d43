package dev.parley.store;

import dev.parley.domain.company.Company;
import dev.parley.domain.company.CompanyTagRepository;
import dev.parley.domain.tag.Tag;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** {@link CompanyTagRepository} in SQL: {@code company_tags}, joined to {@code tags}. */
record SqlCompanyTagRepository(Handle handle) implements CompanyTagRepository {
  @Override
  public boolean insert(
      long workspaceId, String companyId, long tagId, long appliedAt, Long adminId) {
    boolean applied =
        handle
                .createQuery(
                    "SELECT COUNT(*) FROM company_tags WHERE workspace_id = :ws AND company_id ="
                        + " :company AND tag_id = :tag")
                .bind("ws", workspaceId)
                .bind("company", companyId)
                .bind("tag", tagId)
                .mapTo(Long.class)
                .one()
            > 0;
    if (applied) {
      return false;
    }
    handle
        .createUpdate(
            "INSERT INTO company_tags (workspace_id, company_id, tag_id, admin_id, applied_at)"
                + " VALUES (:ws, :company, :tag, :admin, :at)")
        .bind("ws", workspaceId)
        .bind("company", companyId)
        .bind("tag", tagId)
        .bind("admin", adminId)
        .bind("at", appliedAt)
        .execute();
    return true;
  }

  @Override
  public boolean delete(long workspaceId, String companyId, long tagId) {
    return handle
            .createUpdate(
                "DELETE FROM company_tags WHERE workspace_id = :ws AND company_id = :company"
                    + " AND tag_id = :tag")
            .bind("ws", workspaceId)
            .bind("company", companyId)
            .bind("tag", tagId)
            .execute()
        > 0;
  }

  @Override
  public Map<String, List<Tag>> tagsByCompany(long workspaceId, Collection<String> companyIds) {
    Map<String, List<Tag>> tags = new LinkedHashMap<>();
    if (companyIds.isEmpty()) {
      return tags;
    }
    handle
        .createQuery(
            "SELECT ct.company_id, t.workspace_id, t.id, t.name, t.created_at FROM company_tags ct"
                + " JOIN tags t ON t.workspace_id = ct.workspace_id AND t.id = ct.tag_id WHERE"
                + " ct.workspace_id = :ws AND ct.company_id IN (<companies>) ORDER BY"
                + " ct.company_id, t.id")
        .bind("ws", workspaceId)
        .bindList("companies", List.copyOf(companyIds))
        .map(
            (rs, ctx) ->
                Map.entry(
                    rs.getString("company_id"),
                    new Tag(
                        rs.getLong("workspace_id"),
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getLong("created_at"))))
        .forEach(e -> tags.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return tags;
  }

  private static final String TAGGED =
      " FROM companies c WHERE c.workspace_id = :ws AND c.deleted_at IS NULL AND EXISTS (SELECT 1"
          + " FROM company_tags ct WHERE ct.workspace_id = c.workspace_id AND ct.company_id = c.id"
          + " AND ct.tag_id = :tag)";

  @Override
  public List<Company> tagged(long workspaceId, long tagId, long offset, int limit) {
    return handle
        .createQuery(
            "SELECT c.*" + TAGGED + " ORDER BY c.created_at, c.id LIMIT :limit OFFSET :offset")
        .bind("ws", workspaceId)
        .bind("tag", tagId)
        .bind("limit", limit)
        .bind("offset", offset)
        .map(SqlCompanyRepository.COMPANY)
        .list();
  }

  @Override
  public long countTagged(long workspaceId, long tagId) {
    return handle
        .createQuery("SELECT COUNT(*)" + TAGGED)
        .bind("ws", workspaceId)
        .bind("tag", tagId)
        .mapTo(Long.class)
        .one();
  }
}
