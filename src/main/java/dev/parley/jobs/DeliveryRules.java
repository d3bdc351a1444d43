package dev.parley.jobs;

import dev.parley.config.ParleyConfig;
import dev.parley.domain.webhook.Notification;
import dev.parley.domain.webhook.NotificationStatus;
import dev.parley.domain.webhook.SubscriptionState;
import dev.parley.domain.webhook.WebhookRepository.AttemptOutcome;
import dev.parley.domain.webhook.WebhookSubscription;

/**
 * What an attempt's result does to its notification and its subscription, after Intercom's
 * "Delivering webhook notifications": a 2xx delivers; any other answer, a timeout or a failed
 * connection is retried with the same notification id after a delay that doubles from {@code
 * retryInitialSeconds} up to {@code retryMaxSeconds}; a 429 throttles the whole subscription for a
 * delay that starts at {@code throttleInitialSeconds} (1 minute) and doubles up to {@code
 * throttleMaxSeconds} (2 hours); {@code pauseAfterErrors} error answers in a row within {@code
 * pauseWindowSeconds} pause the subscription for {@code pauseSeconds}; a subscription still failing
 * {@code suspendAfterSeconds} after its first error of the run is suspended until an operator
 * resumes it. A 2xx clears every counter. Times in Unix milliseconds unless named otherwise.
 */
public final class DeliveryRules {
  private final ParleyConfig.Webhooks config;

  public DeliveryRules(ParleyConfig.Webhooks config) {
    this.config = config;
  }

  /**
   * One attempt's result.
   *
   * @param statusCode the endpoint's status code, or null when none came (then {@code error} says
   *     why: {@code "timeout"}, {@code "connection"})
   */
  public record Result(Integer statusCode, String error) {
    public boolean delivered() {
      return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    public boolean throttled() {
      return statusCode != null && statusCode == 429;
    }
  }

  /** The notification after an attempt that ended at {@code nowMs}. */
  public AttemptOutcome outcome(
      Notification n, WebhookSubscription after, Result result, long nowMs) {
    long attempts = n.attempts() + 1;
    long attemptedAt = nowMs / 1000;
    if (result.delivered()) {
      return new AttemptOutcome(
          n.sequence(),
          NotificationStatus.DELIVERED,
          attempts,
          attemptedAt,
          result.statusCode(),
          null,
          nowMs);
    }
    long next =
        result.throttled() && after.throttledUntilMs() != null
            ? after.throttledUntilMs()
            : nowMs + retryDelaySeconds(attempts) * 1000;
    return new AttemptOutcome(
        n.sequence(),
        NotificationStatus.PENDING,
        attempts,
        attemptedAt,
        result.statusCode(),
        result.error(),
        next);
  }

  /** The delay before the retry that follows attempt number {@code attempts}, seconds. */
  public long retryDelaySeconds(long attempts) {
    long delay = config.retryInitialSeconds();
    for (long i = 1; i < attempts && delay < config.retryMaxSeconds(); i++) {
      delay *= 2;
    }
    return Math.min(delay, config.retryMaxSeconds());
  }

  /** The subscription after an attempt that ended at {@code nowMs}. */
  public WebhookSubscription subscription(WebhookSubscription s, Result result, long nowMs) {
    SubscriptionState state = s.state();
    Long pausedUntil = s.pausedUntilMs();
    if (state == SubscriptionState.PAUSED && pausedUntil != null && pausedUntil <= nowMs) {
      state = SubscriptionState.ACTIVE;
      pausedUntil = null;
    }
    if (result.delivered()) {
      return with(s, state, pausedUntil, null, 0, 0, null, null);
    }
    Long failingSince = s.failingSinceMs() != null ? s.failingSinceMs() : nowMs;
    if (result.throttled()) {
      long throttle =
          s.throttleSeconds() == 0
              ? config.throttleInitialSeconds()
              : Math.min(config.throttleMaxSeconds(), s.throttleSeconds() * 2);
      return with(
          s,
          state,
          pausedUntil,
          nowMs + throttle * 1000,
          throttle,
          s.errorCount(),
          s.errorWindowStartMs(),
          failingSince);
    }
    long errors = s.errorCount() + 1;
    Long windowStart = s.errorWindowStartMs();
    if (windowStart == null || nowMs - windowStart > config.pauseWindowSeconds() * 1000) {
      windowStart = nowMs;
      errors = 1;
    }
    if (nowMs - failingSince >= config.suspendAfterSeconds() * 1000) {
      return with(
          s,
          SubscriptionState.SUSPENDED,
          null,
          s.throttledUntilMs(),
          s.throttleSeconds(),
          0,
          null,
          failingSince);
    }
    if (errors >= config.pauseAfterErrors() && state == SubscriptionState.ACTIVE) {
      return with(
          s,
          SubscriptionState.PAUSED,
          nowMs + config.pauseSeconds() * 1000,
          s.throttledUntilMs(),
          s.throttleSeconds(),
          0,
          null,
          failingSince);
    }
    return with(
        s,
        state,
        pausedUntil,
        s.throttledUntilMs(),
        s.throttleSeconds(),
        errors,
        windowStart,
        failingSince);
  }

  private static WebhookSubscription with(
      WebhookSubscription s,
      SubscriptionState state,
      Long pausedUntilMs,
      Long throttledUntilMs,
      long throttleSeconds,
      long errorCount,
      Long errorWindowStartMs,
      Long failingSinceMs) {
    return new WebhookSubscription(
        s.workspaceId(),
        s.id(),
        s.url(),
        s.topics(),
        state,
        s.createdAt(),
        pausedUntilMs,
        throttledUntilMs,
        throttleSeconds,
        errorCount,
        errorWindowStartMs,
        failingSinceMs);
  }
}
