package dev.parley.http.tags;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Ids;
import dev.parley.domain.company.CompanyTagService;
import dev.parley.domain.company.CompanyTagService.CompanyRef;
import dev.parley.domain.contact.ContactTagService;
import dev.parley.domain.conversation.AppliedTag;
import dev.parley.domain.tag.Tag;
import dev.parley.domain.tag.TagService;
import dev.parley.domain.workspace.Scope;
import dev.parley.http.ApiRoute;
import dev.parley.http.Params;
import dev.parley.http.RequestContext;
import dev.parley.http.StringLimits;
import dev.parley.http.Wire;
import dev.parley.http.conversations.ConversationRenderer;
import dev.parley.http.conversations.ConversationWire.TagJson;
import io.javalin.http.Context;
import java.util.List;

/**
 * Intercom's tag operations: {@code createTag} (create or rename, tag or untag companies, or tag
 * several contacts), {@code listTags}, {@code findTag} and {@code deleteTag}; and the tags of a
 * contact: {@code listTagsForAContact}, {@code attachTagToContact}, {@code detachTagFromContact}.
 */
public record TagRoutes(
    TagService tags,
    ContactTagService contactTags,
    CompanyTagService companyTags,
    ObjectMapper mapper) {
  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.get("/tags", "listTags", Scope.READ, this::listTags),
        ApiRoute.post("/tags", "createTag", Scope.WRITE, this::createTag),
        ApiRoute.get("/tags/{id}", "findTag", Scope.READ, this::findTag),
        ApiRoute.delete("/tags/{id}", "deleteTag", Scope.WRITE, this::deleteTag),
        ApiRoute.get(
            "/contacts/{id}/tags", "listTagsForAContact", Scope.READ, this::listTagsForAContact),
        ApiRoute.post(
            "/contacts/{id}/tags", "attachTagToContact", Scope.WRITE, this::attachTagToContact),
        ApiRoute.delete(
            "/contacts/{id}/tags/{tag_id}",
            "detachTagFromContact",
            Scope.WRITE,
            this::detachTagFromContact));
  }

  /** {@code tag} of a contact: {@code {type, id, name, applied_at, applied_by}}. */
  public record AppliedTagListJson(String type, List<TagJson> data) {}

  /** {@code GET /contacts/{id}/tags}: {@code tag_list} of the tags with their applications. */
  void listTagsForAContact(Context ctx) {
    List<AppliedTag> applied = contactTags.list(RequestContext.caller(ctx), ctx.pathParam("id"));
    ctx.json(
        new AppliedTagListJson("list", applied.stream().map(ConversationRenderer::tag).toList()));
  }

  /** The body of {@code attachTagToContact}: {@code {id}}, the tag's id (a string or integer). */
  public record AttachTagRequest(@Wire.Required Wire.Id id) {}

  /**
   * {@code POST /contacts/{id}/tags}: {@link AttachTagRequest}; answers the {@code tag} with {@code
   * applied_at} and {@code applied_by} (the token's admin).
   */
  void attachTagToContact(Context ctx) {
    AttachTagRequest body = Wire.body(ctx, mapper, AttachTagRequest.class);
    AppliedTag applied =
        contactTags.attach(
            RequestContext.caller(ctx), ctx.pathParam("id"), tagIdOrNull(body.id().text()));
    ctx.json(ConversationRenderer.tag(applied));
  }

  /** {@code DELETE /contacts/{id}/tags/{tag_id}}: answers the {@code tag} as it was applied. */
  void detachTagFromContact(Context ctx) {
    AppliedTag removed =
        contactTags.detach(
            RequestContext.caller(ctx), ctx.pathParam("id"), tagIdOrNull(ctx.pathParam("tag_id")));
    ctx.json(ConversationRenderer.tag(removed));
  }

  /** A tag id, or null for text that is no id (no tag has it). */
  private static Long tagIdOrNull(String text) {
    try {
      return Ids.parse(text.trim());
    } catch (ApiException e) {
      return null;
    }
  }

  /** {@code tag_basic}: {@code {type, id, name}}. */
  public record TagBasicJson(String type, String id, String name) {}

  /** {@code tag_list}: {@code {type: "list", data: [tag]}}. */
  public record TagListJson(String type, List<TagBasicJson> data) {}

  /** {@code GET /tags}. */
  void listTags(Context ctx) {
    ctx.json(
        new TagListJson(
            "list",
            tags.list(RequestContext.caller(ctx)).stream().map(TagRoutes::render).toList()));
  }

  /**
   * The body of {@code createTag}: {@code {name, id?}} ({@code create_or_update_tag_request}); an
   * {@code id} renames. With {@code users} ({@code tag_multiple_users_request}: {@code [{id}]})
   * and/or {@code companies} ({@code tag_company_request}, {@code untag_company_request}: {@code
   * [{id | company_id, untag?}]}), at most {@value #MAX_USERS} each, the named tag (created if
   * missing) is applied to those contacts and companies, or removed from the companies sent with
   * {@code untag: true}; {@code id} is then ignored.
   */
  public record CreateTagRequest(
      @Wire.Required String name,
      Wire.Id id,
      @Wire.MaxItems(MAX_USERS) List<UserRef> users,
      @Wire.MaxItems(MAX_USERS) List<CompanyRefJson> companies) {
    /**
     * The name without surrounding white space.
     *
     * @throws ApiException 400 {@code parameter_invalid} unless it is 1 to {@link
     *     StringLimits#TAG_NAME} characters
     */
    String strippedName() {
      String stripped = name.strip();
      if (stripped.isEmpty() || stripped.length() > StringLimits.TAG_NAME) {
        throw ApiException.invalid(
            "name",
            "invalid tag parameters: name must be 1 to " + StringLimits.TAG_NAME + " characters");
      }
      return stripped;
    }

    /**
     * The tag to rename, or null to create one.
     *
     * @throws ApiException 404 {@code not_found} for an id that is not an integer
     */
    Long tagId() {
      if (id == null) {
        return null;
      }
      try {
        return Params.parseLong(id.text().trim());
      } catch (NumberFormatException e) {
        throw ApiException.notFound();
      }
    }

    /**
     * The companies to tag or untag.
     *
     * @throws ApiException 400 {@code parameter_not_found} "company not specified" naming {@code
     *     companies} for an item with neither {@code id} nor {@code company_id}; 400 {@code
     *     parameter_invalid} naming {@code companies.untag} for an {@code untag} that is no boolean
     *     (nor the string {@code "true"} or {@code "false"}, as the description's example writes
     *     it)
     */
    List<CompanyRef> companyRefs() {
      return companies.stream().map(CompanyRefJson::ref).toList();
    }
  }

  /** The most contacts, or companies, one {@code createTag} tags. */
  static final int MAX_USERS = 1000;

  /** An item of {@code tag_multiple_users_request.users}: {@code {id}}, a contact id. */
  public record UserRef(@Wire.Required String id) {}

  /**
   * An item of {@code tag_company_request.companies} or {@code untag_company_request.companies}:
   * {@code id} (Intercom's) or {@code company_id} (the client's; used when {@code id} is absent),
   * and {@code untag}.
   */
  public record CompanyRefJson(
      Wire.Id id, @JsonProperty("company_id") Wire.Id companyId, JsonNode untag) {
    CompanyRef ref() {
      String intercomId = id == null ? null : id.text().trim();
      String clientId = companyId == null ? null : companyId.text().trim();
      if ((intercomId == null || intercomId.isEmpty())
          && (clientId == null || clientId.isEmpty())) {
        throw new ApiException(ErrorCode.PARAMETER_NOT_FOUND, "company not specified", "companies");
      }
      boolean remove;
      if (untag == null || untag.isNull()) {
        remove = false;
      } else if (untag.isBoolean()) {
        remove = untag.booleanValue();
      } else if (untag.isTextual() && untag.textValue().strip().equalsIgnoreCase("true")) {
        remove = true;
      } else if (untag.isTextual() && untag.textValue().strip().equalsIgnoreCase("false")) {
        remove = false;
      } else {
        throw ApiException.invalid("companies.untag", "untag must be a boolean");
      }
      return new CompanyRef(
          intercomId == null || intercomId.isEmpty() ? null : intercomId, clientId, remove);
    }
  }

  /** {@code POST /tags}: {@link CreateTagRequest}. */
  void createTag(Context ctx) {
    CreateTagRequest body = Wire.body(ctx, mapper, CreateTagRequest.class);
    String name = body.strippedName();
    if (body.companies() != null) {
      List<CompanyRef> refs = body.companyRefs();
      List<String> contactIds =
          body.users() == null ? List.of() : body.users().stream().map(UserRef::id).toList();
      ctx.json(render(companyTags.apply(RequestContext.caller(ctx), name, refs, contactIds)));
      return;
    }
    if (body.users() != null) {
      List<String> contactIds = body.users().stream().map(UserRef::id).toList();
      ctx.json(render(contactTags.tagContacts(RequestContext.caller(ctx), name, contactIds)));
      return;
    }
    Long id = body.tagId();
    ctx.json(render(tags.createOrUpdate(RequestContext.caller(ctx), name, id)));
  }

  /** {@code GET /tags/{id}}: {@code tag_basic}; 404 {@code not_found} for an unknown id. */
  void findTag(Context ctx) {
    long id = Ids.parse(ctx.pathParam("id"));
    ctx.json(render(tags.get(RequestContext.caller(ctx), id)));
  }

  /**
   * {@code DELETE /tags/{id}}: detaches the tag from every conversation, contact and company and
   * deletes it; 200 with an empty body and no {@code Content-Type}, as the description declares no
   * content; 404 {@code not_found} for an unknown id.
   */
  void deleteTag(Context ctx) {
    long id = Ids.parse(ctx.pathParam("id"));
    tags.delete(RequestContext.caller(ctx), id);
    ctx.status(200);
  }

  static TagBasicJson render(Tag t) {
    return new TagBasicJson("tag", Long.toString(t.id()), t.name());
  }
}
