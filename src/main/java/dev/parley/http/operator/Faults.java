package dev.parley.http.operator;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Faults on demand, for testing a client's retries and back-off (a test-double control, not part of
 * Intercom's API): rules, set over {@code /_parley/faults} ({@link FaultRoutes}), that make the
 * next requests of an Intercom operation (or of any) answer an error, answer late, or lose their
 * connection. They live in this process's memory only, apply to requests authenticated with a
 * workspace token (never to {@code /_parley/} itself), and are checked after authentication and the
 * rate limit, so a request that a real Intercom would refuse (401, 429) is refused as before.
 *
 * <p>A rule applies to a request when its operation and workspace match (absent: any), then, when
 * it has a {@code fraction}, with that probability; it is used up after {@code count} requests
 * (none: until cleared). The first rule, in creation order, that applies is the one injected.
 */
public final class Faults {
  /** The longest delay a rule may ask for, milliseconds. */
  public static final long MAX_DELAY_MS = 300_000;

  private final List<Fault> rules = new ArrayList<>();
  private volatile boolean empty = true;
  private volatile Set<String> operations = Set.of();
  private long nextId = 1;
  private final Clock clock;

  /**
   * @param clock the server clock: an injected 429's {@code X-RateLimit-Reset} is a second ahead of
   *     it, as a real window's reset is
   */
  public Faults(Clock clock) {
    this.clock = clock;
  }

  /** {@code X-RateLimit-Reset} of an injected 429: the next second of the server clock, Unix s. */
  public long rateLimitReset() {
    return clock.instant().getEpochSecond() + 1;
  }

  /** What a rule does to a request it applies to. */
  public enum Action {
    /** Answer {@code status} with Intercom's {@code error.list} body. */
    ERROR,
    /** Answer after {@code delay_ms}, as the operation would (or with {@code status} if given). */
    DELAY,
    /** Close the connection without an answer (after {@code delay_ms} if given). */
    DROP
  }

  /**
   * One rule, as created and as listed.
   *
   * @param id its id, a string of digits
   * @param operationId the Intercom operationId it applies to; null for any
   * @param workspace the workspace name it applies to; null for any
   * @param status the HTTP status it answers (400 to 599); null for {@link Action#DELAY} and {@link
   *     Action#DROP} without one
   * @param delayMillis how long the answer waits, milliseconds (0: none)
   * @param remaining requests it still applies to; null for no limit
   * @param fraction the probability that it applies to a matching request; null for always
   * @param injected how many requests it was injected into so far
   */
  public record Fault(
      String id,
      String operationId,
      String workspace,
      Action action,
      Integer status,
      long delayMillis,
      Long remaining,
      Double fraction,
      long injected) {
    /** The rule's JSON, as {@code /_parley/faults} answers it. */
    public Map<String, Object> json() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("type", "fault");
      json.put("id", id);
      json.put("operation_id", operationId);
      json.put("workspace", workspace);
      json.put("action", action.name().toLowerCase(java.util.Locale.ROOT));
      json.put("status", status);
      json.put("delay_ms", delayMillis);
      json.put("remaining", remaining);
      json.put("fraction", fraction);
      json.put("injected", injected);
      return json;
    }
  }

  /** The operationIds a rule may name (every operation of parley's Intercom API). */
  public void knownOperations(Set<String> operationIds) {
    this.operations = Set.copyOf(operationIds);
  }

  /**
   * Adds a rule.
   *
   * @throws ApiException 400 naming the field when the operation is unknown, the status outside 400
   *     to 599, the count below 1, the fraction outside (0, 1] or the delay outside 0 to {@value
   *     #MAX_DELAY_MS} ms, or when an error rule has no status
   */
  public synchronized Fault add(
      String operationId,
      String workspace,
      Action action,
      Integer status,
      long delayMillis,
      Long count,
      Double fraction) {
    if (operationId != null && !operationId.equals("*") && !operations.contains(operationId)) {
      throw ApiException.invalid(
          "operation_id", "operation_id " + operationId + " is not an operation parley serves");
    }
    if (status != null && (status < 400 || status > 599)) {
      throw ApiException.invalid("status", "status must be between 400 and 599");
    }
    if (action == Action.ERROR && status == null) {
      throw ApiException.missing("status");
    }
    if (delayMillis < 0 || delayMillis > MAX_DELAY_MS) {
      throw ApiException.invalid(
          "delay_ms", "delay_ms must be between 0 and " + MAX_DELAY_MS + " milliseconds");
    }
    if (action == Action.DELAY && delayMillis == 0) {
      throw ApiException.missing("delay_ms");
    }
    if (count != null && count < 1) {
      throw ApiException.invalid("count", "count must be 1 or more");
    }
    if (fraction != null && !(fraction > 0 && fraction <= 1)) {
      throw ApiException.invalid("fraction", "fraction must be above 0 and at most 1");
    }
    Long remaining = count != null ? count : fraction == null ? Long.valueOf(1) : null;
    Fault fault =
        new Fault(
            Long.toString(nextId++),
            operationId == null || operationId.equals("*") ? null : operationId,
            workspace,
            action,
            status,
            delayMillis,
            remaining,
            fraction,
            0);
    rules.add(fault);
    empty = false;
    return fault;
  }

  /** The rules, in creation order (used-up ones are gone). */
  public synchronized List<Fault> list() {
    return List.copyOf(rules);
  }

  /**
   * Removes every rule.
   *
   * @return how many there were
   */
  public synchronized int clear() {
    int cleared = rules.size();
    rules.clear();
    empty = true;
    return cleared;
  }

  /**
   * Removes one rule.
   *
   * @throws ApiException 404 when there is no rule {@code id}
   */
  public synchronized Fault remove(String id) {
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).id().equals(id)) {
        Fault removed = rules.remove(i);
        empty = rules.isEmpty();
        return removed;
      }
    }
    throw ApiException.notFound();
  }

  /**
   * The rule to inject into a request, counted as injected (and removed once used up); null when
   * none applies. Costs one volatile read while there are no rules.
   */
  public Fault take(String operationId, String workspace) {
    if (empty) {
      return null;
    }
    synchronized (this) {
      for (int i = 0; i < rules.size(); i++) {
        Fault rule = rules.get(i);
        if ((rule.operationId() != null && !rule.operationId().equals(operationId))
            || (rule.workspace() != null && !rule.workspace().equals(workspace))
            || (rule.fraction() != null
                && ThreadLocalRandom.current().nextDouble() >= rule.fraction())) {
          continue;
        }
        Long remaining = rule.remaining() == null ? null : rule.remaining() - 1;
        Fault used =
            new Fault(
                rule.id(),
                rule.operationId(),
                rule.workspace(),
                rule.action(),
                rule.status(),
                rule.delayMillis(),
                remaining,
                rule.fraction(),
                rule.injected() + 1);
        if (remaining != null && remaining == 0) {
          rules.remove(i);
        } else {
          rules.set(i, used);
        }
        empty = rules.isEmpty();
        return used;
      }
      return null;
    }
  }

  /**
   * The {@code error.list} code of an injected status: Intercom's for 401, 403, 404, 429, 503 and
   * other 5xx, {@code parameter_invalid} for the rest of 4xx.
   */
  public static ErrorCode codeFor(int status) {
    return switch (status) {
      case 401 -> ErrorCode.UNAUTHORIZED;
      case 403 -> ErrorCode.ACTION_FORBIDDEN;
      case 429 -> ErrorCode.RATE_LIMIT_EXCEEDED;
      default -> ErrorCode.forStatus(status);
    };
  }
}
