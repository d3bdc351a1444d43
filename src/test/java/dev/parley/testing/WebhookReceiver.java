package dev.parley.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.parley.jobs.WebhookDelivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A real webhook endpoint on loopback for tests: records every POST it receives (headers and raw
 * body) and answers with the status a test sets (200 by default), after an optional delay. It can
 * be stopped (connection refused) and started again on the same port.
 */
public final class WebhookReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request received. */
  public record Received(String path, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return e.getValue().get(0);
        }
      }
      return null;
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public String topic() {
      return json().path("topic").asText();
    }

    public String id() {
      return json().path("id").asText();
    }

    public JsonNode item() {
      return json().path("data").path("item");
    }

    /** Whether {@code X-Hub-Signature} is the HMAC-SHA1 of the body keyed by {@code secret}. */
    public boolean signedWith(String secret) {
      return ("sha1=" + WebhookDelivery.sign(secret, body)).equals(header("X-Hub-Signature"));
    }
  }

  private final List<Received> received = new ArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private final AtomicLong delayMillis = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicReference<String> location =
      new java.util.concurrent.atomic.AtomicReference<>();
  private final AtomicInteger attempts = new AtomicInteger();
  private HttpServer server;
  private int port;

  private WebhookReceiver() {}

  /** A receiver listening on a free loopback port. */
  public static WebhookReceiver start() {
    WebhookReceiver receiver = new WebhookReceiver();
    receiver.listen(0);
    return receiver;
  }

  private void listen(int onPort) {
    try {
      server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
    port = server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    attempts.incrementAndGet();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    long delay = delayMillis.get();
    if (delay > 0) {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    int answer = status.get();
    if (answer >= 200 && answer < 300) {
      synchronized (received) {
        received.add(
            new Received(
                exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()),
                body));
        received.notifyAll();
      }
    }
    String redirect = location.get();
    if (redirect != null) {
      exchange.getResponseHeaders().add("Location", redirect);
    }
    exchange.sendResponseHeaders(answer, -1);
    exchange.close();
  }

  /** The URL to subscribe: {@code http://127.0.0.1:<port>/hook}. */
  public String url() {
    return "http://127.0.0.1:" + port + "/hook";
  }

  /** Answers every later request with {@code code} (only 2xx answers count as received). */
  public WebhookReceiver respondWith(int code) {
    status.set(code);
    return this;
  }

  /**
   * Sends {@code Location: url} with every later answer (for a 3xx that a sender must not follow);
   * null sends none.
   */
  public WebhookReceiver location(String url) {
    location.set(url);
    return this;
  }

  /** Waits this long before answering each later request (0: at once). */
  public WebhookReceiver delay(Duration delay) {
    delayMillis.set(delay.toMillis());
    return this;
  }

  /** Every request answered, 2xx or not. */
  public int attempts() {
    return attempts.get();
  }

  /** Stops listening: connections are refused until {@link #restart}. */
  public void stop() {
    server.stop(0);
  }

  /** Listens again on the same port. */
  public void restart() {
    listen(port);
  }

  /** The requests answered with a 2xx so far, in arrival order. */
  public List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** The received requests of one topic. */
  public List<Received> received(String topic) {
    return received().stream().filter(r -> r.topic().equals(topic)).toList();
  }

  /**
   * Waits until the received requests satisfy {@code condition}.
   *
   * @return the received requests then
   * @throws AssertionError when they do not within {@code timeout}
   */
  public List<Received> await(Predicate<List<Received>> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (received) {
      while (!condition.test(List.copyOf(received))) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "webhook receiver: condition not met within "
                  + timeout
                  + "; received topics: "
                  + received.stream().map(Received::topic).toList());
        }
        try {
          received.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
      }
      return List.copyOf(received);
    }
  }

  /** Waits for the first notification of {@code topic} (10 s at most) and returns it. */
  public Received awaitTopic(String topic) {
    return await(
            list -> list.stream().anyMatch(r -> r.topic().equals(topic)), Duration.ofSeconds(10))
        .stream()
        .filter(r -> r.topic().equals(topic))
        .findFirst()
        .orElseThrow();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
