package dev.parley.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Records which test classes the JUnit launcher was asked to run in this JVM (registered in {@code
 * META-INF/services/org.junit.platform.launcher.TestExecutionListener}), so that a test that judges
 * the whole run (the route meta-test) can tell a full run from a run of a few classes ({@code
 * -Dtest=...}).
 */
public final class TestPlanRecorder implements TestExecutionListener {
  private static final Set<String> PLANNED = ConcurrentHashMap.newKeySet();

  /** Names of the top-level test classes of every test plan started in this JVM so far. */
  public static Set<String> plannedClasses() {
    return Set.copyOf(PLANNED);
  }

  @Override
  public void testPlanExecutionStarted(TestPlan plan) {
    for (TestIdentifier root : plan.getRoots()) {
      for (TestIdentifier id : plan.getDescendants(root)) {
        id.getSource()
            .filter(ClassSource.class::isInstance)
            .map(source -> ((ClassSource) source).getClassName())
            .filter(name -> !name.contains("$"))
            .ifPresent(PLANNED::add);
      }
    }
  }
}
