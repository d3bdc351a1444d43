package dev.parley.cli;

import dev.parley.app.CommonPoolParallelism;
import dev.parley.app.Parley;
import dev.parley.domain.ApiException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one executable: {@code java -jar parley.jar <command>}. Commands: {@code serve}, {@code
 * migrate}, {@code workspace}, {@code admin}, {@code team}, {@code token}, {@code erasures}, {@code
 * webhook}.
 */
@Command(
    name = "parley",
    mixinStandardHelpOptions = true,
    scope = CommandLine.ScopeType.INHERIT,
    versionProvider = Main.Version.class,
    description = "A self-hosted conversations server that speaks Intercom's REST API 2.14.",
    subcommands = {
      ServeCommand.class,
      MigrateCommand.class,
      WorkspaceCommand.class,
      AdminCommand.class,
      TeamCommand.class,
      TicketStateCommand.class,
      AwayStatusReasonCommand.class,
      SegmentCommand.class,
      SubscriptionTypeCommand.class,
      VisitorCommand.class,
      TokenCommand.class,
      ErasuresCommand.class,
      WebhookCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    // Before anything touches ForkJoinPool or CompletableFuture (see CommonPoolParallelism).
    CommonPoolParallelism.widen();
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (for tests and {@link #main}). */
  public static int run(String... args) {
    return new CommandLine(new Main())
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              if (e instanceof IllegalArgumentException || e instanceof ApiException) {
                cmd.getErr().println("error: " + e.getMessage());
                return 2;
              }
              throw e;
            })
        .execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** The version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"parley " + Parley.version()};
    }
  }
}
