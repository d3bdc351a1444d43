package dev.parley.domain.reporting;

import java.util.List;
import java.util.Optional;

/**
 * Export jobs ({@link ExportJob}), keyed by workspace and job identifier. Every change of a job's
 * status is conditional on the generation the caller read, so a worker whose job was taken from it
 * (by an erasure, a lease that ran out, an expiry) cannot overwrite the newer state. On PostgreSQL
 * claims use {@code FOR UPDATE SKIP LOCKED}, so a job runs once when several processes share a
 * database. All times are Unix seconds.
 */
public interface ExportJobRepository {

  void insert(ExportJob job);

  /** The job, in any status, or empty when this workspace has no job with that id. */
  Optional<ExportJob> find(long workspaceId, String id);

  /**
   * The workspace's pending and in-progress jobs. Locks the workspace's row first (PostgreSQL
   * {@code FOR UPDATE}), so concurrent enqueues of one workspace count one after the other.
   */
  int countUnfinishedLocked(long workspaceId);

  /** Whether any workspace has a pending job (a cheap check before a claim). */
  boolean anyPending();

  /**
   * Claims the oldest pending job of any workspace: marks it {@code in_progress}, bumps its
   * generation and attempts, records {@code worker} and a heartbeat at {@code now}.
   *
   * @return the claimed job as it now is, or empty when none is pending (or every pending one is
   *     being claimed by another process)
   */
  Optional<ExportJob> claimNext(String worker, long now);

  /**
   * Records that the worker of {@code generation} is alive.
   *
   * @return false when the job is no longer that generation in progress: stop working on it
   */
  boolean heartbeat(long workspaceId, String id, long generation, long now);

  /**
   * Marks the claimed generation complete with its file's figures.
   *
   * @param expiresAt when the file is to be deleted
   * @return false when the job is no longer that generation in progress (nothing changed)
   */
  boolean complete(
      long workspaceId,
      String id,
      long generation,
      long rowCount,
      long fileSize,
      long now,
      long expiresAt);

  /**
   * Moves the job, if it still is at {@code job.generation()}, to {@code status}, bumping the
   * generation and clearing the heartbeat. Moving a claimed job back to {@code pending} with {@code
   * refundAttempt} does not count the attempt (a graceful stop).
   *
   * @return false when the job changed since it was read (nothing changed)
   */
  boolean transition(ExportJob job, ExportJob.Status status, boolean refundAttempt, long now);

  /**
   * The workspace's pending, in-progress and complete jobs whose time range holds {@code
   * conversationStartedAt}, locked until the transaction ends (PostgreSQL {@code FOR UPDATE}: waits
   * for a claim in flight, so a job is either claimed before the erasure and seen here in progress,
   * or claimed after it commits).
   */
  List<ExportJob> lockCovering(long workspaceId, long conversationStartedAt);

  /**
   * In-progress jobs of any workspace whose heartbeat is older than {@code heartbeatBefore};
   * locked, skipping locked ones.
   */
  List<ExportJob> lockStale(long heartbeatBefore);

  /**
   * Complete jobs of any workspace whose file expired at or before {@code now}; locked, skipping
   * locked ones.
   */
  List<ExportJob> lockExpired(long now);

  /** The workspace's jobs that may own a file: in progress or complete. */
  List<ExportJob> withFiles(long workspaceId);

  /** Deletes failed and expired jobs last changed before {@code before}; returns how many. */
  int purgeEnded(long before);
}
