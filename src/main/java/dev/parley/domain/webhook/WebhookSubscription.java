package dev.parley.domain.webhook;

import java.util.List;

/**
 * A webhook subscription of a workspace: an endpoint and the topics it receives (Intercom's
 * Developer Hub configures these; parley's operators do, with {@code webhook create} or {@code POST
 * /_parley/workspaces/{name}/webhooks}).
 *
 * @param id unique across the store
 * @param url an http or https URL, called exactly as given; redirects are not followed
 * @param createdAt Unix seconds
 * @param pausedUntilMs while paused, when it resumes by itself (Unix milliseconds), else null
 * @param throttledUntilMs after a 429 from the endpoint, when sending resumes (Unix ms), else null
 * @param throttleSeconds the current throttle delay: 0, else 60 doubling up to 7200
 * @param errorCount consecutive error responses counted in the current pause window
 * @param errorWindowStartMs when that window started (Unix ms), null without errors
 * @param failingSinceMs the first error of the current run of errors (Unix ms), null when the last
 *     attempt succeeded
 */
public record WebhookSubscription(
    long workspaceId,
    long id,
    String url,
    List<Topic> topics,
    SubscriptionState state,
    long createdAt,
    Long pausedUntilMs,
    Long throttledUntilMs,
    long throttleSeconds,
    long errorCount,
    Long errorWindowStartMs,
    Long failingSinceMs) {

  /** A new, active subscription with no history. */
  public static WebhookSubscription created(
      long workspaceId, long id, String url, List<Topic> topics, long createdAt) {
    return new WebhookSubscription(
        workspaceId,
        id,
        url,
        List.copyOf(topics),
        SubscriptionState.ACTIVE,
        createdAt,
        null,
        null,
        0,
        0,
        null,
        null);
  }
}
