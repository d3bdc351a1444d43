package dev.parley.domain.webhook;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Repositories;
import dev.parley.domain.Store;
import dev.parley.domain.workspace.Workspace;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The operator's side of webhooks: subscriptions, the delivery log and a workspace's client secret
 * (Intercom keeps these in its Developer Hub; parley offers them through {@code webhook ...} and
 * {@code workspace show|rotate-secret} commands and under {@code /_parley/}). Workspaces are named
 * by their operator name.
 */
public final class WebhookService {
  /** Intercom's ping item ("Webhook topics": {@code ping}). */
  public static final Map<String, Object> PING_ITEM =
      Map.of("type", "ping", "message", "something something interzen");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Store store;
  private final Clock clock;
  private final Outbox outbox;

  public WebhookService(Store store, Clock clock, Outbox outbox) {
    this.store = store;
    this.clock = clock;
    this.outbox = outbox;
  }

  /**
   * Subscribes {@code url} to {@code topics} in a workspace and sends it the {@code ping} topic (as
   * creating a subscription in Intercom's Developer Hub does). The workspace gets a client secret
   * if it has none.
   *
   * @param topics topic names, at least one, each one of {@link Topic}
   * @throws ApiException 404 {@code not_found} for an unknown workspace; 400 {@code
   *     parameter_invalid} for a URL that is not an absolute http or https URL with a host, or for
   *     an unknown topic (named in the message), or for no topic
   */
  public WebhookSubscription create(String workspace, String url, List<String> topics) {
    String checkedUrl = checkUrl(url);
    List<Topic> parsed = parseTopics(topics);
    return store.write(
        repos -> {
          Workspace ws = require(repos, workspace);
          ensureSecret(repos, ws.id());
          WebhookSubscription created =
              WebhookSubscription.created(
                  ws.id(),
                  repos.nextId("webhook_subscription"),
                  checkedUrl,
                  parsed,
                  clock.instant().getEpochSecond());
          repos.webhooks().insertSubscription(created);
          outbox.raiseTo(
              repos,
              ws.id(),
              created.id(),
              Topic.PING,
              "ping:" + created.id(),
              () -> outbox.items().json(PING_ITEM));
          return created;
        });
  }

  /**
   * A workspace's subscriptions, oldest first.
   *
   * @throws ApiException 404 {@code not_found} for an unknown workspace
   */
  public List<WebhookSubscription> list(String workspace) {
    return store.read(repos -> repos.webhooks().subscriptions(require(repos, workspace).id()));
  }

  /**
   * Deletes a subscription. Its notifications not yet delivered are dropped (their content
   * deleted); the delivery log keeps their entries.
   *
   * @throws ApiException 404 {@code not_found} for an unknown workspace or subscription
   */
  public void delete(String workspace, long subscriptionId) {
    store.write(
        repos -> {
          if (!repos
              .webhooks()
              .deleteSubscription(require(repos, workspace).id(), subscriptionId)) {
            throw ApiException.notFound();
          }
          return null;
        });
  }

  /**
   * Sets a paused or suspended subscription live again (Intercom's "Set live"): active, with its
   * error counters and throttle cleared, and its pending notifications due at once (whatever their
   * retry delay).
   *
   * @throws ApiException 404 {@code not_found} for an unknown workspace or subscription
   */
  public WebhookSubscription resume(String workspace, long subscriptionId) {
    return store.write(
        repos -> {
          long ws = require(repos, workspace).id();
          WebhookSubscription s =
              repos.webhooks().subscription(ws, subscriptionId).orElseThrow(ApiException::notFound);
          WebhookSubscription live =
              new WebhookSubscription(
                  s.workspaceId(),
                  s.id(),
                  s.url(),
                  s.topics(),
                  SubscriptionState.ACTIVE,
                  s.createdAt(),
                  null,
                  null,
                  0,
                  0,
                  null,
                  null);
          repos.webhooks().updateSubscription(live);
          repos.webhooks().makeDue(s.id(), clock.millis());
          repos.afterCommit(outbox.wake());
          return live;
        });
  }

  /**
   * The delivery log of a workspace, newest first: ids, topics, states, attempts, times and status
   * codes, never content.
   *
   * @param subscriptionId only this subscription's notifications, or null for all
   * @param limit at most this many entries
   * @throws ApiException 404 {@code not_found} for an unknown workspace
   */
  public List<Notification> deliveries(String workspace, Long subscriptionId, int limit) {
    return store.read(
        repos ->
            repos.webhooks().notifications(require(repos, workspace).id(), subscriptionId, limit));
  }

  /**
   * The workspace's client secret, the key of its notifications' {@code X-Hub-Signature}, generated
   * on first use for workspaces created before webhooks existed.
   *
   * @throws ApiException 404 {@code not_found} for an unknown workspace
   */
  public String clientSecret(String workspace) {
    return store.write(repos -> ensureSecret(repos, require(repos, workspace).id()));
  }

  /**
   * Replaces the workspace's client secret: notifications sent from now on (retries included) are
   * signed with the new one.
   *
   * @return the new secret
   * @throws ApiException 404 {@code not_found} for an unknown workspace
   */
  public String rotateSecret(String workspace) {
    return store.write(
        repos -> {
          String secret = newSecret();
          repos.webhooks().setClientSecret(require(repos, workspace).id(), secret);
          return secret;
        });
  }

  /** A new client secret: 32 random bytes as 64 lower-case hex digits. */
  public static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The workspace's secret, generated and stored when it has none. */
  public static String ensureSecret(Repositories repos, long workspaceId) {
    return repos
        .webhooks()
        .clientSecret(workspaceId)
        .orElseGet(
            () -> {
              String secret = newSecret();
              repos.webhooks().setClientSecret(workspaceId, secret);
              return secret;
            });
  }

  /**
   * The topics named, in order, without repeats.
   *
   * @throws ApiException 400 {@code parameter_invalid} naming the first unknown topic, or for none
   */
  public static List<Topic> parseTopics(List<String> names) {
    if (names == null || names.isEmpty()) {
      throw ApiException.invalid("topics", "topics must name at least one topic");
    }
    Map<Topic, Boolean> topics = new LinkedHashMap<>();
    for (String name : names) {
      String trimmed = name == null ? "" : name.trim();
      Topic topic =
          Topic.fromWire(trimmed)
              .orElseThrow(
                  () ->
                      ApiException.invalid(
                          "topics",
                          "unknown topic '" + trimmed + "'; parley knows " + Topic.names()));
      topics.put(topic, true);
    }
    return new ArrayList<>(topics.keySet());
  }

  /**
   * {@code url} when it is an absolute http or https URL with a host.
   *
   * @throws ApiException 400 {@code parameter_invalid} otherwise
   */
  public static String checkUrl(String url) {
    if (url == null || url.isBlank()) {
      throw ApiException.invalid("url", "url is required");
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return url;
      }
    } catch (URISyntaxException e) {
      // answered below
    }
    throw ApiException.invalid("url", "url must be an absolute http or https URL: " + url);
  }

  private static Workspace require(Repositories repos, String name) {
    return repos
        .workspaces()
        .findByName(name)
        .orElseThrow(
            () -> new ApiException(ErrorCode.NOT_FOUND, "no workspace named '" + name + "'"));
  }
}
