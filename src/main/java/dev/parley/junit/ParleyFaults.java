package dev.parley.junit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Faults on demand, set over {@code /_parley/faults} (docs/testing-with-parley.md, "Faults on
 * demand"): the next requests of an Intercom operation (its {@code operationId} in the 2.14
 * description) answer an error status with Intercom's error body, answer late, or lose their
 * connection. Rules are server-wide unless they name a workspace; {@link ParleyExtension} clears
 * them all after each test.
 */
public final class ParleyFaults {
  private static final String PATH = "/_parley/faults";

  private final OperatorClient operator;

  ParleyFaults(OperatorClient operator) {
    this.operator = operator;
  }

  /**
   * The next request of {@code operationId} (in any workspace) answers {@code status}.
   *
   * @param operationId such as {@code listAdmins}; {@code "*"} for any operation
   * @param status 400 to 599, e.g. 429 (with rate-limit headers), 500 or 503
   * @return the rule's id (as the {@code X-Parley-Fault} header of each injected answer names it)
   */
  public String add(String operationId, int status) {
    return add(operationId, status, 1);
  }

  /**
   * The next {@code count} requests of {@code operationId} (in any workspace) answer {@code
   * status}.
   *
   * @return the rule's id
   */
  public String add(String operationId, int status, int count) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("operation_id", operationId);
    rule.put("status", status);
    rule.put("count", count);
    return add(rule);
  }

  /**
   * The next {@code count} requests of {@code operationId} made with a token of {@code workspace}
   * answer {@code status}: a rule no other test's workspace meets.
   *
   * @return the rule's id
   */
  public String add(ParleyWorkspace workspace, String operationId, int status, int count) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("workspace", workspace.name());
    rule.put("operation_id", operationId);
    rule.put("status", status);
    rule.put("count", count);
    return add(rule);
  }

  /**
   * Any rule the route takes, its fields as documented: {@code operation_id}, {@code workspace},
   * {@code status}, {@code delay_ms}, {@code drop}, {@code count}, {@code fraction}; e.g. {@code
   * Map.of("operation_id", "searchConversations", "delay_ms", 6000)}.
   *
   * @return the rule's id
   * @throws IllegalStateException with parley's 400 answer when the rule is not valid
   */
  public String add(Map<String, ?> rule) {
    return operator.post(PATH, rule).path("id").asText();
  }

  /**
   * The rules in force, oldest first, as parley answers them ({@code id}, {@code operation_id},
   * {@code workspace}, {@code action}, {@code status}, {@code remaining}, {@code injected}, ...).
   */
  public List<JsonNode> list() {
    List<JsonNode> rules = new ArrayList<>();
    operator.get(PATH).path("data").forEach(rules::add);
    return rules;
  }

  /** Removes the rule {@code id}; fails with parley's 404 when there is none. */
  public void remove(String id) {
    operator.delete(PATH + "/" + id);
  }

  /**
   * Removes every rule.
   *
   * @return how many there were
   */
  public int clear() {
    return operator.delete(PATH).path("deleted").asInt();
  }
}
