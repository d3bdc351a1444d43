package dev.parley.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A subcommand that acts on one object of a workspace, named by {@code --workspace} and {@code
 * --id} (such as {@code segment delete} or {@code subscription-type archive}), and prints what it
 * did: a line of text, or an object as JSON. Errors are thrown and reported as every command's are
 * (standard error, exit code 2).
 */
abstract class WorkspaceObjectCommand implements Callable<Integer> {
  @Mixin WorkspaceStoreOptions store;

  @Option(names = "--id", required = true, description = "The ${PARENT-COMMAND-NAME}'s id.")
  long id;

  /**
   * Performs the change on the object {@link #id} of {@code store}'s workspace.
   *
   * @return the line to print, or an object to print as JSON
   */
  abstract Object act();

  @Override
  public final Integer call() {
    Object done = act();
    if (done instanceof String line) {
      System.out.println(line);
    } else {
      JsonOutput.print(done);
    }
    return 0;
  }
}
