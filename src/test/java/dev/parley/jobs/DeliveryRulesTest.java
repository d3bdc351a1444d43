package dev.parley.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.config.ParleyConfig;
import dev.parley.domain.webhook.Notification;
import dev.parley.domain.webhook.NotificationStatus;
import dev.parley.domain.webhook.SubscriptionState;
import dev.parley.domain.webhook.Topic;
import dev.parley.domain.webhook.WebhookRepository.AttemptOutcome;
import dev.parley.domain.webhook.WebhookSubscription;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link DeliveryRules} alone: retry delays, 429 throttling, pausing after errors in a window,
 * suspension after a run of errors, and the end of a pause.
 */
class DeliveryRulesTest {
  // timeout, retry 10..80 s, throttle 60..480 s, pause after 3 errors in 100 s for 50 s, suspend
  // after 1000 s
  private static final ParleyConfig.Webhooks CONFIG =
      new ParleyConfig.Webhooks(1_000, 10, 80, 60, 480, 3, 100, 50, 1_000, 100, 4, 100);
  private static final long T0 = 1_700_000_000_000L;
  private final DeliveryRules rules = new DeliveryRules(CONFIG);

  private static final DeliveryRules.Result OK = new DeliveryRules.Result(200, null);
  private static final DeliveryRules.Result ERROR = new DeliveryRules.Result(500, null);
  private static final DeliveryRules.Result DOWN = new DeliveryRules.Result(null, "connection");
  private static final DeliveryRules.Result TOO_MANY = new DeliveryRules.Result(429, null);

  private static WebhookSubscription fresh() {
    return WebhookSubscription.created(1, 5, "http://127.0.0.1:1/hook", List.of(Topic.PING), 0);
  }

  private static Notification pending(long attempts) {
    return new Notification(
        "notif_x",
        9,
        1,
        5,
        Topic.PING,
        "ping:5",
        NotificationStatus.PENDING,
        0,
        attempts,
        T0,
        null,
        null,
        null,
        null,
        null);
  }

  @Test
  void retryDelaysDoubleFromTheInitialDelayAndStopAtTheMaximum() {
    assertThat(rules.retryDelaySeconds(1)).isEqualTo(10);
    assertThat(rules.retryDelaySeconds(2)).isEqualTo(20);
    assertThat(rules.retryDelaySeconds(3)).isEqualTo(40);
    assertThat(rules.retryDelaySeconds(4)).isEqualTo(80);
    assertThat(rules.retryDelaySeconds(5)).isEqualTo(80);
    assertThat(rules.retryDelaySeconds(1_000_000)).isEqualTo(80);
  }

  @Test
  void aFailedAttemptStaysPendingWithTheSameIdAndIsDueAfterTheRetryDelay() {
    WebhookSubscription after = rules.subscription(fresh(), DOWN, T0);
    AttemptOutcome o = rules.outcome(pending(1), after, DOWN, T0);
    assertThat(o.status()).isEqualTo(NotificationStatus.PENDING);
    assertThat(o.attempts()).isEqualTo(2);
    assertThat(o.error()).isEqualTo("connection");
    assertThat(o.statusCode()).isNull();
    assertThat(o.nextAttemptMs()).isEqualTo(T0 + 20_000);
  }

  @Test
  void a2xxDeliversAndClearsEveryCounter() {
    WebhookSubscription s = fresh();
    s = rules.subscription(s, ERROR, T0);
    s = rules.subscription(s, TOO_MANY, T0 + 1);
    assertThat(s.errorCount()).isEqualTo(1);
    assertThat(s.throttledUntilMs()).isNotNull();
    s = rules.subscription(s, OK, T0 + 2);
    assertThat(s.state()).isEqualTo(SubscriptionState.ACTIVE);
    assertThat(s.errorCount()).isZero();
    assertThat(s.throttleSeconds()).isZero();
    assertThat(s.throttledUntilMs()).isNull();
    assertThat(s.failingSinceMs()).isNull();
    assertThat(s.errorWindowStartMs()).isNull();
    AttemptOutcome o = rules.outcome(pending(3), s, OK, T0 + 2);
    assertThat(o.status()).isEqualTo(NotificationStatus.DELIVERED);
    assertThat(o.statusCode()).isEqualTo(200);
    assertThat(o.attempts()).isEqualTo(4);
  }

  @Test
  void a429ThrottlesTheSubscriptionDoublingToTheMaximumAndTheNotificationWaitsForIt() {
    WebhookSubscription s = fresh();
    long[] expected = {60, 120, 240, 480, 480};
    for (int i = 0; i < expected.length; i++) {
      long now = T0 + i * 1_000L;
      s = rules.subscription(s, TOO_MANY, now);
      assertThat(s.throttleSeconds()).isEqualTo(expected[i]);
      assertThat(s.throttledUntilMs()).isEqualTo(now + expected[i] * 1000);
      assertThat(s.state()).isEqualTo(SubscriptionState.ACTIVE);
      AttemptOutcome o = rules.outcome(pending(i), s, TOO_MANY, now);
      assertThat(o.status()).isEqualTo(NotificationStatus.PENDING);
      assertThat(o.statusCode()).isEqualTo(429);
      assertThat(o.nextAttemptMs()).isEqualTo(s.throttledUntilMs());
    }
    assertThat(s.errorCount()).as("a 429 is not an error answer").isZero();
  }

  @Test
  void errorsWithinTheWindowPauseTheSubscription() {
    WebhookSubscription s = fresh();
    s = rules.subscription(s, ERROR, T0);
    s = rules.subscription(s, DOWN, T0 + 10_000);
    assertThat(s.state()).isEqualTo(SubscriptionState.ACTIVE);
    assertThat(s.errorCount()).isEqualTo(2);
    s = rules.subscription(s, ERROR, T0 + 20_000);
    assertThat(s.state()).isEqualTo(SubscriptionState.PAUSED);
    assertThat(s.pausedUntilMs()).isEqualTo(T0 + 20_000 + 50_000);
    assertThat(s.errorCount()).isZero();
  }

  @Test
  void errorsSpreadBeyondTheWindowDoNotPause() {
    WebhookSubscription s = fresh();
    s = rules.subscription(s, ERROR, T0);
    s = rules.subscription(s, ERROR, T0 + 10_000);
    s = rules.subscription(s, ERROR, T0 + 200_000);
    assertThat(s.state()).isEqualTo(SubscriptionState.ACTIVE);
    assertThat(s.errorCount()).isEqualTo(1);
    assertThat(s.errorWindowStartMs()).isEqualTo(T0 + 200_000);
  }

  @Test
  void errorsForSuspendAfterSecondsSuspend() {
    WebhookSubscription s = fresh();
    s = rules.subscription(s, ERROR, T0);
    assertThat(s.failingSinceMs()).isEqualTo(T0);
    s = rules.subscription(s, ERROR, T0 + 999_000);
    assertThat(s.state()).isEqualTo(SubscriptionState.ACTIVE);
    s = rules.subscription(s, ERROR, T0 + 1_000_000);
    assertThat(s.state()).isEqualTo(SubscriptionState.SUSPENDED);
    assertThat(s.pausedUntilMs()).isNull();
  }

  @Test
  void aPausedSubscriptionWhosePauseEndedBecomesActive() {
    WebhookSubscription s = fresh();
    for (int i = 0; i < 3; i++) {
      s = rules.subscription(s, ERROR, T0 + i);
    }
    assertThat(s.state()).isEqualTo(SubscriptionState.PAUSED);
    long end = s.pausedUntilMs();
    WebhookSubscription delivered = rules.subscription(s, OK, end);
    assertThat(delivered.state()).isEqualTo(SubscriptionState.ACTIVE);
    assertThat(delivered.pausedUntilMs()).isNull();
    WebhookSubscription failedAgain = rules.subscription(s, ERROR, end + 1);
    assertThat(failedAgain.state()).isEqualTo(SubscriptionState.ACTIVE);
    assertThat(failedAgain.pausedUntilMs()).isNull();
    assertThat(failedAgain.errorCount()).isEqualTo(1);
    WebhookSubscription stillPaused = rules.subscription(s, OK, end - 1);
    assertThat(stillPaused.state()).isEqualTo(SubscriptionState.PAUSED);
  }
}
