package dev.parley.cli;

import dev.parley.domain.ticket.TicketState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ticket-state create --workspace W --category C --internal-label L [--external-label L]}:
 * adds a ticket state to a workspace, as an admin adds a custom state in Intercom's settings (the
 * 2.14 API only lists states, {@code GET /ticket_states}). Every ticket type of the workspace uses
 * it. Errors (an unknown workspace or category, a label the category has) go to standard error with
 * exit code 2.
 */
@Command(
    name = "ticket-state",
    description = "Add ticket states (Intercom's custom states) to a workspace.",
    subcommands = {TicketStateCommand.Create.class})
public final class TicketStateCommand extends CommandGroup {
  @Command(
      name = "create",
      description =
          "Add a ticket state to the workspace (its ticket types all use it) and print it as JSON.")
  static final class Create implements Callable<Integer> {
    @Mixin WorkspaceStoreOptions store;

    @Option(
        names = "--category",
        required = true,
        description = "submitted, in_progress, waiting_on_customer or resolved.")
    String category;

    @Option(
        names = "--internal-label",
        required = true,
        description = "The name teammates see, unique in its category.")
    String internalLabel;

    @Option(
        names = "--external-label",
        description = "The name contacts see (default: the internal label).")
    String externalLabel;

    @Override
    public Integer call() {
      TicketState state =
          store.withTicketTypes(
              (workspaces, ticketTypes) ->
                  ticketTypes.addState(
                      workspaces.find(store.workspace).id(),
                      category,
                      internalLabel,
                      externalLabel == null ? internalLabel : externalLabel));
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("type", "ticket_state");
      json.put("id", Long.toString(state.id()));
      json.put("category", state.category());
      json.put("internal_label", state.internalLabel());
      json.put("external_label", state.externalLabel());
      json.put("archived", state.archived());
      JsonOutput.print(json);
      return 0;
    }
  }
}
