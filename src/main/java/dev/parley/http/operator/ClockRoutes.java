package dev.parley.http.operator;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.ServerClock;
import dev.parley.http.ApiRoute;
import dev.parley.http.Wire;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /_parley/clock} and {@code POST /_parley/clock}: read and move the server clock, for
 * tests (not part of Intercom's API). Operator credential only ({@code PARLEY_OPERATOR_TOKEN});
 * without one configured the routes answer 404, as {@code /metrics}.
 *
 * <p>The POST body is one of {@code {"frozen_at": <Unix seconds>}}, {@code {"advance_seconds": N}}
 * or {@code {"real": true}}; both routes answer {@code {"now": <Unix seconds>, "frozen": <bool>}}.
 * A move answers only after what the new time makes due has happened in this process: the snoozed
 * conversations whose {@code snoozed_until} it passed are open (dev.parley.jobs.SnoozeWakeUp).
 */
public final class ClockRoutes {
  private final ServerClock clock;
  private final ObjectMapper mapper;
  private final Runnable afterMove;

  /**
   * @param afterMove runs after each move, before the answer: the work the new time makes due
   */
  public ClockRoutes(ServerClock clock, ObjectMapper mapper, Runnable afterMove) {
    this.clock = clock;
    this.mapper = mapper;
    this.afterMove = afterMove;
  }

  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.operator(HandlerType.GET, "/_parley/clock", "getClock", this::show),
        ApiRoute.operator(HandlerType.POST, "/_parley/clock", "moveClock", this::move));
  }

  /** The POST body: exactly one of the three fields is expected. */
  public record MoveClockRequest(
      @JsonProperty("frozen_at") Wire.Int frozenAt,
      @JsonProperty("advance_seconds") Wire.Int advanceSeconds,
      @JsonProperty("real") Boolean real) {}

  void show(Context ctx) {
    ctx.json(Map.of("now", clock.instant().getEpochSecond(), "frozen", clock.frozen()));
  }

  void move(Context ctx) {
    MoveClockRequest request = Wire.body(ctx, mapper, MoveClockRequest.class);
    if (request.frozenAt() != null) {
      clock.freezeAt(Instant.ofEpochSecond(request.frozenAt().value()));
    } else if (request.advanceSeconds() != null) {
      clock.advanceSeconds(request.advanceSeconds().value());
    } else if (Boolean.TRUE.equals(request.real())) {
      clock.makeReal();
    }
    afterMove.run();
    show(ctx);
  }
}
