package dev.parley.cli;

import dev.parley.app.Parley;
import dev.parley.domain.Store;
import dev.parley.domain.admin.Team;
import dev.parley.domain.workspace.WorkspaceService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code team create --workspace W --name N [--admin ID]...}. */
@Command(
    name = "team",
    mixinStandardHelpOptions = true,
    description = "Create teams of admins.",
    subcommands = {TeamCommand.Create.class})
public final class TeamCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a team; prints its id.")
  static final class Create implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Option(names = "--workspace", required = true, description = "Workspace name.")
    String workspace;

    @Option(names = "--name", required = true, description = "The team's name.")
    String name;

    @Option(names = "--admin", description = "Id of a member admin; repeatable.")
    List<Long> admins = new ArrayList<>();

    @Override
    public Integer call() {
      try (Store opened = Parley.openStore(store.config())) {
        Team team = new WorkspaceService(opened, Clock.systemUTC()).createTeam(workspace, name, admins);
        System.out.println("created team " + team.id());
      }
      return 0;
    }
  }
}
