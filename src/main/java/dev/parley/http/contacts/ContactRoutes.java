package dev.parley.http.contacts;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Page;
import dev.parley.domain.contact.Contact;
import dev.parley.domain.contact.ContactService;
import dev.parley.domain.contact.NewContact;
import dev.parley.domain.workspace.Caller;
import dev.parley.domain.workspace.Scope;
import dev.parley.http.ApiRoute;
import dev.parley.http.JsonRequest;
import dev.parley.http.Params;
import dev.parley.http.RequestContext;
import dev.parley.http.SearchRequest;
import dev.parley.http.contacts.ContactWire.AvatarJson;
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
 * Intercom's contact operations: {@code CreateContact}, {@code ShowContact},
 * {@code ListContacts}, {@code SearchContacts}.
 */
public final class ContactRoutes {
  private final ContactService contacts;
  private final ObjectMapper mapper;

  public ContactRoutes(ContactService contacts, ObjectMapper mapper) {
    this.contacts = contacts;
    this.mapper = mapper;
  }

  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.post("/contacts", "CreateContact", Scope.WRITE, this::createContact),
        ApiRoute.get("/contacts", "ListContacts", Scope.READ, this::listContacts),
        ApiRoute.post("/contacts/search", "SearchContacts", Scope.READ, this::searchContacts),
        ApiRoute.get("/contacts/{id}", "ShowContact", Scope.READ, this::showContact));
  }

  /**
   * {@code POST /contacts}: at least one of {@code role}, {@code email}, {@code external_id}
   * ({@code create_contact_request}).
   */
  void createContact(Context ctx) {
    JsonRequest body = JsonRequest.parse(ctx, mapper);
    String role = body.optionalEnum("role", List.of("user", "lead"));
    String email = body.optionalString("email");
    String externalId = body.optionalIdText("external_id");
    if (role == null && email == null && externalId == null) {
      throw new ApiException(
          ErrorCode.PARAMETER_NOT_FOUND, "one of role, email or external_id is required", "email");
    }
    if (email != null && (email.length() > 255 || !email.contains("@"))) {
      throw ApiException.invalid("email", "email is not a valid address");
    }
    Map<String, Object> attributes = body.attributes("custom_attributes");
    if (attributes != null) {
      attributes.values().removeIf(v -> v == null);
    }
    NewContact request =
        new NewContact(
            role,
            email,
            externalId,
            body.optionalString("name"),
            body.optionalString("phone"),
            body.optionalString("avatar"),
            body.optionalLong("owner_id"),
            body.optionalBoolean("unsubscribed_from_emails"),
            attributes,
            body.optionalLong("signed_up_at"),
            body.optionalLong("last_seen_at"));
    Caller caller = RequestContext.caller(ctx);
    ctx.json(render(contacts.create(caller, request), caller));
  }

  /** {@code GET /contacts/{id}}. */
  void showContact(Context ctx) {
    Caller caller = RequestContext.caller(ctx);
    ctx.json(render(contacts.get(caller, ctx.pathParam("id")), caller));
  }

  /** {@code GET /contacts}: {@code per_page} (1 to 150, default 50), {@code starting_after}. */
  void listContacts(Context ctx) {
    int perPage = Params.intParam(ctx, "per_page", 50, 1, 150);
    String after = ctx.queryParam("starting_after");
    Page.Cursor cursor = after == null || after.isEmpty() ? null : Page.Cursor.decode(after, "starting_after");
    Caller caller = RequestContext.caller(ctx);
    Page<Contact> page = contacts.list(caller, cursor, perPage);
    ctx.json(
        new ContactListJson(
            "list",
            page.items().stream().map(c -> render(c, caller)).toList(),
            page.totalCount(),
            new PagesJson(
                "pages",
                page.page(),
                perPage,
                page.totalPages(),
                page.next() == null ? null : new NextJson(perPage, page.next().encode()))));
  }

  /**
   * {@code POST /contacts/search}: a {@code search_request} ({@code query}, {@code pagination}
   * with {@code per_page} 1 to 150, default 50); answers a {@code contact_list}.
   */
  void searchContacts(Context ctx) {
    SearchRequest request = SearchRequest.parse(ctx, mapper, 50);
    Caller caller = RequestContext.caller(ctx);
    Page<Contact> page = contacts.search(caller, request.query(), request.cursor(), request.perPage());
    ctx.json(
        new ContactListJson(
            "list",
            page.items().stream().map(c -> render(c, caller)).toList(),
            page.totalCount(),
            new PagesJson(
                "pages",
                page.page(),
                page.perPage(),
                page.totalPages(),
                page.next() == null ? null : new NextJson(page.perPage(), page.next().encode()))));
  }

  /** A contact in Intercom's {@code contact} shape. */
  public static ContactJson render(Contact c, Caller caller) {
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
        new AvatarJson("avatar", c.avatar()),
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
        new SubListJson("list", List.of(), base + "/tags", 0, false),
        new SubListJson("list", List.of(), base + "/notes", 0, false),
        new SubListJson("list", List.of(), base + "/companies", 0, false),
        null);
  }
}
