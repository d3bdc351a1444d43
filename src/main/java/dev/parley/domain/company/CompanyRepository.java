package dev.parley.domain.company;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Companies and their contact links. All lookups are confined to {@code workspaceId}, and see only
 * companies that are not deleted (archived); company ids are Intercom's 24-hex ids unless named
 * {@code companyId} (the client's own).
 */
public interface CompanyRepository {
  void insert(Company company);

  /** Writes every field of an existing company. */
  void update(Company company);

  Optional<Company> find(long workspaceId, String id);

  /** {@link #find}, holding the row until the transaction ends (PostgreSQL: FOR UPDATE). */
  Optional<Company> lock(long workspaceId, String id);

  /** The company with this client id ({@code company_id}), compared exactly. */
  Optional<Company> findByCompanyId(long workspaceId, String companyId);

  /** The oldest company with exactly this name. */
  Optional<Company> findByName(long workspaceId, String name);

  /**
   * One page of the workspace's companies by {@code created_at} then id.
   *
   * @param newestFirst descending order when true
   */
  List<Company> page(long workspaceId, boolean newestFirst, long offset, int limit);

  /** How many companies the workspace has. */
  long count(long workspaceId);

  /**
   * Companies after a keyset position, oldest first (for scrolling).
   *
   * @param afterCreatedAt Unix seconds, or null for the start
   * @param afterId the id at that position, or null for the start
   */
  List<Company> after(long workspaceId, Long afterCreatedAt, String afterId, int limit);

  /**
   * Attaches a contact; attaching twice changes nothing.
   *
   * @return 1 when it was not attached before, else 0
   */
  int attach(long workspaceId, String contactId, String id, long attachedAt);

  /**
   * Detaches a contact.
   *
   * @return 1 when it was attached, else 0
   */
  int detach(long workspaceId, String contactId, String id);

  /** How many contacts each of these companies has; a company without any is absent. */
  Map<String, Long> contactCounts(long workspaceId, Collection<String> ids);

  /** The companies a contact is attached to, in the order they were attached. */
  List<Company> ofContact(long workspaceId, String contactId);

  /** The ids of the companies of each of these contacts; a contact without any is absent. */
  Map<String, List<String>> idsByContact(long workspaceId, Collection<String> contactIds);

  /** One page of the contact ids attached to a company, in the order they were attached. */
  List<String> contactIds(long workspaceId, String id, long offset, int limit);

  /**
   * Removes every company link of a contact (its erasure).
   *
   * @return how many were removed
   */
  int detachContact(long workspaceId, String contactId);

  /**
   * Archives a company ({@code deleteCompany}): it leaves every read path, its contact links are
   * removed, its row stays with {@code deleted_at}.
   *
   * @param at Unix seconds
   */
  void archive(long workspaceId, String id, long at);
}
