package dev.parley.junit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5: parley in the test JVM, a fresh workspace for each test, and the clock, faults and
 * request journal as methods. Register it either way:
 *
 * <pre>{@code
 * @ExtendWith(ParleyExtension.class)
 * class SyncTest {
 *   @Test
 *   void syncsContacts(ParleyWorkspace workspace, ParleyServer parley) { ... }
 * }
 *
 * class RetryTest {
 *   @RegisterExtension static final ParleyExtension parley = new ParleyExtension();
 *
 *   @Test
 *   void retriesA429(ParleyWorkspace workspace) {
 *     parley.faults().add(workspace, "listAdmins", 429, 1);
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p><b>One server per test run.</b> The first test that needs it starts a {@link ParleyServer} (a
 * temporary SQLite data dir, or the PostgreSQL database {@value ParleyServer#DATABASE_URL_PROPERTY}
 * names; a free port, a random operator token); every later test class shares it, and JUnit closes
 * it at the end of the run (JUnit 5.13 or later closes it through the root store; before that the
 * JVM's shutdown hook does), deleting the data dir. A start costs hundreds of milliseconds, a
 * workspace a few: tests are isolated by workspace, not by server.
 *
 * <p><b>Parameters.</b> A {@link ParleyWorkspace} parameter of a test method, or of a
 * {@code @BeforeEach} or {@code @AfterEach} method, is a workspace created for that test (the same
 * one in all three), named after the test; a {@link ParleyServer} parameter, anywhere, is the run's
 * server.
 *
 * <p><b>After each test</b> the clock is returned to real and every fault rule is cleared, since
 * both are server-wide. For that reason tests that move the clock or set faults must not run
 * concurrently with other tests on the same server (JUnit runs tests one at a time unless told
 * otherwise); fault rules that name the test's workspace ({@link ParleyFaults#add(ParleyWorkspace,
 * String, int, int)}) meet no other test's requests.
 */
public final class ParleyExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ParleyExtension.class);

  /** The run's server, once a callback of this extension ran. */
  private volatile ParleyServer server;

  /** The extension, for {@code @ExtendWith} or a {@code @RegisterExtension} static field. */
  public ParleyExtension() {}

  /**
   * The run's server.
   *
   * @throws IllegalStateException outside the tests and lifecycle methods of a class that registers
   *     this extension
   */
  public ParleyServer server() {
    ParleyServer running = server;
    if (running == null) {
      throw new IllegalStateException(
          "parley is not started here: call it from a test or a lifecycle method of a class that"
              + " registers this extension (a static @RegisterExtension field)");
    }
    return running;
  }

  /** The run's server clock: {@code parley.clock().advance(3600)}. */
  public ParleyClock clock() {
    return server().clock();
  }

  /** The run's fault rules: {@code parley.faults().add("listAdmins", 503, 2)}. */
  public ParleyFaults faults() {
    return server().faults();
  }

  /** Starts the run's server if no class did yet. */
  @Override
  public void beforeAll(ExtensionContext context) {
    server = runServer(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server = runServer(context);
  }

  /** Returns the clock to real and clears every fault rule. */
  @Override
  public void afterEach(ExtensionContext context) {
    ParleyServer running = runServer(context);
    running.clock().real();
    running.faults().clear();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == ParleyWorkspace.class || type == ParleyServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ParleyServer running = runServer(context);
    if (parameter.getParameter().getType() == ParleyServer.class) {
      return running;
    }
    if (context.getTestMethod().isEmpty()) {
      throw new ParameterResolutionException(
          "a ParleyWorkspace belongs to one test: ask for it in a @Test, @BeforeEach or"
              + " @AfterEach method (or call ParleyServer.createWorkspace() in @BeforeAll)");
    }
    String hint =
        context.getRequiredTestClass().getSimpleName()
            + "."
            + context.getRequiredTestMethod().getName();
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            ParleyWorkspace.class,
            key -> running.createWorkspace(running.uniqueName(hint)),
            ParleyWorkspace.class);
  }

  /**
   * The run's one server, started on first use. It lives in the root context's store, which JUnit
   * closes (closing the server) when the run ends.
   */
  private static ParleyServer runServer(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(ParleyServer.class, key -> ParleyServer.start(), ParleyServer.class);
  }
}
