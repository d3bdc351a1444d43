package dev.parley.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command made of subcommands ({@code workspace}, {@code admin}, {@code team}, {@code token}):
 * run without one, it prints its usage, listing them.
 */
abstract class CommandGroup implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
