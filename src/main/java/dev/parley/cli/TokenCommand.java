package dev.parley.cli;

import dev.parley.domain.operator.WorkspaceService;
import dev.parley.domain.workspace.Scope;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code token create|revoke}. */
@Command(
    name = "token",
    description = "Create and revoke access tokens. Only a token's SHA-256 hash is stored.",
    subcommands = {TokenCommand.Create.class, TokenCommand.Revoke.class})
public final class TokenCommand extends CommandGroup {
  @Command(
      name = "create",
      description = "Create a token and print it once: keep it, it cannot be shown again.")
  static final class Create implements Callable<Integer> {
    @Mixin WorkspaceStoreOptions store;

    @Option(
        names = "--admin",
        description = "Id of the admin the token acts as (default: the workspace's first admin).")
    Long admin;

    @Option(
        names = "--scopes",
        description =
            "Comma separated: read, write, delete_conversations_and_metrics (default:"
                + " ${DEFAULT-VALUE}).",
        defaultValue = "read,write")
    String scopes;

    @Override
    public Integer call() {
      WorkspaceService.NewToken token =
          store.withWorkspaces(
              workspaces ->
                  workspaces.createToken(store.workspace, admin, Scope.parseList(scopes)));
      System.out.println("token id " + token.id());
      System.out.println(token.secret());
      return 0;
    }
  }

  @Command(name = "revoke", description = "Revoke a token by its id: it then gets 401.")
  static final class Revoke implements Callable<Integer> {
    @Mixin WorkspaceStoreOptions store;

    @Parameters(paramLabel = "ID", description = "The token's id, as token create printed it.")
    long id;

    @Override
    public Integer call() {
      if (!store.withWorkspaces(workspaces -> workspaces.revokeToken(store.workspace, id))) {
        System.err.println("error: no token " + id + " in workspace " + store.workspace);
        return 2;
      }
      System.out.println("revoked token " + id);
      return 0;
    }
  }
}
