package dev.parley.jobs;

import dev.parley.domain.Repositories;
import dev.parley.domain.conversation.Conversation;
import dev.parley.domain.conversation.ErasureHook;
import dev.parley.domain.reporting.ExportJob;
import dev.parley.domain.reporting.ExportJob.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an erasure does to reporting exports ({@link ExportWorkers#erasureHook()}). In the erasure's
 * transaction, complete jobs whose time range holds the conversation become {@code expired} and
 * jobs in progress go back to {@code pending} (or {@code failed} after {@link
 * ExportJob#MAX_ATTEMPTS} claims); pending ones are only locked, so that a claim in flight waits
 * for the erasure to commit. After the commit, this process's workers on those jobs stop and delete
 * their drafts, and the workspace's files that no job owns any more are deleted, before the erasure
 * answers.
 */
final class ExportErasureHook implements ErasureHook {
  private static final Logger LOG = LoggerFactory.getLogger(ExportErasureHook.class);

  private final Map<String, RunningJob> running;
  private final ExportMaintenance upkeep;

  ExportErasureHook(Map<String, RunningJob> running, ExportMaintenance upkeep) {
    this.running = running;
    this.upkeep = upkeep;
  }

  @Override
  public Runnable inTransaction(Repositories repos, Conversation conversation, long erasedAt) {
    List<ExportJob> touched = new ArrayList<>();
    for (ExportJob job :
        repos.exportJobs().lockCovering(conversation.workspaceId(), conversation.createdAt())) {
      switch (job.status()) {
        case IN_PROGRESS -> {
          Status next = job.attempts() >= ExportJob.MAX_ATTEMPTS ? Status.FAILED : Status.PENDING;
          repos.exportJobs().transition(job, next, false, erasedAt);
          touched.add(job);
        }
        case COMPLETE -> {
          repos.exportJobs().transition(job, Status.EXPIRED, false, erasedAt);
          touched.add(job);
        }
        default -> {
          // Pending: only locked, so that a claim in flight waits for this erasure to commit
          // and its run reads the conversation as erased.
        }
      }
    }
    if (touched.isEmpty()) {
      return () -> {};
    }
    long ws = conversation.workspaceId();
    return () -> afterCommit(ws, touched);
  }

  /**
   * A workspace deleted or reset: its jobs' rows go in the erasure's transaction ({@code
   * WorkspaceErasureRepository.deleteContent}, which waits for a claim in flight); after the
   * commit, this process's workers on its jobs stop and delete their drafts, and every file of the
   * workspace, which no job owns any more, is deleted.
   */
  @Override
  public Runnable workspaceErased(Repositories repos, long workspaceId, long erasedAt) {
    return () -> {
      String prefix = workspaceId + ":";
      for (Map.Entry<String, RunningJob> entry : running.entrySet()) {
        if (entry.getKey().startsWith(prefix)) {
          RunningJob r = entry.getValue();
          r.stop(RunningJob.ERASED);
          try {
            if (!r.done.await(ExportWorkers.AWAIT_STOP_MILLIS, TimeUnit.MILLISECONDS)) {
              LOG.warn("export job of workspace {}: its worker did not stop in time", workspaceId);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
      int deleted = upkeep.sweep(workspaceId);
      LOG.info("workspace {} erased: {} export file(s) deleted", workspaceId, deleted);
    };
  }

  private void afterCommit(long workspaceId, List<ExportJob> touched) {
    int restarted = 0;
    int expired = 0;
    for (ExportJob job : touched) {
      if (job.status() == Status.IN_PROGRESS) {
        restarted++;
        RunningJob r = running.get(RunningJob.key(job));
        if (r != null) {
          r.stop(RunningJob.ERASED);
          try {
            if (!r.done.await(ExportWorkers.AWAIT_STOP_MILLIS, TimeUnit.MILLISECONDS)) {
              LOG.warn("export job {}: its worker did not stop in time after an erasure", job.id());
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      } else {
        expired++;
      }
    }
    int deleted = upkeep.sweep(workspaceId);
    LOG.info(
        "erasure in workspace {}: {} export job(s) restarted, {} expired early, {} export file(s)"
            + " deleted",
        workspaceId,
        restarted,
        expired,
        deleted);
  }
}
