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
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loader of bench/postgres.sh, run as a single-file program ({@code java Load.java}):
 *
 * <pre>java Load.java BASE_URL TOKEN N CONCURRENCY IDS_FILE</pre>
 *
 * Creates N conversations through parley's HTTP API, each: a new contact, the contact's
 * source message, 5 replies (admin comment with one 10 KiB file, contact comment, admin note,
 * contact comment, admin comment), and writes their ids, one a line, shuffled, to IDS_FILE.
 * Prints "load_seconds=S load_requests=R". Any non-200 answer stops the load with exit 1.
 */
public class Load {

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String token = args[1];
    int n = Integer.parseInt(args[2]);
    int concurrency = Integer.parseInt(args[3]);
    Path out = Path.of(args[4]);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    Client client = new Client(http, base, token);
    String adminId = client.id(client.send("GET", "/me", null), "id");
    byte[] file = new byte[10 * 1024];
    new Random(42).nextBytes(file);
    String fileData = Base64.getEncoder().encodeToString(file);

    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    List<Future<String>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int k = i;
      futures.add(pool.submit(() -> conversation(client, adminId, fileData, k)));
    }
    List<String> ids = new ArrayList<>();
    for (Future<String> f : futures) {
      ids.add(f.get());
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - started) / 1e9;
    Collections.shuffle(ids, new Random(7));
    Files.write(out, ids, StandardCharsets.UTF_8);
    System.out.printf("load_seconds=%.1f load_requests=%d%n", seconds, client.requests());
  }

  private static String conversation(Client c, String adminId, String fileData, int k) throws Exception {
    String contact = c.id(c.send("POST", "/contacts", "{\"role\":\"user\",\"email\":\"bench" + k + "-" + System.nanoTime() + "@example.com\"}"), "id");
    String id =
        c.id(
            c.send(
                "POST",
                "/conversations",
                "{\"from\":{\"type\":\"user\",\"id\":\"" + contact + "\"},\"body\":\"<p>source message " + k + " of the benchmark</p>\"}"),
            "conversation_id");
    String reply = "/conversations/" + id + "/reply";
    c.send(
        "POST",
        reply,
        "{\"message_type\":\"comment\",\"type\":\"admin\",\"admin_id\":\"" + adminId + "\",\"body\":\"<p>admin reply with a file</p>\","
            + "\"attachment_files\":[{\"name\":\"file" + k + ".bin\",\"content_type\":\"application/octet-stream\",\"data\":\"" + fileData + "\"}]}");
    c.send("POST", reply, "{\"message_type\":\"comment\",\"type\":\"user\",\"intercom_user_id\":\"" + contact + "\",\"body\":\"contact reply one\"}");
    c.send("POST", reply, "{\"message_type\":\"note\",\"type\":\"admin\",\"admin_id\":\"" + adminId + "\",\"body\":\"<p>a note</p>\"}");
    c.send("POST", reply, "{\"message_type\":\"comment\",\"type\":\"user\",\"intercom_user_id\":\"" + contact + "\",\"body\":\"contact reply two\"}");
    c.send("POST", reply, "{\"message_type\":\"comment\",\"type\":\"admin\",\"admin_id\":\"" + adminId + "\",\"body\":\"<p>admin reply two</p>\"}");
    return id;
  }

  private static final class Client {
    private final HttpClient http;
    private final String base;
    private final String token;
    private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();

    Client(HttpClient http, String base, String token) {
      this.http = http;
      this.base = base;
      this.token = token;
    }

    String send(String method, String path, String json) throws Exception {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofSeconds(60))
              .header("Authorization", "Bearer " + token)
              .header("Accept", "application/json");
      if (json == null) {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
      }
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      requests.incrementAndGet();
      if (r.statusCode() != 200) {
        System.err.println(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        System.exit(1);
      }
      return r.body();
    }

    /** The string value of the first {@code "key": "..."} in a JSON body. */
    String id(String body, String key) {
      Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
      if (!m.find()) {
        throw new IllegalStateException("no id in " + body);
      }
      return m.group(1);
    }

    long requests() {
      return requests.get();
    }
  }
}
