package dev.parley.cli;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.webhook.WebhookService;
import dev.parley.http.operator.OperatorJson;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code webhook create|list|delete|resume|deliveries}: a workspace's webhook subscriptions and
 * their delivery log, on the store of a stopped or running server (Intercom configures these in its
 * Developer Hub). Each prints JSON, the same objects as the operator API under {@code
 * /_parley/workspaces/{name}/webhooks} ({@link OperatorJson}); errors print {@code error: ...} on
 * standard error and exit with 2.
 */
@Command(
    name = "webhook",
    description =
        "Subscribe URLs to a workspace's notification topics, list, delete and resume"
            + " subscriptions, and print the delivery log. A running server sends what these"
            + " commands queue on its next poll (serve --webhook-poll-ms).",
    subcommands = {
      WebhookCommand.Create.class,
      WebhookCommand.ListSubscriptions.class,
      WebhookCommand.Delete.class,
      WebhookCommand.Resume.class,
      WebhookCommand.Deliveries.class
    })
public final class WebhookCommand extends CommandGroup {
  /** A subcommand acting on one workspace's webhooks. */
  abstract static class InWorkspace implements Callable<Integer> {
    @Mixin WorkspaceStoreOptions store;

    /** Runs {@code action} on the store's webhooks and prints its answer as JSON. */
    final Integer print(Function<WebhookService, Object> action) {
      JsonOutput.print(store.withWebhooks((workspaces, webhooks) -> action.apply(webhooks)));
      return 0;
    }

    /**
     * {@code action} on subscription {@code id}, an unknown id named in the error.
     *
     * @throws IllegalArgumentException when the workspace has no subscription {@code id}
     */
    final Integer printForSubscription(long id, Function<WebhookService, Object> action) {
      try {
        return print(action);
      } catch (ApiException e) {
        if (e.errorCode() == ErrorCode.NOT_FOUND
            && e.getMessage().equals(ErrorCode.NOT_FOUND.defaultMessage())) {
          throw new IllegalArgumentException(
              "no webhook subscription " + id + " in workspace " + store.workspace, e);
        }
        throw e;
      }
    }
  }

  @Command(
      name = "create",
      description =
          "Subscribe URL to topics of the workspace and print the subscription; it is sent the"
              + " 'ping' topic at once (by a running server, on its next poll). The workspace gets"
              + " a client secret (see 'workspace show') if it has none.")
  static final class Create extends InWorkspace {
    @Option(
        names = "--url",
        required = true,
        description = "The endpoint, an absolute http or https URL.")
    String url;

    @Option(
        names = "--topics",
        required = true,
        split = ",",
        paramLabel = "TOPIC",
        description =
            "Comma separated topics, such as conversation.user.created,contact.deleted"
                + " (docs/webhooks.md lists them).")
    List<String> topics;

    @Override
    public Integer call() {
      return print(
          webhooks -> OperatorJson.subscription(webhooks.create(store.workspace, url, topics)));
    }
  }

  @Command(
      name = "list",
      description =
          "Print the workspace's subscriptions, oldest first, with their state (active, paused,"
              + " suspended).")
  static final class ListSubscriptions extends InWorkspace {
    @Override
    public Integer call() {
      return print(
          webhooks ->
              OperatorJson.list(
                  webhooks.list(store.workspace).stream()
                      .map(OperatorJson::subscription)
                      .toList()));
    }
  }

  @Command(
      name = "delete",
      description =
          "Delete subscription ID: its notifications not yet delivered are dropped; the delivery"
              + " log keeps their entries.")
  static final class Delete extends InWorkspace {
    @Parameters(paramLabel = "ID", description = "The subscription's id.")
    long id;

    @Override
    public Integer call() {
      return printForSubscription(
          id,
          webhooks -> {
            webhooks.delete(store.workspace, id);
            return OperatorJson.deletedSubscription(id);
          });
    }
  }

  @Command(
      name = "resume",
      description =
          "Set a paused or suspended subscription live again (active, its error count and"
              + " throttle cleared) and print it.")
  static final class Resume extends InWorkspace {
    @Parameters(paramLabel = "ID", description = "The subscription's id.")
    long id;

    @Override
    public Integer call() {
      return printForSubscription(
          id, webhooks -> OperatorJson.subscription(webhooks.resume(store.workspace, id)));
    }
  }

  @Command(
      name = "deliveries",
      description =
          "Print the delivery log, newest first: notification ids, topics, statuses, attempts,"
              + " times and the endpoint's status codes, never content.")
  static final class Deliveries extends InWorkspace {
    @Option(
        names = "--subscription",
        paramLabel = "ID",
        description = "Only this subscription's notifications.")
    Long subscription;

    @Option(
        names = "--limit",
        description = "At most this many entries, 1 to 10000 (default: ${DEFAULT-VALUE}).",
        defaultValue = "100")
    int limit;

    @Override
    public Integer call() {
      if (limit < 1 || limit > 10_000) {
        throw new IllegalArgumentException("--limit must be between 1 and 10000");
      }
      return print(
          webhooks ->
              OperatorJson.list(
                  webhooks.deliveries(store.workspace, subscription, limit).stream()
                      .map(OperatorJson::notification)
                      .toList()));
    }
  }
}
