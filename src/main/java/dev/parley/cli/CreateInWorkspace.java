package dev.parley.cli;

import dev.parley.domain.operator.WorkspaceService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A {@code <kind> create --workspace W --name N ...} command ({@code admin create}, {@code team
 * create}): creates one object in a workspace of the store and prints {@code created <kind> <id>},
 * the id as Intercom's API shows it.
 */
abstract class CreateInWorkspace implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin WorkspaceStoreOptions store;

  @Option(names = "--name", required = true, description = "The ${PARENT-COMMAND-NAME}'s name.")
  String name;

  /**
   * Creates the object in {@code store.workspace}.
   *
   * @return its id
   * @throws IllegalArgumentException when the workspace does not exist or an option is refused
   */
  abstract long create(WorkspaceService workspaces);

  @Override
  public final Integer call() {
    long id = store.withWorkspaces(this::create);
    System.out.println("created " + spec.parent().name() + " " + id);
    return 0;
  }
}
