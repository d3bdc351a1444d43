import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a running parley through its public HTTP API, for bench/run.sh. Plain JDK (java.net.http),
 * compiled and run with javac/java; no project dependency.
 *
 * <pre>
 * java BenchLoad conversations BASE_URL TOKEN COUNT CONCURRENCY IDS_FILE
 *   COUNT conversations, each: POST /contacts, POST /conversations (the source message),
 *   5 admin replies (POST /conversations/{id}/reply), the first carrying one 10 KiB upload
 *   in attachment_files. Conversations are loaded CONCURRENCY at a time; the requests of one
 *   conversation go in order. Writes the conversation ids, one per line, to IDS_FILE.
 *
 * java BenchLoad tickets BASE_URL TOKEN COUNT CONCURRENCY IDS_FILE
 *   COUNT tickets shaped like the conversations above: one customer ticket type (POST
 *   /ticket_types), then for each ticket POST /contacts, POST /tickets (title and description),
 *   5 admin replies (POST /tickets/{id}/reply), the first carrying one 10 KiB upload. Writes the
 *   ticket ids, one per line, to IDS_FILE.
 *
 * java BenchLoad big BASE_URL TOKEN PARTS UPLOADS CONCURRENCY
 *   One conversation with PARTS admin replies, UPLOADS of them carrying one 10 KiB upload,
 *   sent CONCURRENCY at a time. Prints "conversation_id=ID" last.
 * </pre>
 *
 * Every response must be 200; failures are counted, the first few printed (status and the
 * start of the body), and the exit status is 2 when any happened.
 */
public final class BenchLoad {
  private static final int UPLOAD_BYTES = 10 * 1024;
  private static final int REPLIES = 5;
  private static final Pattern FIRST_ID = Pattern.compile("\"id\":\"([^\"]+)\"");
  private static final Pattern CONVERSATION_ID = Pattern.compile("\"conversation_id\":\"([^\"]+)\"");

  private final HttpClient client;
  private final String base;
  private final String token;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicInteger failures = new AtomicInteger();
  private final PrintStream out = System.out;

  private BenchLoad(String base, String token, int concurrency) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.token = token;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newFixedThreadPool(Math.max(2, concurrency / 4), DAEMON))
            .build();
  }

  /** Daemon threads only: an uncaught failure ends the JVM instead of leaving it waiting. */
  private static final java.util.concurrent.ThreadFactory DAEMON =
      r -> {
        Thread t = new Thread(r);
        t.setDaemon(true);
        return t;
      };

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Throwable e) {
      System.err.println("LOAD FAILED: " + e);
      System.exit(1);
    }
  }

  private static void run(String[] args) throws Exception {
    if (args.length < 1) {
      usage();
    }
    switch (args[0]) {
      case "conversations" -> {
        if (args.length != 6) {
          usage();
        }
        int concurrency = Integer.parseInt(args[4]);
        BenchLoad load = new BenchLoad(args[1], args[2], concurrency);
        System.exit(load.conversations(Integer.parseInt(args[3]), concurrency, Path.of(args[5])));
      }
      case "tickets" -> {
        if (args.length != 6) {
          usage();
        }
        int concurrency = Integer.parseInt(args[4]);
        BenchLoad load = new BenchLoad(args[1], args[2], concurrency);
        System.exit(load.tickets(Integer.parseInt(args[3]), concurrency, Path.of(args[5])));
      }
      case "big" -> {
        if (args.length != 6) {
          usage();
        }
        int concurrency = Integer.parseInt(args[5]);
        BenchLoad load = new BenchLoad(args[1], args[2], concurrency);
        System.exit(load.big(Integer.parseInt(args[3]), Integer.parseInt(args[4]), concurrency));
      }
      default -> usage();
    }
  }

  private static void usage() {
    System.err.println(
        "usage: BenchLoad conversations BASE TOKEN COUNT CONCURRENCY IDS_FILE\n"
            + "       BenchLoad tickets BASE TOKEN COUNT CONCURRENCY IDS_FILE\n"
            + "       BenchLoad big BASE TOKEN PARTS UPLOADS CONCURRENCY");
    System.exit(64);
  }

  private interface Loader {
    String one(int i) throws IOException, InterruptedException;
  }

  private int conversations(int count, int concurrency, Path idsFile) throws Exception {
    String adminId = adminId();
    return loadAll("conversations", count, concurrency, idsFile, i -> oneConversation(i, adminId));
  }

  private int tickets(int count, int concurrency, Path idsFile) throws Exception {
    String adminId = adminId();
    String type =
        expect(
            post("/ticket_types", "{\"name\":\"Bench ticket\",\"category\":\"Customer\"}"),
            FIRST_ID,
            "ticket type");
    return loadAll("tickets", count, concurrency, idsFile, i -> oneTicket(i, adminId, type));
  }

  private int loadAll(String what, int count, int concurrency, Path idsFile, Loader loader) throws Exception {
    String[] ids = new String[count];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    long started = System.nanoTime();
    ExecutorService workers = Executors.newFixedThreadPool(concurrency, DAEMON);
    List<Future<?>> futures = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      futures.add(
          workers.submit(
              () -> {
                for (int i; (i = next.getAndIncrement()) < count; ) {
                  try {
                    ids[i] = loader.one(i);
                  } catch (Failure e) {
                    // counted and printed by fail()
                  } catch (IOException | InterruptedException e) {
                    fail(what + " " + i + ": " + e);
                  }
                  int d = done.incrementAndGet();
                  if (count >= 10 && d % (count / 10) == 0) {
                    double s = (System.nanoTime() - started) / 1e9;
                    out.printf("  loaded %d/%d %s in %.1f s (%.0f requests/s)%n", d, count, what, s, requests.get() / s);
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    workers.shutdown();
    workers.awaitTermination(1, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - started) / 1e9;
    List<String> lines = new ArrayList<>();
    for (String id : ids) {
      if (id != null) {
        lines.add(id);
      }
    }
    Files.write(idsFile, lines, StandardCharsets.UTF_8);
    out.printf(
        "load_%s=%d load_requests=%d load_seconds=%.1f load_failures=%d%n",
        what, lines.size(), requests.get(), seconds, failures.get());
    return failures.get() == 0 ? 0 : 2;
  }

  private String oneConversation(int i, String adminId) throws IOException, InterruptedException {
    Random random = new Random(i);
    String contact = expect(post("/contacts", "{\"email\":\"bench-" + i + "@example.com\"}"), FIRST_ID, "contact " + i);
    String conversation =
        expect(
            post(
                "/conversations",
                "{\"from\":{\"type\":\"user\",\"id\":\"" + contact + "\"},\"body\":\"source message of bench conversation " + i + "\"}"),
            CONVERSATION_ID,
            "conversation " + i);
    for (int r = 0; r < REPLIES; r++) {
      String body = replyBody(adminId, "reply " + r + " of bench conversation " + i, r == 0 ? random : null, "c" + i + ".bin");
      expect(post("/conversations/" + conversation + "/reply", body), null, "reply " + r + " of conversation " + i);
    }
    return conversation;
  }

  private String oneTicket(int i, String adminId, String type) throws IOException, InterruptedException {
    Random random = new Random(i);
    String contact = expect(post("/contacts", "{\"email\":\"bench-ticket-" + i + "@example.com\"}"), FIRST_ID, "ticket contact " + i);
    String ticket =
        expect(
            post(
                "/tickets",
                "{\"ticket_type_id\":\"" + type + "\",\"contacts\":[{\"id\":\"" + contact + "\"}],"
                    + "\"ticket_attributes\":{\"_default_title_\":\"bench ticket " + i + "\","
                    + "\"_default_description_\":\"source message of bench ticket " + i + "\"}}"),
            FIRST_ID,
            "ticket " + i);
    for (int r = 0; r < REPLIES; r++) {
      String body = replyBody(adminId, "reply " + r + " of bench ticket " + i, r == 0 ? random : null, "t" + i + ".bin");
      expect(post("/tickets/" + ticket + "/reply", body), null, "reply " + r + " of ticket " + i);
    }
    return ticket;
  }

  private int big(int parts, int uploads, int concurrency) throws Exception {
    String adminId = adminId();
    String contact = expect(post("/contacts", "{\"email\":\"bench-big@example.com\"}"), FIRST_ID, "big contact");
    String conversation =
        expect(
            post("/conversations", "{\"from\":{\"type\":\"user\",\"id\":\"" + contact + "\"},\"body\":\"source message of the big conversation\"}"),
            CONVERSATION_ID,
            "big conversation");
    int every = uploads == 0 ? Integer.MAX_VALUE : Math.max(1, parts / uploads);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    long started = System.nanoTime();
    ExecutorService workers = Executors.newFixedThreadPool(concurrency, DAEMON);
    List<Future<?>> futures = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      futures.add(
          workers.submit(
              () -> {
                for (int j; (j = next.getAndIncrement()) < parts; ) {
                  boolean upload = j % every == 0 && j / every < uploads;
                  String body = replyBody(adminId, "part " + j + " of the big conversation", upload ? new Random(j) : null, "big" + j + ".bin");
                  try {
                    expect(post("/conversations/" + conversation + "/reply", body), null, "big reply " + j);
                  } catch (Failure e) {
                    // counted
                  } catch (IOException | InterruptedException e) {
                    fail("big reply " + j + ": " + e);
                  }
                  int d = done.incrementAndGet();
                  if (parts >= 10 && d % (parts / 10) == 0) {
                    double s = (System.nanoTime() - started) / 1e9;
                    out.printf("  big conversation: %d/%d parts in %.1f s%n", d, parts, s);
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    workers.shutdown();
    workers.awaitTermination(1, TimeUnit.MINUTES);
    out.printf("big_load_seconds=%.1f big_failures=%d%n", (System.nanoTime() - started) / 1e9, failures.get());
    out.println("conversation_id=" + conversation);
    return failures.get() == 0 ? 0 : 2;
  }

  private static String replyBody(String adminId, String text, Random uploadBytes, String fileName) {
    StringBuilder b = new StringBuilder(16_000);
    b.append("{\"message_type\":\"comment\",\"type\":\"admin\",\"admin_id\":\"")
        .append(adminId)
        .append("\",\"body\":\"")
        .append(text)
        .append('"');
    if (uploadBytes != null) {
      byte[] bytes = new byte[UPLOAD_BYTES];
      uploadBytes.nextBytes(bytes);
      b.append(",\"attachment_files\":[{\"name\":\"")
          .append(fileName)
          .append("\",\"content_type\":\"application/octet-stream\",\"data\":\"")
          .append(Base64.getEncoder().encodeToString(bytes))
          .append("\"}]");
    }
    return b.append('}').toString();
  }

  private String adminId() throws IOException, InterruptedException {
    HttpResponse<String> me =
        client.send(request("/me").GET().build(), HttpResponse.BodyHandlers.ofString());
    return expect(me, FIRST_ID, "GET /me");
  }

  private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    HttpRequest r =
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return client.send(r, HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(120))
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
  }

  /** The response's first match of {@code id} (null pattern: only the status is checked). */
  private String expect(HttpResponse<String> response, Pattern id, String what) {
    requests.incrementAndGet();
    if (response.statusCode() != 200) {
      String body = response.body();
      fail(what + ": status " + response.statusCode() + " body " + body.substring(0, Math.min(300, body.length())));
      throw new Failure();
    }
    if (id == null) {
      return null;
    }
    Matcher m = id.matcher(response.body());
    if (!m.find()) {
      fail(what + ": no id in response");
      throw new Failure();
    }
    return m.group(1);
  }

  private void fail(String message) {
    if (failures.incrementAndGet() <= 5) {
      System.err.println("LOAD FAILURE " + message);
    }
  }

  private static final class Failure extends RuntimeException {
    Failure() {
      super(null, null, false, false);
    }
  }
}
