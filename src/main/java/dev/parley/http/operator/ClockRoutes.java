package dev.parley.http.operator;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.ApiException;
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

  /** The latest second the clock can be set to: 9999-12-31T23:59:59Z. */
  static final long LATEST_SECOND = 253_402_300_799L;

  /**
   * Moves the clock as the body says.
   *
   * @throws dev.parley.domain.ApiException 400 {@code parameter_invalid} unless the body holds
   *     exactly one of the three fields, {@code real} is {@code true}, and the time it gives lies
   *     between 0 and {@link #LATEST_SECOND} (negative {@code advance_seconds} moves the clock
   *     back)
   */
  void move(Context ctx) {
    MoveClockRequest request = Wire.body(ctx, mapper, MoveClockRequest.class);
    int given =
        (request.frozenAt() != null ? 1 : 0)
            + (request.advanceSeconds() != null ? 1 : 0)
            + (request.real() != null ? 1 : 0);
    if (given != 1) {
      throw ApiException.invalid(
          request.frozenAt() != null ? "advance_seconds" : "frozen_at",
          "give exactly one of frozen_at, advance_seconds or real: true");
    }
    if (request.frozenAt() != null) {
      clock.freezeAt(Instant.ofEpochSecond(inRange("frozen_at", request.frozenAt().value())));
    } else if (request.advanceSeconds() != null) {
      long seconds = request.advanceSeconds().value();
      if (seconds < -LATEST_SECOND || seconds > LATEST_SECOND) {
        throw outOfRange("advance_seconds");
      }
      inRange("advance_seconds", clock.instant().getEpochSecond() + seconds);
      clock.advanceSeconds(seconds);
    } else if (Boolean.TRUE.equals(request.real())) {
      clock.makeReal();
    } else {
      throw ApiException.invalid("real", "real must be true (to return to the real clock)");
    }
    afterMove.run();
    show(ctx);
  }

  private static long inRange(String field, long second) {
    if (second < 0 || second > LATEST_SECOND) {
      throw outOfRange(field);
    }
    return second;
  }

  private static ApiException outOfRange(String field) {
    return ApiException.invalid(
        field, "the clock must stay between 0 and " + LATEST_SECOND + " (Unix seconds)");
  }
}
