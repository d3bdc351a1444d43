package dev.parley.http.segments;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.segment.SubscriptionType;
import dev.parley.domain.segment.SubscriptionTypeService;
import dev.parley.domain.workspace.Scope;
import dev.parley.http.ApiRoute;
import dev.parley.http.RequestContext;
import dev.parley.http.Wire;
import io.javalin.http.Context;
import java.util.List;

/**
 * Intercom's subscription type operations: {@code listSubscriptionTypes} ({@code GET
 * /subscription_types}), {@code listSubscriptionsForAContact} ({@code GET
 * /contacts/{id}/subscriptions}), {@code attachSubscriptionTypeToContact} ({@code POST
 * /contacts/{id}/subscriptions}) and {@code detachSubscriptionTypeToContact} ({@code DELETE
 * /contacts/{id}/subscriptions/{subscription_id}}). Operators add the types with the CLI's {@code
 * subscription-type} command.
 */
public record SubscriptionTypeRoutes(SubscriptionTypeService types, ObjectMapper mapper) {
  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.get(
            "/subscription_types",
            "listSubscriptionTypes",
            Scope.READ,
            this::listSubscriptionTypes),
        ApiRoute.get(
            "/contacts/{id}/subscriptions",
            "listSubscriptionsForAContact",
            Scope.READ,
            this::listSubscriptionsForAContact),
        ApiRoute.post(
            "/contacts/{id}/subscriptions",
            "attachSubscriptionTypeToContact",
            Scope.WRITE,
            this::attachSubscriptionTypeToContact),
        ApiRoute.delete(
            "/contacts/{id}/subscriptions/{subscription_id}",
            "detachSubscriptionTypeToContact",
            Scope.WRITE,
            this::detachSubscriptionTypeToContact));
  }

  /** {@code translation}: {@code {name, description, locale}}. */
  public record TranslationJson(String name, String description, String locale) {}

  /**
   * {@code subscription_type}: {@code {type: "subscription", id, state, default_translation,
   * translations, consent_type, content_types}}; the id a string; one translation, locale {@code
   * en}.
   */
  public record SubscriptionTypeJson(
      String type,
      String id,
      String state,
      TranslationJson defaultTranslation,
      List<TranslationJson> translations,
      String consentType,
      List<String> contentTypes) {}

  /** {@code subscription_type_list}: {@code {type: "list", data: [...]}}. */
  public record SubscriptionTypeListJson(String type, List<SubscriptionTypeJson> data) {}

  /**
   * The body of {@code attachSubscriptionTypeToContact}: {@code id} (the type's, a string or an
   * integer) and {@code consent_type} ({@code opt_in} or {@code opt_out}), both required.
   */
  public record AttachSubscriptionRequest(
      @Wire.Required Wire.Id id, @Wire.Required @JsonProperty("consent_type") String consentType) {}

  /** {@code GET /subscription_types}: every type of the workspace, archived ones included. */
  void listSubscriptionTypes(Context ctx) {
    ctx.json(render(types.list(RequestContext.caller(ctx))));
  }

  /**
   * {@code GET /contacts/{id}/subscriptions}: the types the contact opted in to or out of; 404
   * {@code not_found} "User Not Found" for an unknown contact.
   */
  void listSubscriptionsForAContact(Context ctx) {
    ctx.json(render(types.ofContact(RequestContext.caller(ctx), ctx.pathParam("id"))));
  }

  /**
   * {@code POST /contacts/{id}/subscriptions}: {@link AttachSubscriptionRequest}; answers the type.
   * 404 {@code not_found} "User Not Found" for an unknown contact, "Resource Not Found" for an
   * unknown type (an id that is no integer too); 400 {@code parameter_invalid} for a consent type
   * that is not the type's, or an archived type.
   */
  void attachSubscriptionTypeToContact(Context ctx) {
    AttachSubscriptionRequest body = Wire.body(ctx, mapper, AttachSubscriptionRequest.class);
    ctx.json(
        render(
            types.attach(
                RequestContext.caller(ctx),
                ctx.pathParam("id"),
                SegmentRoutes.idOrNull(body.id().text()),
                body.consentType())));
  }

  /**
   * {@code DELETE /contacts/{id}/subscriptions/{subscription_id}}: answers the type. 404 {@code
   * not_found} "User Not Found" for an unknown contact, "Resource Not Found" for an unknown type or
   * one the contact made no choice about.
   */
  void detachSubscriptionTypeToContact(Context ctx) {
    ctx.json(
        render(
            types.detach(
                RequestContext.caller(ctx),
                ctx.pathParam("id"),
                SegmentRoutes.idOrNull(ctx.pathParam("subscription_id")))));
  }

  private static SubscriptionTypeListJson render(List<SubscriptionType> list) {
    return new SubscriptionTypeListJson(
        "list", list.stream().map(SubscriptionTypeRoutes::render).toList());
  }

  /** A subscription type as the subscription operations render it. */
  public static SubscriptionTypeJson render(SubscriptionType t) {
    TranslationJson en = new TranslationJson(t.name(), t.description(), "en");
    return new SubscriptionTypeJson(
        "subscription",
        Long.toString(t.id()),
        t.state(),
        en,
        List.of(en),
        t.consentType(),
        t.contentTypes());
  }
}
