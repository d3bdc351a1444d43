package dev.parley.bench;

import dev.parley.domain.Store;
import dev.parley.domain.admin.Admin;
import dev.parley.domain.contact.Contact;
import dev.parley.domain.conversation.AuthorType;
import dev.parley.domain.conversation.Conversation;
import dev.parley.domain.conversation.ConversationMetrics;
import dev.parley.domain.conversation.ConversationPart;
import dev.parley.domain.conversation.ConversationState;
import dev.parley.domain.conversation.PartType;
import dev.parley.domain.conversation.Priority;
import dev.parley.domain.operator.WorkspaceService;
import dev.parley.domain.ticket.Ticket;
import dev.parley.domain.ticket.TicketState;
import dev.parley.domain.ticket.TicketType;
import dev.parley.domain.ticket.TicketTypeChange;
import dev.parley.domain.ticket.TicketTypeService;
import dev.parley.domain.workspace.Caller;
import dev.parley.domain.workspace.Workspace;
import dev.parley.store.BenchBatchInserts;
import dev.parley.store.BenchBatchInserts.TicketRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Fills a parley store with synthetic tickets for {@code bench/search.sh --tickets}, writing
 * through the store's repositories (the code that serves the API) for the workspace, admins, teams,
 * ticket types and contacts, and the tickets themselves (conversation rows with their ticket
 * columns, contact links, parts, reporting records) through {@link BenchBatchInserts}: one batch
 * per table and one transaction per thousand tickets (about 110 tickets a second on PostgreSQL when
 * each row was its own statement).
 *
 * <p>The data: workspace {@code default} (bootstrap token {@code --token}), 20 admins, 5 teams, one
 * contact per 10 tickets, 5 ticket types made by {@link TicketTypeService} (3 customer, 1
 * back-office, 1 tracker; customer types take 80% of the tickets) and the workspace's default
 * ticket states. Each ticket is created uniformly in the {@value SearchBenchLoader#DAYS} days
 * before 2026-01-01, by a contact, with a title and a description; its state: 20% submitted, 30% in
 * progress, 15% waiting on the customer, 35% resolved (closed, the others open); 80% assigned to an
 * admin, 60% to a team; 1 to 5 parts (admin comments, one in four a note) after its source; a
 * reporting record each.
 *
 * <p>Usage: {@code TicketSearchBenchLoader (--data-dir DIR | --database-url URL [--database-user
 * U]) --tickets N --token T --meta FILE}. The meta file tells the benchmark what to ask for: admin
 * ids, ticket type ids, state categories, the time range.
 */
public final class TicketSearchBenchLoader {
  private static final int BATCH = 1000;

  private TicketSearchBenchLoader() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> options = SearchBenchLoader.options(args);
    int count = Integer.parseInt(options.getOrDefault("--tickets", "100000"));
    String token = options.getOrDefault("--token", "bench-token");
    Path meta = Path.of(options.getOrDefault("--meta", "ticket-bench.meta"));
    long started = System.nanoTime();
    try (Store store = SearchBenchLoader.open(options)) {
      load(store, count, token, meta);
    }
    System.out.printf("loaded %d tickets in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
  }

  private static void load(Store store, int count, String token, Path meta) throws IOException {
    Clock clock = Clock.systemUTC();
    WorkspaceService workspaces = new WorkspaceService(store, clock);
    if (workspaces.bootstrap("Owner", "owner@parley.local", token).isEmpty()) {
      throw new IllegalStateException(
          "the store is not empty: load into a new data dir or database");
    }
    Workspace workspace = workspaces.find("default");
    long ws = workspace.id();
    long start = SearchBenchLoader.END - SearchBenchLoader.DAYS * 86_400L;
    long span = SearchBenchLoader.DAYS * 86_400L;
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
    TicketTypeService typeService = new TicketTypeService(store, clock);
    Caller caller = new Caller(workspace, 0, admins.get(0), Set.of());
    String[][] typeSpecs = {
      {"Bug report", "Customer"},
      {"Billing question", "Customer"},
      {"Feature request", "Customer"},
      {"Refund approval", "Back-office"},
      {"Outage", "Tracker"}
    };
    List<TicketType> types = new ArrayList<>();
    for (String[] spec : typeSpecs) {
      types.add(
          typeService
              .create(caller, new TicketTypeChange(spec[0], spec[0], null, spec[1], false, null))
              .type());
    }
    Map<String, TicketState> stateOf = new LinkedHashMap<>();
    for (TicketState s : store.read(repos -> repos.ticketTypes().states(ws))) {
      if (!s.archived()) {
        stateOf.putIfAbsent(s.category(), s);
      }
    }

    Random random = new Random(42);
    List<Contact> contacts =
        SearchBenchLoader.users(store, ws, Math.max(100, count / 10), start - 86_400L);

    String[] subjects = {"login", "invoice", "export", "webhook", "billing", "search", "upload"};
    for (int from = 0; from < count; from += BATCH) {
      int first = from;
      int size = Math.min(BATCH, count - first);
      store.write(
          repos -> {
            long firstId = repos.nextIds("conversation", size);
            long firstNumber = repos.nextIds("ticket", size);
            long firstPart = repos.nextIds("part", size * 6);
            List<TicketRows> rows = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
              long id = firstId + i;
              long created = start + (long) (random.nextDouble() * span);
              Contact author = contacts.get(random.nextInt(contacts.size()));
              double t = random.nextDouble();
              TicketType type = types.get(t < 0.8 ? random.nextInt(3) : t < 0.9 ? 3 : 4);
              double s = random.nextDouble();
              String category =
                  s < 0.2
                      ? "submitted"
                      : s < 0.5 ? "in_progress" : s < 0.65 ? "waiting_on_customer" : "resolved";
              TicketState state = stateOf.get(category);
              boolean resolved = category.equals("resolved");
              Long admin =
                  random.nextDouble() < 0.8 ? admins.get(random.nextInt(admins.size())) : null;
              Long team =
                  random.nextDouble() < 0.6 ? teams.get(random.nextInt(teams.size())) : null;
              int parts = 1 + random.nextInt(5);
              long[] at = new long[parts + 1];
              at[0] = created;
              for (int p = 1; p <= parts; p++) {
                at[p] = at[p - 1] + 60 + random.nextInt(7200);
              }
              long last = at[parts];
              long partId = firstPart + 6L * i;
              Conversation c =
                  new Conversation(
                      ws,
                      id,
                      created,
                      last,
                      null,
                      resolved ? ConversationState.CLOSED : ConversationState.OPEN,
                      random.nextBoolean(),
                      Priority.NOT_PRIORITY,
                      admin,
                      team,
                      null,
                      resolved ? null : created,
                      new LinkedHashMap<>(),
                      new Conversation.Source(
                          partId,
                          "conversation",
                          "customer_initiated",
                          "",
                          "",
                          AuthorType.USER,
                          author.id(),
                          null,
                          false),
                      null);
              List<ConversationPart> partRows = new ArrayList<>(parts);
              long responder = admin != null ? admin : admins.get(0);
              ConversationMetrics m =
                  ConversationMetrics.started(
                      ws, id, created, "conversation", "customer_initiated");
              if (admin != null) {
                m.onAssignment(created + 30, admin, team);
              }
              for (int p = 1; p <= parts; p++) {
                boolean note = p % 4 == 0;
                partRows.add(
                    new ConversationPart(
                        ws,
                        partId + p,
                        id,
                        note ? PartType.NOTE : PartType.COMMENT,
                        note
                            ? "<p>Internal: checked the logs for this one.</p>"
                            : "<p>Thanks, we are looking into the "
                                + subjects[random.nextInt(subjects.length)]
                                + " problem.</p>",
                        at[p],
                        at[p],
                        at[p],
                        AuthorType.ADMIN,
                        Long.toString(responder),
                        null,
                        null,
                        List.of(),
                        c.state(),
                        false));
                if (note) {
                  m.onOtherPart(at[p]);
                } else {
                  m.onAdminReply(at[p]);
                }
              }
              if (resolved) {
                m.onClose(last + 60, responder);
              }
              Map<String, Object> attributes = new LinkedHashMap<>();
              String subject = subjects[random.nextInt(subjects.length)];
              attributes.put("_default_title_", "Problem with " + subject + " " + (first + i));
              attributes.put(
                  "_default_description_",
                  "The " + subject + " page fails since yesterday for our whole team.");
              Ticket ticket =
                  new Ticket(
                      ws,
                      id,
                      firstNumber + i,
                      type.id(),
                      state.id(),
                      type.category(),
                      attributes,
                      random.nextDouble() < 0.7);
              rows.add(new TicketRows(c, ticket, author.id(), partRows, m));
            }
            BenchBatchInserts.insertTickets(repos, rows);
            return null;
          });
      if ((first / BATCH) % 20 == 19) {
        System.out.printf("  %d tickets%n", first + size);
      }
    }

    StringBuilder out = new StringBuilder();
    out.append("token ").append(token).append('\n');
    out.append("admins");
    admins.forEach(a -> out.append(' ').append(a));
    out.append('\n');
    out.append("types");
    types.forEach(t -> out.append(' ').append(t.id()));
    out.append('\n');
    out.append("states submitted in_progress waiting_on_customer resolved\n");
    out.append("range ").append(start).append(' ').append(SearchBenchLoader.END).append('\n');
    out.append("# ")
        .append(count)
        .append(" tickets of 5 types (3 customer: 80%), 1 to 5 parts each after the source\n");
    Files.writeString(meta, out.toString());
    System.out.print(out);
  }
}
