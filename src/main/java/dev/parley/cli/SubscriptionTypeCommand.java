package dev.parley.cli;

import dev.parley.domain.segment.SubscriptionType;
import dev.parley.domain.segment.SubscriptionTypeService;
import dev.parley.http.segments.SubscriptionTypeRoutes;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code subscription-type create --workspace W --name N [--description D] [--consent-type
 * opt_in|opt_out] [--content-types email,sms_message]}, {@code subscription-type archive
 * --workspace W --id T} and {@code subscription-type delete ...}: a workspace's subscription types,
 * as an admin edits them in Intercom's settings (the 2.14 API lists them, {@code GET
 * /subscription_types}, and records contacts' choices). Errors (an unknown workspace or type, a
 * taken name, an unknown consent or content type) go to standard error with exit code 2.
 */
@Command(
    name = "subscription-type",
    description = "Add, archive or delete a workspace's subscription types.",
    subcommands = {
      SubscriptionTypeCommand.Create.class,
      SubscriptionTypeCommand.Archive.class,
      SubscriptionTypeCommand.Delete.class
    })
public final class SubscriptionTypeCommand extends CommandGroup {
  private static <T> T withTypes(
      WorkspaceStoreOptions store, BiFunction<Long, SubscriptionTypeService, T> action) {
    return store.withStore(
        (workspaces, opened) ->
            action.apply(
                workspaces.find(store.workspace).id(),
                new SubscriptionTypeService(opened, store.clock())));
  }

  @Command(name = "create", description = "Add a live subscription type and print it as JSON.")
  static final class Create implements Callable<Integer> {
    @Mixin WorkspaceStoreOptions store;

    @Option(names = "--name", required = true, description = "Its name, unique.")
    String name;

    @Option(names = "--description", description = "Its description (default: none).")
    String description;

    @Option(
        names = "--consent-type",
        defaultValue = "opt_out",
        description = "opt_in or opt_out (default: ${DEFAULT-VALUE}).")
    String consentType;

    @Option(
        names = "--content-types",
        split = ",",
        description = "email and/or sms_message, comma-separated (default: email).")
    List<String> contentTypes;

    @Override
    public Integer call() {
      SubscriptionType t =
          withTypes(
              store,
              (ws, types) ->
                  types.create(
                      ws,
                      name,
                      description,
                      consentType,
                      contentTypes == null ? List.of() : contentTypes));
      JsonOutput.print(SubscriptionTypeRoutes.render(t));
      return 0;
    }
  }

  @Command(
      name = "archive",
      description = "Archive a subscription type: still listed, no longer attached to contacts.")
  static final class Archive extends WorkspaceObjectCommand {
    @Override
    Object act() {
      return SubscriptionTypeRoutes.render(withTypes(store, (ws, types) -> types.archive(ws, id)));
    }
  }

  @Command(
      name = "delete",
      description = "Delete a subscription type and every contact's choice about it.")
  static final class Delete extends WorkspaceObjectCommand {
    @Override
    Object act() {
      withTypes(
          store,
          (ws, types) -> {
            types.delete(ws, id);
            return null;
          });
      return "deleted subscription type " + id;
    }
  }
}
