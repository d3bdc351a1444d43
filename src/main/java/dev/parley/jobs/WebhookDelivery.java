package dev.parley.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.config.ParleyConfig;
import dev.parley.domain.Store;
import dev.parley.domain.webhook.Notification;
import dev.parley.domain.webhook.Outbox;
import dev.parley.domain.webhook.WebhookRepository;
import dev.parley.domain.webhook.WebhookRepository.AttemptOutcome;
import dev.parley.domain.webhook.WebhookRepository.ClaimedNotification;
import dev.parley.domain.webhook.WebhookSubscription;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the webhook notifications of the outbox ({@code webhook_notifications}), after Intercom's
 * "Delivering webhook notifications": one {@code POST} per notification with Intercom's envelope,
 * {@code Content-Type: application/json}, a {@code User-Agent} naming parley and {@code
 * X-Hub-Signature: sha1=<hex HMAC-SHA1 of the body keyed by the workspace's client secret>}.
 *
 * <p>One thread claims due notifications (a lease in the store, so that each is sent by one process
 * at a time on a shared PostgreSQL), sends up to {@link ParleyConfig.Webhooks#workers} at once (a
 * quarter of them at most for one subscription, so that a hanging endpoint delays only its own)
 * without waiting for any, and writes the results in batches, in the transaction that claims the
 * next notifications: {@link DeliveryRules} decides retries, throttling, pausing and suspension.
 * Notifications of one subject reach a subscription one at a time, in the order their events
 * committed. Requests to the API never wait for it, and while the API is busy it sends at most
 * {@link ParleyConfig.Webhooks#busyRate} a second, by default none ({@link DeliveryGovernor}). A
 * redirect is not followed; request bodies and endpoint answers are never logged (logs carry
 * notification ids, subscription ids, status codes and exception class names).
 *
 * <p>At least once: a process that dies between sending and recording an attempt leaves the lease
 * to expire ({@code timeout} + 30 s), after which the notification is sent again with the same id;
 * on SQLite (one process) the leases left at start-up are released at once.
 */
public final class WebhookDelivery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);
  private static final long LEASE_MARGIN_MS = 30_000;

  /**
   * Events whose notifications one claim's transaction writes at most ({@link Outbox#fanOut}): with
   * 100 subscriptions, 6,400 rows in one write, which on SQLite holds the one writer; the rest wait
   * for the next claim (the worker polls while any is queued: {@code anyDue}).
   */
  private static final int FAN_OUT_EVENTS = 64;

  private static final int MAX_CLAIM = 256;
  private static final long GATHER_MILLIS = 5;

  /**
   * How often the worker looks for notifications left waiting with nothing before them in line
   * ({@link dev.parley.domain.webhook.WebhookRepository#stranded}; PostgreSQL only), real-time
   * milliseconds.
   */
  private static final long STRANDED_CHECK_MILLIS = 10_000;

  /** The most stranded notifications one check makes due. */
  private static final int STRANDED_BATCH = 1_000;

  private final Store store;
  private final Clock clock;
  private final ParleyConfig.Webhooks config;
  private final DeliveryRules rules;
  private final DeliveryGovernor governor;
  private final boolean releaseLeasesAtStart;
  private final String owner = "parley-" + UUID.randomUUID();
  private final String userAgent;
  private final ObjectMapper mapper = new ObjectMapper();
  private final ConcurrentLinkedQueue<Sent> results = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Map<Long, Integer> inFlightBySubscription = new ConcurrentHashMap<>();
  private final Object signal = new Object();
  private boolean woken = true;
  private volatile boolean running;
  private Thread thread;
  private ExecutorService executor;
  private HttpClient http;

  /**
   * @param releaseLeasesAtStart whether every lease found at start-up belongs to a dead process of
   *     this store (SQLite: one process per data dir)
   * @param version parley's version, for the {@code User-Agent}
   * @param api the API's requests, so that delivery yields to them ({@link DeliveryGovernor})
   */
  public WebhookDelivery(
      Store store,
      Clock clock,
      ParleyConfig.Webhooks config,
      boolean releaseLeasesAtStart,
      String version,
      ApiActivity api) {
    this.store = store;
    this.clock = clock;
    this.config = config;
    this.rules = new DeliveryRules(config);
    this.governor = new DeliveryGovernor(api, config.busyRate());
    this.releaseLeasesAtStart = releaseLeasesAtStart;
    this.userAgent = "parley-webhooks/" + version;
  }

  /** Starts the worker thread; does nothing when {@code workers} is 0. */
  public void start() {
    if (config.workers() <= 0) {
      return;
    }
    if (releaseLeasesAtStart) {
      int released = store.write(repos -> repos.webhooks().releaseLeases());
      if (released > 0) {
        LOG.info(
            "webhooks: {} notification(s) in flight at the last stop will be sent again", released);
      }
    }
    executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "parley-webhook-http");
              t.setDaemon(true);
              return t;
            });
    http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofMillis(config.timeoutMillis()))
            .executor(Runnable::run)
            .build();
    running = true;
    thread = new Thread(this::loop, "parley-webhooks");
    thread.setDaemon(true);
    thread.start();
  }

  /** Asks the worker to look for due notifications now (after a commit that raised some). */
  public void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  private void loop() {
    // The poll cadence is real time (System.nanoTime), not the server clock, which tests may
    // freeze.
    long nextPollNanos = 0;
    long nextStrandedCheckNanos =
        System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STRANDED_CHECK_MILLIS);
    while (running) {
      try {
        if (System.nanoTime() - nextStrandedCheckNanos >= 0) {
          nextStrandedCheckNanos =
              System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STRANDED_CHECK_MILLIS);
          releaseStranded();
        }
        gatherResults();
        List<Sent> batch = drainResults();
        boolean claim;
        synchronized (signal) {
          claim = woken || !batch.isEmpty() || System.nanoTime() - nextPollNanos >= 0;
          woken = false;
        }
        int free = config.workers() - inFlight.get();
        int wanted =
            claim && (free >= Math.max(1, config.workers() / 4) || inFlight.get() == 0)
                ? Math.min(free, MAX_CLAIM)
                : 0;
        int limit = wanted > 0 ? governor.allowance(wanted) : 0;
        List<ClaimedNotification> claimed = recordAndClaim(batch, limit);
        governor.spent(claimed.size());
        if (limit > 0) {
          nextPollNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.pollMillis());
        }
        for (ClaimedNotification c : claimed) {
          send(c);
        }
        if (wanted > 0 && limit == 0) {
          // The API is busy and the bucket is empty: the commits that wake the worker would only
          // spin it, so it sleeps until the bucket holds a notification again.
          synchronized (signal) {
            woken = true;
          }
          Thread.sleep(governor.millisToNext());
          continue;
        }
        if (claimed.isEmpty() && results.isEmpty()) {
          synchronized (signal) {
            if (!woken && results.isEmpty()) {
              signal.wait(
                  inFlight.get() > 0
                      ? GATHER_MILLIS
                      : Math.max(1, Math.min(config.pollMillis(), 1_000)));
            }
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warn("webhooks: delivery round failed: {}", e.getClass().getSimpleName());
        sleepQuietly(config.pollMillis());
      }
    }
  }

  /**
   * Makes due the notifications that wait for nothing (a PostgreSQL race between processes, see
   * {@link dev.parley.domain.webhook.WebhookRepository#stranded}): found by a read, released by a
   * write only when there are some.
   */
  private void releaseStranded() {
    List<Long> stranded = store.read(repos -> repos.webhooks().stranded(STRANDED_BATCH));
    if (!stranded.isEmpty()) {
      int released = store.write(repos -> repos.webhooks().release(stranded));
      LOG.info("webhooks: {} notification(s) waiting for nothing are due now", released);
    }
  }

  /**
   * While requests are in flight, waits up to {@value #GATHER_MILLIS} ms for more of their results,
   * so that one write records many (each write is a commit: on SQLite an fsync).
   */
  private void gatherResults() throws InterruptedException {
    if (results.isEmpty() || inFlight.get() == 0) {
      return;
    }
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GATHER_MILLIS);
    synchronized (signal) {
      for (long left; inFlight.get() > 0 && results.size() < batchTarget(); ) {
        left = until - System.nanoTime();
        if (left <= 0) {
          break;
        }
        TimeUnit.NANOSECONDS.timedWait(signal, left);
      }
    }
  }

  private void send(ClaimedNotification c) {
    Notification n = c.notification();
    long firstSentAt = n.firstSentAt() != null ? n.firstSentAt() : clock.instant().getEpochSecond();
    String body = envelope(c, firstSentAt);
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(c.url()))
              .timeout(Duration.ofMillis(config.timeoutMillis()))
              .header("Content-Type", "application/json")
              .header("User-Agent", userAgent)
              .header("X-Hub-Signature", "sha1=" + sign(c.clientSecret(), body))
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
              .build();
    } catch (IllegalArgumentException e) {
      results.add(new Sent(c, new DeliveryRules.Result(null, "invalid_url")));
      return;
    }
    inFlight.incrementAndGet();
    long subscriptionId = n.subscriptionId();
    inFlightBySubscription.merge(subscriptionId, 1, Integer::sum);
    // The callback runs on the client's executor: the default (the common pool) starts a thread
    // per task on a machine with fewer than 3 cores.
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenCompleteAsync(
            (response, failure) -> {
              DeliveryRules.Result result =
                  failure == null
                      ? new DeliveryRules.Result(response.statusCode(), null)
                      : new DeliveryRules.Result(null, errorName(failure));
              inFlightBySubscription.computeIfPresent(
                  subscriptionId, (id, count) -> count > 1 ? count - 1 : null);
              results.add(new Sent(c, result));
              // Waking the worker for each result would cost a context switch each; it gathers
              // results for a few milliseconds anyway (gatherResults).
              if (inFlight.decrementAndGet() == 0 || results.size() >= batchTarget()) {
                wake();
              }
            },
            executor);
  }

  /**
   * The most requests one subscription may have in flight from this process: a quarter of {@code
   * workers}, so that a slow endpoint delays only its own subscription.
   */
  private int perSubscription() {
    return Math.max(1, config.workers() / 4);
  }

  /** How many results the worker gathers before it writes them (see gatherResults). */
  private int batchTarget() {
    return Math.max(1, config.workers() / 2);
  }

  private static String errorName(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && !(cause instanceof HttpTimeoutException)) {
      cause = cause.getCause();
    }
    return cause instanceof HttpTimeoutException ? "timeout" : "connection";
  }

  private List<Sent> drainResults() {
    List<Sent> batch = new ArrayList<>();
    for (Sent s; (s = results.poll()) != null; ) {
      batch.add(s);
    }
    return batch;
  }

  /**
   * In one transaction (one commit: on SQLite one fsync), writes the results of {@code batch},
   * then, when it may send more, the notifications of the oldest queued events ({@link
   * Outbox#fanOut}), and claims up to {@code limit} due notifications, leasing them to this
   * process. Recording first lets the next notification of a subject that was just delivered be
   * claimed at once.
   *
   * @return the claimed notifications, to send
   */
  private List<ClaimedNotification> recordAndClaim(List<Sent> batch, int limit) {
    if (batch.isEmpty() && limit <= 0) {
      return List.of();
    }
    // An idle server writes nothing: the claim is a write transaction (SQLite's one writer).
    long dueAt = clock.millis();
    if (batch.isEmpty() && !store.read(repos -> repos.webhooks().anyDue(dueAt))) {
      return List.of();
    }
    // The sort is stable: the results of one subscription keep their order.
    batch.sort(Comparator.comparingLong(s -> s.claimed.notification().subscriptionId()));
    long nowMs = clock.millis();
    return store.write(
        repos -> {
          record(repos.webhooks(), batch, nowMs);
          if (limit > 0) {
            Outbox.fanOut(repos, nowMs, FAN_OUT_EVENTS);
          }
          return limit > 0
              ? repos
                  .webhooks()
                  .claim(
                      owner,
                      nowMs,
                      nowMs + config.timeoutMillis() + LEASE_MARGIN_MS,
                      limit,
                      Map.copyOf(inFlightBySubscription),
                      perSubscription())
              : List.<ClaimedNotification>of();
        });
  }

  /** Writes attempt outcomes and the subscriptions' new delivery state (DeliveryRules). */
  private void record(WebhookRepository webhooks, List<Sent> batch, long nowMs) {
    if (batch.isEmpty()) {
      return;
    }
    Map<Long, WebhookSubscription> read =
        webhooks.subscriptionsForUpdate(
            new TreeSet<>(
                batch.stream().map(s -> s.claimed.notification().subscriptionId()).toList()));
    Map<Long, WebhookSubscription> subscriptions = new LinkedHashMap<>(read);
    List<AttemptOutcome> outcomes = new ArrayList<>(batch.size());
    Set<Long> events = new LinkedHashSet<>();
    for (Sent s : batch) {
      Notification n = s.claimed.notification();
      WebhookSubscription before = subscriptions.get(n.subscriptionId());
      if (before == null) {
        continue;
      }
      WebhookSubscription after = rules.subscription(before, s.result, nowMs);
      subscriptions.put(n.subscriptionId(), after);
      AttemptOutcome outcome = rules.outcome(n, after, s.result, nowMs);
      outcomes.add(outcome);
      events.add(s.claimed.eventId());
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "webhooks: {} to subscription {} attempt {}: {}",
            n.id(),
            n.subscriptionId(),
            outcome.attempts(),
            s.result.statusCode() != null ? s.result.statusCode() : s.result.error());
      }
    }
    webhooks.recordAttempts(outcomes);
    for (WebhookSubscription s : subscriptions.values()) {
      if (!s.equals(read.get(s.id()))) {
        webhooks.updateSubscription(s);
      }
    }
    webhooks.deleteSettledEvents(List.copyOf(events));
  }

  /** Intercom's notification envelope around the stored item. */
  String envelope(ClaimedNotification c, long firstSentAt) {
    Notification n = c.notification();
    return "{\"type\":\"notification_event\",\"app_id\":"
        + quote(c.appId())
        + ",\"data\":{\"type\":\"notification_event_data\",\"item\":"
        + c.item()
        + "},\"links\":{},\"id\":"
        + quote(n.id())
        + ",\"topic\":"
        + quote(n.topic().wireName())
        + ",\"delivery_status\":\"pending\",\"delivery_attempts\":"
        + (n.attempts() + 1)
        + ",\"delivered_at\":0,\"first_sent_at\":"
        + firstSentAt
        + ",\"created_at\":"
        + n.createdAt()
        + ",\"self\":null}";
  }

  private String quote(String value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The hex HMAC-SHA1 of {@code body} (UTF-8) keyed by {@code secret} (UTF-8): the value of {@code
   * X-Hub-Signature} after {@code sha1=}.
   */
  public static String sign(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(
          new SecretKeySpec(
              Optional.ofNullable(secret).orElse("").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA1 is not available", e);
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(Math.max(1, millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops claiming, waits briefly for requests in flight and records their results. */
  @Override
  public void close() {
    if (thread == null) {
      return;
    }
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      sleepQuietly(10);
    }
    try {
      recordAndClaim(drainResults(), 0);
    } catch (RuntimeException e) {
      LOG.warn("webhooks: results at stop not recorded: {}", e.getClass().getSimpleName());
    }
    executor.shutdownNow();
  }

  private record Sent(ClaimedNotification claimed, DeliveryRules.Result result) {}
}
