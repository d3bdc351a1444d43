package dev.parley.jobs;

import dev.parley.domain.Store;
import dev.parley.domain.conversation.ErasureHook;
import dev.parley.domain.reporting.ExportFiles;
import dev.parley.domain.reporting.ExportFiles.StoredFile;
import dev.parley.domain.reporting.ExportJob;
import dev.parley.domain.reporting.ExportJob.Status;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reporting export workers of this process: a bounded pool of threads that claim pending jobs
 * from the store (any process on a shared PostgreSQL may claim; each job runs once), write each
 * job's file, and mark it complete; plus a maintenance pass every {@value #MAINTENANCE_SECONDS} s
 * that expires files, gives jobs whose worker stopped reporting back to the queue, and deletes
 * files no job owns any more.
 *
 * <p>A job's life: {@code pending} -> claimed ({@code in_progress}, a new generation) -> {@code
 * complete} (file published, expires after the configured time) -> {@code expired} (file deleted).
 * A worker reports every {@value #HEARTBEAT_SECONDS} s; a job whose worker has been silent for
 * {@value #LEASE_SECONDS} s (a crashed process), and on SQLite every job in progress at start-up,
 * goes back to {@code pending}, or to {@code failed} after {@link ExportJob#MAX_ATTEMPTS} claims. A
 * graceful stop gives running jobs back at once.
 *
 * <p>Erasure ({@link #erasureHook()}): an export that may hold a conversation being erased must not
 * outlive the erasure. In the erasure's transaction, complete jobs whose time range holds the
 * conversation become {@code expired}, and jobs in progress go back to {@code pending} (a fresh run
 * will show the conversation as deleted); after the commit, this process's workers on those jobs
 * stop and delete their drafts, and the workspace's files that no job owns any more are deleted,
 * all before the erasure answers.
 *
 * <p>Logs carry job ids, workspace ids, counts and exception class names, never content.
 */
public final class ExportWorkers implements AutoCloseable {
  static final int HEARTBEAT_SECONDS = 3;
  static final int LEASE_SECONDS = 15;
  static final int MAINTENANCE_SECONDS = 5;
  static final int PROGRESS_LOG_SECONDS = 5;
  static final long PURGE_AFTER_SECONDS = 7 * 24 * 3600L;
  private static final long POLL_MILLIS = 1000;
  static final long AWAIT_STOP_MILLIS = 30_000;
  private static final Logger LOG = LoggerFactory.getLogger(ExportWorkers.class);

  private final Store store;
  private final ExportFiles files;
  private final Clock clock;
  private final int workerCount;
  private final long expirySeconds;
  private final boolean exclusiveStore;
  private final String instance = UUID.randomUUID().toString();
  private final Map<String, RunningJob> running = new ConcurrentHashMap<>();
  private final Object wakeup = new Object();
  private final List<Thread> threads = new ArrayList<>();
  private final ScheduledExecutorService maintenance;
  private final ExportMaintenance upkeep;
  private volatile boolean stopping;

  /**
   * @param workerCount threads that run jobs; 0 runs none in this process (jobs stay pending until
   *     a process with workers claims them)
   * @param expirySeconds how long a complete job's file is kept
   * @param exclusiveStore true when no other process uses the store (SQLite): every job in progress
   *     at start-up was this data dir's and is recovered at once, without waiting for its lease
   */
  public ExportWorkers(
      Store store,
      ExportFiles files,
      Clock clock,
      int workerCount,
      long expirySeconds,
      boolean exclusiveStore) {
    if (workerCount < 0 || expirySeconds < 1) {
      throw new IllegalArgumentException("export workers must be >= 0 and the expiry >= 1 s");
    }
    this.store = store;
    this.files = files;
    this.clock = clock;
    this.workerCount = workerCount;
    this.expirySeconds = expirySeconds;
    this.exclusiveStore = exclusiveStore;
    this.upkeep = new ExportMaintenance(store, files, clock, this::wake);
    this.maintenance =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "parley-export-maintenance");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Recovers jobs left in progress (on SQLite: all of them, at once), deletes stray files, then
   * starts the workers and the maintenance pass.
   */
  public void start() {
    upkeep.recover(exclusiveStore ? Long.MAX_VALUE : now() - LEASE_SECONDS);
    upkeep.sweepAll();
    for (int i = 1; i <= workerCount; i++) {
      Thread t = new Thread(this::workLoop, "parley-export-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    maintenance.scheduleWithFixedDelay(
        upkeep::maintain, MAINTENANCE_SECONDS, MAINTENANCE_SECONDS, TimeUnit.SECONDS);
    LOG.info("reporting export: {} worker(s), files expire after {} s", workerCount, expirySeconds);
  }

  /** Wakes idle workers: a job was just enqueued. */
  public void wake() {
    synchronized (wakeup) {
      wakeup.notifyAll();
    }
  }

  /** The hook {@link dev.parley.domain.conversation.ErasureService} calls on every erasure. */
  public ErasureHook erasureHook() {
    return new ExportErasureHook(running, upkeep);
  }

  /** Stops the workers, giving their jobs back to the queue, and the maintenance pass. */
  @Override
  public void close() {
    stopping = true;
    maintenance.shutdown();
    running.values().forEach(r -> r.stop(RunningJob.STOPPING));
    wake();
    try {
      for (Thread t : threads) {
        t.join(AWAIT_STOP_MILLIS);
      }
      maintenance.awaitTermination(AWAIT_STOP_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // --- workers ---------------------------------------------------------------------------

  private void workLoop() {
    while (!stopping) {
      Optional<ExportJob> job;
      try {
        job = claim();
      } catch (RuntimeException e) {
        if (!stopping) {
          LOG.warn("reporting export: claiming a job failed: {}", e.getClass().getSimpleName());
        }
        job = Optional.empty();
      }
      if (job.isPresent()) {
        run(job.get());
      } else {
        synchronized (wakeup) {
          if (stopping) {
            return;
          }
          try {
            wakeup.wait(POLL_MILLIS);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }
  }

  private Optional<ExportJob> claim() {
    if (!store.read(repos -> repos.exportJobs().anyPending())) {
      return Optional.empty();
    }
    long now = now();
    return store.write(repos -> repos.exportJobs().claimNext(instance, now));
  }

  private void run(ExportJob job) {
    RunningJob self = new RunningJob();
    running.put(RunningJob.key(job), self);
    long started = System.nanoTime();
    long cpuStarted = cpuNanos();
    LOG.info(
        "export job {} (workspace {}): started, attempt {}, {} attribute(s)",
        job.id(),
        job.workspaceId(),
        job.attempts(),
        job.attributeIds().size());
    try (ExportFiles.Draft draft = files.create(job)) {
      Progress progress = new Progress(job, self, started);
      // Registered before this check: an erasure that commits after it finds this worker in
      // `running` and waits for it; one that committed before it fails the check.
      progress.heartbeat();
      long rows = new DatasetExport(store, job).writeTo(draft.stream(), progress);
      long size = draft.publish();
      long now = now();
      boolean completed =
          store.write(
              repos ->
                  repos
                      .exportJobs()
                      .complete(
                          job.workspaceId(),
                          job.id(),
                          job.generation(),
                          rows,
                          size,
                          now,
                          now + expirySeconds));
      long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
      if (completed) {
        long cpuMillis = Math.max(1, (cpuNanos() - cpuStarted) / 1_000_000);
        LOG.info(
            "export job {} (workspace {}): complete, {} rows, {} bytes in {} ms ({} rows/s; worker"
                + " CPU {} ms, {} rows per CPU second)",
            job.id(),
            job.workspaceId(),
            rows,
            size,
            millis,
            rows * 1000 / millis,
            cpuMillis,
            rows * 1000 / cpuMillis);
      } else {
        files.delete(new StoredFile(job.workspaceId(), job.id(), null));
        LOG.info(
            "export job {} (workspace {}): changed while it ran; result discarded",
            job.id(),
            job.workspaceId());
      }
    } catch (DatasetExport.Stopped stopped) {
      if (RunningJob.STOPPING.equals(stopped.getMessage())) {
        giveBack(job);
      } else {
        LOG.info(
            "export job {} (workspace {}): stopped ({}); partial file deleted",
            job.id(),
            job.workspaceId(),
            stopped.getMessage());
      }
    } catch (IOException | RuntimeException e) {
      if (stopping) {
        giveBack(job);
      } else {
        retryOrFail(job, e);
      }
    } finally {
      running.remove(RunningJob.key(job));
      self.done.countDown();
    }
  }

  private void giveBack(ExportJob job) {
    try {
      long now = now();
      if (store.write(repos -> repos.exportJobs().transition(job, Status.PENDING, true, now))) {
        LOG.info(
            "export job {} (workspace {}): given back to the queue (stopping)",
            job.id(),
            job.workspaceId());
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "export job {} (workspace {}): could not be given back: {}; recovered at the next start",
          job.id(),
          job.workspaceId(),
          e.getClass().getSimpleName());
    }
  }

  private void retryOrFail(ExportJob job, Exception cause) {
    Status next = job.attempts() >= ExportJob.MAX_ATTEMPTS ? Status.FAILED : Status.PENDING;
    LOG.warn(
        "export job {} (workspace {}): attempt {} failed: {}; now {}",
        job.id(),
        job.workspaceId(),
        job.attempts(),
        cause.getClass().getSimpleName(),
        next.wireName());
    try {
      long now = now();
      store.write(repos -> repos.exportJobs().transition(job, next, false, now));
    } catch (RuntimeException e) {
      LOG.warn(
          "export job {}: its failure could not be recorded: {}",
          job.id(),
          e.getClass().getSimpleName());
    }
  }

  /** The checkpoint of one run: stop requests, heartbeats, progress lines. */
  private final class Progress implements DatasetExport.Checkpoint {
    private final ExportJob job;
    private final RunningJob self;
    private final long started;
    private long lastHeartbeat;
    private long lastLog;

    Progress(ExportJob job, RunningJob self, long started) {
      this.job = job;
      this.self = self;
      this.started = started;
      this.lastHeartbeat = started;
      this.lastLog = started;
    }

    void heartbeat() throws DatasetExport.Stopped {
      long now = now();
      if (!store.write(
          repos ->
              repos.exportJobs().heartbeat(job.workspaceId(), job.id(), job.generation(), now))) {
        throw new DatasetExport.Stopped("the job changed: an erasure or another worker took it");
      }
    }

    @Override
    public void reached(long rows) throws DatasetExport.Stopped {
      String reason = stopping ? RunningJob.STOPPING : self.stopReason;
      if (reason != null) {
        throw new DatasetExport.Stopped(reason);
      }
      long t = System.nanoTime();
      if (t - lastHeartbeat >= TimeUnit.SECONDS.toNanos(HEARTBEAT_SECONDS)) {
        lastHeartbeat = t;
        heartbeat();
      }
      if (t - lastLog >= TimeUnit.SECONDS.toNanos(PROGRESS_LOG_SECONDS)) {
        lastLog = t;
        long millis = Math.max(1, (t - started) / 1_000_000);
        LOG.info(
            "export job {} (workspace {}): {} rows so far ({} rows/s)",
            job.id(),
            job.workspaceId(),
            rows,
            rows * 1000 / millis);
      }
    }
  }

  /** CPU time of the calling thread, nanoseconds (0 where the JVM does not measure it). */
  private static long cpuNanos() {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }
}
