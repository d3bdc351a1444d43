package dev.parley.cli;

import dev.parley.domain.admin.Team;
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
public final class TeamCommand extends CommandGroup {
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a team; prints its id.")
  static final class Create implements Callable<Integer> {
    @Mixin WorkspaceStoreOptions store;

    @Option(names = "--name", required = true, description = "The team's name.")
    String name;

    @Option(names = "--admin", description = "Id of a member admin; repeatable.")
    List<Long> admins = new ArrayList<>();

    @Override
    public Integer call() {
      Team team =
          store.withWorkspaces(workspaces -> workspaces.createTeam(store.workspace, name, admins));
      System.out.println("created team " + team.id());
      return 0;
    }
  }
}
