package dev.parley.jobs;

import dev.parley.domain.Store;
import dev.parley.domain.reporting.ExportFiles;
import dev.parley.domain.reporting.ExportFiles.StoredFile;
import dev.parley.domain.reporting.ExportJob;
import dev.parley.domain.reporting.ExportJob.Status;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upkeep of reporting export jobs and files, run every {@link
 * ExportWorkers#MAINTENANCE_SECONDS} by {@link ExportWorkers} and at its start: jobs whose worker
 * stopped reporting go back to the queue (or fail), complete jobs past their expiry lose their
 * files, files that no job owns are deleted, and long-ended jobs are purged.
 *
 * <p>Logs carry job ids, workspace ids and counts, never content.
 */
final class ExportMaintenance {
  private static final Logger LOG = LoggerFactory.getLogger(ExportWorkers.class);

  private final Store store;
  private final ExportFiles files;
  private final Clock clock;
  private final Runnable wake;

  /**
   * @param wake wakes idle workers when recovered jobs are back in the queue
   */
  ExportMaintenance(Store store, ExportFiles files, Clock clock, Runnable wake) {
    this.store = store;
    this.files = files;
    this.clock = clock;
    this.wake = wake;
  }

  /** One pass: recover stale jobs, expire old files, sweep strays, purge long-ended jobs. */
  void maintain() {
    try {
      recover(now() - ExportWorkers.LEASE_SECONDS);
      expire();
      sweepAll();
      long before = now() - ExportWorkers.PURGE_AFTER_SECONDS;
      store.write(repos -> repos.exportJobs().purgeEnded(before));
    } catch (RuntimeException e) {
      LOG.warn("reporting export maintenance failed: {}", e.getClass().getSimpleName());
    }
  }

  /**
   * Gives in-progress jobs whose heartbeat is older than {@code heartbeatBefore} back to the queue
   * (or fails them).
   */
  void recover(long heartbeatBefore) {
    long now = now();
    List<String> lines =
        store.write(
            repos -> {
              List<String> recovered = new ArrayList<>();
              for (ExportJob job : repos.exportJobs().lockStale(heartbeatBefore)) {
                Status next =
                    job.attempts() >= ExportJob.MAX_ATTEMPTS ? Status.FAILED : Status.PENDING;
                if (repos.exportJobs().transition(job, next, false, now)) {
                  recovered.add(
                      job.id()
                          + " (workspace "
                          + job.workspaceId()
                          + ", attempt "
                          + job.attempts()
                          + ") -> "
                          + next.wireName());
                }
              }
              return recovered;
            });
    for (String line : lines) {
      LOG.info("export job {}: its worker stopped reporting", line);
    }
    if (!lines.isEmpty()) {
      wake.run();
    }
  }

  private void expire() {
    long now = now();
    List<ExportJob> expired =
        store.write(
            repos -> {
              List<ExportJob> done = new ArrayList<>();
              for (ExportJob job : repos.exportJobs().lockExpired(now)) {
                if (repos.exportJobs().transition(job, Status.EXPIRED, false, now)) {
                  done.add(job);
                }
              }
              return done;
            });
    for (ExportJob job : expired) {
      try {
        files.delete(new StoredFile(job.workspaceId(), job.id(), null));
        LOG.info(
            "export job {} (workspace {}): expired, file deleted", job.id(), job.workspaceId());
      } catch (IOException e) {
        LOG.warn(
            "export job {}: expired file not deleted yet: {}",
            job.id(),
            e.getClass().getSimpleName());
      }
    }
  }

  /** Sweeps every workspace that has export files. */
  void sweepAll() {
    try {
      for (long ws : files.workspaces()) {
        sweep(ws);
      }
    } catch (IOException e) {
      LOG.warn(
          "reporting export: the export dir cannot be listed: {}", e.getClass().getSimpleName());
    }
  }

  /**
   * Deletes the workspace's files that no job owns: published files of jobs that are not complete
   * or in progress (expired, failed, restarted, unknown), and drafts that are not the current
   * generation of a job in progress.
   *
   * @return how many files were deleted
   */
  int sweep(long workspaceId) {
    int deleted = 0;
    try {
      // Listed before the jobs are read: a draft created after this listing is not judged
      // against job states read before it existed.
      List<StoredFile> stored = files.list(workspaceId);
      if (stored.isEmpty()) {
        return 0;
      }
      Map<String, ExportJob> owners = new HashMap<>();
      for (ExportJob job : store.read(repos -> repos.exportJobs().withFiles(workspaceId))) {
        owners.put(job.id(), job);
      }
      for (StoredFile file : stored) {
        ExportJob owner = owners.get(file.jobId());
        boolean owned =
            owner != null
                && (file.published()
                    || (owner.status() == Status.IN_PROGRESS
                        && owner.generation() == file.generation()));
        if (!owned) {
          files.delete(file);
          deleted++;
        }
      }
    } catch (IOException e) {
      LOG.warn(
          "reporting export: files of workspace {} not swept: {}",
          workspaceId,
          e.getClass().getSimpleName());
    }
    return deleted;
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }
}
