package dev.parley.cli;

import picocli.CommandLine.Option;

/**
 * The store options plus {@code --workspace NAME}, for the commands that act inside one workspace.
 */
class WorkspaceStoreOptions extends StoreOptions {
  @Option(names = "--workspace", required = true, description = "Workspace name.")
  String workspace;
}
