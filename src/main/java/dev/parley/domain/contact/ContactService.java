package dev.parley.domain.contact;

import dev.parley.domain.ApiException;
import dev.parley.domain.CustomAttributes;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Page;
import dev.parley.domain.Repositories;
import dev.parley.domain.Store;
import dev.parley.domain.attribute.DataAttributeService;
import dev.parley.domain.search.ContactSearchFields;
import dev.parley.domain.search.SearchParser;
import dev.parley.domain.search.SearchQuery;
import dev.parley.domain.search.SearchResult;
import dev.parley.domain.webhook.Outbox;
import dev.parley.domain.webhook.Topic;
import dev.parley.domain.workspace.Caller;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Contacts: Intercom's {@code CreateContact}, {@code ShowContact}, {@code ListContacts}, {@code
 * UpdateContact}, {@code ArchiveContact}, {@code UnarchiveContact} and {@code
 * ShowContactByExternalId}. Deleting a contact erases conversations, so it lives in {@link
 * dev.parley.domain.conversation.ErasureService#deleteContact}.
 */
public final class ContactService {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Store store;
  private final Clock clock;
  private final Outbox outbox;

  public ContactService(Store store, Clock clock) {
    this(store, clock, Outbox.none());
  }

  /**
   * @param outbox raises the {@code contact.*} topics of creation, update and archiving
   */
  public ContactService(Store store, Clock clock, Outbox outbox) {
    this.store = store;
    this.clock = clock;
    this.outbox = outbox;
  }

  /**
   * Creates a contact with a new 24-hex id.
   *
   * @throws ApiException 400 {@code parameter_invalid} naming a custom attribute whose value is not
   *     of its declared type ({@link DataAttributeService#check})
   */
  public Contact create(Caller caller, NewContact request) {
    long now = clock.instant().getEpochSecond();
    Contact contact =
        new Contact(
            caller.workspaceId(),
            newContactId(),
            request.role() == null ? "user" : request.role(),
            request.email(),
            request.externalId(),
            request.name(),
            request.phone(),
            request.avatar(),
            request.ownerId(),
            Boolean.TRUE.equals(request.unsubscribedFromEmails()),
            request.customAttributes() == null
                ? new LinkedHashMap<>()
                : new LinkedHashMap<>(request.customAttributes()),
            request.signedUpAt(),
            request.lastSeenAt(),
            null,
            false,
            now,
            now);
    store.write(
        repos -> {
          DataAttributeService.check(
              repos, caller.workspaceId(), "contact", request.customAttributes());
          repos.contacts().insert(contact);
          raise(
              repos,
              caller,
              contact,
              "lead".equals(contact.role())
                  ? Topic.CONTACT_LEAD_CREATED
                  : Topic.CONTACT_USER_CREATED);
          return null;
        });
    return contact;
  }

  /**
   * One contact.
   *
   * @throws ApiException 404 {@code not_found} "Resource Not Found" for an unknown id
   */
  public Contact get(Caller caller, String contactId) {
    return store.read(
        repos ->
            repos
                .contacts()
                .find(caller.workspaceId(), contactId)
                .orElseThrow(ApiException::notFound));
  }

  /**
   * One page of contacts, oldest first, after the cursor of the previous page.
   *
   * @param cursor a {@link Page.Cursor} from a previous page, or null for the first page
   */
  public Page<Contact> list(Caller caller, Page.Cursor cursor, int perPage) {
    long ws = caller.workspaceId();
    return store.read(
        repos -> {
          ContactRepository contacts = repos.contacts();
          List<Contact> rows =
              contacts.page(
                  ws,
                  cursor == null ? null : cursor.createdAt(),
                  cursor == null ? null : cursor.id(),
                  perPage + 1);
          long total = contacts.count(ws);
          return Page.of(
              rows, perPage, total, cursor, c -> new Page.Cursor(0, c.createdAt(), c.id()));
        });
  }

  /**
   * One page of the contacts that match a search query ({@code SearchContacts}, Intercom's query
   * language with the contact rules: {@link SearchParser}, fields of {@link ContactSearchFields}),
   * ordered like {@link #list}, with the total number of matches.
   *
   * @param query the request's {@code query} as parsed JSON, null when it is missing
   * @param cursor the previous page's {@code pagination.starting_after}, or null
   * @param perPage 1 to 150
   * @throws ApiException 400 {@code parameter_invalid} for an invalid query; 408 {@code
   *     request_timeout} for a search that ran out of time ({@link Store#search})
   */
  public Page<Contact> search(Caller caller, Object query, Page.Cursor cursor, int perPage) {
    long ws = caller.workspaceId();
    SearchQuery parsed = SearchParser.parse(query, ContactSearchFields.FIELDS);
    return store.search(
        repos -> {
          ContactRepository contacts = repos.contacts();
          SearchResult<Contact> found =
              contacts.search(
                  ws,
                  parsed,
                  cursor == null ? null : cursor.createdAt(),
                  cursor == null ? null : cursor.id(),
                  perPage + 1);
          return Page.of(
              found.rows(),
              perPage,
              found.total(),
              cursor,
              c -> new Page.Cursor(0, c.createdAt(), c.id()));
        });
  }

  /**
   * Updates a contact ({@code UpdateContact}): the fields {@code update} names change, the others
   * stay; custom attributes are merged (a null value removes one); {@code updated_at} becomes now.
   *
   * @throws ApiException 404 {@code not_found} "Resource Not Found" for an unknown id; 400 {@code
   *     parameter_invalid} naming a custom attribute whose value is not of its declared type
   */
  public Contact update(Caller caller, String contactId, ContactUpdate update) {
    long ws = caller.workspaceId();
    long now = clock.instant().getEpochSecond();
    return store.write(
        repos -> {
          Contact c = repos.contacts().lock(ws, contactId).orElseThrow(ApiException::notFound);
          DataAttributeService.check(repos, ws, "contact", update.customAttributes());
          Map<String, Object> attributes =
              CustomAttributes.merge(c.customAttributes(), update.customAttributes());
          Contact updated =
              new Contact(
                  ws,
                  c.id(),
                  update.role() != null ? update.role() : c.role(),
                  update.email() != null ? update.email() : c.email(),
                  update.externalId() != null ? update.externalId() : c.externalId(),
                  changed(update.name(), c.name()),
                  changed(update.phone(), c.phone()),
                  changed(update.avatar(), c.avatar()),
                  changed(update.ownerId(), c.ownerId()),
                  update.unsubscribedFromEmails() != null
                      ? update.unsubscribedFromEmails()
                      : c.unsubscribedFromEmails(),
                  attributes,
                  changed(update.signedUpAt(), c.signedUpAt()),
                  changed(update.lastSeenAt(), c.lastSeenAt()),
                  c.lastRepliedAt(),
                  c.archived(),
                  c.createdAt(),
                  Math.max(now, c.updatedAt()));
          repos.contacts().update(updated);
          raise(
              repos,
              caller,
              updated,
              "lead".equals(updated.role())
                  ? Topic.CONTACT_LEAD_UPDATED
                  : Topic.CONTACT_USER_UPDATED);
          return updated;
        });
  }

  /**
   * Archives or unarchives a contact ({@code ArchiveContact}, {@code UnarchiveContact}); both are
   * idempotent. parley records the flag only: an archived contact stays readable, listed and usable
   * (docs/contacts.md).
   *
   * @throws ApiException 404 {@code not_found} "Resource Not Found" for an unknown id
   */
  public Contact setArchived(Caller caller, String contactId, boolean archived) {
    long ws = caller.workspaceId();
    long now = clock.instant().getEpochSecond();
    return store.write(
        repos -> {
          Contact c = repos.contacts().lock(ws, contactId).orElseThrow(ApiException::notFound);
          if (c.archived() == archived) {
            return c;
          }
          Contact changed =
              new Contact(
                  ws,
                  c.id(),
                  c.role(),
                  c.email(),
                  c.externalId(),
                  c.name(),
                  c.phone(),
                  c.avatar(),
                  c.ownerId(),
                  c.unsubscribedFromEmails(),
                  c.customAttributes(),
                  c.signedUpAt(),
                  c.lastSeenAt(),
                  c.lastRepliedAt(),
                  archived,
                  c.createdAt(),
                  Math.max(now, c.updatedAt()));
          repos.contacts().update(changed);
          raise(
              repos, caller, changed, archived ? Topic.CONTACT_ARCHIVED : Topic.CONTACT_UNARCHIVED);
          return changed;
        });
  }

  /**
   * Blocks a contact ({@code BlockContact}): records the flag (idempotent). parley keeps serving
   * the contact and its conversations as before (docs/contacts.md).
   *
   * @throws ApiException 404 {@code not_found} "Resource Not Found" for an unknown id
   */
  public Contact block(Caller caller, String contactId) {
    long ws = caller.workspaceId();
    long now = clock.instant().getEpochSecond();
    return store.write(
        repos -> {
          Contact c = repos.contacts().lock(ws, contactId).orElseThrow(ApiException::notFound);
          repos.contacts().block(ws, contactId, now);
          return c;
        });
  }

  /** Raises {@code topic} with the contact as the API renders it, in the caller's transaction. */
  private void raise(Repositories repos, Caller caller, Contact contact, Topic topic) {
    outbox.raiseContact(repos, caller, contact, topic);
  }

  /**
   * The user with this external id ({@code ShowContactByExternalId}): users only, not leads, as the
   * description says; the oldest when several share it.
   *
   * @throws ApiException 404 {@code not_found} "User Not Found" when no user has it
   */
  public Contact findUserByExternalId(Caller caller, String externalId) {
    return store.read(
        repos ->
            repos
                .contacts()
                .findUserByExternalId(caller.workspaceId(), externalId)
                .orElseThrow(() -> new ApiException(ErrorCode.USER_NOT_FOUND)));
  }

  /**
   * The {@code tags} and {@code notes} lists of these contacts as they render ({@link
   * ContactLinks}), by contact id; a contact that is gone has none.
   */
  public Map<String, ContactLinks> links(Caller caller, Collection<String> contactIds) {
    return store.read(repos -> ContactLinks.of(repos, caller.workspaceId(), contactIds));
  }

  private static <T> T changed(ContactUpdate.Change<T> change, T current) {
    return change == null ? current : change.value();
  }

  /** A new random contact id: 24 lower-case hex characters, like Intercom's. */
  public static String newContactId() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
