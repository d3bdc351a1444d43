package dev.parley.http.companies;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Page;
import dev.parley.domain.company.Company;
import dev.parley.domain.company.CompanyService;
import dev.parley.domain.company.CompanyService.CompanyPage;
import dev.parley.domain.company.CompanyService.CompanyView;
import dev.parley.domain.company.CompanyService.ContactPage;
import dev.parley.domain.company.CompanyService.ScrollStep;
import dev.parley.domain.contact.ContactLinks;
import dev.parley.domain.workspace.Caller;
import dev.parley.domain.workspace.Scope;
import dev.parley.http.ApiRoute;
import dev.parley.http.Params;
import dev.parley.http.RequestContext;
import dev.parley.http.Wire;
import dev.parley.http.companies.CompanyWire.AttachCompanyRequest;
import dev.parley.http.companies.CompanyWire.AttachedContactsJson;
import dev.parley.http.companies.CompanyWire.AttachedSegmentsJson;
import dev.parley.http.companies.CompanyWire.CompanyJson;
import dev.parley.http.companies.CompanyWire.CompanyListJson;
import dev.parley.http.companies.CompanyWire.CompanyScrollJson;
import dev.parley.http.companies.CompanyWire.ContactCompaniesJson;
import dev.parley.http.companies.CompanyWire.CreateOrUpdateCompanyRequest;
import dev.parley.http.companies.CompanyWire.DeletedCompanyJson;
import dev.parley.http.companies.CompanyWire.PagesLinkJson;
import dev.parley.http.companies.CompanyWire.PlanJson;
import dev.parley.http.companies.CompanyWire.SegmentsJson;
import dev.parley.http.companies.CompanyWire.TagBasicJson;
import dev.parley.http.companies.CompanyWire.TagsJson;
import dev.parley.http.companies.CompanyWire.UpdateCompanyRequest;
import dev.parley.http.contacts.ContactRoutes;
import dev.parley.http.contacts.ContactWire.PagesJson;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Intercom's Companies operations (REST API 2.14): {@code createOrUpdateCompany}, {@code
 * retrieveCompany}, {@code scrollOverAllCompanies}, {@code listAllCompanies}, {@code
 * RetrieveACompanyById}, {@code UpdateCompany}, {@code deleteCompany}, {@code
 * ListAttachedContacts}, {@code ListAttachedSegmentsForCompanies}, {@code attachContactToACompany},
 * {@code listCompaniesForAContact} and {@code detachContactFromACompany}. See docs/companies.md.
 */
public record CompanyRoutes(CompanyService companies, ObjectMapper mapper) {
  /** Companies per page unless {@code per_page} says otherwise, as Intercom's lists. */
  static final int DEFAULT_PER_PAGE = 15;

  /** The most companies per page ({@code per_page}) and per scroll step. */
  static final int MAX_PER_PAGE = 60;

  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.post("/companies", "createOrUpdateCompany", Scope.WRITE, this::createOrUpdate),
        ApiRoute.get("/companies", "retrieveCompany", Scope.READ, this::retrieveCompany),
        ApiRoute.get(
            "/companies/scroll", "scrollOverAllCompanies", Scope.READ, this::scrollCompanies),
        ApiRoute.post("/companies/list", "listAllCompanies", Scope.READ, this::listAllCompanies),
        ApiRoute.get("/companies/{id}", "RetrieveACompanyById", Scope.READ, this::retrieveById),
        ApiRoute.put("/companies/{id}", "UpdateCompany", Scope.WRITE, this::updateCompany),
        ApiRoute.delete("/companies/{id}", "deleteCompany", Scope.WRITE, this::deleteCompany),
        ApiRoute.get(
            "/companies/{id}/contacts", "ListAttachedContacts", Scope.READ, this::listContacts),
        ApiRoute.get(
            "/companies/{id}/segments",
            "ListAttachedSegmentsForCompanies",
            Scope.READ,
            this::listSegments),
        ApiRoute.post(
            "/contacts/{id}/companies", "attachContactToACompany", Scope.WRITE, this::attach),
        ApiRoute.get(
            "/contacts/{id}/companies",
            "listCompaniesForAContact",
            Scope.READ,
            this::listForContact),
        ApiRoute.delete(
            "/contacts/{id}/companies/{company_id}",
            "detachContactFromACompany",
            Scope.WRITE,
            this::detach));
  }

  /**
   * {@code POST /companies}: creates the company with this {@code company_id} or updates the live
   * one that has it; answers the {@code company}. 400 {@code parameter_not_found} without {@code
   * company_id}, {@code parameter_invalid} for an empty one or a wrong type.
   */
  void createOrUpdate(Context ctx) {
    CreateOrUpdateCompanyRequest body = Wire.body(ctx, mapper, CreateOrUpdateCompanyRequest.class);
    String companyId = body.companyId().text();
    if (companyId.isBlank()) {
      throw ApiException.invalid("company_id", "company_id must not be empty");
    }
    Caller caller = RequestContext.caller(ctx);
    ctx.json(render(companies.createOrUpdate(caller, companyId, body.changes()), caller));
  }

  /**
   * {@code GET /companies}: with {@code company_id} (first) or {@code name}, a {@code company_list}
   * holding that one company, as the description's schema and example answer (404 {@code
   * company_not_found} when none has it); without them, a {@code company_list} ({@code page},
   * {@code per_page} 1 to 60, default 15, oldest first); with {@code tag_id}, the companies that
   * have that tag, paged the same way (none for an unknown tag); with {@code segment_id}, an empty
   * list (parley's segments hold no companies).
   */
  void retrieveCompany(Context ctx) {
    Caller caller = RequestContext.caller(ctx);
    String companyId = ctx.queryParam("company_id");
    String name = ctx.queryParam("name");
    int page = Params.intParam(ctx, "page", 1, 1, Integer.MAX_VALUE);
    int perPage = Params.intParam(ctx, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE);
    if (companyId != null || name != null) {
      CompanyView found = companies.find(caller, companyId, name);
      ctx.json(list(new CompanyPage(List.of(found), 1), caller, 1, perPage));
      return;
    }
    String tagId = ctx.queryParam("tag_id");
    if (tagId != null) {
      ctx.json(
          list(
              companies.listTagged(caller, tagIdOrNull(tagId), page, perPage),
              caller,
              page,
              perPage));
      return;
    }
    if (ctx.queryParam("segment_id") != null) {
      ctx.json(list(new CompanyPage(List.of(), 0), caller, page, perPage));
      return;
    }
    ctx.json(list(companies.list(caller, page, perPage, false), caller, page, perPage));
  }

  /**
   * {@code POST /companies/list}: {@code page}, {@code per_page} (1 to 60, default 15) and {@code
   * order} ({@code desc}, the default, newest first, or {@code asc}) as query parameters; answers a
   * {@code company_list}.
   */
  void listAllCompanies(Context ctx) {
    int page = Params.intParam(ctx, "page", 1, 1, Integer.MAX_VALUE);
    int perPage = Params.intParam(ctx, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE);
    String order = Params.enumParam(ctx, "order", "desc", List.of("desc", "asc"));
    Caller caller = RequestContext.caller(ctx);
    ctx.json(
        list(companies.list(caller, page, perPage, "desc".equals(order)), caller, page, perPage));
  }

  private static CompanyListJson list(CompanyPage found, Caller caller, int page, int perPage) {
    int totalPages = (int) ((found.total() + perPage - 1) / perPage);
    return new CompanyListJson(
        "list",
        found.companies().stream().map(c -> render(c, caller)).toList(),
        new PagesJson("pages", page, perPage, totalPages, null),
        found.total());
  }

  /**
   * {@code GET /companies/scroll}: {@value #MAX_PER_PAGE} companies at a time, oldest first, with
   * the {@code scroll_param} that continues; a step past the last company is empty and has no
   * {@code scroll_param}. A {@code scroll_param} parley did not give is 400 {@code
   * parameter_invalid}.
   */
  void scrollCompanies(Context ctx) {
    String param = ctx.queryParam("scroll_param");
    Page.Cursor cursor =
        param == null || param.isEmpty() ? null : Page.Cursor.decode(param, "scroll_param");
    Caller caller = RequestContext.caller(ctx);
    ScrollStep step = companies.scroll(caller, cursor, MAX_PER_PAGE);
    ctx.json(
        new CompanyScrollJson(
            "list",
            step.companies().stream().map(c -> render(c, caller)).toList(),
            null,
            step.next() == null ? null : step.next().encode()));
  }

  /** {@code GET /companies/{id}}: the {@code company}; 404 {@code company_not_found}. */
  void retrieveById(Context ctx) {
    Caller caller = RequestContext.caller(ctx);
    ctx.json(render(companies.get(caller, ctx.pathParam("id")), caller));
  }

  /**
   * {@code PUT /companies/{id}} ({@code update_company_request}): the fields sent change, custom
   * attributes are merged; answers the {@code company}. 404 {@code company_not_found}.
   */
  void updateCompany(Context ctx) {
    UpdateCompanyRequest body = Wire.body(ctx, mapper, UpdateCompanyRequest.class);
    Caller caller = RequestContext.caller(ctx);
    ctx.json(render(companies.update(caller, ctx.pathParam("id"), body.changes()), caller));
  }

  /**
   * {@code DELETE /companies/{id}}: archives the company and detaches its contacts; answers {@code
   * deleted_company_object}. 404 {@code company_not_found}, also for a second delete.
   */
  void deleteCompany(Context ctx) {
    Company c = companies.delete(RequestContext.caller(ctx), ctx.pathParam("id"));
    ctx.json(new DeletedCompanyJson(c.id(), "company", true));
  }

  /**
   * {@code GET /companies/{id}/contacts}: the contacts attached, in the order attached, {@code
   * page} and {@code per_page} (1 to 150, default 50); a {@code company_attached_contacts}. 404
   * {@code company_not_found}.
   */
  void listContacts(Context ctx) {
    int page = Params.intParam(ctx, "page", 1, 1, Integer.MAX_VALUE);
    int perPage = Params.intParam(ctx, "per_page", 50, 1, 150);
    Caller caller = RequestContext.caller(ctx);
    ContactPage found = companies.contacts(caller, ctx.pathParam("id"), page, perPage);
    int totalPages = (int) ((found.total() + perPage - 1) / perPage);
    ctx.json(
        new AttachedContactsJson(
            "list",
            found.contacts().stream()
                .map(
                    c ->
                        ContactRoutes.render(
                            c, caller, found.links().getOrDefault(c.id(), ContactLinks.NONE)))
                .toList(),
            found.total(),
            new PagesJson("pages", page, perPage, totalPages, null)));
  }

  /**
   * {@code GET /companies/{id}/segments}: {@code {"type":"list","data":[]}} (parley has no
   * segments); 404 {@code company_not_found}.
   */
  void listSegments(Context ctx) {
    companies.checkExists(RequestContext.caller(ctx), ctx.pathParam("id"));
    ctx.json(new AttachedSegmentsJson("list", List.of()));
  }

  /**
   * {@code POST /contacts/{id}/companies} ({@code {"id": company id}}): attaches the contact;
   * answers the {@code company}. 400 {@code parameter_not_found} "company not specified" without
   * {@code id}; 404 "User Not Found" for an unknown contact, {@code company_not_found} for an
   * unknown company.
   */
  void attach(Context ctx) {
    AttachCompanyRequest body = Wire.body(ctx, mapper, AttachCompanyRequest.class);
    if (body.id() == null || body.id().text().isEmpty()) {
      throw new ApiException(ErrorCode.PARAMETER_NOT_FOUND, "company not specified", "id");
    }
    Caller caller = RequestContext.caller(ctx);
    ctx.json(render(companies.attach(caller, ctx.pathParam("id"), body.id().text()), caller));
  }

  /**
   * {@code DELETE /contacts/{id}/companies/{company_id}}: detaches the contact; answers the {@code
   * company}. 404 "User Not Found" for an unknown contact, {@code company_not_found} for an unknown
   * company.
   */
  void detach(Context ctx) {
    Caller caller = RequestContext.caller(ctx);
    ctx.json(
        render(companies.detach(caller, ctx.pathParam("id"), ctx.pathParam("company_id")), caller));
  }

  /**
   * {@code GET /contacts/{id}/companies}: the contact's companies in the order attached, {@code
   * page} (from 1) and {@code per_page} (1 to 150, default 50) as Intercom's SDKs ask for them; a
   * page past the last is empty (the SDKs page until one is). A {@code contact_attached_companies};
   * 404 "User Not Found" for an unknown contact.
   */
  void listForContact(Context ctx) {
    int page = Params.intParam(ctx, "page", 1, 1, Integer.MAX_VALUE);
    int perPage = Params.intParam(ctx, "per_page", 50, 1, 150);
    Caller caller = RequestContext.caller(ctx);
    List<CompanyView> all = companies.ofContact(caller, ctx.pathParam("id"));
    long from = Math.min((long) (page - 1) * perPage, all.size());
    List<CompanyJson> shown =
        all.subList((int) from, (int) Math.min(from + perPage, all.size())).stream()
            .map(c -> render(c, caller))
            .toList();
    int totalPages = (all.size() + perPage - 1) / perPage;
    ctx.json(
        new ContactCompaniesJson(
            "list",
            shown,
            shown,
            all.size(),
            new PagesLinkJson("pages", page, perPage, totalPages)));
  }

  /** A tag id, or null for text that is no id (no tag has it). */
  private static Long tagIdOrNull(String text) {
    try {
      return dev.parley.domain.Ids.parse(text.trim());
    } catch (dev.parley.domain.ApiException e) {
      return null;
    }
  }

  /** A company in Intercom's {@code company} shape. */
  public static CompanyJson render(CompanyView view, Caller caller) {
    Company c = view.company();
    return new CompanyJson(
        "company",
        c.companyId(),
        c.id(),
        caller.workspace().idCode(),
        c.name(),
        c.remoteCreatedAt(),
        c.createdAt(),
        c.updatedAt(),
        c.size(),
        c.website(),
        c.industry(),
        c.monthlySpend(),
        0,
        view.userCount(),
        new TagsJson(
            "tag.list",
            view.tags().stream()
                .map(t -> new TagBasicJson("tag", Long.toString(t.id()), t.name()))
                .toList()),
        new SegmentsJson("segment.list", List.of()),
        c.plan() == null ? new PlanJson(null, null) : new PlanJson("plan", c.plan()),
        asStrings(c.customAttributes()));
  }

  /**
   * A company's custom attributes as the description types them (strings only, {@code
   * additionalProperties: {type: string}}): a number or boolean sent is kept as sent and rendered
   * as its JSON text ({@code 9} as {@code "9"}, {@code true} as {@code "true"}).
   */
  static Map<String, Object> asStrings(Map<String, Object> attributes) {
    Map<String, Object> rendered = new LinkedHashMap<>();
    attributes.forEach((name, value) -> rendered.put(name, String.valueOf(value)));
    return rendered;
  }
}
