package dev.parley.junit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The server's clock, moved over {@code GET} and {@code POST /_parley/clock}
 * (docs/testing-with-parley.md, "Moving the server clock"). Timestamps parley writes, snoozes,
 * export expiry, rate-limit windows and the token cache follow it. It is one clock for the whole
 * server: every workspace sees it move. {@link ParleyExtension} returns it to the real clock after
 * each test.
 */
public final class ParleyClock {
  private static final String PATH = "/_parley/clock";

  private final OperatorClient operator;

  ParleyClock(OperatorClient operator) {
    this.operator = operator;
  }

  /** The server's time now, in Unix seconds. */
  public long now() {
    return operator.get(PATH).path("now").asLong();
  }

  /** Whether the clock stands still (frozen or advanced by a test). */
  public boolean frozen() {
    return operator.get(PATH).path("frozen").asBoolean();
  }

  /**
   * Stops the clock at {@code unixSeconds}, where it stands until moved again.
   *
   * @return the server's time now, in Unix seconds ({@code unixSeconds})
   */
  public long freezeAt(long unixSeconds) {
    return set(Map.of("frozen_at", unixSeconds));
  }

  /**
   * Moves the clock forward by {@code seconds} (negative: back); a real clock is frozen at its now
   * plus {@code seconds}.
   *
   * @return the server's time now, in Unix seconds
   */
  public long advance(long seconds) {
    return set(Map.of("advance_seconds", seconds));
  }

  /**
   * Returns to the real clock.
   *
   * @return the server's time now, in Unix seconds
   */
  public long real() {
    return set(Map.of("real", true));
  }

  private long set(Map<String, Object> body) {
    JsonNode answer = operator.post(PATH, body);
    return answer.path("now").asLong();
  }
}
