package dev.parley.domain.company;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Repositories;
import dev.parley.domain.Store;
import dev.parley.domain.contact.Contact;
import dev.parley.domain.contact.ContactTagService;
import dev.parley.domain.tag.Tag;
import dev.parley.domain.workspace.Caller;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tags on companies: the "tag companies" and "untag companies" forms of Intercom's {@code
 * createTag} ({@code POST /tags} with {@code companies}, REST API 2.14: {@code
 * tag_company_request}, {@code untag_company_request}), with the "tag multiple users" form when a
 * body sends {@code users} too. A company's tags show in its {@code tags} ({@code tag.list}).
 * Tagging or untagging a company raises no webhook topic: Intercom's catalogue has none for it
 * (docs/companies.md); tagging contacts raises {@code contact.tag.created} as usual.
 */
public final class CompanyTagService {
  private final Store store;
  private final Clock clock;
  private final ContactTagService contactTags;

  /**
   * @param contactTags tags the contacts a body names in {@code users}
   */
  public CompanyTagService(Store store, Clock clock, ContactTagService contactTags) {
    this.store = store;
    this.clock = clock;
    this.contactTags = contactTags;
  }

  /**
   * A company of a {@code companies} item: by Intercom's {@code id} when given, else by the
   * client's {@code company_id}.
   *
   * @param id Intercom's 24-hex id, or null
   * @param companyId the client's id, or null when {@code id} is given
   * @param untag true to remove the tag from the company, false to apply it
   */
  public record CompanyRef(String id, String companyId, boolean untag) {}

  /**
   * Applies the tag named {@code name} (case-insensitive) to every company of {@code companies}
   * whose {@code untag} is false and to every contact of {@code contactIds}, and removes it from
   * every company whose {@code untag} is true, all or nothing, in one transaction. The tag is
   * created when the workspace has none of that name and something is to be tagged; a company or
   * contact that already has it keeps its first application; untagging a company that does not have
   * it changes nothing.
   *
   * @param name the tag's name, already stripped and checked
   * @param contactIds contacts to tag, may be empty
   * @return the tag
   * @throws ApiException 404 {@code not_found} "User Not Found" for an unknown contact; 404 {@code
   *     company_not_found} "Company Not Found" for an unknown or archived company; 404 {@code
   *     not_found} "Resource Not Found" when only untagging and no tag has {@code name}; nothing
   *     changes then
   */
  public Tag apply(
      Caller caller, String name, List<CompanyRef> companies, List<String> contactIds) {
    long ws = caller.workspaceId();
    long at = clock.instant().getEpochSecond();
    Long adminId = caller.adminId() > 0 ? caller.adminId() : null;
    return store.write(
        repos -> {
          List<Contact> contacts = ContactTagService.lockContacts(repos, ws, contactIds);
          List<Company> resolved = new ArrayList<>();
          for (CompanyRef ref : companies) {
            resolved.add(lock(repos, ws, ref));
          }
          boolean tags = !contacts.isEmpty() || companies.stream().anyMatch(r -> !r.untag());
          Optional<Tag> existing = repos.tags().findByName(ws, name);
          Tag tag;
          if (existing.isPresent()) {
            tag = existing.get();
          } else if (tags || companies.isEmpty()) {
            tag = new Tag(ws, repos.nextId("tag"), name, at);
            repos.tags().insert(tag);
          } else {
            throw new ApiException(ErrorCode.NOT_FOUND);
          }
          for (int i = 0; i < companies.size(); i++) {
            String companyId = resolved.get(i).id();
            if (companies.get(i).untag()) {
              repos.companyTags().delete(ws, companyId, tag.id());
            } else {
              repos.companyTags().insert(ws, companyId, tag.id(), at, adminId);
            }
          }
          contactTags.tagAll(repos, caller, contacts, tag, at);
          return tag;
        });
  }

  private static Company lock(Repositories repos, long ws, CompanyRef ref) {
    CompanyRepository companies = repos.companies();
    Optional<Company> found =
        ref.id() != null
            ? companies.lock(ws, ref.id())
            : companies.findByCompanyId(ws, ref.companyId());
    if (found.isPresent() && ref.id() == null) {
      found = companies.lock(ws, found.get().id());
    }
    return found.orElseThrow(() -> new ApiException(ErrorCode.COMPANY_NOT_FOUND));
  }
}
