import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mixed load on a running parley for a fixed time, for bench/soak.sh. Plain JDK
 * (java.net.http), compiled and run with javac/java; no project dependency.
 *
 * <pre>
 * java SoakLoad BASE_URL TOKEN SECONDS CONCURRENCY
 * </pre>
 *
 * CONCURRENCY workers loop until SECONDS have passed, each request chosen at random: 25 %
 * create (POST /contacts, then POST /conversations), 25 % admin reply to a live conversation
 * (half of them with one 10 KiB upload in attachment_files), 30 % GET /conversations/{id},
 * 12 % POST /conversations/search (a word of the source bodies, or state = open), 8 % DELETE
 * /conversations/{id} (each id once). Prints one line per 60 s with the counts so far and,
 * at the end, "SOAK ..." with totals by operation and status. Exit status 2 when a response
 * was 5xx or a connection failed.
 */
public final class SoakLoad {
  private static final Pattern FIRST_ID = Pattern.compile("\"id\":\"([^\"]+)\"");
  private static final Pattern CONVERSATION_ID = Pattern.compile("\"conversation_id\":\"([^\"]+)\"");
  private static final String[] WORDS = {"billing", "refund", "password", "invoice", "shipping", "login"};
  private static final int UPLOAD_BYTES = 10 * 1024;

  private final HttpClient client;
  private final String base;
  private final String token;
  private final List<String> live = new ArrayList<>();
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final AtomicLong serverErrors = new AtomicLong();
  private final AtomicLong seq = new AtomicLong();
  private String adminId;

  private SoakLoad(String base, String token, int concurrency) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.token = token;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newFixedThreadPool(Math.max(2, concurrency / 4), SoakLoad::daemon))
            .build();
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r);
    t.setDaemon(true);
    return t;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: SoakLoad BASE_URL TOKEN SECONDS CONCURRENCY");
      System.exit(64);
    }
    int concurrency = Integer.parseInt(args[3]);
    SoakLoad soak = new SoakLoad(args[0], args[1], concurrency);
    System.exit(soak.run(Long.parseLong(args[2]), concurrency));
  }

  private int run(long seconds, int concurrency) throws Exception {
    adminId = find(send("GET", "/me", null, "me"), FIRST_ID);
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    ExecutorService workers = Executors.newFixedThreadPool(concurrency, SoakLoad::daemon);
    List<Future<?>> futures = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      futures.add(
          workers.submit(
              () -> {
                while (System.nanoTime() < end) {
                  try {
                    step();
                  } catch (IOException e) {
                    serverErrors.incrementAndGet();
                    count("io-error");
                  } catch (InterruptedException e) {
                    return null;
                  }
                }
                return null;
              }));
    }
    long nextReport = start + 60_000_000_000L;
    for (Future<?> f : futures) {
      while (true) {
        try {
          f.get(1, java.util.concurrent.TimeUnit.SECONDS);
          break;
        } catch (java.util.concurrent.TimeoutException e) {
          if (System.nanoTime() >= nextReport) {
            System.out.printf("  after %d s: %s%n", (System.nanoTime() - start) / 1_000_000_000L, totals());
            nextReport += 60_000_000_000L;
          }
        }
      }
    }
    workers.shutdown();
    System.out.printf(
        "SOAK seconds=%d concurrency=%d server_errors=%d %s%n",
        seconds, concurrency, serverErrors.get(), totals());
    return serverErrors.get() == 0 ? 0 : 2;
  }

  private String totals() {
    StringBuilder b = new StringBuilder();
    new TreeMap<>(counts).forEach((k, v) -> b.append(k).append('=').append(v.get()).append(' '));
    return b.toString().strip();
  }

  private void step() throws IOException, InterruptedException {
    int dice = ThreadLocalRandom.current().nextInt(100);
    String id = randomLive();
    if (dice < 25 || id == null) {
      create();
    } else if (dice < 50) {
      boolean file = ThreadLocalRandom.current().nextBoolean();
      send("POST", "/conversations/" + id + "/reply", reply(file), file ? "reply-file" : "reply");
    } else if (dice < 80) {
      send("GET", "/conversations/" + id, null, "get");
    } else if (dice < 92) {
      String query =
          ThreadLocalRandom.current().nextBoolean()
              ? "{\"field\":\"source.body\",\"operator\":\"~\",\"value\":\"" + word() + "\"}"
              : "{\"field\":\"state\",\"operator\":\"=\",\"value\":\"open\"}";
      send("POST", "/conversations/search", "{\"query\":" + query + ",\"pagination\":{\"per_page\":20}}", "search");
    } else {
      String taken = takeLive();
      if (taken != null) {
        send("DELETE", "/conversations/" + taken, null, "delete");
      }
    }
  }

  private void create() throws IOException, InterruptedException {
    long n = seq.incrementAndGet();
    String contact =
        find(send("POST", "/contacts", "{\"email\":\"soak-" + n + "-" + System.nanoTime() + "@example.com\"}", "contact"), FIRST_ID);
    if (contact == null) {
      return;
    }
    String body =
        "{\"from\":{\"type\":\"user\",\"id\":\"" + contact + "\"},\"body\":\"soak conversation " + n + " about " + word() + " and " + word() + "\"}";
    String conversation = find(send("POST", "/conversations", body, "create"), CONVERSATION_ID);
    if (conversation != null) {
      synchronized (live) {
        live.add(conversation);
      }
    }
  }

  private String randomLive() {
    synchronized (live) {
      return live.isEmpty() ? null : live.get(ThreadLocalRandom.current().nextInt(live.size()));
    }
  }

  private String takeLive() {
    synchronized (live) {
      if (live.size() < 50) {
        return null;
      }
      int i = ThreadLocalRandom.current().nextInt(live.size());
      String id = live.get(i);
      live.set(i, live.get(live.size() - 1));
      live.remove(live.size() - 1);
      return id;
    }
  }

  private static String word() {
    return WORDS[ThreadLocalRandom.current().nextInt(WORDS.length)];
  }

  private String reply(boolean file) {
    StringBuilder b = new StringBuilder(16_000);
    b.append("{\"message_type\":\"comment\",\"type\":\"admin\",\"admin_id\":\"")
        .append(adminId)
        .append("\",\"body\":\"a soak reply about ")
        .append(word())
        .append('"');
    if (file) {
      byte[] bytes = new byte[UPLOAD_BYTES];
      ThreadLocalRandom.current().nextBytes(bytes);
      b.append(",\"attachment_files\":[{\"name\":\"soak.bin\",\"content_type\":\"application/octet-stream\",\"data\":\"")
          .append(Base64.getEncoder().encodeToString(bytes))
          .append("\"}]");
    }
    return b.append('}').toString();
  }

  private HttpResponse<String> send(String method, String path, String json, String op)
      throws IOException, InterruptedException {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(120))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .header("Intercom-Version", "2.14");
    if (json != null) {
      r.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      r.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response = client.send(r.build(), HttpResponse.BodyHandlers.ofString());
    int status = response.statusCode();
    count(op + ":" + status);
    if (status >= 500) {
      if (serverErrors.incrementAndGet() <= 5) {
        System.err.println("SOAK 5xx " + op + " " + status + " " + response.body());
      }
    }
    return response;
  }

  private void count(String key) {
    counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
  }

  private static String find(HttpResponse<String> response, Pattern id) {
    if (response.statusCode() != 200) {
      return null;
    }
    Matcher m = id.matcher(response.body());
    return m.find() ? m.group(1) : null;
  }
}
