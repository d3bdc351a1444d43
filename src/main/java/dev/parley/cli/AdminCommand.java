package dev.parley.cli;

import dev.parley.app.Parley;
import dev.parley.domain.Store;
import dev.parley.domain.admin.Admin;
import dev.parley.domain.workspace.WorkspaceService;
import java.time.Clock;
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
public final class AdminCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an admin in a workspace; prints its id.")
  static final class Create implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Option(names = "--workspace", required = true, description = "Workspace name.")
    String workspace;

    @Option(names = "--name", required = true, description = "The admin's name.")
    String name;

    @Option(names = "--email", required = true, description = "The admin's email, unique in the workspace.")
    String email;

    @Override
    public Integer call() {
      try (Store opened = Parley.openStore(store.config())) {
        Admin admin = new WorkspaceService(opened, Clock.systemUTC()).createAdmin(workspace, name, email);
        System.out.println("created admin " + admin.id());
      }
      return 0;
    }
  }
}
