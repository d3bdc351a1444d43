package dev.parley.jobs;

import dev.parley.domain.reporting.ExportJob;
import java.util.concurrent.CountDownLatch;

/** An export job this process is running, and how to stop it and wait for it. */
final class RunningJob {
  static final String STOPPING = "parley is stopping";
  static final String ERASED = "an erasure touched the job";

  volatile String stopReason;
  final CountDownLatch done = new CountDownLatch(1);

  /** Asks the job's worker to stop at its next checkpoint; the first reason given wins. */
  void stop(String reason) {
    if (stopReason == null) {
      stopReason = reason;
    }
  }

  /** The key of a job among the running ones: workspace id and job id. */
  static String key(ExportJob job) {
    return job.workspaceId() + ":" + job.id();
  }
}
