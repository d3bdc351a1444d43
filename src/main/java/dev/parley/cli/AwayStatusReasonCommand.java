package dev.parley.cli;

import dev.parley.domain.admin.AwayStatusReason;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code away-status-reason create --workspace W --label L [--emoji E]} and {@code
 * away-status-reason delete --workspace W --id N}: the workspace's away status reasons, as an admin
 * configures them in Intercom's settings (the 2.14 API only lists them, {@code GET
 * /away_status_reasons}, and takes one in {@code PUT /admins/{id}/away}). A deletion is soft, as
 * Intercom's. Errors (an unknown workspace or reason, a taken label) go to standard error with exit
 * code 2.
 */
@Command(
    name = "away-status-reason",
    description = "Add or delete a workspace's away status reasons.",
    subcommands = {AwayStatusReasonCommand.Create.class, AwayStatusReasonCommand.Delete.class})
public final class AwayStatusReasonCommand extends CommandGroup {
  @Command(
      name = "create",
      description = "Add an away status reason to the workspace and print it as JSON.")
  static final class Create implements Callable<Integer> {
    @Mixin WorkspaceStoreOptions store;

    @Option(
        names = "--label",
        required = true,
        description = "The text admins pick, such as \"On a break\".")
    String label;

    @Option(names = "--emoji", description = "The emoji shown with it (default: none).")
    String emoji;

    @Override
    public Integer call() {
      AwayStatusReason r =
          store.withWorkspaces(w -> w.addAwayStatusReason(store.workspace, label, emoji));
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("type", "away_status_reason");
      json.put("id", Long.toString(r.id()));
      json.put("label", r.label());
      json.put("emoji", r.emoji());
      json.put("order", r.order());
      json.put("deleted", r.deleted());
      json.put("created_at", r.createdAt());
      json.put("updated_at", r.updatedAt());
      JsonOutput.print(json);
      return 0;
    }
  }

  @Command(
      name = "delete",
      description = "Delete an away status reason (it stays listed, marked deleted).")
  static final class Delete extends WorkspaceObjectCommand {
    @Override
    Object act() {
      store.withWorkspaces(
          w -> {
            w.deleteAwayStatusReason(store.workspace, id);
            return null;
          });
      return "deleted away status reason " + id;
    }
  }
}
