package dev.parley.app;

/**
 * The parallelism parley needs from the JVM's common fork-join pool. With fewer than 3 cores the
 * common pool has parallelism 1, and {@code CompletableFuture} then starts a new thread for every
 * async task without an executor: {@code java.net.http}'s {@code sendAsync} hands each response to
 * such a task (webhook delivery started a thread per notification). This class loads nothing else,
 * so that calling it touches neither the pool nor {@code CompletableFuture}.
 */
public final class CommonPoolParallelism {
  /** The system property of the common fork-join pool's parallelism. */
  public static final String PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";

  private CommonPoolParallelism() {}

  /**
   * Sets the common pool's parallelism to 2 or more (the cores less one) unless {@link #PROPERTY}
   * is set already (an operator's {@code -D} value wins). It takes effect only if nothing in the
   * JVM has used the common pool yet: {@code serve} calls it first thing; in a test JVM it is a
   * best effort.
   */
  public static void widen() {
    if (System.getProperty(PROPERTY) == null) {
      System.setProperty(
          PROPERTY, Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors() - 1)));
    }
  }
}
