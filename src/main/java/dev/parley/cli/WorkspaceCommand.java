package dev.parley.cli;

import dev.parley.app.Parley;
import dev.parley.domain.Store;
import dev.parley.domain.workspace.Workspace;
import dev.parley.domain.workspace.WorkspaceService;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code workspace create|restrict|unrestrict NAME}. */
@Command(
    name = "workspace",
    mixinStandardHelpOptions = true,
    description = "Create workspaces, and restrict or unrestrict their API access (403 api_plan_restricted).",
    subcommands = {WorkspaceCommand.Create.class, WorkspaceCommand.Restrict.class, WorkspaceCommand.Unrestrict.class})
public final class WorkspaceCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a workspace named NAME.")
  static final class Create implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Parameters(paramLabel = "NAME", description = "The workspace's name.")
    String name;

    @Override
    public Integer call() {
      try (Store opened = Parley.openStore(store.config())) {
        Workspace ws = new WorkspaceService(opened, Clock.systemUTC()).createWorkspace(name);
        System.out.println("created workspace " + ws.name() + " (app id_code " + ws.idCode() + ")");
      }
      return 0;
    }
  }

  @Command(name = "restrict", mixinStandardHelpOptions = true, description = "Answer every API call of workspace NAME with 403 api_plan_restricted.")
  static final class Restrict implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Parameters(paramLabel = "NAME", description = "The workspace's name.")
    String name;

    @Override
    public Integer call() {
      try (Store opened = Parley.openStore(store.config())) {
        new WorkspaceService(opened, Clock.systemUTC()).setRestricted(name, true);
        System.out.println("restricted workspace " + name);
      }
      return 0;
    }
  }

  @Command(name = "unrestrict", mixinStandardHelpOptions = true, description = "Lift the restriction of workspace NAME.")
  static final class Unrestrict implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Parameters(paramLabel = "NAME", description = "The workspace's name.")
    String name;

    @Override
    public Integer call() {
      try (Store opened = Parley.openStore(store.config())) {
        new WorkspaceService(opened, Clock.systemUTC()).setRestricted(name, false);
        System.out.println("unrestricted workspace " + name);
      }
      return 0;
    }
  }
}
