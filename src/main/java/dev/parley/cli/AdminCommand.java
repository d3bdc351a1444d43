package dev.parley.cli;

import dev.parley.domain.admin.Admin;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code admin create --workspace W --name N --email E}. */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    description = "Create admins (teammates).",
    subcommands = {AdminCommand.Create.class})
public final class AdminCommand extends CommandGroup {
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create an admin in a workspace; prints its id.")
  static final class Create implements Callable<Integer> {
    @Mixin WorkspaceStoreOptions store;

    @Option(names = "--name", required = true, description = "The admin's name.")
    String name;

    @Option(
        names = "--email",
        required = true,
        description = "The admin's email, unique in the workspace.")
    String email;

    @Override
    public Integer call() {
      Admin admin =
          store.withWorkspaces(workspaces -> workspaces.createAdmin(store.workspace, name, email));
      System.out.println("created admin " + admin.id());
      return 0;
    }
  }
}
