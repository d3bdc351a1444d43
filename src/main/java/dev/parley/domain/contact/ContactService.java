package dev.parley.domain.contact;

import dev.parley.domain.ApiException;
import dev.parley.domain.Page;
import dev.parley.domain.Store;
import dev.parley.domain.search.ContactSearchFields;
import dev.parley.domain.search.SearchParser;
import dev.parley.domain.search.SearchQuery;
import dev.parley.domain.search.SearchResult;
import dev.parley.domain.workspace.Caller;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;

/** Contacts: Intercom's {@code CreateContact}, {@code ShowContact} and {@code ListContacts}. */
public final class ContactService {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Store store;
  private final Clock clock;

  public ContactService(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Creates a contact with a new 24-hex id. */
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
          repos.contacts().insert(contact);
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
            repos.contacts().find(caller.workspaceId(), contactId).orElseThrow(ApiException::notFound));
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
          return Page.of(rows, perPage, total, cursor, c -> new Page.Cursor(0, c.createdAt(), c.id()));
        });
  }

  /**
   * One page of the contacts that match a search query ({@code SearchContacts}, Intercom's
   * query language with the contact rules: {@link SearchParser}, fields of {@link
   * ContactSearchFields}), ordered like {@link #list}, with the total number of matches.
   *
   * @param query the request's {@code query} as parsed JSON, null when it is missing
   * @param cursor the previous page's {@code pagination.starting_after}, or null
   * @param perPage 1 to 150
   * @throws ApiException 400 {@code parameter_invalid} for an invalid query
   */
  public Page<Contact> search(Caller caller, Object query, Page.Cursor cursor, int perPage) {
    long ws = caller.workspaceId();
    SearchQuery parsed = SearchParser.parse(query, ContactSearchFields.FIELDS);
    return store.read(
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
              found.rows(), perPage, found.total(), cursor, c -> new Page.Cursor(0, c.createdAt(), c.id()));
        });
  }

  /** A new random contact id: 24 lower-case hex characters, like Intercom's. */
  public static String newContactId() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
