package dev.parley.meta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ImplementedRoutes;
import dev.parley.testing.ImplementedRoutes.Route;
import dev.parley.testing.IntercomDescription;
import dev.parley.testing.SpecValidator;
import dev.parley.testing.TestPlanRecorder;
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
import org.junit.jupiter.api.Order;
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
 *   <li>every such operation got at least one successful (2xx) response that was validated against
 *       the description during this test run ({@link SpecValidator#VALIDATED}).
 * </ul>
 *
 * <p>It runs after every other test class of the JVM ({@code junit-platform.properties} orders
 * classes by {@link Order}). When only some classes run ({@code -Dtest=...}) the coverage check
 * cannot judge and is skipped, loudly; in a full run it fails.
 */
@Order(Integer.MAX_VALUE)
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
  void everyImplementedOperationGotASpecValidatedSuccessfulResponseInThisRun() throws Exception {
    List<String> notRun = testClassesNotInThisRun();
    if (!notRun.isEmpty()) {
      String message =
          "RouteCoverageTest SKIPPED its coverage check: only part of the suite ran in this JVM ("
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
      for (String validated : SpecValidator.VALIDATED) {
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
        .as("implemented operations without a spec-validated 2xx response in this test run")
        .isEmpty();
  }

  /**
   * The test classes of the test output directory that the launcher was not asked to run:
   * top-level, concrete classes named as Surefire includes them by default ({@code Test*}, {@code
   * *Test}, {@code *Tests}, {@code *TestCase}) that hold a JUnit test method.
   */
  private static List<String> testClassesNotInThisRun() throws IOException, URISyntaxException {
    Path classes =
        Path.of(
            RouteCoverageTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> planned = TestPlanRecorder.plannedClasses();
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
        if (included && !planned.contains(name) && hasTests(name)) {
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
