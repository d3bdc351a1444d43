package dev.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The journal of one test run on one store: which test classes the run was asked to run, and which
 * responses {@link SpecValidator} validated against Intercom's description, one per line ({@code
 * "planned <class>"}, {@code "validated <METHOD /template status>"}). The suite's executions write
 * it to the file the system property {@code parley.test.specJournal} names (one per store, see the
 * pom; nothing is written without it); the route meta-test reads it afterwards, in its own
 * execution, so that it depends neither on the order of the classes nor on state shared in a JVM.
 */
public final class SpecJournal {
  private static final Set<String> WRITTEN = ConcurrentHashMap.newKeySet();
  private static boolean started;

  private final Set<String> planned;
  private final Set<String> validated;

  private SpecJournal(Set<String> planned, Set<String> validated) {
    this.planned = planned;
    this.validated = validated;
  }

  /**
   * Starts the journal of this JVM's run (the first plan empties the file; later plans of the same
   * JVM add to it) with the test classes of a plan.
   */
  static synchronized void planned(Set<String> classes) {
    Path file = file();
    if (file == null) {
      return;
    }
    try {
      if (!started) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, "", StandardCharsets.UTF_8);
        started = true;
      }
      StringBuilder lines = new StringBuilder();
      for (String name : new TreeSet<>(classes)) {
        lines.append("planned ").append(name).append('\n');
      }
      append(file, lines.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Notes a validated response, {@code "METHOD /template status"}, once per JVM. */
  static void validated(String entry) {
    Path file = file();
    if (file != null && WRITTEN.add(entry)) {
      synchronized (SpecJournal.class) {
        try {
          append(file, "validated " + entry + "\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  /** Reads a journal written by an earlier run. */
  public static SpecJournal read(Path file) throws IOException {
    Set<String> planned = new TreeSet<>();
    Set<String> validated = new TreeSet<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (String line : lines) {
      if (line.startsWith("planned ")) {
        planned.add(line.substring("planned ".length()));
      } else if (line.startsWith("validated ")) {
        validated.add(line.substring("validated ".length()));
      }
    }
    return new SpecJournal(planned, validated);
  }

  /** Names of the top-level test classes the run was asked to run. */
  public Set<String> plannedClasses() {
    return planned;
  }

  /** Every validated response, as {@code "METHOD /template status"}. */
  public Set<String> validated() {
    return validated;
  }

  private static Path file() {
    String name = System.getProperty("parley.test.specJournal", "");
    return name.isBlank() ? null : Path.of(name);
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(
        file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
