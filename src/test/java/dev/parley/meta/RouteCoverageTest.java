package dev.parley.meta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ImplementedRoutes;
import dev.parley.testing.ImplementedRoutes.Route;
import dev.parley.testing.IntercomDescription;
import dev.parley.testing.SpecJournal;
import dev.parley.testing.SpecValidator;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The meta-test of DESIGN/STYLE ("a meta-test keeps the route table and the implemented
 * operationIds of the 2.14 description in step"), over the {@link dev.parley.http.RouteTable} as it
 * is at run time:
 *
 * <ul>
 *   <li>every route that serves a path of Intercom's descriptions (2.14, or Unstable for what
 *       parley takes from it) carries that operation's operationId, and every other route is one of
 *       parley's own few;
 *   <li>every such operation got at least one successful (2xx) response that {@link SpecValidator}
 *       validated against the description during the last test run on the store.
 * </ul>
 *
 * <p>The second check reads the run's {@link SpecJournal}, named by the system property {@code
 * parley.test.specJournalToCheck}: the pom runs this class in an execution of its own after the
 * SQLite round (the PostgreSQL round leaves out the classes of {@code dev.parley.postgres}, so its
 * run is never whole), so it depends on no class order and no state of another test's JVM. When
 * only some classes ran ({@code -Dtest=...}) the coverage check cannot judge and is skipped,
 * loudly; in a full run it fails.
 */
class RouteCoverageTest {
  /**
   * parley's own routes, outside Intercom's API; besides these, everything under {@code /_parley/}
   * (the operator API, a prefix Intercom's paths never use).
   */
  private static final Set<String> PARLEY_OWN =
      Set.of("GET /healthz", "GET /metrics", "GET /uploads/{workspace_id}/{token}");

  @Test
  void everyRouteOfIntercomsApiCarriesTheOperationIdOfItsDescription() {
    List<String> problems = new ArrayList<>();
    for (Route route : ImplementedRoutes.all()) {
      String name = route.method() + " " + route.path() + " (" + route.operationId() + ")";
      if (route.intercom().isEmpty()) {
        if (!PARLEY_OWN.contains(route.method() + " " + route.path())
            && !route.path().startsWith("/_parley/")) {
          problems.add(
              name
                  + ": neither in Intercom's 2.14 or Unstable description nor one of parley's own"
                  + " routes");
        }
        continue;
      }
      IntercomDescription.Operation op = route.intercom().get();
      if (op.operationId() == null) {
        System.out.println(
            "RouteCoverageTest: "
                + name
                + " serves "
                + op.key()
                + ", which has no operationId in the description");
      } else if (!op.operationId().equals(route.operationId())) {
        problems.add(name + ": the description's " + op.key() + " is " + op.operationId());
      }
    }
    assertThat(problems).as("routes out of step with Intercom's description").isEmpty();
    assertThat(ImplementedRoutes.intercomOperations()).isNotEmpty();
  }

  @Test
  void everyImplementedOperationGotASpecValidatedSuccessfulResponseInTheLastRun() throws Exception {
    String journalFile = System.getProperty("parley.test.specJournalToCheck", "");
    if (journalFile.isBlank() || !Files.exists(Path.of(journalFile))) {
      Assumptions.abort(
          "RouteCoverageTest SKIPPED its coverage check: no journal of a run ("
              + (journalFile.isBlank() ? "parley.test.specJournalToCheck is not set" : journalFile)
              + "); the pom's route-coverage executions run it after the suite");
    }
    SpecJournal journal = SpecJournal.read(Path.of(journalFile));
    List<String> notRun = testClassesNotIn(journal.plannedClasses());
    if (!notRun.isEmpty()) {
      String message =
          "RouteCoverageTest SKIPPED its coverage check: only part of the suite ran in that run ("
              + notRun.size()
              + " test classes did not, e.g. "
              + notRun.subList(0, Math.min(5, notRun.size()))
              + "). Run the whole suite (mvn verify) to check that every route has a spec-validated"
              + " test.";
      System.err.println("*".repeat(100));
      System.err.println(message);
      System.err.println("*".repeat(100));
      Assumptions.abort(message);
    }
    List<String> missing = new ArrayList<>();
    StringBuilder summary =
        new StringBuilder("Spec-validated responses per implemented operation:\n");
    for (IntercomDescription.Operation op : ImplementedRoutes.intercomOperations()) {
      Set<String> statuses = new TreeSet<>();
      for (String validated : journal.validated()) {
        if (validated.startsWith(op.key() + " ")) {
          statuses.add(validated.substring(op.key().length() + 1));
        }
      }
      summary.append(String.format("  %-60s %-32s %s%n", op.key(), op.operationId(), statuses));
      if (statuses.stream().noneMatch(s -> s.startsWith("2"))) {
        missing.add(op.key() + " (" + op.operationId() + ") validated statuses: " + statuses);
      }
    }
    System.out.println(summary);
    assertThat(missing)
        .as("implemented operations without a spec-validated 2xx response in the last test run")
        .isEmpty();
  }

  /**
   * The test classes of the test output directory that are not in {@code planned}: top-level,
   * concrete classes named as Surefire includes them by default ({@code Test*}, {@code *Test},
   * {@code *Tests}, {@code *TestCase}) that hold a JUnit test method.
   */
  private static List<String> testClassesNotIn(Set<String> planned)
      throws IOException, URISyntaxException {
    Path classes =
        Path.of(
            RouteCoverageTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> notRun = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file :
          (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
        String relative =
            classes.relativize(file).toString().replace(java.io.File.separatorChar, '/');
        if (relative.contains("$")) {
          continue;
        }
        String name =
            relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
        String simple = name.substring(name.lastIndexOf('.') + 1);
        boolean included =
            simple.startsWith("Test")
                || simple.endsWith("Test")
                || simple.endsWith("Tests")
                || simple.endsWith("TestCase");
        if (included
            && !planned.contains(name)
            && !name.equals(RouteCoverageTest.class.getName())
            && hasTests(name)) {
          notRun.add(name);
        }
      }
    }
    return notRun;
  }

  private static boolean hasTests(String className) {
    Class<?> type;
    try {
      type = Class.forName(className, false, RouteCoverageTest.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
    if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
      return false;
    }
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Method method : c.getDeclaredMethods()) {
        if (AnnotationSupport.isAnnotated(method, Testable.class)) {
          return true;
        }
      }
    }
    return false;
  }
}
