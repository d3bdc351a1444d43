package dev.parley.cli;

import dev.parley.config.ParleyConfig;
import picocli.CommandLine.Option;

/**
 * The {@code serve} options of webhook delivery ({@link ParleyConfig.Webhooks}); the defaults are
 * Intercom's published figures. Shorter intervals make delivery tests run in seconds.
 */
final class WebhookOptions {
  private static final ParleyConfig.Webhooks D = ParleyConfig.Webhooks.DEFAULT;

  @Option(
      names = "--webhook-timeout-ms",
      description =
          "Milliseconds an endpoint may take to answer a notification before the attempt fails"
              + " (default: ${DEFAULT-VALUE}, Intercom's 5 s).",
      defaultValue = "" + 5_000)
  long timeoutMillis;

  @Option(
      names = "--webhook-retry-initial",
      description =
          "Seconds before the first retry of a failed notification; each retry waits twice the"
              + " one before (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + 60)
  long retryInitialSeconds;

  @Option(
      names = "--webhook-retry-max",
      description = "Longest wait between retries, seconds (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + 3_600)
  long retryMaxSeconds;

  @Option(
      names = "--webhook-throttle-initial",
      description =
          "Seconds a subscription waits after its endpoint answers 429, doubled after each further"
              + " 429 in a row (default: ${DEFAULT-VALUE}, Intercom's 1 minute).",
      defaultValue = "" + 60)
  long throttleInitialSeconds;

  @Option(
      names = "--webhook-throttle-max",
      description = "Longest such wait, seconds (default: ${DEFAULT-VALUE}, Intercom's 2 hours).",
      defaultValue = "" + 7_200)
  long throttleMaxSeconds;

  @Option(
      names = "--webhook-pause-after-errors",
      description =
          "Consecutive error answers within --webhook-pause-window that pause a subscription"
              + " (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + 1_000)
  long pauseAfterErrors;

  @Option(
      names = "--webhook-pause-window",
      description = "That window, seconds (default: ${DEFAULT-VALUE}, 15 minutes).",
      defaultValue = "" + 900)
  long pauseWindowSeconds;

  @Option(
      names = "--webhook-pause",
      description = "How long a pause lasts, seconds (default: ${DEFAULT-VALUE}, 15 minutes).",
      defaultValue = "" + 900)
  long pauseSeconds;

  @Option(
      names = "--webhook-suspend-after",
      description =
          "Seconds of errors after which a subscription is suspended until 'webhook resume'"
              + " (default: ${DEFAULT-VALUE}, 7 days).",
      defaultValue = "" + 604_800)
  long suspendAfterSeconds;

  @Option(
      names = "--webhook-poll-ms",
      description =
          "How often an idle delivery worker looks for retries and for notifications committed by"
              + " other processes, milliseconds (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + 500)
  long pollMillis;

  @Option(
      names = "--webhook-workers",
      description =
          "Notifications this process may have in flight at once; 0 sends none from this process"
              + " and writes none of the notifications of events (on PostgreSQL another process"
              + " does; on SQLite they wait for a start with workers) (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + 128)
  int workers;

  @Option(
      names = "--webhook-busy-rate",
      description =
          "Notifications a second this process sends while the API is busy (100 write requests a"
              + " second or more from concurrent clients, or 100 requests a second or more with the"
              + " CPU 80 %% used or more), so that delivery does not slow the API; the rest wait in"
              + " the outbox, in order, until the load drops; 0 sends none then (default:"
              + " ${DEFAULT-VALUE}).",
      defaultValue = "" + 0)
  int busyRate;

  /**
   * The settings these options give.
   *
   * @throws IllegalArgumentException when a value is out of range (named in the message)
   */
  ParleyConfig.Webhooks toConfig() {
    if (timeoutMillis < 1
        || retryInitialSeconds < 1
        || retryMaxSeconds < retryInitialSeconds
        || throttleInitialSeconds < 1
        || throttleMaxSeconds < throttleInitialSeconds
        || pauseAfterErrors < 1
        || pauseWindowSeconds < 1
        || pauseSeconds < 1
        || suspendAfterSeconds < 1
        || pollMillis < 1
        || workers < 0
        || busyRate < 0) {
      throw new IllegalArgumentException(
          "webhook options: every interval and count must be >= 1 (--webhook-workers and"
              + " --webhook-busy-rate >= 0), and"
              + " each maximum >= its initial value");
    }
    return new ParleyConfig.Webhooks(
        timeoutMillis,
        retryInitialSeconds,
        retryMaxSeconds,
        throttleInitialSeconds,
        throttleMaxSeconds,
        pauseAfterErrors,
        pauseWindowSeconds,
        pauseSeconds,
        suspendAfterSeconds,
        pollMillis,
        workers,
        busyRate);
  }
}
