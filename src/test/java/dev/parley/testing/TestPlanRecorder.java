package dev.parley.testing;

import java.util.HashSet;
import java.util.Set;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes which test classes the JUnit launcher was asked to run into the run's {@link SpecJournal}
 * (registered in {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}), so
 * that the route meta-test can tell a full run from a run of a few classes ({@code -Dtest=...}).
 */
public final class TestPlanRecorder implements TestExecutionListener {
  @Override
  public void testPlanExecutionStarted(TestPlan plan) {
    Set<String> planned = new HashSet<>();
    for (TestIdentifier root : plan.getRoots()) {
      for (TestIdentifier id : plan.getDescendants(root)) {
        id.getSource()
            .filter(ClassSource.class::isInstance)
            .map(source -> ((ClassSource) source).getClassName())
            .filter(name -> !name.contains("$"))
            .ifPresent(planned::add);
      }
    }
    SpecJournal.planned(planned);
  }
}
