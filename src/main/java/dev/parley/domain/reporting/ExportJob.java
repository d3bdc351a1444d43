package dev.parley.domain.reporting;

import java.util.List;
import java.util.Locale;

/**
 * A reporting data export job of one workspace. It holds no content: the dataset and attribute ids
 * asked for, the time range, and the state of the work.
 *
 * @param id the {@code job_identifier}: 20 random characters {@code [a-z0-9]}
 * @param attributeIds the columns of the export, in the order asked
 * @param startTime first {@code conversation_started_at} exported, Unix seconds, inclusive
 * @param endTime last {@code conversation_started_at} exported, Unix seconds, inclusive
 * @param generation bumped by every claim and by every erasure that touches the job: a worker may
 *     only finish the generation it claimed, and a file carries its generation in its name
 * @param attempts how many times a worker claimed it
 * @param heartbeatAt when its worker last reported, Unix seconds; null unless in progress
 * @param rowCount rows in the file once complete, else null
 * @param fileSize bytes of the gzip file once complete, else null
 * @param createdAt when it was enqueued, Unix seconds
 * @param completedAt when its file was published, Unix seconds, or null
 * @param expiresAt when its file is deleted, Unix seconds, or null until complete
 * @param updatedAt the last change of status, Unix seconds
 */
public record ExportJob(
    long workspaceId,
    String id,
    String datasetId,
    List<String> attributeIds,
    long startTime,
    long endTime,
    Status status,
    long generation,
    int attempts,
    Long heartbeatAt,
    Long rowCount,
    Long fileSize,
    long createdAt,
    Long completedAt,
    Long expiresAt,
    long updatedAt) {

  /** How many claims a job gets before it is marked failed (crashes, erasures mid-run). */
  public static final int MAX_ATTEMPTS = 3;

  /**
   * The life of a job. {@code pending}, {@code in_progress}, {@code complete} and {@code failed}
   * are Intercom's statuses; {@code expired} is parley's record of a file that is gone (answered
   * 404, as Intercom answers for a job it no longer knows).
   */
  public enum Status {
    PENDING,
    IN_PROGRESS,
    COMPLETE,
    FAILED,
    EXPIRED;

    /** The stored and wire name, e.g. {@code "in_progress"}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The status with this wire name. */
    public static Status of(String wireName) {
      return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
  }

  /** Whether the job counts against the limit of unfinished jobs (pending or in progress). */
  public boolean unfinished() {
    return status == Status.PENDING || status == Status.IN_PROGRESS;
  }

  /** Whether the job's file may be served at {@code now} (Unix seconds). */
  public boolean downloadable(long now) {
    return status == Status.COMPLETE && expiresAt != null && expiresAt > now;
  }

  /**
   * Whether the job is visible to its workspace at {@code now}: not expired (and not past expiry).
   */
  public boolean visible(long now) {
    return status != Status.EXPIRED && !(status == Status.COMPLETE && !downloadable(now));
  }
}
