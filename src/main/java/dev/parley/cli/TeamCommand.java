package dev.parley.cli;

import dev.parley.domain.operator.WorkspaceService;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code team create --workspace W --name N [--admin ID]...}. */
@Command(
    name = "team",
    description = "Create teams of admins.",
    subcommands = {TeamCommand.Create.class})
public final class TeamCommand extends CommandGroup {
  @Command(name = "create", description = "Create a team; prints its id.")
  static final class Create extends CreateInWorkspace {
    @Option(names = "--admin", description = "Id of a member admin; repeatable.")
    List<Long> admins = new ArrayList<>();

    @Override
    long create(WorkspaceService workspaces) {
      return workspaces.createTeam(store.workspace, name, admins).id();
    }
  }
}
