package dev.parley.http.visitors;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.ApiException;
import dev.parley.domain.contact.Contact;
import dev.parley.domain.contact.ContactService;
import dev.parley.domain.contact.VisitorService;
import dev.parley.domain.contact.VisitorService.Identifiers;
import dev.parley.domain.workspace.Caller;
import dev.parley.domain.workspace.Scope;
import dev.parley.domain.workspace.Workspace;
import dev.parley.http.ApiRoute;
import dev.parley.http.RequestContext;
import dev.parley.http.StringLimits;
import dev.parley.http.Wire;
import dev.parley.http.contacts.ContactRoutes;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * Intercom's visitor operations: {@code retrieveVisitorWithUserId} ({@code GET
 * /visitors?user_id=}), {@code updateVisitor} ({@code PUT /visitors}) and {@code convertVisitor}
 * ({@code POST /visitors/convert}). See docs/visitors.md.
 */
public final class VisitorRoutes {
  private final VisitorService visitors;
  private final ContactService contacts;
  private final ObjectMapper mapper;

  /**
   * @param contacts renders a converted visitor as the {@code contact} it became
   */
  public VisitorRoutes(VisitorService visitors, ContactService contacts, ObjectMapper mapper) {
    this.visitors = visitors;
    this.contacts = contacts;
    this.mapper = mapper;
  }

  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.get("/visitors", "retrieveVisitorWithUserId", Scope.READ, this::retrieve),
        ApiRoute.put("/visitors", "updateVisitor", Scope.WRITE, this::update),
        ApiRoute.post("/visitors/convert", "convertVisitor", Scope.WRITE, this::convert));
  }

  /** {@code GET /visitors?user_id=}: {@code user_id} required (400 {@code parameter_not_found}). */
  void retrieve(Context ctx) {
    String userId = ctx.queryParam("user_id");
    if (userId == null || userId.isEmpty()) {
      throw ApiException.missing("user_id");
    }
    Caller caller = RequestContext.caller(ctx);
    ctx.json(render(visitors.findByUserId(caller, userId), caller.workspace()));
  }

  /** The body of {@code updateVisitor} ({@code update_visitor_request}). */
  record UpdateVisitorRequest(
      Wire.Id id,
      @JsonProperty("user_id") Wire.Id userId,
      @Wire.NotNull String name,
      @JsonProperty("custom_attributes") Wire.Attributes customAttributes) {}

  /**
   * {@code PUT /visitors}: {@code id} or {@code user_id} (400 {@code parameter_not_found} naming
   * {@code id} when neither), {@code name}, {@code custom_attributes}.
   */
  void update(Context ctx) {
    UpdateVisitorRequest body = Wire.body(ctx, mapper, UpdateVisitorRequest.class);
    if (body.id() == null && body.userId() == null) {
      throw ApiException.missing("id");
    }
    Caller caller = RequestContext.caller(ctx);
    Contact updated =
        visitors.update(
            caller,
            text(body.id()),
            text(body.userId()),
            body.name(),
            body.customAttributes() == null ? null : body.customAttributes().values());
    ctx.json(render(updated, caller.workspace()));
  }

  /** A visitor's or user's identifiers in a {@code convert_visitor_request}. */
  record IdentifiersRequest(
      Wire.Id id, @JsonProperty("user_id") Wire.Id userId, @Wire.NotNull String email) {
    Identifiers identifiers() {
      return new Identifiers(text(id), text(userId), email);
    }
  }

  /** The body of {@code convertVisitor} ({@code convert_visitor_request}). */
  record ConvertVisitorRequest(
      @Wire.Required String type,
      @Wire.Required IdentifiersRequest user,
      @Wire.Required IdentifiersRequest visitor) {}

  /**
   * {@code POST /visitors/convert}: {@code type} ({@code user} or {@code lead}), {@code user} (with
   * {@code id} or {@code user_id}) and {@code visitor} (with {@code id}, {@code user_id} or {@code
   * email}), all required (400 {@code parameter_not_found}); a {@code user.email} that is no
   * address 400 {@code parameter_invalid}; answers the {@code contact}.
   */
  void convert(Context ctx) {
    ConvertVisitorRequest body = Wire.body(ctx, mapper, ConvertVisitorRequest.class);
    Identifiers user = body.user().identifiers();
    Identifiers visitor = body.visitor().identifiers();
    if (user.id() == null && user.userId() == null) {
      throw ApiException.missing("user.user_id");
    }
    if (visitor.id() == null && visitor.userId() == null && visitor.email() == null) {
      throw ApiException.missing("visitor.user_id");
    }
    if (user.email() != null
        && (user.email().length() > StringLimits.SHORT || !user.email().contains("@"))) {
      throw ApiException.invalid("user.email", "email is not a valid address");
    }
    Caller caller = RequestContext.caller(ctx);
    Contact converted = visitors.convert(caller, body.type(), user, visitor);
    ctx.json(
        ContactRoutes.render(
            converted,
            caller,
            contacts.links(caller, List.of(converted.id())).get(converted.id())));
  }

  private static String text(Wire.Id id) {
    return id == null ? null : id.text();
  }

  /**
   * A visitor in Intercom's {@code visitor} shape: {@code anonymous} true, an empty email as {@code
   * ""}, {@code signed_up_at} and {@code remote_created_at} its creation time, no companies, tags,
   * segments or social profiles (a visitor has none in parley), the rest of the Messenger's fields
   * (pseudonym, location, UTM) empty, custom attribute values as strings ({@link #asStrings}).
   */
  public static VisitorJson render(Contact v, Workspace workspace) {
    return new VisitorJson(
        "visitor",
        v.id(),
        v.externalId(),
        true,
        v.email() == null ? "" : v.email(),
        v.phone(),
        v.name(),
        null,
        new AvatarJson("avatar", v.avatar()),
        workspace.idCode(),
        new CompaniesJson("company.list", List.of()),
        Map.of(),
        null,
        v.createdAt(),
        v.createdAt(),
        v.createdAt(),
        v.updatedAt(),
        0,
        new SocialProfilesJson("social_profile.list", List.of()),
        v.ownerId() == null ? null : Long.toString(v.ownerId()),
        v.unsubscribedFromEmails(),
        false,
        false,
        new TagsJson("tag.list", List.of()),
        new SegmentsJson("segment.list", List.of()),
        asStrings(v.customAttributes()),
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * A visitor's custom attributes as the 2.14 {@code visitor} schema types them (strings only,
   * {@code additionalProperties: {type: string}}), as a company's are: a number or boolean is kept
   * as sent and rendered as its JSON text ({@code 9} as {@code "9"}, {@code true} as {@code
   * "true"}); a converted visitor's contact shows them as sent.
   */
  static Map<String, Object> asStrings(Map<String, Object> attributes) {
    Map<String, Object> rendered = new java.util.LinkedHashMap<>();
    attributes.forEach((name, value) -> rendered.put(name, String.valueOf(value)));
    return rendered;
  }

  /** Intercom's {@code visitor}. Times are Unix seconds. */
  public record VisitorJson(
      String type,
      String id,
      String userId,
      boolean anonymous,
      String email,
      String phone,
      String name,
      String pseudonym,
      AvatarJson avatar,
      String appId,
      CompaniesJson companies,
      Map<String, Object> locationData,
      Long lastRequestAt,
      long createdAt,
      long remoteCreatedAt,
      long signedUpAt,
      long updatedAt,
      int sessionCount,
      SocialProfilesJson socialProfiles,
      String ownerId,
      boolean unsubscribedFromEmails,
      boolean markedEmailAsSpam,
      boolean hasHardBounced,
      TagsJson tags,
      SegmentsJson segments,
      Map<String, Object> customAttributes,
      String referrer,
      String utmCampaign,
      String utmContent,
      String utmMedium,
      String utmSource,
      String utmTerm,
      Boolean doNotTrack) {}

  /** A visitor's {@code avatar}: its image URL or null. */
  public record AvatarJson(String type, String imageUrl) {}

  /** A visitor's {@code companies} (always empty). */
  public record CompaniesJson(String type, List<Object> companies) {}

  /** A visitor's {@code social_profiles} (always empty). */
  public record SocialProfilesJson(String type, List<String> socialProfiles) {}

  /** A visitor's {@code tags} (always empty). */
  public record TagsJson(String type, List<Object> tags) {}

  /** A visitor's {@code segments} (always empty). */
  public record SegmentsJson(String type, List<String> segments) {}
}
