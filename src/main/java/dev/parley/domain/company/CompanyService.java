package dev.parley.domain.company;

import dev.parley.domain.ApiException;
import dev.parley.domain.CustomAttributes;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Page;
import dev.parley.domain.Repositories;
import dev.parley.domain.Store;
import dev.parley.domain.attribute.DataAttributeService;
import dev.parley.domain.contact.Contact;
import dev.parley.domain.contact.ContactLinks;
import dev.parley.domain.contact.ContactService;
import dev.parley.domain.tag.Tag;
import dev.parley.domain.webhook.Outbox;
import dev.parley.domain.webhook.Topic;
import dev.parley.domain.workspace.Caller;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Companies: Intercom's {@code createOrUpdateCompany}, {@code retrieveCompany}, {@code
 * RetrieveACompanyById}, {@code UpdateCompany}, {@code deleteCompany}, {@code listAllCompanies},
 * {@code scrollOverAllCompanies}, {@code ListAttachedContacts}, {@code
 * ListAttachedSegmentsForCompanies}, {@code attachContactToACompany}, {@code
 * detachContactFromACompany} and {@code listCompaniesForAContact} (REST API 2.14, "Companies").
 * Unknown or deleted companies answer 404 {@code company_not_found} "Company Not Found"; unknown
 * contacts 404 {@code not_found} "User Not Found".
 */
public final class CompanyService {
  private final Store store;
  private final Clock clock;
  private final Outbox outbox;

  public CompanyService(Store store, Clock clock) {
    this(store, clock, Outbox.none());
  }

  /**
   * @param outbox raises the {@code company.*} topics and {@code contact.attached_to_company},
   *     {@code contact.detached_from_company} (docs/webhooks.md)
   */
  public CompanyService(Store store, Clock clock, Outbox outbox) {
    this.store = store;
    this.clock = clock;
    this.outbox = outbox;
  }

  /**
   * A company with the number of contacts attached to it ({@code user_count}) and its tags (in tag
   * id order).
   */
  public record CompanyView(Company company, long userCount, List<Tag> tags) {}

  /** One page of companies and how many there are in all. */
  public record CompanyPage(List<CompanyView> companies, long total) {}

  /**
   * Creates the company with this {@code company_id}, or updates the live one that has it ({@code
   * createOrUpdateCompany}).
   *
   * @param companyId the client's id, not blank
   * @throws ApiException 400 {@code parameter_invalid} naming {@code custom_attributes.<name>} for
   *     a value of the wrong type for a declared company attribute ({@link
   *     DataAttributeService#check}); nothing is written
   */
  public CompanyView createOrUpdate(Caller caller, String companyId, CompanyChanges changes) {
    long ws = caller.workspaceId();
    long now = clock.instant().getEpochSecond();
    return store.write(
        repos -> {
          DataAttributeService.check(repos, ws, "company", changes.customAttributes());
          CompanyRepository companies = repos.companies();
          var existing = companies.findByCompanyId(ws, companyId);
          if (existing.isPresent()) {
            Company locked = companies.lock(ws, existing.get().id()).orElseThrow();
            Company updated = apply(locked, changes, now);
            companies.update(updated);
            CompanyView view = view(repos, ws, updated);
            raise(repos, caller, view, Topic.COMPANY_UPDATED);
            return view;
          }
          Company created =
              apply(
                  new Company(
                      ws,
                      ContactService.newContactId(),
                      companyId,
                      null,
                      null,
                      null,
                      null,
                      null,
                      0,
                      new LinkedHashMap<>(),
                      null,
                      now,
                      now),
                  changes,
                  now);
          companies.insert(created);
          CompanyView view = new CompanyView(created, 0, List.of());
          raise(repos, caller, view, Topic.COMPANY_CREATED);
          return view;
        });
  }

  /**
   * Changes the fields {@code changes} sets ({@code UpdateCompany}); {@code company_id} never
   * changes.
   *
   * @throws ApiException 404 {@code company_not_found}; 400 {@code parameter_invalid} naming {@code
   *     custom_attributes.<name>} for a value of the wrong type for a declared company attribute
   *     ({@link DataAttributeService#check}); nothing is written
   */
  public CompanyView update(Caller caller, String id, CompanyChanges changes) {
    long ws = caller.workspaceId();
    long now = clock.instant().getEpochSecond();
    return store.write(
        repos -> {
          Company c = repos.companies().lock(ws, id).orElseThrow(CompanyService::notFound);
          DataAttributeService.check(repos, ws, "company", changes.customAttributes());
          Company updated = apply(c, changes, now);
          repos.companies().update(updated);
          CompanyView view = view(repos, ws, updated);
          raise(repos, caller, view, Topic.COMPANY_UPDATED);
          return view;
        });
  }

  private static Company apply(Company c, CompanyChanges ch, long now) {
    return new Company(
        c.workspaceId(),
        c.id(),
        c.companyId(),
        ch.name() != null ? ch.name() : c.name(),
        ch.plan() != null ? ch.plan() : c.plan(),
        ch.size() != null ? ch.size() : c.size(),
        ch.website() != null ? ch.website() : c.website(),
        ch.industry() != null ? ch.industry() : c.industry(),
        ch.monthlySpend() != null ? ch.monthlySpend() : c.monthlySpend(),
        CustomAttributes.merge(c.customAttributes(), ch.customAttributes()),
        ch.remoteCreatedAt() != null ? ch.remoteCreatedAt() : c.remoteCreatedAt(),
        c.createdAt(),
        Math.max(now, c.updatedAt()));
  }

  /**
   * One company by Intercom's id ({@code RetrieveACompanyById}).
   *
   * @throws ApiException 404 {@code company_not_found}
   */
  public CompanyView get(Caller caller, String id) {
    long ws = caller.workspaceId();
    return store.read(
        repos ->
            view(repos, ws, repos.companies().find(ws, id).orElseThrow(CompanyService::notFound)));
  }

  /**
   * One company by the client's {@code company_id}, else by {@code name} ({@code retrieveCompany}
   * with either parameter); exactly one of them is non-null.
   *
   * @throws ApiException 404 {@code company_not_found}
   */
  public CompanyView find(Caller caller, String companyId, String name) {
    long ws = caller.workspaceId();
    return store.read(
        repos ->
            view(
                repos,
                ws,
                (companyId != null
                        ? repos.companies().findByCompanyId(ws, companyId)
                        : repos.companies().findByName(ws, name))
                    .orElseThrow(CompanyService::notFound)));
  }

  /**
   * One page of the workspace's companies by creation time ({@code listAllCompanies}, {@code
   * retrieveCompany} without a filter).
   *
   * @param page 1 for the first
   * @param newestFirst Intercom's {@code order=desc}
   */
  public CompanyPage list(Caller caller, int page, int perPage, boolean newestFirst) {
    long ws = caller.workspaceId();
    return store.read(
        repos ->
            new CompanyPage(
                views(
                    repos,
                    ws,
                    repos.companies().page(ws, newestFirst, (long) (page - 1) * perPage, perPage)),
                repos.companies().count(ws)));
  }

  /**
   * One page of the live companies that have a tag, oldest first ({@code retrieveCompany} with
   * {@code tag_id}); an unknown tag has none.
   *
   * @param tagId the tag, or null for an id that is no integer (no tag has it)
   * @param page 1 for the first
   */
  public CompanyPage listTagged(Caller caller, Long tagId, int page, int perPage) {
    long ws = caller.workspaceId();
    if (tagId == null) {
      return new CompanyPage(List.of(), 0);
    }
    return store.read(
        repos ->
            new CompanyPage(
                views(
                    repos,
                    ws,
                    repos.companyTags().tagged(ws, tagId, (long) (page - 1) * perPage, perPage)),
                repos.companyTags().countTagged(ws, tagId)));
  }

  /** One step of a scroll: its companies, and the cursor of the next step (null at the end). */
  public record ScrollStep(List<CompanyView> companies, Page.Cursor next) {}

  /**
   * The companies after {@code cursor}, oldest first ({@code scrollOverAllCompanies}); a step with
   * fewer than {@code perPage} companies is the last.
   *
   * @param cursor the previous step's cursor, or null to start
   */
  public ScrollStep scroll(Caller caller, Page.Cursor cursor, int perPage) {
    long ws = caller.workspaceId();
    return store.read(
        repos -> {
          List<Company> rows =
              repos
                  .companies()
                  .after(
                      ws,
                      cursor == null ? null : cursor.createdAt(),
                      cursor == null ? null : cursor.id(),
                      perPage);
          Page.Cursor next = null;
          if (!rows.isEmpty()) {
            Company last = rows.get(rows.size() - 1);
            next = new Page.Cursor(0, last.createdAt(), last.id());
          }
          return new ScrollStep(views(repos, ws, rows), next);
        });
  }

  /**
   * Archives a company and detaches its contacts ({@code deleteCompany}); its row stays, out of
   * every read path (docs/companies.md).
   *
   * @throws ApiException 404 {@code company_not_found}
   */
  public Company delete(Caller caller, String id) {
    long ws = caller.workspaceId();
    long now = clock.instant().getEpochSecond();
    return store.write(
        repos -> {
          Company c = repos.companies().lock(ws, id).orElseThrow(CompanyService::notFound);
          repos.companies().archive(ws, id, now);
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("id", id);
          item.put("object", "company");
          item.put("deleted", true);
          outbox.raise(
              repos,
              ws,
              Topic.COMPANY_DELETED,
              Outbox.companyKey(id),
              List.of(),
              () -> outbox.items().json(item));
          return c;
        });
  }

  /** One page of a company's contacts, with their links, and how many it has. */
  public record ContactPage(List<Contact> contacts, Map<String, ContactLinks> links, long total) {}

  /**
   * The contacts attached to a company, in the order they were attached ({@code
   * ListAttachedContacts}).
   *
   * @throws ApiException 404 {@code company_not_found}
   */
  public ContactPage contacts(Caller caller, String id, int page, int perPage) {
    long ws = caller.workspaceId();
    return store.read(
        repos -> {
          CompanyView company =
              view(repos, ws, repos.companies().find(ws, id).orElseThrow(CompanyService::notFound));
          List<String> ids =
              repos.companies().contactIds(ws, id, (long) (page - 1) * perPage, perPage);
          Map<String, Contact> found = repos.contacts().findAll(ws, ids);
          List<Contact> contacts = new ArrayList<>();
          for (String contactId : ids) {
            if (found.containsKey(contactId)) {
              contacts.add(found.get(contactId));
            }
          }
          return new ContactPage(contacts, ContactLinks.of(repos, ws, ids), company.userCount());
        });
  }

  /**
   * Checks that a company exists ({@code ListAttachedSegmentsForCompanies}: parley has no segments,
   * so every company's list is empty).
   *
   * @throws ApiException 404 {@code company_not_found}
   */
  public void checkExists(Caller caller, String id) {
    long ws = caller.workspaceId();
    store.read(repos -> repos.companies().find(ws, id).orElseThrow(CompanyService::notFound));
  }

  /**
   * Attaches a contact to a company ({@code attachContactToACompany}); attaching twice changes
   * nothing.
   *
   * @throws ApiException 404 "User Not Found" for an unknown contact, then 404 {@code
   *     company_not_found}
   */
  public CompanyView attach(Caller caller, String contactId, String id) {
    long ws = caller.workspaceId();
    long now = clock.instant().getEpochSecond();
    return store.write(
        repos -> {
          Contact contact =
              repos
                  .contacts()
                  .lock(ws, contactId)
                  .orElseThrow(() -> new ApiException(ErrorCode.USER_NOT_FOUND));
          Company c = repos.companies().lock(ws, id).orElseThrow(CompanyService::notFound);
          boolean attached = repos.companies().attach(ws, contactId, id, now) == 1;
          CompanyView view = view(repos, ws, c);
          if (attached) {
            raiseLink(
                repos,
                caller,
                contact,
                view,
                now,
                Topic.CONTACT_ATTACHED_TO_COMPANY,
                Topic.COMPANY_CONTACT_ATTACHED);
          }
          return view;
        });
  }

  /**
   * Detaches a contact from a company ({@code detachContactFromACompany}); a contact that was not
   * attached answers the company unchanged.
   *
   * @throws ApiException 404 "User Not Found" for an unknown contact, then 404 {@code
   *     company_not_found}
   */
  public CompanyView detach(Caller caller, String contactId, String id) {
    long ws = caller.workspaceId();
    long now = clock.instant().getEpochSecond();
    return store.write(
        repos -> {
          Contact contact =
              repos
                  .contacts()
                  .lock(ws, contactId)
                  .orElseThrow(() -> new ApiException(ErrorCode.USER_NOT_FOUND));
          Company c = repos.companies().lock(ws, id).orElseThrow(CompanyService::notFound);
          boolean detached = repos.companies().detach(ws, contactId, id) == 1;
          CompanyView view = view(repos, ws, c);
          if (detached) {
            raiseLink(
                repos,
                caller,
                contact,
                view,
                now,
                Topic.CONTACT_DETACHED_FROM_COMPANY,
                Topic.COMPANY_CONTACT_DETACHED);
          }
          return view;
        });
  }

  /**
   * The companies a contact is attached to ({@code listCompaniesForAContact}).
   *
   * @throws ApiException 404 "User Not Found" for an unknown contact
   */
  public List<CompanyView> ofContact(Caller caller, String contactId) {
    long ws = caller.workspaceId();
    return store.read(
        repos -> {
          if (repos.contacts().find(ws, contactId).isEmpty()) {
            throw new ApiException(ErrorCode.USER_NOT_FOUND);
          }
          return views(repos, ws, repos.companies().ofContact(ws, contactId));
        });
  }

  /** Raises {@code topic} with the company as the API renders it, in the caller's transaction. */
  private void raise(Repositories repos, Caller caller, CompanyView view, Topic topic) {
    outbox.raise(
        repos,
        caller.workspaceId(),
        topic,
        Outbox.companyKey(view.company().id()),
        List.of(),
        () -> outbox.items().company(caller.workspace(), view));
  }

  /**
   * Raises the contact's topic (subject: the contact) and the company's (subject: the company, the
   * contact related, so that erasing the contact drops it), each with the {@code contact_company}
   * item.
   */
  private void raiseLink(
      Repositories repos,
      Caller caller,
      Contact contact,
      CompanyView view,
      long at,
      Topic contactTopic,
      Topic companyTopic) {
    long ws = caller.workspaceId();
    String contactKey = Outbox.contactKey(contact.id());
    java.util.function.Supplier<String> item =
        () ->
            outbox
                .items()
                .contactCompany(
                    caller.workspace(),
                    contact,
                    ContactLinks.of(repos, ws, contact.id()),
                    view,
                    at);
    outbox.raise(repos, ws, contactTopic, contactKey, List.of(), item);
    outbox.raise(
        repos, ws, companyTopic, Outbox.companyKey(view.company().id()), List.of(contactKey), item);
  }

  static CompanyView view(Repositories repos, long ws, Company c) {
    return views(repos, ws, List.of(c)).get(0);
  }

  private static List<CompanyView> views(Repositories repos, long ws, List<Company> companies) {
    List<String> ids = companies.stream().map(Company::id).toList();
    Map<String, Long> counts = repos.companies().contactCounts(ws, ids);
    Map<String, List<Tag>> tags = repos.companyTags().tagsByCompany(ws, ids);
    return companies.stream()
        .map(
            c ->
                new CompanyView(
                    c, counts.getOrDefault(c.id(), 0L), tags.getOrDefault(c.id(), List.of())))
        .toList();
  }

  private static ApiException notFound() {
    return new ApiException(ErrorCode.COMPANY_NOT_FOUND);
  }
}
