package dev.parley.http.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.ApiException;
import dev.parley.domain.webhook.WebhookService;
import dev.parley.domain.workspace.Workspace;
import dev.parley.http.ApiRoute;
import dev.parley.http.Params;
import dev.parley.http.Wire;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Webhook subscriptions, the delivery log and a workspace's client secret over HTTP, under {@code
 * /_parley/} (not part of Intercom's API, which configures webhooks in its Developer Hub): the same
 * operations as the {@code webhook} and {@code workspace show|rotate-secret} commands. Operator
 * credential only ({@code PARLEY_OPERATOR_TOKEN}); without one configured every route answers 404.
 * Errors use Intercom's {@code error.list} body. docs/webhooks.md lists the shapes.
 */
public final class WebhookRoutes {
  private static final String WORKSPACE = "/_parley/workspaces/{workspace}";
  private static final String WEBHOOKS = WORKSPACE + "/webhooks";

  private final WebhookService webhooks;
  private final Function<String, Workspace> workspaces;
  private final ObjectMapper mapper;

  /**
   * @param workspaces finds a workspace by its name, throwing {@link ApiException} 404 when there
   *     is none
   */
  public WebhookRoutes(
      WebhookService webhooks, Function<String, Workspace> workspaces, ObjectMapper mapper) {
    this.webhooks = webhooks;
    this.workspaces = workspaces;
    this.mapper = mapper;
  }

  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.operator(HandlerType.GET, WORKSPACE, "showWorkspace", this::showWorkspace),
        ApiRoute.operator(
            HandlerType.POST, WORKSPACE + "/rotate-secret", "rotateClientSecret", this::rotate),
        ApiRoute.operator(HandlerType.POST, WEBHOOKS, "createWebhook", this::create),
        ApiRoute.operator(HandlerType.GET, WEBHOOKS, "listWebhooks", this::list),
        ApiRoute.operator(
            HandlerType.GET, WEBHOOKS + "/deliveries", "listWebhookDeliveries", this::deliveries),
        ApiRoute.operator(HandlerType.DELETE, WEBHOOKS + "/{id}", "deleteWebhook", this::delete),
        ApiRoute.operator(
            HandlerType.POST, WEBHOOKS + "/{id}/resume", "resumeWebhook", this::resume));
  }

  /** The body of {@code POST .../webhooks}. */
  public record CreateWebhookRequest(
      @Wire.Required String url, @Wire.Required @Wire.MaxItems(100) List<String> topics) {}

  void showWorkspace(Context ctx) {
    String name = ctx.pathParam("workspace");
    Workspace ws = workspaces.apply(name);
    ctx.json(OperatorJson.workspace(ws, webhooks.clientSecret(name)));
  }

  void rotate(Context ctx) {
    String name = ctx.pathParam("workspace");
    Workspace ws = workspaces.apply(name);
    ctx.json(OperatorJson.workspace(ws, webhooks.rotateSecret(name)));
  }

  void create(Context ctx) {
    CreateWebhookRequest request = Wire.body(ctx, mapper, CreateWebhookRequest.class);
    ctx.json(
        OperatorJson.subscription(
            webhooks.create(ctx.pathParam("workspace"), request.url(), request.topics())));
  }

  void list(Context ctx) {
    List<Map<String, Object>> data =
        webhooks.list(ctx.pathParam("workspace")).stream().map(OperatorJson::subscription).toList();
    ctx.json(OperatorJson.list(data));
  }

  void deliveries(Context ctx) {
    String subscription = ctx.queryParam("subscription_id");
    int limit = Params.intParam(ctx, "limit", 100, 1, 10_000);
    List<Map<String, Object>> data =
        webhooks
            .deliveries(
                ctx.pathParam("workspace"),
                subscription == null ? null : id(subscription, "subscription_id"),
                limit)
            .stream()
            .map(OperatorJson::notification)
            .toList();
    ctx.json(OperatorJson.list(data));
  }

  void delete(Context ctx) {
    long id = id(ctx.pathParam("id"), "id");
    webhooks.delete(ctx.pathParam("workspace"), id);
    ctx.json(OperatorJson.deletedSubscription(id));
  }

  void resume(Context ctx) {
    ctx.json(
        OperatorJson.subscription(
            webhooks.resume(ctx.pathParam("workspace"), id(ctx.pathParam("id"), "id"))));
  }

  private static long id(String text, String field) {
    try {
      return Params.parseLong(text);
    } catch (NumberFormatException e) {
      throw ApiException.notFound();
    }
  }
}
