package dev.parley.http;

import dev.parley.domain.Store;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /healthz} (no token: 200 {@code {"status":"ok"}} once the store answers) and {@code
 * GET /metrics} (Prometheus text format, every workspace's request counts: for the operator
 * credential only, {@code PARLEY_OPERATOR_TOKEN}; an {@link ApiRoute.Access#OPERATOR} route).
 */
public final class HealthRoutes {
  private final Store store;
  private final PrometheusMeterRegistry meters;

  public HealthRoutes(Store store, PrometheusMeterRegistry meters) {
    this.store = store;
    this.meters = meters;
  }

  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.publicGet("/healthz", "health", this::health),
        ApiRoute.operator(HandlerType.GET, "/metrics", "metrics", this::metrics));
  }

  void health(Context ctx) {
    store.read(repos -> repos.workspaces().any());
    ctx.json(Map.of("status", "ok"));
  }

  void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
    ctx.result(meters.scrape());
  }
}
