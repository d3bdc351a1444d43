package dev.parley.cli;

import dev.parley.app.Parley;
import dev.parley.blob.FilesystemBlobStore;
import dev.parley.config.ParleyConfig;
import dev.parley.domain.Store;
import dev.parley.domain.conversation.ErasureService;
import dev.parley.domain.conversation.QueuedBlobRemoval;
import dev.parley.domain.operator.WorkspaceErasureService;
import dev.parley.domain.webhook.Outbox;
import dev.parley.domain.workspace.Workspace;
import dev.parley.domain.workspace.WorkspaceRateLimiter;
import dev.parley.http.operator.OperatorJson;
import dev.parley.jobs.ExportWorkers;
import dev.parley.jobs.FilesystemExportFiles;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code workspace create|show|rotate-secret|restrict|unrestrict|rate-limit|delete|reset NAME}. */
@Command(
    name = "workspace",
    description =
        "Create workspaces, show them with the client secret that signs their webhook"
            + " notifications, rotate it, restrict or unrestrict their API access (403"
            + " api_plan_restricted), set their rate limits, and delete or reset them (erasures).",
    subcommands = {
      WorkspaceCommand.Create.class,
      WorkspaceCommand.Show.class,
      WorkspaceCommand.RotateSecret.class,
      WorkspaceCommand.Restrict.class,
      WorkspaceCommand.Unrestrict.class,
      WorkspaceCommand.RateLimit.class,
      WorkspaceCommand.Delete.class,
      WorkspaceCommand.Reset.class
    })
public final class WorkspaceCommand extends CommandGroup {
  @Command(name = "create", description = "Create a workspace named NAME.")
  static final class Create implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Parameters(paramLabel = "NAME", description = "The workspace's name.")
    String name;

    @Override
    public Integer call() {
      Workspace ws = store.withWorkspaces(workspaces -> workspaces.createWorkspace(name));
      System.out.println("created workspace " + ws.name() + " (app id_code " + ws.idCode() + ")");
      return 0;
    }
  }

  @Command(
      name = "show",
      description =
          "Print workspace NAME as JSON: its app_id (the app_id of its webhook notifications) and"
              + " client_secret (the key of their X-Hub-Signature), among others.")
  static final class Show implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Parameters(paramLabel = "NAME", description = "The workspace's name.")
    String name;

    @Override
    public Integer call() {
      JsonOutput.print(
          store.withWebhooks(
              (workspaces, webhooks) ->
                  OperatorJson.workspace(workspaces.find(name), webhooks.clientSecret(name))));
      return 0;
    }
  }

  @Command(
      name = "rotate-secret",
      description =
          "Give workspace NAME a new client secret and print the workspace as JSON with it: every"
              + " notification sent from now on, retries included, is signed with the new one.")
  static final class RotateSecret implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Parameters(paramLabel = "NAME", description = "The workspace's name.")
    String name;

    @Override
    public Integer call() {
      JsonOutput.print(
          store.withWebhooks(
              (workspaces, webhooks) -> {
                Workspace ws = workspaces.find(name);
                return OperatorJson.workspace(ws, webhooks.rotateSecret(name));
              }));
      return 0;
    }
  }

  /** {@code restrict} and {@code unrestrict}: one change, in either direction. */
  abstract static class Restriction implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Parameters(paramLabel = "NAME", description = "The workspace's name.")
    String name;

    /** Whether the command restricts the workspace (true) or lifts its restriction. */
    abstract boolean restricted();

    @Override
    public Integer call() {
      store.onWorkspaces(workspaces -> workspaces.setRestricted(name, restricted()));
      System.out.println((restricted() ? "restricted" : "unrestricted") + " workspace " + name);
      return 0;
    }
  }

  @Command(
      name = "restrict",
      description = "Answer every API call of workspace NAME with 403 api_plan_restricted.")
  static final class Restrict extends Restriction {
    @Override
    boolean restricted() {
      return true;
    }
  }

  @Command(name = "unrestrict", description = "Lift the restriction of workspace NAME.")
  static final class Unrestrict extends Restriction {
    @Override
    boolean restricted() {
      return false;
    }
  }

  @Command(
      name = "rate-limit",
      description =
          "Set the rate limit of workspace NAME in requests per minute, counted as Intercom does"
              + " per 10-second window as a sixth of it (rounded up); over it, 429"
              + " rate_limit_exceeded. Running servers apply it within a second.")
  static final class RateLimit implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Parameters(paramLabel = "NAME", description = "The workspace's name.")
    String name;

    @picocli.CommandLine.ArgGroup(multiplicity = "1")
    Limit limit;

    static final class Limit {
      @picocli.CommandLine.Option(
          names = "--per-minute",
          description = "Requests per minute; 0 turns the limit off for this workspace.")
      Long perMinute;

      @picocli.CommandLine.Option(
          names = "--default",
          description = "Follow the server's --rate-limit-per-minute again.")
      boolean serverDefault;
    }

    @Override
    public Integer call() {
      if (limit.perMinute != null && limit.perMinute < 0) {
        throw new picocli.CommandLine.ParameterException(
            new picocli.CommandLine(this), "--per-minute must be 0 (no limit) or more");
      }
      store.onWorkspaces(workspaces -> workspaces.setRateLimit(name, limit.perMinute));
      System.out.println(
          limit.perMinute == null
              ? "workspace " + name + " follows the server's rate limit"
              : limit.perMinute == 0
                  ? "workspace " + name + " has no rate limit"
                  : "workspace "
                      + name
                      + " may make "
                      + limit.perMinute
                      + " requests per minute ("
                      + WorkspaceRateLimiter.perWindow(limit.perMinute)
                      + " per 10 seconds)");
      return 0;
    }
  }

  /**
   * {@code delete} and {@code reset}: the erasures of {@code DELETE /_parley/workspaces/{name}} and
   * {@code POST /_parley/workspaces/{name}/reset} ({@link WorkspaceErasureService}), on the store
   * of a stopped server (a running one keeps the tokens it has in memory: use the HTTP operations
   * there).
   */
  abstract static class Erasure implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Parameters(paramLabel = "NAME", description = "The workspace's name.")
    String name;

    /** Deletes (true) or resets the workspace. */
    abstract boolean delete();

    @Override
    public Integer call() throws IOException {
      ParleyConfig config = store.config();
      try (Store opened = Parley.openStore(config);
          ExportWorkers exports =
              new ExportWorkers(
                  opened,
                  new FilesystemExportFiles(config.effectiveExportDir()),
                  Clock.systemUTC(),
                  0,
                  ParleyConfig.Exports.DEFAULT_EXPIRY_SECONDS,
                  !config.postgres());
          QueuedBlobRemoval removal =
              new QueuedBlobRemoval(
                  opened, new FilesystemBlobStore(config.store().effectiveBlobDir()))) {
        ErasureService erasures =
            new ErasureService(
                opened,
                new FilesystemBlobStore(config.store().effectiveBlobDir()),
                Clock.systemUTC(),
                List.of(exports.erasureHook()),
                removal,
                Outbox.none());
        WorkspaceErasureService service = new WorkspaceErasureService(opened, erasures, null);
        WorkspaceErasureService.Outcome outcome =
            delete() ? service.delete(name) : service.reset(name);
        System.out.println(
            (delete() ? "deleted" : "reset")
                + " workspace "
                + name
                + ": "
                + outcome.conversations()
                + " conversation(s) and "
                + outcome.uploads()
                + " upload(s) erased");
      }
      return 0;
    }
  }

  @Command(
      name = "delete",
      description =
          "Delete workspace NAME with everything in it, as DELETE /_parley/workspaces/NAME does:"
              + " an erasure (conversations, contacts, tags, uploads, snapshots, admins, teams,"
              + " tokens, webhook subscriptions). The workspace 'default' cannot be deleted. For a"
              + " stopped server's store; with a server running, use the HTTP operation.")
  static final class Delete extends Erasure {
    @Override
    boolean delete() {
      return true;
    }
  }

  @Command(
      name = "reset",
      description =
          "Empty workspace NAME of its content, as POST /_parley/workspaces/NAME/reset does: an"
              + " erasure of its conversations, contacts, tags, uploads, snapshots, erasure log,"
              + " exports and webhook deliveries; its name, app id, client secret, admins, teams,"
              + " tokens and webhook subscriptions stay. For a stopped server's store; with a"
              + " server running, use the HTTP operation.")
  static final class Reset extends Erasure {
    @Override
    boolean delete() {
      return false;
    }
  }
}
