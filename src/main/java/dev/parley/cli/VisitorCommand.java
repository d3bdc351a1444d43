package dev.parley.cli;

import dev.parley.domain.contact.Contact;
import dev.parley.domain.contact.VisitorService;
import dev.parley.http.visitors.VisitorRoutes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code visitor create --workspace W [--user-id U] [--name N] [--email E]}: adds a visitor to a
 * workspace and prints it as JSON (as {@code GET /visitors?user_id=} shows it). In Intercom the
 * Messenger creates visitors and the 2.14 API only reads, updates and converts them, so an operator
 * seeds them. Errors (an unknown workspace, a user id another visitor has, a blank name, an email
 * without {@code @}) go to standard error with exit code 2.
 */
@Command(
    name = "visitor",
    description = "Add visitors to a workspace (the Messenger's anonymous people).",
    subcommands = {VisitorCommand.Create.class})
public final class VisitorCommand extends CommandGroup {
  @Command(name = "create", description = "Add a visitor and print it as JSON.")
  static final class Create implements Callable<Integer> {
    @Mixin WorkspaceStoreOptions store;

    @Option(
        names = "--user-id",
        description = "Its user_id, unique among the workspace's visitors (default: a new UUID).")
    String userId;

    @Option(names = "--name", description = "Its name.")
    String name;

    @Option(names = "--email", description = "Its email.")
    String email;

    @Override
    public Integer call() {
      store.withStore(
          (workspaces, opened) -> {
            var workspace = workspaces.find(store.workspace);
            Contact v =
                new VisitorService(opened, store.clock(), null)
                    .create(workspace.id(), userId, name, email);
            JsonOutput.print(VisitorRoutes.render(v, workspace));
            return null;
          });
      return 0;
    }
  }
}
