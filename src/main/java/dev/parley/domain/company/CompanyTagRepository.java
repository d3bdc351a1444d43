package dev.parley.domain.company;

import dev.parley.domain.tag.Tag;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Tags applied to companies ({@code company_tags}, migration 28): ids only. All lookups are
 * confined to {@code workspaceId}; company ids are Intercom's 24-hex ids ({@code companies.id}).
 */
public interface CompanyTagRepository {
  /**
   * Applies a tag to a company; applying it twice keeps the first application.
   *
   * @param appliedAt Unix seconds
   * @param adminId the admin who applied it, or null
   * @return true when it was not applied before
   */
  boolean insert(long workspaceId, String companyId, long tagId, long appliedAt, Long adminId);

  /**
   * Removes a tag from a company.
   *
   * @return true when it was applied
   */
  boolean delete(long workspaceId, String companyId, long tagId);

  /** The tags of each of these companies, in tag id order; a company without any is absent. */
  Map<String, List<Tag>> tagsByCompany(long workspaceId, Collection<String> companyIds);

  /**
   * One page of the live (not archived) companies that have a tag, oldest first ({@code
   * created_at}, then id).
   */
  List<Company> tagged(long workspaceId, long tagId, long offset, int limit);

  /** How many live companies have a tag. */
  long countTagged(long workspaceId, long tagId);
}
