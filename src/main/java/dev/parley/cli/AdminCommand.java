package dev.parley.cli;

import dev.parley.domain.operator.WorkspaceService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code admin create --workspace W --name N --email E}. */
@Command(
    name = "admin",
    description = "Create admins (teammates).",
    subcommands = {AdminCommand.Create.class})
public final class AdminCommand extends CommandGroup {
  @Command(name = "create", description = "Create an admin in a workspace; prints its id.")
  static final class Create extends CreateInWorkspace {
    @Option(
        names = "--email",
        required = true,
        description = "The admin's email, unique in the workspace.")
    String email;

    @Override
    long create(WorkspaceService workspaces) {
      return workspaces.createAdmin(store.workspace, name, email).id();
    }
  }
}
