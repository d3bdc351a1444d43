package dev.parley.http.operator;

import dev.parley.domain.webhook.Notification;
import dev.parley.domain.webhook.Topic;
import dev.parley.domain.webhook.WebhookSubscription;
import dev.parley.domain.workspace.Workspace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of parley's operator objects (not Intercom's: Intercom keeps them in its
 * Developer Hub), shared by the {@code /_parley/} routes and the {@code webhook} and {@code
 * workspace show|rotate-secret} commands, so that both print the same objects. Times are Unix
 * seconds; ids are strings, as in Intercom's API. docs/webhooks.md lists the fields.
 */
public final class OperatorJson {
  private OperatorJson() {}

  /**
   * A workspace: {@code type} "workspace", {@code name}, {@code app_id} (the {@code app_id} of its
   * notifications), {@code client_secret} (the key of their {@code X-Hub-Signature}), {@code
   * created_at}, {@code restricted}, {@code default_version}, {@code rate_limit_per_minute} (null:
   * the server's default).
   */
  public static Map<String, Object> workspace(Workspace ws, String clientSecret) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", "workspace");
    json.put("name", ws.name());
    json.put("app_id", ws.idCode());
    json.put("client_secret", clientSecret);
    json.put("created_at", ws.createdAt());
    json.put("restricted", ws.restricted());
    json.put("default_version", ws.defaultVersion());
    json.put("rate_limit_per_minute", ws.rateLimitPerMinute());
    return json;
  }

  /**
   * A subscription: {@code type} "webhook_subscription", {@code id}, {@code url}, {@code topics},
   * {@code state} (active, paused or suspended), {@code created_at}, {@code paused_until}, {@code
   * throttled_until}, {@code consecutive_errors}, {@code failing_since} (null when not set).
   */
  public static Map<String, Object> subscription(WebhookSubscription s) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", "webhook_subscription");
    json.put("id", Long.toString(s.id()));
    json.put("url", s.url());
    json.put("topics", s.topics().stream().map(Topic::wireName).toList());
    json.put("state", s.state().wireValue());
    json.put("created_at", s.createdAt());
    json.put("paused_until", seconds(s.pausedUntilMs()));
    json.put("throttled_until", seconds(s.throttledUntilMs()));
    json.put("consecutive_errors", s.errorCount());
    json.put("failing_since", seconds(s.failingSinceMs()));
    return json;
  }

  /** What deleting subscription {@code id} answers: {@code {type, id, deleted: true}}. */
  public static Map<String, Object> deletedSubscription(long id) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", "webhook_subscription");
    json.put("id", Long.toString(id));
    json.put("deleted", true);
    return json;
  }

  /**
   * An entry of the delivery log, without content: {@code type} "webhook_notification", {@code id}
   * (the notification's {@code notif_} id), {@code subscription_id}, {@code topic}, {@code subject}
   * (such as {@code conversation:17}), {@code status}, {@code attempts}, {@code created_at}, {@code
   * first_sent_at}, {@code last_attempt_at}, {@code delivered_at}, {@code next_attempt_at} (pending
   * only; null while it waits for an earlier notification of its subscription and subject), {@code
   * last_status_code}, {@code last_error}.
   */
  public static Map<String, Object> notification(Notification n) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", "webhook_notification");
    json.put("id", n.id());
    json.put("subscription_id", Long.toString(n.subscriptionId()));
    json.put("topic", n.topic().wireName());
    json.put("subject", n.subjectKey());
    json.put("status", n.status().wireValue());
    json.put("attempts", n.attempts());
    json.put("created_at", n.createdAt());
    json.put("first_sent_at", n.firstSentAt());
    json.put("last_attempt_at", n.lastAttemptAt());
    json.put("delivered_at", n.deliveredAt());
    json.put(
        "next_attempt_at",
        n.status().wireValue().equals("pending") && !n.waiting() ? n.nextAttemptMs() / 1000 : null);
    json.put("last_status_code", n.lastStatusCode());
    json.put("last_error", n.lastError());
    return json;
  }

  /** {@code {type: "list", data: [...]}}, the list shape of every operator listing. */
  public static Map<String, Object> list(List<Map<String, Object>> data) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", "list");
    json.put("data", data);
    return json;
  }

  private static Long seconds(Long millis) {
    return millis == null ? null : millis / 1000;
  }
}
