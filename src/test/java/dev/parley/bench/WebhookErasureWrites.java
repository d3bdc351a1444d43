package dev.parley.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.Store;
import dev.parley.domain.operator.WorkspaceService;
import dev.parley.domain.webhook.NotificationStatus;
import dev.parley.domain.webhook.Outbox;
import dev.parley.domain.webhook.Topic;
import dev.parley.domain.webhook.WebhookRepository.AttemptOutcome;
import dev.parley.domain.webhook.WebhookRepository.ClaimedNotification;
import dev.parley.domain.webhook.WebhookSubscription;
import dev.parley.http.webhooks.WebhookItemRenderer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What the webhook outbox adds to the writes of a conversation's erasure, in bytes written to the
 * store's files (issue 14, "Benchmark": the cost to the API of 10 subscriptions on every topic). It
 * measures parley's own outbox code on a real SQLite store: {@link Outbox#raise} for the events of
 * {@code --conversations} conversations ({@code --events} each, raised round-robin as concurrent
 * clients raise them, each item about {@code --item-bytes} long and naming a contact), for {@code
 * --subscriptions} subscriptions; then, for {@code --erase} of those conversations, the outbox part
 * of an erasure in its own write ({@link Outbox#erase} and the {@code conversation.deleted} raise,
 * as {@code ErasureService} runs them), twice: while their notifications are still pending (a
 * backlog, as after {@code bench/run.sh}'s loading phase, when delivery yielded to the busy API),
 * and after delivery (every notification delivered, its event deleted, as the delivery worker
 * leaves them).
 *
 * <p>The figure is {@code write_bytes} of {@code /proc/self/io} around each write: what the commit
 * wrote to the WAL and, since the write is an erasure, the {@code wal_checkpoint(TRUNCATE)} that
 * copies those pages into the database. Unlike CPU time, other work on the machine does not move
 * it. Linux only.
 *
 * <p>Usage: {@code WebhookErasureWrites --data-dir DIR [--conversations 2000] [--events 7]
 * [--subscriptions 10] [--erase 200] [--item-bytes 1500]}; DIR must be new or empty.
 */
public final class WebhookErasureWrites {
  private WebhookErasureWrites() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> options = SearchBenchLoader.options(args);
    int conversations = Integer.parseInt(options.getOrDefault("--conversations", "2000"));
    int events = Integer.parseInt(options.getOrDefault("--events", "7"));
    int subscriptions = Integer.parseInt(options.getOrDefault("--subscriptions", "10"));
    int erase =
        Math.min(conversations / 2, Integer.parseInt(options.getOrDefault("--erase", "200")));
    int itemBytes = Integer.parseInt(options.getOrDefault("--item-bytes", "1500"));
    if (options.containsKey("--database-url")) {
      throw new IllegalArgumentException("SQLite only: give --data-dir");
    }
    Clock clock = Clock.systemUTC();
    Outbox outbox =
        new Outbox(clock, new WebhookItemRenderer(new ObjectMapper(), () -> ""), () -> {});
    try (Store store = SearchBenchLoader.open(options)) {
      WorkspaceService workspaces = new WorkspaceService(store, clock);
      if (workspaces.bootstrap("Owner", "owner@parley.local", "bench-token").isEmpty()) {
        throw new IllegalStateException("the store is not empty: give a new data dir");
      }
      long ws = workspaces.find("default").id();
      long now = clock.instant().getEpochSecond();
      store.write(
          repos -> {
            for (int i = 0; i < subscriptions; i++) {
              repos
                  .webhooks()
                  .insertSubscription(
                      WebhookSubscription.created(
                          ws,
                          repos.nextId("webhook_subscription"),
                          "http://127.0.0.1:9/hook",
                          Arrays.asList(Topic.values()),
                          now));
            }
            return null;
          });
      String item = "{\"type\":\"conversation\",\"body\":\"" + "x".repeat(itemBytes) + "\"}";
      // Conversation ids 1..N; the first half is erased with a backlog, the second after delivery.
      for (int round = 0; round < events; round++) {
        for (int from = 1; from <= conversations; from += 100) {
          int start = from;
          store.write(
              repos -> {
                for (int c = start; c < Math.min(start + 100, conversations + 1); c++) {
                  outbox.raise(
                      repos,
                      ws,
                      Topic.CONVERSATION_USER_REPLIED,
                      Outbox.conversationKey(c),
                      List.of(Outbox.contactKey("contact-" + c)),
                      () -> item);
                }
                return null;
              });
        }
      }
      List<Integer> ids = new ArrayList<>();
      for (int c = 1; c <= conversations; c++) {
        ids.add(c);
      }
      Collections.shuffle(ids, new Random(42));
      double[] backlog = erasures(store, outbox, ws, ids.subList(0, erase));
      deliverAll(store, clock);
      double[] delivered = erasures(store, outbox, ws, ids.subList(erase, 2 * erase));
      double[] none = erasures(store, Outbox.none(), ws, ids.subList(2 * erase, 3 * erase));
      System.out.printf(
          "conversations=%d events_each=%d subscriptions=%d item_bytes=%d erased=%d each%n",
          conversations, events, subscriptions, itemBytes, erase);
      System.out.printf(
          "outbox KiB written per erasure: pending backlog %.1f, after delivery %.1f, no"
              + " subscription %.1f (the erasure's own commit and checkpoint overhead)%n",
          backlog[0] / 1024, delivered[0] / 1024, none[0] / 1024);
      System.out.printf(
          "CPU us per erasure (this thread, SQLite's work included): pending backlog %.0f, after"
              + " delivery %.0f, no subscription %.0f%n",
          backlog[1], delivered[1], none[1]);
    }
  }

  /**
   * The mean bytes written by the outbox part of erasing each of {@code ids}, one write each, and
   * the mean CPU time of the erasing thread, microseconds.
   */
  private static double[] erasures(Store store, Outbox outbox, long ws, List<Integer> ids)
      throws IOException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    long cpuNanos = 0;
    for (int c : ids) {
      String key = Outbox.conversationKey(c);
      long before = writtenBytes();
      long cpuBefore = threads.getCurrentThreadCpuTime();
      store.erase(
          repos -> {
            Outbox.erase(repos, ws, key);
            outbox.raise(
                repos,
                ws,
                Topic.CONVERSATION_DELETED,
                key,
                List.of(),
                () -> "{\"type\":\"conversation\",\"id\":\"" + c + "\",\"deleted\":true}");
            return null;
          });
      cpuNanos += threads.getCurrentThreadCpuTime() - cpuBefore;
      total += writtenBytes() - before;
    }
    return new double[] {(double) total / ids.size(), cpuNanos / 1000.0 / ids.size()};
  }

  /** Delivers every pending notification, as the delivery worker records a 2xx, in rounds. */
  private static void deliverAll(Store store, Clock clock) {
    while (true) {
      long nowMs = clock.millis();
      List<ClaimedNotification> claimed =
          store.write(
              repos -> {
                Outbox.fanOut(repos, nowMs, 10_000);
                return repos.webhooks().claim("bench", nowMs, nowMs + 60_000, 10_000);
              });
      if (claimed.isEmpty()) {
        return;
      }
      store.write(
          repos -> {
            List<AttemptOutcome> outcomes = new ArrayList<>();
            for (ClaimedNotification c : claimed) {
              outcomes.add(
                  new AttemptOutcome(
                      c.notification().sequence(),
                      NotificationStatus.DELIVERED,
                      1,
                      nowMs / 1000,
                      204,
                      null,
                      nowMs));
            }
            repos.webhooks().recordAttempts(outcomes);
            repos
                .webhooks()
                .deleteSettledEvents(claimed.stream().map(ClaimedNotification::eventId).toList());
            return null;
          });
    }
  }

  /** {@code write_bytes} of {@code /proc/self/io}. */
  private static long writtenBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
      if (line.startsWith("write_bytes:")) {
        return Long.parseLong(line.substring("write_bytes:".length()).trim());
      }
    }
    throw new IOException("/proc/self/io has no write_bytes");
  }
}
