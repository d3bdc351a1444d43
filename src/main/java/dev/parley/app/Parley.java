package dev.parley.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.blob.BlobStore;
import dev.parley.blob.FilesystemBlobStore;
import dev.parley.config.ParleyConfig;
import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.ServerClock;
import dev.parley.domain.Store;
import dev.parley.domain.admin.AdminService;
import dev.parley.domain.attribute.DataAttributeService;
import dev.parley.domain.company.CompanyService;
import dev.parley.domain.company.CompanyTagService;
import dev.parley.domain.contact.ContactService;
import dev.parley.domain.contact.ContactTagService;
import dev.parley.domain.contact.VisitorService;
import dev.parley.domain.conversation.ConversationCustomerService;
import dev.parley.domain.conversation.ConversationService;
import dev.parley.domain.conversation.ConversationStateService;
import dev.parley.domain.conversation.ErasureService;
import dev.parley.domain.conversation.MessageService;
import dev.parley.domain.conversation.QueuedBlobRemoval;
import dev.parley.domain.conversation.RedactionService;
import dev.parley.domain.conversation.UploadRecovery;
import dev.parley.domain.event.DataEventService;
import dev.parley.domain.note.NoteService;
import dev.parley.domain.operator.SeedService;
import dev.parley.domain.operator.SnapshotService;
import dev.parley.domain.operator.WorkspaceErasureService;
import dev.parley.domain.operator.WorkspaceService;
import dev.parley.domain.reporting.ReportingService;
import dev.parley.domain.segment.SegmentService;
import dev.parley.domain.segment.SubscriptionTypeService;
import dev.parley.domain.tag.TagService;
import dev.parley.domain.ticket.TicketService;
import dev.parley.domain.ticket.TicketTypeService;
import dev.parley.domain.webhook.Outbox;
import dev.parley.domain.webhook.WebhookService;
import dev.parley.domain.workspace.AuthService;
import dev.parley.domain.workspace.OperatorAuth;
import dev.parley.domain.workspace.WorkspaceRateLimiter;
import dev.parley.http.ApiRoute;
import dev.parley.http.FailedAuthThrottle;
import dev.parley.http.HealthRoutes;
import dev.parley.http.HttpServer;
import dev.parley.http.RouteTable;
import dev.parley.http.Wire;
import dev.parley.http.admins.AdminRoutes;
import dev.parley.http.attributes.DataAttributeRoutes;
import dev.parley.http.companies.CompanyRoutes;
import dev.parley.http.contacts.ContactRoutes;
import dev.parley.http.conversations.ConversationRoutes;
import dev.parley.http.events.DataEventRoutes;
import dev.parley.http.messages.MessageRoutes;
import dev.parley.http.notes.NoteRoutes;
import dev.parley.http.operator.ClockRoutes;
import dev.parley.http.operator.FaultRoutes;
import dev.parley.http.operator.Faults;
import dev.parley.http.operator.JournalRoutes;
import dev.parley.http.operator.RequestJournal;
import dev.parley.http.operator.SeedRequest;
import dev.parley.http.operator.SnapshotRoutes;
import dev.parley.http.operator.WebhookRoutes;
import dev.parley.http.operator.WorkspaceRoutes;
import dev.parley.http.reporting.ReportingRoutes;
import dev.parley.http.segments.SegmentRoutes;
import dev.parley.http.segments.SubscriptionTypeRoutes;
import dev.parley.http.tags.TagRoutes;
import dev.parley.http.tickets.TicketRoutes;
import dev.parley.http.tickets.TicketTypeRoutes;
import dev.parley.http.uploads.UploadRoutes;
import dev.parley.http.visitors.VisitorRoutes;
import dev.parley.http.webhooks.WebhookItemRenderer;
import dev.parley.jobs.ApiActivity;
import dev.parley.jobs.ExportWorkers;
import dev.parley.jobs.FilesystemExportFiles;
import dev.parley.jobs.SnoozeWakeUp;
import dev.parley.jobs.WebhookDelivery;
import dev.parley.store.PostgresStore;
import dev.parley.store.SqliteStore;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the store, the blob store, the services and the HTTP server from a
 * {@link ParleyConfig}, by hand, in one place; starts and stops them.
 */
public final class Parley implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Parley.class);

  /** What a start says when PARLEY_BOOTSTRAP_TOKEN is set but cannot take effect. */
  static final String IGNORED_BOOTSTRAP_TOKEN =
      "PARLEY_BOOTSTRAP_TOKEN is set but IGNORED: this store was bootstrapped by an earlier start"
          + " and that token is not one of its tokens, so requests with it get 401. Use the token"
          + " the first start printed (or one from 'token create'), or start on a new --data-dir or"
          + " database to bootstrap with this one.";

  private final ParleyConfig config;
  private final Store store;
  private final BlobStore blobs;
  private final WorkspaceService workspaces;
  private final SeedService seeds;
  private final ErasureService erasures;
  private final UploadRecovery uploadRecovery;
  private final QueuedBlobRemoval blobRemoval;
  private final ServerClock clock;
  private final HttpServer server;
  private final ScheduledExecutorService jobs;
  private final ExportWorkers exports;
  private final WebhookDelivery webhookDelivery;
  private final SnoozeWakeUp snoozeWakeUp;

  /**
   * Opens the store (migrating it) and wires everything; {@link #start} serves.
   *
   * @param baseClock the server clock, or the clock a new {@link ServerClock} follows until a test
   *     moves it
   */
  public Parley(ParleyConfig config, Clock baseClock) {
    this.config = config;
    // Every service reads this one clock, so that moving it (/_parley/clock) moves them all.
    ServerClock clock =
        baseClock instanceof ServerClock server ? server : new ServerClock(baseClock);
    this.clock = clock;
    this.store = openStore(config);
    FilesystemExportFiles exportFiles;
    try {
      this.blobs = new FilesystemBlobStore(config.store().effectiveBlobDir());
      exportFiles = new FilesystemExportFiles(config.effectiveExportDir());
    } catch (IOException e) {
      store.close();
      throw new UncheckedIOException("cannot create the upload or export directory", e);
    }
    ObjectMapper mapper = objectMapper();
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(meters);
    new JvmThreadMetrics().bindTo(meters);

    this.workspaces = new WorkspaceService(store, clock);
    this.seeds = new SeedService(store, clock, workspaces);
    ApiActivity apiActivity = new ApiActivity();
    Faults faults = new Faults(clock);
    RequestJournal journal = new RequestJournal(config.operatorToken() != null, clock);
    this.webhookDelivery =
        new WebhookDelivery(
            store, clock, config.effectiveWebhooks(), !config.postgres(), version(), apiActivity);
    Outbox outbox =
        new Outbox(
            clock, new WebhookItemRenderer(mapper, this::publicBaseUrl), webhookDelivery::wake);
    ConversationService conversations = new ConversationService(store, blobs, clock, outbox);
    ParleyConfig.Exports exportConfig = config.effectiveExports();
    this.exports =
        new ExportWorkers(
            store,
            exportFiles,
            clock,
            exportConfig.workers(),
            exportConfig.expirySeconds(),
            !config.postgres());
    this.blobRemoval = new QueuedBlobRemoval(store, blobs);
    this.uploadRecovery = new UploadRecovery(store, blobs);
    this.erasures =
        new ErasureService(
            store,
            blobs,
            clock,
            List.of(exports.erasureHook(), journal.erasureHook()),
            blobRemoval,
            outbox);
    ConversationStateService states = new ConversationStateService(store, clock, outbox);
    this.snoozeWakeUp = new SnoozeWakeUp(states);
    ReportingService reporting = new ReportingService(store, exportFiles, clock, exports::wake);
    AuthService auth = new AuthService(store, clock);
    this.server =
        new HttpServer(
            Stream.concat(
                    RouteTable.of(
                        new AdminRoutes(new AdminService(store, outbox, clock), mapper),
                        new CompanyRoutes(new CompanyService(store, clock, outbox), mapper),
                        new ContactRoutes(
                            new ContactService(store, clock, outbox), erasures, mapper),
                        new VisitorRoutes(
                            new VisitorService(store, clock, erasures),
                            new ContactService(store, clock, outbox),
                            mapper),
                        new ConversationRoutes(
                            conversations,
                            states,
                            new ConversationCustomerService(store, clock, outbox),
                            new RedactionService(store, blobRemoval, clock, outbox),
                            erasures,
                            mapper,
                            config.http().publicUrl()),
                        new DataAttributeRoutes(new DataAttributeService(store, clock), mapper),
                        new DataEventRoutes(
                            new DataEventService(store), mapper, clock, config.http().publicUrl()),
                        new MessageRoutes(
                            new MessageService(store, clock, outbox), conversations, mapper),
                        tagRoutes(store, clock, outbox, mapper),
                        new TicketTypeRoutes(new TicketTypeService(store, clock), mapper),
                        new TicketRoutes(
                            new TicketService(store, clock, states, outbox),
                            conversations,
                            erasures,
                            mapper,
                            config.http().publicUrl()),
                        new NoteRoutes(new NoteService(store, clock), mapper),
                        new SegmentRoutes(new SegmentService(store, clock)),
                        new SubscriptionTypeRoutes(
                            new SubscriptionTypeService(store, clock, outbox), mapper),
                        new ReportingRoutes(reporting, mapper, config.http().publicUrl()),
                        new UploadRoutes(conversations, blobs),
                        new HealthRoutes(store, meters))
                        .stream(),
                    Stream.concat(
                        Stream.concat(
                            new ClockRoutes(clock, mapper, snoozeWakeUp::run).routes().stream(),
                            Stream.concat(
                                new FaultRoutes(faults, this::workspaceNamed, mapper)
                                    .routes().stream(),
                                Stream.concat(
                                    new JournalRoutes(journal, this::workspaceNamed)
                                        .routes().stream(),
                                    Stream.concat(
                                        new WorkspaceRoutes(
                                                workspaces,
                                                new WorkspaceErasureService(store, erasures, auth),
                                                seeds,
                                                mapper)
                                            .routes().stream(),
                                        new SnapshotRoutes(
                                                new SnapshotService(store, clock, erasures), mapper)
                                            .routes().stream())))),
                        new WebhookRoutes(
                                new WebhookService(store, clock, outbox),
                                this::workspaceNamed,
                                mapper)
                            .routes().stream()))
                .toList(),
            auth,
            new OperatorAuth(config.operatorToken()),
            config.postgres()
                ? WorkspaceRateLimiter.shared(clock, config.limits().rateLimitPerMinute(), store)
                : WorkspaceRateLimiter.local(clock, config.limits().rateLimitPerMinute()),
            new FailedAuthThrottle(clock, config.limits().authFailuresPerMinute()),
            mapper,
            meters,
            config.http().maxRequestBytes(),
            apiActivity,
            faults,
            journal);
    faults.knownOperations(server.workspaceOperations());
    this.jobs =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "parley-jobs");
              t.setDaemon(true);
              return t;
            });
  }

  /** Opens the store the configuration names: PostgreSQL, or SQLite in the data dir. */
  public static Store openStore(ParleyConfig config) {
    if (config.postgres()) {
      return new PostgresStore(
          config.store().databaseUrl(),
          config.store().databaseUser(),
          config.store().databasePassword(),
          config.store().readerPoolSize(),
          config.maintenance().vacuumAfterErasureSeconds(),
          config.limits().searchTimeoutSeconds());
    }
    try {
      Files.createDirectories(config.store().dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data dir", e);
    }
    return new SqliteStore(
        config.store().dataDir().resolve("parley.db"),
        config.store().readerPoolSize(),
        config.limits().searchTimeoutSeconds(),
        config.store().sqliteWalLimitBytes());
  }

  /** The JSON mapper for Intercom's wire shapes: snake_case names, nulls written. */
  public static ObjectMapper objectMapper() {
    return new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  }

  /**
   * Seeds the workspace a fixture file names ({@code serve --seed FILE}, {@link
   * SeedService#seedAtStart}), printing the token of a workspace it created once on {@code out}.
   *
   * @throws IllegalArgumentException for a file that cannot be read or bad input (naming the
   *     field); nothing is then written and the start fails
   */
  private void seedAtStart(java.nio.file.Path file, PrintStream out) {
    SeedService.StartOutcome outcome;
    try {
      ObjectMapper mapper = objectMapper();
      JsonNode node = mapper.readTree(file.toFile());
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("seed file " + file + ": not a JSON object");
      }
      SeedRequest request = Wire.bind((ObjectNode) node, mapper, SeedRequest.class);
      outcome = seeds.seedAtStart(request.toSeed());
    } catch (IOException e) {
      throw new IllegalArgumentException("seed file " + file + ": " + e.getMessage(), e);
    } catch (ApiException e) {
      throw new IllegalArgumentException("seed file " + file + ": " + e.getMessage(), e);
    }
    if (outcome.ids() == null) {
      LOG.info(
          "--seed: workspace '{}' already holds contacts or conversations; not seeded again",
          outcome.workspace());
      return;
    }
    if (outcome.token() != null) {
      out.println(
          "Access token of workspace '"
              + outcome.workspace()
              + "' (shown once, store it now): "
              + outcome.token());
      out.flush();
    }
    LOG.info(
        "--seed: seeded workspace '{}' with {} contact(s) and {} conversation(s)",
        outcome.workspace(),
        outcome.ids().byKind().get("contacts").size(),
        outcome.ids().byKind().get("conversations").size());
  }

  /**
   * Bootstraps a fresh store, recovers from a crash (uploads whose reply never committed and upload
   * files no row names are removed: {@link UploadRecovery}), drains the blob deletion queue, and
   * starts serving. On SQLite (one process) every upload intent left at start-up is abandoned; on
   * PostgreSQL, where other processes may be replying, those older than {@code
   * --upload-intent-timeout}.
   *
   * <p>On a store bootstrapped before, a {@code PARLEY_BOOTSTRAP_TOKEN} that is not one of the
   * store's live tokens would be ignored while its user expects it to work (every request would get
   * 401): that is warned about on {@code err} and in the log.
   *
   * @param out where a generated bootstrap token is printed, once
   * @param err where a warning about an ignored {@code PARLEY_BOOTSTRAP_TOKEN} is printed
   */
  public void start(PrintStream out, PrintStream err) {
    String chosen = config.owner().bootstrapToken();
    Optional<String> token =
        workspaces.bootstrap(config.owner().name(), config.owner().email(), chosen);
    if (token.isPresent()) {
      LOG.info(
          "created workspace 'default' with its owner admin and an access token with every scope");
      if (chosen == null || chosen.isBlank()) {
        out.println("Access token (shown once, store it now): " + token.get());
        out.flush();
      }
    } else if (chosen != null && !chosen.isBlank()) {
      if (workspaces.isLiveToken(chosen)) {
        LOG.info(
            "PARLEY_BOOTSTRAP_TOKEN: the store was bootstrapped before and holds this token;"
                + " nothing created");
      } else {
        LOG.warn(IGNORED_BOOTSTRAP_TOKEN);
        err.println("*".repeat(78));
        err.println("WARNING: " + IGNORED_BOOTSTRAP_TOKEN);
        err.println("*".repeat(78));
        err.flush();
      }
    }
    if (config.seedFile() != null) {
      seedAtStart(config.seedFile(), out);
    }
    long cutoff = config.postgres() ? intentCutoff() : now();
    uploadRecovery.abandonIntents(cutoff);
    int drained = erasures.drainQueue();
    if (drained > 0) {
      LOG.info("blob deletion queue: removed {} upload(s) left from before the start", drained);
    }
    try {
      uploadRecovery.sweep(cutoff);
    } catch (UncheckedIOException e) {
      LOG.warn(
          "uploads: the upload directory could not be swept ({}); serving all the same",
          e.getCause().getClass().getSimpleName());
    }
    exports.start();
    server.start(config.http().host(), config.http().port());
    webhookDelivery.start();
    long interval = Math.max(1, config.maintenance().drainIntervalSeconds());
    jobs.scheduleWithFixedDelay(this::drainQuietly, interval, interval, TimeUnit.SECONDS);
    jobs.scheduleWithFixedDelay(
        snoozeWakeUp::runQuietly, 0, SnoozeWakeUp.INTERVAL_SECONDS, TimeUnit.SECONDS);
    LOG.info(
        "parley {} listening on port {}, address {}, store {}, data dir {}",
        version(),
        server.port(),
        config.http().host(),
        store.kind(),
        config.store().dataDir().toAbsolutePath().normalize());
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }

  /** Upload intents recorded at or before this time (Unix seconds) are abandoned. */
  private long intentCutoff() {
    return now() - config.maintenance().uploadIntentTimeoutSeconds();
  }

  private void drainQuietly() {
    try {
      uploadRecovery.abandonIntents(intentCutoff());
      erasures.drainQueue();
    } catch (RuntimeException e) {
      LOG.warn("blob deletion queue drain failed: {}", e.getClass().getSimpleName());
    }
  }

  /** The base URL of upload links in webhook items: the public URL, or the listening address. */
  private String publicBaseUrl() {
    String publicUrl = config.http().publicUrl();
    if (publicUrl != null) {
      return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }
    String host = config.http().host();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + server.port();
  }

  /** The workspace named {@code name}; 404 {@code not_found} when there is none. */
  private dev.parley.domain.workspace.Workspace workspaceNamed(String name) {
    try {
      return workspaces.find(name);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.NOT_FOUND, e.getMessage());
    }
  }

  /** Every route served, as the {@link RouteTable} lists them (for tests and tooling). */
  public List<ApiRoute> routes() {
    return server.routes();
  }

  /** The bound HTTP port. */
  public int port() {
    return server.port();
  }

  /** parley's version from the jar manifest, or {@code "dev"}. */
  public static String version() {
    String version = Parley.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  /** Stops serving, then closes the store (on SQLite: checkpointing the WAL). */
  @Override
  public void close() {
    jobs.shutdownNow();
    server.stop();
    webhookDelivery.close();
    blobRemoval.close();
    exports.close();
    store.close();
    LOG.info("parley stopped");
  }

  /** The tag routes, with tagging of contacts and companies through {@code POST /tags}. */
  private static TagRoutes tagRoutes(Store store, Clock clock, Outbox outbox, ObjectMapper mapper) {
    ContactTagService contactTags = new ContactTagService(store, clock, outbox);
    return new TagRoutes(
        new TagService(store, clock),
        contactTags,
        new CompanyTagService(store, clock, contactTags),
        mapper);
  }
}
