package dev.parley.cli;

import dev.parley.app.Parley;
import dev.parley.config.ParleyConfig;
import dev.parley.domain.Store;
import dev.parley.domain.operator.WorkspaceService;
import dev.parley.domain.ticket.TicketTypeService;
import dev.parley.domain.webhook.Outbox;
import dev.parley.domain.webhook.WebhookService;
import dev.parley.http.webhooks.WebhookItemRenderer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** Where the store is: the data dir (SQLite), or a PostgreSQL URL. Shared by every command. */
public class StoreOptions {
  @Option(
      names = "--data-dir",
      description = "Data directory: SQLite database and uploads (default: ${DEFAULT-VALUE}).",
      defaultValue = ParleyConfig.Store.DEFAULT_DATA_DIR)
  Path dataDir;

  @Option(
      names = "--database-url",
      description =
          "jdbc:postgresql://host:port/db to use PostgreSQL instead of SQLite (env"
              + " PARLEY_DATABASE_URL).",
      defaultValue = "${env:PARLEY_DATABASE_URL}")
  String databaseUrl;

  @Option(
      names = "--database-user",
      description = "PostgreSQL user (env PARLEY_DATABASE_USER).",
      defaultValue = "${env:PARLEY_DATABASE_USER}")
  String databaseUser;

  @Option(
      names = "--database-password",
      description = "PostgreSQL password (env PARLEY_DATABASE_PASSWORD).",
      defaultValue = "${env:PARLEY_DATABASE_PASSWORD}")
  String databasePassword;

  @Option(
      names = "--blob-dir",
      description =
          "Directory for upload bytes (default: <data-dir>/uploads). Shared by every process on one"
              + " PostgreSQL.")
  Path blobDir;

  /**
   * The store these options name, with a pool of {@code poolSize} connections and, on SQLite, a
   * write-ahead log limit of {@code sqliteWalLimitBytes}.
   */
  ParleyConfig.Store store(int poolSize, long sqliteWalLimitBytes) {
    return new ParleyConfig.Store(
        dataDir,
        blank(databaseUrl),
        blank(databaseUser),
        blank(databasePassword),
        blobDir,
        poolSize,
        sqliteWalLimitBytes);
  }

  /**
   * A configuration for commands that only open the store: two connections, no vacuum after
   * erasures, everything else at its default.
   */
  ParleyConfig config() {
    ParleyConfig defaults = ParleyConfig.defaults(dataDir);
    return new ParleyConfig(
        defaults.http(),
        store(2, ParleyConfig.Store.DEFAULT_SQLITE_WAL_LIMIT_BYTES),
        defaults.owner(),
        defaults.limits(),
        new ParleyConfig.Maintenance(
            ParleyConfig.Maintenance.DEFAULT_DRAIN_INTERVAL_SECONDS,
            0,
            ParleyConfig.Maintenance.DEFAULT_UPLOAD_INTENT_TIMEOUT_SECONDS),
        defaults.exports(),
        defaults.webhooks(),
        null,
        null);
  }

  /**
   * Opens the store, answers what {@code action} makes of its workspaces (on the system clock), and
   * closes the store: what every operator command on workspaces, admins, teams and tokens does.
   */
  <T> T withWorkspaces(Function<WorkspaceService, T> action) {
    try (Store opened = Parley.openStore(config())) {
      return action.apply(new WorkspaceService(opened, Clock.systemUTC()));
    }
  }

  /** {@link #withWorkspaces} for an action that answers nothing. */
  void onWorkspaces(Consumer<WorkspaceService> action) {
    withWorkspaces(
        workspaces -> {
          action.accept(workspaces);
          return null;
        });
  }

  /**
   * Opens the store, answers what {@code action} makes of its workspaces and webhooks (on the
   * system clock), and closes the store. Notifications the action raises (the {@code ping} of a new
   * subscription) are written to the store's outbox with their items, for a running server's
   * delivery worker to send on its next poll ({@code --webhook-poll-ms}); this process sends none.
   */
  <T> T withWebhooks(BiFunction<WorkspaceService, WebhookService, T> action) {
    try (Store opened = Parley.openStore(config())) {
      Clock clock = Clock.systemUTC();
      Outbox outbox =
          new Outbox(clock, new WebhookItemRenderer(Parley.objectMapper(), () -> ""), () -> {});
      return action.apply(
          new WorkspaceService(opened, clock), new WebhookService(opened, clock, outbox));
    }
  }

  /**
   * Opens the store, answers what {@code action} makes of its workspaces and ticket types (on the
   * system clock), and closes the store.
   */
  <T> T withTicketTypes(BiFunction<WorkspaceService, TicketTypeService, T> action) {
    try (Store opened = Parley.openStore(config())) {
      Clock clock = Clock.systemUTC();
      return action.apply(
          new WorkspaceService(opened, clock), new TicketTypeService(opened, clock));
    }
  }

  /**
   * Opens the store, answers what {@code action} makes of its workspaces and of the store itself
   * (for the services an operator command needs, on {@link #clock()}), and closes the store.
   */
  <T> T withStore(BiFunction<WorkspaceService, Store, T> action) {
    try (Store opened = Parley.openStore(config())) {
      return action.apply(new WorkspaceService(opened, clock()), opened);
    }
  }

  /** The clock operator commands run on: the system's. */
  Clock clock() {
    return Clock.systemUTC();
  }

  static String blank(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
