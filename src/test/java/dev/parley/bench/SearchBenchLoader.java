package dev.parley.bench;

import dev.parley.domain.Store;
import dev.parley.domain.admin.Admin;
import dev.parley.domain.contact.Contact;
import dev.parley.domain.contact.ContactService;
import dev.parley.domain.conversation.AuthorType;
import dev.parley.domain.conversation.Conversation;
import dev.parley.domain.conversation.ConversationMetrics;
import dev.parley.domain.conversation.ConversationPart;
import dev.parley.domain.conversation.ConversationState;
import dev.parley.domain.conversation.PartType;
import dev.parley.domain.conversation.Priority;
import dev.parley.domain.operator.WorkspaceService;
import dev.parley.domain.search.BodyWords;
import dev.parley.domain.tag.Tag;
import dev.parley.store.PostgresStore;
import dev.parley.store.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fills a parley store with synthetic conversations for {@code bench/search.sh}, fast: it writes
 * through the store and its repositories directly (the same code that serves the API, so the {@code
 * source.body} words are written as the API writes them), a thousand conversations per transaction,
 * instead of through HTTP.
 *
 * <p>The data: workspace {@code default} (bootstrap token {@code --token}), 20 admins, 5 teams, 10
 * tags, one contact per 10 conversations. Each conversation is created uniformly in the {@value
 * #DAYS} days before {@value #END} (2026-01-01), by a contact, with a body of 8 to 40 words drawn
 * from a 20,000-word vocabulary with Zipf's law (the most common word is in about a third of the
 * bodies); 35% open, 50% closed, 15% snoozed; 80% assigned to one of the admins; 10% tagged; one
 * admin comment each; a reporting record each.
 *
 * <p>Usage: {@code SearchBenchLoader (--data-dir DIR | --database-url URL [--database-user U])
 * --conversations N --token T --meta FILE}. The meta file tells the benchmark what to ask for: the
 * admin ids, words of several frequencies with the number of conversations holding each, and the
 * time range.
 */
public final class SearchBenchLoader {
  static final long END = 1_767_225_600L;
  static final int DAYS = 365;
  private static final int BATCH = 1000;
  private static final int VOCABULARY = 20_000;
  private static final String[] SYLLABLES = {
    "ka", "lo", "mi", "ru", "te", "si", "na", "po", "ve", "du", "ba", "ge", "ho", "ji", "ku", "le",
    "mo", "ni", "pa", "qu", "ri", "sa", "to", "vu", "wa", "xe", "yo", "zu", "fa", "di"
  };
  private static final int[] QUERY_RANKS = {3, 10, 30, 100, 300, 1000, 3000};

  private SearchBenchLoader() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> options = options(args);
    int count = Integer.parseInt(options.getOrDefault("--conversations", "100000"));
    String token = options.getOrDefault("--token", "bench-token");
    Path meta = Path.of(options.getOrDefault("--meta", "search-bench.meta"));
    long started = System.nanoTime();
    try (Store store = open(options)) {
      load(store, count, token, meta);
    }
    System.out.printf(
        "loaded %d conversations in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
  }

  /** The {@code --name value} pairs of {@code args}. */
  static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    return options;
  }

  /**
   * The store the options name: PostgreSQL at {@code --database-url} (user {@code --database-user},
   * default postgres), else SQLite in {@code --data-dir} (created when missing).
   */
  static Store open(Map<String, String> options) throws IOException {
    if (options.containsKey("--database-url")) {
      return new PostgresStore(
          options.get("--database-url"),
          options.getOrDefault("--database-user", "postgres"),
          null,
          4);
    }
    Path dir = Path.of(options.getOrDefault("--data-dir", "parley-data"));
    Files.createDirectories(dir);
    return new SqliteStore(dir.resolve("parley.db"), 2);
  }

  private static void load(Store store, int count, String token, Path meta) throws IOException {
    Clock clock = Clock.systemUTC();
    WorkspaceService workspaces = new WorkspaceService(store, clock);
    if (workspaces.bootstrap("Owner", "owner@parley.local", token).isEmpty()) {
      throw new IllegalStateException(
          "the store is not empty: load into a new data dir or database");
    }
    long ws = workspaces.find("default").id();
    List<Long> admins = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Admin admin = workspaces.createAdmin("default", "Admin " + i, "admin" + i + "@bench.example");
      admins.add(admin.id());
    }
    List<Long> teams = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      teams.add(
          workspaces.createTeam("default", "Team " + i, admins.subList(i * 4, i * 4 + 4)).id());
    }
    List<Long> tags =
        store.write(
            repos -> {
              List<Long> ids = new ArrayList<>();
              for (int i = 0; i < 10; i++) {
                long id = repos.nextId("tag");
                repos.tags().insert(new Tag(ws, id, "tag" + i, END - DAYS * 86_400L));
                ids.add(id);
              }
              return ids;
            });

    Random random = new Random(42);
    double[] cumulative = zipf(VOCABULARY);
    List<String> contacts = new ArrayList<>();
    users(store, ws, Math.max(100, count / 10), END - DAYS * 86_400L - 86_400L)
        .forEach(c -> contacts.add(c.id()));

    Map<String, Integer> documentFrequency = new HashMap<>();
    for (int start = 0; start < count; start += BATCH) {
      int size = Math.min(BATCH, count - start);
      List<Conversation> conversations = new ArrayList<>(size);
      List<String> authors = new ArrayList<>(size);
      List<String> bodies = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        authors.add(contacts.get(random.nextInt(contacts.size())));
        int words = 8 + random.nextInt(33);
        StringBuilder body = new StringBuilder("<p>");
        for (int w = 0; w < words; w++) {
          body.append(w == 0 ? "" : " ").append(word(sample(cumulative, random)));
        }
        bodies.add(body.append("</p>").toString());
        for (String word : BodyWords.ofBody(bodies.get(i))) {
          documentFrequency.merge(word, 1, Integer::sum);
        }
      }
      List<Long> tagged = new ArrayList<>();
      store.write(
          repos -> {
            long firstId = repos.nextIds("conversation", size);
            long firstPart = repos.nextIds("part", size * 2);
            for (int i = 0; i < size; i++) {
              long id = firstId + i;
              long created = END - DAYS * 86_400L + (long) (random.nextDouble() * DAYS * 86_400L);
              double s = random.nextDouble();
              ConversationState state =
                  s < 0.35
                      ? ConversationState.OPEN
                      : s < 0.85 ? ConversationState.CLOSED : ConversationState.SNOOZED;
              Long admin =
                  random.nextDouble() < 0.8 ? admins.get(random.nextInt(admins.size())) : null;
              Long team =
                  random.nextDouble() < 0.6 ? teams.get(random.nextInt(teams.size())) : null;
              long reply = created + 60 + random.nextInt(7200);
              Conversation c =
                  new Conversation(
                      ws,
                      id,
                      created,
                      reply,
                      null,
                      state,
                      random.nextBoolean(),
                      random.nextDouble() < 0.1 ? Priority.PRIORITY : Priority.NOT_PRIORITY,
                      admin,
                      team,
                      state == ConversationState.SNOOZED ? END + 86_400L : null,
                      state == ConversationState.OPEN ? created : null,
                      new LinkedHashMap<>(),
                      new Conversation.Source(
                          firstPart + 2L * i,
                          "conversation",
                          "customer_initiated",
                          "",
                          bodies.get(i),
                          AuthorType.USER,
                          authors.get(i),
                          null,
                          false),
                      created);
              repos.conversations().insert(c);
              repos.conversationLinks().insertContact(ws, id, authors.get(i), 0);
              long responder = admin != null ? admin : admins.get(0);
              repos
                  .conversationParts()
                  .insertPart(
                      new ConversationPart(
                          ws,
                          firstPart + 2L * i + 1,
                          id,
                          PartType.COMMENT,
                          "<p>Thanks, we are on it.</p>",
                          reply,
                          reply,
                          reply,
                          AuthorType.ADMIN,
                          Long.toString(responder),
                          null,
                          null,
                          List.of(),
                          state,
                          false));
              if (random.nextDouble() < 0.1) {
                long tag = tags.get(random.nextInt(tags.size()));
                repos.conversationLinks().insertTag(ws, id, tag, reply, responder);
                tagged.add(id);
              }
              ConversationMetrics m =
                  ConversationMetrics.started(
                      ws, id, created, "conversation", "customer_initiated");
              if (admin != null) {
                m.onAssignment(created + 30, admin, team);
              }
              m.onAdminReply(reply);
              if (state == ConversationState.CLOSED) {
                m.onClose(reply + 60, responder);
              } else if (state == ConversationState.SNOOZED) {
                m.onSnooze(reply + 60);
              }
              repos.metrics().insert(m);
            }
            return null;
          });
      if ((start / BATCH) % 20 == 19) {
        System.out.printf("  %d conversations%n", start + size);
      }
    }

    StringBuilder out = new StringBuilder();
    out.append("token ").append(token).append('\n');
    out.append("admins");
    admins.forEach(a -> out.append(' ').append(a));
    out.append('\n');
    out.append("range ").append(END - DAYS * 86_400L).append(' ').append(END).append('\n');
    out.append("words");
    for (int rank : QUERY_RANKS) {
      out.append(' ').append(word(rank));
    }
    out.append('\n');
    for (int rank : QUERY_RANKS) {
      String w = word(rank);
      out.append("# word ")
          .append(w)
          .append(" (rank ")
          .append(rank)
          .append(") is in ")
          .append(documentFrequency.getOrDefault(w, 0))
          .append(" conversations\n");
    }
    Files.writeString(meta, out.toString());
    System.out.print(out);
  }

  /** The vocabulary word of {@code rank} (1-based), a pronounceable made-up word. */
  /**
   * Inserts {@code count} users ({@code user<n>@bench.example}, external id {@code ext<n>}), the
   * n-th created at {@code firstCreated + n} (Unix seconds), {@value #BATCH} per transaction.
   *
   * @return the users in creation order
   */
  static List<Contact> users(Store store, long ws, int count, long firstCreated) {
    List<Contact> users = new ArrayList<>(count);
    for (int start = 0; start < count; start += BATCH) {
      int size = Math.min(BATCH, count - start);
      List<Contact> batch = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        int n = start + i;
        long created = firstCreated + n;
        batch.add(
            new Contact(
                ws,
                ContactService.newContactId(),
                "user",
                "user" + n + "@bench.example",
                "ext" + n,
                "User " + n,
                null,
                null,
                null,
                false,
                new LinkedHashMap<>(),
                null,
                null,
                null,
                false,
                created,
                created));
      }
      store.write(
          repos -> {
            batch.forEach(repos.contacts()::insert);
            return null;
          });
      users.addAll(batch);
    }
    return users;
  }

  static String word(int rank) {
    StringBuilder word = new StringBuilder();
    int n = rank + SYLLABLES.length;
    while (n > 0) {
      word.append(SYLLABLES[n % SYLLABLES.length]);
      n /= SYLLABLES.length;
    }
    return word.toString();
  }

  static double[] zipf(int size) {
    double[] cumulative = new double[size];
    double sum = 0;
    for (int i = 0; i < size; i++) {
      sum += 1.0 / (i + 1);
      cumulative[i] = sum;
    }
    for (int i = 0; i < size; i++) {
      cumulative[i] /= sum;
    }
    return cumulative;
  }

  /** A 1-based rank drawn from the cumulative distribution. */
  static int sample(double[] cumulative, Random random) {
    double u = random.nextDouble();
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo + 1;
  }
}
