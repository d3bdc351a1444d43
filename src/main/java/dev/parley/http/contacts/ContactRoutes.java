package dev.parley.http.contacts;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Page;
import dev.parley.domain.contact.Contact;
import dev.parley.domain.contact.ContactDeletion;
import dev.parley.domain.contact.ContactLinks;
import dev.parley.domain.contact.ContactService;
import dev.parley.domain.contact.ContactUpdate;
import dev.parley.domain.contact.NewContact;
import dev.parley.domain.conversation.ErasureService;
import dev.parley.domain.workspace.Caller;
import dev.parley.domain.workspace.Scope;
import dev.parley.http.ApiRoute;
import dev.parley.http.Params;
import dev.parley.http.RequestContext;
import dev.parley.http.SearchRequest;
import dev.parley.http.Wire;
import dev.parley.http.contacts.ContactRequests.CreateContactRequest;
import dev.parley.http.contacts.ContactRequests.MergeContactsRequest;
import dev.parley.http.contacts.ContactRequests.UpdateContactRequest;
import dev.parley.http.contacts.ContactWire.AddressableJson;
import dev.parley.http.contacts.ContactWire.AvatarJson;
import dev.parley.http.contacts.ContactWire.ContactArchivedJson;
import dev.parley.http.contacts.ContactWire.ContactBlockedJson;
import dev.parley.http.contacts.ContactWire.ContactDeletedJson;
import dev.parley.http.contacts.ContactWire.ContactJson;
import dev.parley.http.contacts.ContactWire.ContactListJson;
import dev.parley.http.contacts.ContactWire.LocationJson;
import dev.parley.http.contacts.ContactWire.NextJson;
import dev.parley.http.contacts.ContactWire.PagesJson;
import dev.parley.http.contacts.ContactWire.SocialProfilesJson;
import dev.parley.http.contacts.ContactWire.SubListJson;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * Intercom's contact operations: {@code CreateContact}, {@code ShowContact}, {@code ListContacts},
 * {@code SearchContacts}, {@code UpdateContact}, {@code DeleteContact}, {@code ArchiveContact},
 * {@code UnarchiveContact}, {@code MergeContact}, {@code BlockContact} and {@code
 * ShowContactByExternalId}.
 */
public final class ContactRoutes {
  private final ContactService contacts;
  private final ErasureService erasures;
  private final ObjectMapper mapper;

  public ContactRoutes(ContactService contacts, ErasureService erasures, ObjectMapper mapper) {
    this.contacts = contacts;
    this.erasures = erasures;
    this.mapper = mapper;
  }

  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.post("/contacts", "CreateContact", Scope.WRITE, this::createContact),
        ApiRoute.get("/contacts", "ListContacts", Scope.READ, this::listContacts),
        ApiRoute.post("/contacts/merge", "MergeContact", Scope.WRITE, this::mergeContact),
        ApiRoute.post("/contacts/search", "SearchContacts", Scope.READ, this::searchContacts),
        ApiRoute.get("/contacts/{id}", "ShowContact", Scope.READ, this::showContact),
        ApiRoute.put("/contacts/{id}", "UpdateContact", Scope.WRITE, this::updateContact),
        ApiRoute.delete("/contacts/{id}", "DeleteContact", Scope.WRITE, this::deleteContact),
        ApiRoute.post(
            "/contacts/{id}/archive", "ArchiveContact", Scope.WRITE, this::archiveContact),
        ApiRoute.post(
            "/contacts/{id}/unarchive", "UnarchiveContact", Scope.WRITE, this::unarchiveContact),
        ApiRoute.post("/contacts/{id}/block", "BlockContact", Scope.WRITE, this::blockContact),
        ApiRoute.get(
            "/contacts/find_by_external_id/{external_id}",
            "ShowContactByExternalId",
            Scope.READ,
            this::showContactByExternalId));
  }

  /**
   * {@code POST /contacts}: at least one of {@code role}, {@code email}, {@code external_id}
   * ({@code create_contact_request}).
   */
  void createContact(Context ctx) {
    CreateContactRequest body = Wire.body(ctx, mapper, CreateContactRequest.class);
    String role = body.role() == null ? null : body.role().wireName();
    String email = body.email();
    String externalId = body.externalId() == null ? null : body.externalId().text();
    if (role == null && email == null && externalId == null) {
      throw new ApiException(
          ErrorCode.PARAMETER_NOT_FOUND, "one of role, email or external_id is required", "email");
    }
    ContactRequests.checkEmail(email);
    Map<String, Object> attributes =
        body.customAttributes() == null ? null : body.customAttributes().values();
    if (attributes != null) {
      attributes.values().removeIf(v -> v == null);
    }
    NewContact request =
        new NewContact(
            role,
            email,
            externalId,
            body.name(),
            body.phone(),
            body.avatar(),
            value(body.ownerId()),
            body.unsubscribedFromEmails(),
            attributes,
            value(body.signedUpAt()),
            value(body.lastSeenAt()));
    Caller caller = RequestContext.caller(ctx);
    ctx.json(render(contacts.create(caller, request), caller));
  }

  private static Long value(Wire.Int integer) {
    return integer == null ? null : integer.value();
  }

  /** {@code GET /contacts/{id}}. */
  void showContact(Context ctx) {
    Caller caller = RequestContext.caller(ctx);
    ctx.json(render(contacts.get(caller, ctx.pathParam("id")), caller));
  }

  /**
   * {@code PUT /contacts/{id}} ({@code update_contact_request}): every field optional; {@code role}
   * is {@code user} or {@code lead}; {@code email}, {@code external_id} and {@code role} cannot be
   * null; the nullable fields are cleared by null; custom attributes are merged. Wrong types answer
   * 400 {@code parameter_invalid} naming the field.
   */
  void updateContact(Context ctx) {
    String id = ctx.pathParam("id");
    ContactUpdate update = Wire.body(ctx, mapper, UpdateContactRequest.class).update();
    Caller caller = RequestContext.caller(ctx);
    ctx.json(render(contacts.update(caller, id, update), caller));
  }

  /**
   * {@code DELETE /contacts/{id}}: {@code contact_deleted}. Erases the conversations whose only
   * contact it is (docs/contacts.md).
   */
  void deleteContact(Context ctx) {
    ContactDeletion deletion =
        erasures.deleteContact(RequestContext.caller(ctx), ctx.pathParam("id"));
    Contact c = deletion.contact();
    ctx.json(new ContactDeletedJson("contact", c.id(), c.externalId(), true));
  }

  /** {@code POST /contacts/{id}/archive}: {@code contact_archived}. */
  void archiveContact(Context ctx) {
    Contact c = contacts.setArchived(RequestContext.caller(ctx), ctx.pathParam("id"), true);
    ctx.json(new ContactArchivedJson("contact", c.id(), c.externalId(), true));
  }

  /** {@code POST /contacts/{id}/unarchive}: {@code contact_unarchived}. */
  void unarchiveContact(Context ctx) {
    Contact c = contacts.setArchived(RequestContext.caller(ctx), ctx.pathParam("id"), false);
    ctx.json(new ContactArchivedJson("contact", c.id(), c.externalId(), false));
  }

  /**
   * {@code POST /contacts/merge} ({@code merge_contacts_request}: {@code from}, a lead, and {@code
   * into}, a user): the lead's conversations, notes, tags, companies and events move to the user
   * and the lead is erased; answers the user as a {@code contact} (docs/contacts.md).
   */
  void mergeContact(Context ctx) {
    MergeContactsRequest body = Wire.body(ctx, mapper, MergeContactsRequest.class);
    Caller caller = RequestContext.caller(ctx);
    ctx.json(render(erasures.mergeContacts(caller, body.from(), body.into()), caller));
  }

  /**
   * {@code POST /contacts/{id}/block}: marks the contact blocked and answers {@code
   * contact_blocked}; idempotent (docs/contacts.md says what blocking does in parley).
   */
  void blockContact(Context ctx) {
    Contact c = contacts.block(RequestContext.caller(ctx), ctx.pathParam("id"));
    ctx.json(new ContactBlockedJson("contact", c.id(), c.externalId(), true));
  }

  /** {@code GET /contacts/find_by_external_id/{external_id}}: users only. */
  void showContactByExternalId(Context ctx) {
    Caller caller = RequestContext.caller(ctx);
    ctx.json(render(contacts.findUserByExternalId(caller, ctx.pathParam("external_id")), caller));
  }

  /** {@code GET /contacts}: {@code per_page} (1 to 150, default 50), {@code starting_after}. */
  void listContacts(Context ctx) {
    int perPage = Params.intParam(ctx, "per_page", 50, 1, 150);
    String after = ctx.queryParam("starting_after");
    Page.Cursor cursor =
        after == null || after.isEmpty() ? null : Page.Cursor.decode(after, "starting_after");
    Caller caller = RequestContext.caller(ctx);
    Page<Contact> page = contacts.list(caller, cursor, perPage);
    ctx.json(
        new ContactListJson(
            "list",
            render(page.items(), caller),
            page.totalCount(),
            new PagesJson(
                "pages",
                page.page(),
                perPage,
                page.totalPages(),
                page.next() == null ? null : new NextJson(perPage, page.next().encode()))));
  }

  /**
   * {@code POST /contacts/search}: a {@code search_request} ({@code query}, {@code pagination} with
   * {@code per_page} 1 to 150, default 50); answers a {@code contact_list}.
   */
  void searchContacts(Context ctx) {
    SearchRequest request = SearchRequest.parse(ctx, mapper, 50);
    Caller caller = RequestContext.caller(ctx);
    Page<Contact> page =
        contacts.search(caller, request.query(), request.cursor(), request.perPage());
    ctx.json(
        new ContactListJson(
            "list",
            render(page.items(), caller),
            page.totalCount(),
            new PagesJson(
                "pages",
                page.page(),
                page.perPage(),
                page.totalPages(),
                page.next() == null ? null : new NextJson(page.perPage(), page.next().encode()))));
  }

  /**
   * The most items a contact's {@code tags}, {@code notes} and {@code companies} lists show, as
   * Intercom's.
   */
  static final int SUB_LIST_ITEMS = 10;

  private ContactJson render(Contact c, Caller caller) {
    return render(c, caller, contacts.links(caller, List.of(c.id())).get(c.id()));
  }

  private List<ContactJson> render(List<Contact> page, Caller caller) {
    Map<String, ContactLinks> links =
        contacts.links(caller, page.stream().map(Contact::id).toList());
    return page.stream()
        .map(c -> render(c, caller, links.getOrDefault(c.id(), ContactLinks.NONE)))
        .toList();
  }

  /**
   * A list of a contact's {@code tags} or {@code notes}: the first {@value #SUB_LIST_ITEMS} ids as
   * {@code {type, id, url}}, the total, and {@code has_more} when there are more.
   */
  static SubListJson subList(String base, String kind, String path, List<Long> ids) {
    return new SubListJson(
        "list",
        ids.stream()
            .limit(SUB_LIST_ITEMS)
            .map(id -> new AddressableJson(kind, Long.toString(id), path + id))
            .toList(),
        base,
        ids.size(),
        ids.size() > SUB_LIST_ITEMS);
  }

  /**
   * A contact in Intercom's {@code contact} shape, its {@code tags}, {@code notes} and {@code
   * companies} lists from {@code links}.
   */
  public static ContactJson render(Contact c, Caller caller, ContactLinks links) {
    String email = c.email() == null ? "" : c.email();
    int at = email.indexOf('@');
    String domain = at >= 0 ? email.substring(at + 1) : "";
    String base = "/contacts/" + c.id();
    return new ContactJson(
        "contact",
        c.id(),
        caller.workspace().idCode(),
        c.externalId(),
        c.role(),
        email,
        domain,
        c.phone(),
        c.name(),
        c.avatar() == null ? null : new AvatarJson("avatar", c.avatar()),
        c.ownerId(),
        new SocialProfilesJson("list", List.of()),
        false,
        false,
        c.unsubscribedFromEmails(),
        c.createdAt(),
        c.updatedAt(),
        c.signedUpAt(),
        c.lastSeenAt(),
        c.lastRepliedAt(),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        new LocationJson("location", null, null, null),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        c.customAttributes(),
        subList(base + "/tags", "tag", "/tags/", links.tagIds()),
        subList(base + "/notes", "note", "/notes/", links.noteIds()),
        new SubListJson(
            "list",
            links.companyIds().stream()
                .limit(SUB_LIST_ITEMS)
                .map(id -> new AddressableJson("company", id, "/companies/" + id))
                .toList(),
            base + "/companies",
            links.companyIds().size(),
            links.companyIds().size() > SUB_LIST_ITEMS),
        null);
  }
}
