package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests that Jetty or the path decoder refuse before any route runs still answer Intercom's
 * {@code error.list} JSON with a 4xx status (never a 500, never an HTML page); a stop lets the
 * requests being handled finish and answer.
 */
class MalformedRequestsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The server of the requests; the tests of a stop start their own. */
  @RegisterExtension static final ParleyExtension server = ParleyExtension.perClass();

  @TempDir Path root;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DELETE /conversations/%u0031",
        "GET /conversations/%u0031",
        "GET /uploads/1/%u0031",
        "GET /contacts/find_by_external_id/%u0",
        "DELETE /conversations/%00",
        "DELETE /conversations/1%00",
        "GET /conversations/%",
        "GET /conversations/%zz",
        "GET /conversations/..%2f..",
        "GET /uploads/1/%00",
        "GET /conversations/1\u0000",
        "GET /conversations/1?retain_metrics=LONG",
        "GET /conversations/1 HUGE-HEADER"
      })
  void malformedRequestsAnswerErrorListJson(String request) throws IOException {
    ParleyProcess parley = server.process();
    {
      String[] parts = request.split(" ");
      String target = parts[1].replace("LONG", "a".repeat(9000));
      String extra = parts.length > 2 ? "X-Filler: " + "a".repeat(20_000) + "\r\n" : "";
      RawResponse response =
          raw(
              parley.port(),
              parts[0]
                  + " "
                  + target
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + parley.token()
                  + "\r\n"
                  + extra
                  + "Connection: close\r\n\r\n");

      assertThat(response.status()).as(response.head()).isBetween(400, 499);
      assertThat(response.header("content-type"))
          .as(response.head())
          .startsWith("application/json");
      assertThat(response.header("x-request-id")).as(response.head()).isNotBlank();
      JsonNode body = JSON.readTree(response.body());
      assertThat(body.path("type").asText()).isEqualTo("error.list");
      assertThat(body.path("request_id").asText()).isEqualTo(response.header("x-request-id"));
      assertThat(body.path("errors").path(0).path("code").asText()).isEqualTo("parameter_invalid");
      assertThat(parley.log()).doesNotContain(" ERROR ");
    }
  }

  @Test
  void aBodyThatIsNotValidUtf8Is400AndChangesNothing() throws IOException {
    byte[] json = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
    String head =
        "POST /tags HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + server.process().token()
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + json.length
            + "\r\nConnection: close\r\n\r\n";
    byte[] request = new byte[head.length() + json.length];
    System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, request, 0, head.length());
    System.arraycopy(json, 0, request, head.length(), json.length);
    RawResponse response = raw(server.process().port(), request);

    assertThat(response.status()).as(response.head()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("errors").path(0).path("message").asText())
        .isEqualTo("Request body is not valid UTF-8");
    assertThat(server.api().get("/tags").json().path("data"))
        .noneMatch(t -> t.path("name").asText().equals("/"));
  }

  @Test
  void anAcceptHeaderWithAnEmptyMediaRangeIs406() throws IOException {
    RawResponse response =
        raw(
            server.process().port(),
            "GET /download/reporting_data/x HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + server.process().token()
                + "\r\nAccept: ;\r\nConnection: close\r\n\r\n");

    assertThat(response.status()).as(response.head()).isEqualTo(406);
    assertThat(JSON.readTree(response.body()).path("type").asText()).isEqualTo("error.list");
  }

  @Test
  void aStopLetsDeletionsBeingHandledAnswer() throws Exception {
    // No rate limit: on a shared PostgreSQL the workspace's window also counts other test
    // processes' requests, and a 429 here would hide what the test checks (the stop's 503).
    ParleyProcess parley = ParleyProcess.in(root).arg("--rate-limit-per-minute", "0").start();
    Scenario s = new Scenario(parley.api());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      ids.add(s.conversation("to be deleted " + i));
    }
    Api api = parley.api();
    AtomicInteger answered200 = new AtomicInteger();
    AtomicInteger sent = new AtomicInteger();
    List<ApiResponse> refusals = Collections.synchronizedList(new ArrayList<>());
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    List<String> queue = Collections.synchronizedList(new ArrayList<>(ids));
    ExecutorService clients = Executors.newFixedThreadPool(16);
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < 16; c++) {
      running.add(
          clients.submit(
              () -> {
                while (true) {
                  String id;
                  synchronized (queue) {
                    if (queue.isEmpty()) {
                      return;
                    }
                    id = queue.remove(0);
                  }
                  sent.incrementAndGet();
                  try {
                    ApiResponse response = api.delete("/conversations/" + id);
                    if (response.status() == 200) {
                      answered200.incrementAndGet();
                    } else {
                      refusals.add(response);
                    }
                  } catch (RuntimeException | AssertionError connectionClosedOrRefused) {
                    // the server is stopping: this deletion was refused, or never sent
                    failures.add(id + ": " + describe(connectionClosedOrRefused));
                  }
                }
              }));
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> answered200.get() >= 30);
    parley.stop();
    for (Future<?> f : running) {
      f.get(60, TimeUnit.SECONDS);
    }
    clients.shutdown();

    try (TestDatabase db = TestDatabase.of(parley)) {
      long erased = db.number("SELECT COUNT(*) FROM erasures");
      assertThat(erased)
          .as(
              "every erasure committed was answered 200 (%d sent; refused: %s; failed: %s;"
                  + " warnings and errors logged: %s)",
              sent.get(),
              refusals,
              failures,
              parley
                  .log()
                  .lines()
                  .filter(l -> l.contains(" WARN ") || l.contains(" ERROR "))
                  .toList())
          .isEqualTo(answered200.get());
      assertThat(erased).isLessThan(ids.size());
    }
    assertThat(parley.log()).doesNotContain(" ERROR ").doesNotContain(" WARN ");
    // a request that arrives on an open connection once the stop has begun is refused with
    // 503 and Intercom's error body, like any other refusal (Jetty's own answer had no body)
    for (ApiResponse refusal : refusals) {
      assertThat(refusal.status()).as(refusal.toString()).isEqualTo(503);
      assertThat(refusal.errorCode()).as(refusal.toString()).isEqualTo("service_unavailable");
      assertThat(refusal.json().path("type").asText()).isEqualTo("error.list");
      assertThat(refusal.header("X-Request-Id")).as(refusal.toString()).isNotBlank();
    }
    System.out.println(
        "stop under load: "
            + answered200.get()
            + " answered 200, "
            + refusals.size()
            + " refused with 503");
  }

  /** An exception and its causes, class and message each, for an assertion's description. */
  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      text.append(text.length() == 0 ? "" : " <- ")
          .append(t.getClass().getSimpleName())
          .append(": ")
          .append(t.getMessage());
    }
    return text.toString();
  }

  @Test
  void aRequestArrivingDuringAStopIs503WithAnErrorBody() throws Exception {
    ParleyProcess parley = ParleyProcess.in(root).start();
    String auth = "Authorization: Bearer " + parley.token() + "\r\n";
    try (Socket holding = new Socket("127.0.0.1", parley.port());
        Socket open = new Socket("127.0.0.1", parley.port())) {
      holding.setSoTimeout(20_000);
      open.setSoTimeout(20_000);
      // a request being handled: its body is still on the way, so the stop waits for it
      String body =
          "{\"from\":{\"type\":\"user\",\"id\":\"000000000000000000000000\"},\"body\":\"held\"}";
      String head =
          "POST /conversations HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + auth
              + "Content-Type: application/json\r\nContent-Length: "
              + body.length()
              + "\r\n\r\n";
      holding
          .getOutputStream()
          .write((head + body.substring(0, 10)).getBytes(StandardCharsets.ISO_8859_1));
      holding.getOutputStream().flush();
      // a connection that is open and idle when the stop begins
      open.getOutputStream()
          .write(
              ("GET /me HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth + "\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      open.getOutputStream().flush();
      assertThat(readResponse(open.getInputStream()).status()).isEqualTo(200);
      Thread.sleep(300);

      parley.beginStop();
      // the stop waits for the request being handled
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(parley::alive);
      open.getOutputStream()
          .write(
              ("DELETE /conversations/1 HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth + "\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      open.getOutputStream().flush();
      RawResponse refused = readResponse(open.getInputStream());
      assertThat(refused.status()).as(refused.head()).isEqualTo(503);
      assertThat(refused.header("Content-Type")).startsWith("application/json");
      assertThat(refused.header("X-Request-Id")).as(refused.head()).isNotBlank();
      JsonNode error = JSON.readTree(refused.body());
      assertThat(error.path("type").asText()).isEqualTo("error.list");
      assertThat(error.path("errors").path(0).path("code").asText())
          .isEqualTo("service_unavailable");

      // the held request still gets its answer
      holding.getOutputStream().write(body.substring(10).getBytes(StandardCharsets.ISO_8859_1));
      holding.getOutputStream().flush();
      RawResponse held = readResponse(holding.getInputStream());
      assertThat(held.status()).as(held.head()).isBetween(200, 499);
    } finally {
      parley.stop();
    }
  }

  /** Reads one response whose length its Content-Length gives, leaving the connection open. */
  private static RawResponse readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      assertThat(b)
          .as("a response head; got %s", head.toString(StandardCharsets.ISO_8859_1))
          .isNotNegative();
      head.write(b);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    RawResponse headOnly = new RawResponse(text.substring(0, text.length() - 4), new byte[0]);
    String length = headOnly.header("Content-Length");
    assertThat(length).as("Content-Length in %s", text).isNotNull();
    byte[] body = in.readNBytes(Integer.parseInt(length));
    return new RawResponse(headOnly.head(), body);
  }

  private record RawResponse(String head, byte[] body) {
    int status() {
      return Integer.parseInt(head.split(" ", 3)[1]);
    }

    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }

  /** Sends bytes as they are (no client library would send these) and reads the answer. */
  private static RawResponse raw(int port, String request) throws IOException {
    return raw(port, request.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static RawResponse raw(int port, byte[] request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      byte[] bytes = all.toByteArray();
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      int split = text.indexOf("\r\n\r\n");
      assertThat(split).as("a response: %s", text).isPositive();
      byte[] body = java.util.Arrays.copyOfRange(bytes, split + 4, bytes.length);
      return new RawResponse(text.substring(0, split), body);
    }
  }
}
