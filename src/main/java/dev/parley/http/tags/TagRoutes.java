package dev.parley.http.tags;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.ApiException;
import dev.parley.domain.Ids;
import dev.parley.domain.tag.Tag;
import dev.parley.domain.tag.TagService;
import dev.parley.domain.workspace.Scope;
import dev.parley.http.ApiRoute;
import dev.parley.http.Params;
import dev.parley.http.RequestContext;
import dev.parley.http.StringLimits;
import dev.parley.http.Wire;
import io.javalin.http.Context;
import java.util.List;

/**
 * Intercom's tag operations: {@code createTag} (create or rename), {@code listTags}, {@code
 * findTag} and {@code deleteTag}.
 */
public record TagRoutes(TagService tags, ObjectMapper mapper) {
  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.get("/tags", "listTags", Scope.READ, this::listTags),
        ApiRoute.post("/tags", "createTag", Scope.WRITE, this::createTag),
        ApiRoute.get("/tags/{id}", "findTag", Scope.READ, this::findTag),
        ApiRoute.delete("/tags/{id}", "deleteTag", Scope.WRITE, this::deleteTag));
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

  /** The body of {@code createTag}: {@code {name, id?}}; an {@code id} renames. */
  public record CreateTagRequest(@Wire.Required String name, Wire.Id id) {
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
  }

  /** {@code POST /tags}: {@link CreateTagRequest}. */
  void createTag(Context ctx) {
    CreateTagRequest body = Wire.body(ctx, mapper, CreateTagRequest.class);
    String name = body.strippedName();
    Long id = body.tagId();
    ctx.json(render(tags.createOrUpdate(RequestContext.caller(ctx), name, id)));
  }

  /** {@code GET /tags/{id}}: {@code tag_basic}; 404 {@code not_found} for an unknown id. */
  void findTag(Context ctx) {
    long id = Ids.parse(ctx.pathParam("id"));
    ctx.json(render(tags.get(RequestContext.caller(ctx), id)));
  }

  /**
   * {@code DELETE /tags/{id}}: detaches the tag from every conversation and deletes it; 200 with an
   * empty body and no {@code Content-Type}, as the description declares no content; 404 {@code
   * not_found} for an unknown id.
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
