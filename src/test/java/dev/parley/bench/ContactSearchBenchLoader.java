package dev.parley.bench;

import dev.parley.domain.Store;
import dev.parley.domain.admin.Admin;
import dev.parley.domain.company.Company;
import dev.parley.domain.contact.Contact;
import dev.parley.domain.contact.ContactService;
import dev.parley.domain.operator.WorkspaceService;
import dev.parley.domain.tag.Tag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fills a parley store with synthetic contacts and companies for {@code bench/search.sh
 * --contacts}, writing through the store's repositories (the code that serves the API), a thousand
 * rows per transaction, as {@link SearchBenchLoader} does for conversations.
 *
 * <p>The data: workspace {@code default} (bootstrap token {@code --token}), 10 admins, 20 tags,
 * {@code --companies} companies (default 10,000) created over the {@value SearchBenchLoader#DAYS}
 * days before 2026-01-01, and {@code --contacts} contacts (default 100,000) created over the same
 * days: 85% users (with an external id and a sign-up time), 15% leads; an email at one of 2,000
 * domains; 90% seen ({@code last_seen_at}) at a time uniform over the year, the others never; 30%
 * with one of the 20 tags; 80% attached to one company (about 8 contacts a company); an owner among
 * the admins for half of them.
 *
 * <p>Usage: {@code ContactSearchBenchLoader (--data-dir DIR | --database-url URL [--database-user
 * U]) --contacts N --companies M --token T --meta FILE}. The meta file tells the benchmark what to
 * ask for: 1,000 emails that exist, the tag ids, the time range, the number of companies.
 */
public final class ContactSearchBenchLoader {
  private static final int BATCH = 1000;
  private static final int DOMAINS = 2000;

  private ContactSearchBenchLoader() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> options = SearchBenchLoader.options(args);
    int contacts = Integer.parseInt(options.getOrDefault("--contacts", "100000"));
    int companies = Integer.parseInt(options.getOrDefault("--companies", "10000"));
    String token = options.getOrDefault("--token", "bench-token");
    Path meta = Path.of(options.getOrDefault("--meta", "contact-bench.meta"));
    long started = System.nanoTime();
    try (Store store = SearchBenchLoader.open(options)) {
      load(store, contacts, companies, token, meta);
    }
    System.out.printf(
        "loaded %d contacts and %d companies in %.1f s%n",
        contacts, companies, (System.nanoTime() - started) / 1e9);
  }

  private static void load(Store store, int count, int companyCount, String token, Path meta)
      throws IOException {
    WorkspaceService workspaces = new WorkspaceService(store, Clock.systemUTC());
    if (workspaces.bootstrap("Owner", "owner@parley.local", token).isEmpty()) {
      throw new IllegalStateException(
          "the store is not empty: load into a new data dir or database");
    }
    long ws = workspaces.find("default").id();
    long start = SearchBenchLoader.END - SearchBenchLoader.DAYS * 86_400L;
    long span = SearchBenchLoader.DAYS * 86_400L;
    List<Long> admins = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Admin admin = workspaces.createAdmin("default", "Admin " + i, "admin" + i + "@bench.example");
      admins.add(admin.id());
    }
    List<Long> tags =
        store.write(
            repos -> {
              List<Long> ids = new ArrayList<>();
              for (int i = 0; i < 20; i++) {
                long id = repos.nextId("tag");
                repos.tags().insert(new Tag(ws, id, "segment-tag" + i, start));
                ids.add(id);
              }
              return ids;
            });
    Random random = new Random(42);
    String[] plans = {"free", "starter", "pro", "enterprise"};
    String[] industries = {"software", "retail", "finance", "health", "education", "travel"};
    List<String> companyIds = new ArrayList<>(companyCount);
    for (int first = 0; first < companyCount; first += BATCH) {
      int size = Math.min(BATCH, companyCount - first);
      List<Company> batch = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        int n = first + i;
        long created = start + (long) (random.nextDouble() * span);
        batch.add(
            new Company(
                ws,
                ContactService.newContactId(),
                "co-" + n,
                "Company " + n,
                plans[random.nextInt(plans.length)],
                (long) (1 + random.nextInt(5000)),
                "https://c" + n + ".example",
                industries[random.nextInt(industries.length)],
                random.nextInt(20_000),
                new LinkedHashMap<>(),
                created - 86_400L * random.nextInt(3000),
                created,
                created));
      }
      store.write(
          repos -> {
            batch.forEach(repos.companies()::insert);
            return null;
          });
      batch.forEach(c -> companyIds.add(c.id()));
    }

    List<String> emails = new ArrayList<>();
    for (int first = 0; first < count; first += BATCH) {
      int size = Math.min(BATCH, count - first);
      List<Contact> batch = new ArrayList<>(size);
      List<Long> tagOf = new ArrayList<>(size);
      List<String> companyOf = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        int n = first + i;
        boolean user = random.nextDouble() < 0.85;
        long created = start + (long) (random.nextDouble() * span);
        Long lastSeen =
            random.nextDouble() < 0.9 ? start + (long) (random.nextDouble() * span) : null;
        String email = "person" + n + "@d" + random.nextInt(DOMAINS) + ".example";
        if (n % Math.max(1, count / 1000) == 0) {
          emails.add(email);
        }
        batch.add(
            new Contact(
                ws,
                ContactService.newContactId(),
                user ? "user" : "lead",
                email,
                user ? "ext" + n : null,
                "Person " + n,
                null,
                null,
                random.nextBoolean() ? admins.get(random.nextInt(admins.size())) : null,
                random.nextDouble() < 0.05,
                new LinkedHashMap<>(),
                user ? created : null,
                lastSeen,
                null,
                false,
                created,
                lastSeen != null ? Math.max(created, lastSeen) : created));
        tagOf.add(random.nextDouble() < 0.3 ? tags.get(random.nextInt(tags.size())) : null);
        companyOf.add(
            random.nextDouble() < 0.8 && !companyIds.isEmpty()
                ? companyIds.get(random.nextInt(companyIds.size()))
                : null);
      }
      store.write(
          repos -> {
            for (int i = 0; i < size; i++) {
              Contact c = batch.get(i);
              repos.contacts().insert(c);
              if (tagOf.get(i) != null) {
                repos.contactTags().insert(ws, c.id(), tagOf.get(i), c.createdAt(), null);
              }
              if (companyOf.get(i) != null) {
                repos.companies().attach(ws, c.id(), companyOf.get(i), c.createdAt());
              }
            }
            return null;
          });
      if ((first / BATCH) % 20 == 19) {
        System.out.printf("  %d contacts%n", first + size);
      }
    }

    StringBuilder out = new StringBuilder();
    out.append("token ").append(token).append('\n');
    out.append("range ").append(start).append(' ').append(SearchBenchLoader.END).append('\n');
    out.append("companies ").append(companyCount).append('\n');
    out.append("tags");
    tags.forEach(t -> out.append(' ').append(t));
    out.append('\n');
    out.append("emails");
    emails.forEach(e -> out.append(' ').append(e));
    out.append('\n');
    out.append("# ")
        .append(count)
        .append(" contacts (85% users, 90% seen, 30% tagged, 80% in a company), ")
        .append(companyCount)
        .append(" companies\n");
    Files.writeString(meta, out.toString());
    System.out.print(out.toString().lines().filter(l -> !l.startsWith("emails")).toList());
    System.out.println();
  }
}
