package dev.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a {@link ParleyProcess} on the store of the round (SQLite, or a fresh PostgreSQL database
 * in the PostgreSQL round, see {@link TestStore}) over a new temporary data dir, and stops it and
 * deletes the dir afterwards. Register it on a static field ({@link #perTest()} may also sit on an
 * instance field):
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ParleyExtension parley = ParleyExtension.perClass().arg("--pool-size", "2");
 * }</pre>
 *
 * <p>{@link #perClass()} runs one parley for every test of the class (it is started before the
 * class's {@code @BeforeAll} methods and stopped after its {@code @AfterAll} methods), for tests
 * that do not need a store of their own; {@link #perTest()} a fresh parley and store for each test
 * (started before its {@code @BeforeEach} methods). Tests that kill or restart a parley start their
 * own {@link ParleyProcess}.
 *
 * <p>A test that moves the clock ({@link ParleyProcess#moveClock}, {@link
 * ParleyProcess#expireTokenCache}) of a per-class parley gets it back on the real clock after it.
 */
public final class ParleyExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final boolean perTest;
  private final List<Consumer<ParleyProcess.Builder>> options = new ArrayList<>();
  private Path root;
  private ParleyProcess process;

  private ParleyExtension(boolean perTest) {
    this.perTest = perTest;
  }

  /** One parley for all the tests of the class. */
  public static ParleyExtension perClass() {
    return new ParleyExtension(false);
  }

  /** A fresh parley, on a fresh store, for each test. */
  public static ParleyExtension perTest() {
    return new ParleyExtension(true);
  }

  /** Adds {@code parley serve} arguments, e.g. {@code arg("--rate-limit-per-minute", "0")}. */
  public ParleyExtension arg(String... args) {
    options.add(builder -> builder.arg(args));
    return this;
  }

  /** Sets an environment variable of the parley process ({@code ""} removes it). */
  public ParleyExtension env(String name, String value) {
    options.add(builder -> builder.env(name, value));
    return this;
  }

  /** The bootstrap token, see {@link ParleyProcess.Builder#token}. */
  public ParleyExtension token(String token) {
    options.add(builder -> builder.token(token));
    return this;
  }

  /** The {@code --host} to bind, see {@link ParleyProcess.Builder#host}. */
  public ParleyExtension host(String host) {
    options.add(builder -> builder.host(host));
    return this;
  }

  /** The running parley; fails outside the tests (and set-up methods) it serves. */
  public ParleyProcess process() {
    if (process == null) {
      throw new IllegalStateException("no parley is running here");
    }
    return process;
  }

  /** A client with the running parley's bootstrap token. */
  public Api api() {
    return process().api();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (!perTest) {
      start(context);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (!perTest) {
      stop();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (perTest) {
      start(context);
    }
  }

  /** Stops a per-test parley; returns a per-class parley whose clock the test moved to real. */
  @Override
  public void afterEach(ExtensionContext context) {
    if (perTest) {
      stop();
    } else if (process != null && process.alive() && process.clockMoved()) {
      process.resetClock();
    }
  }

  private void start(ExtensionContext context) {
    try {
      root = Files.createTempDirectory("parley-" + context.getRequiredTestClass().getSimpleName());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ParleyProcess.Builder builder = ParleyProcess.in(root);
    options.forEach(option -> option.accept(builder));
    try {
      process = builder.start();
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  private void stop() {
    try {
      if (process != null) {
        process.stop();
      }
    } finally {
      process = null;
      if (root != null) {
        delete(root);
        root = null;
      }
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
