package dev.parley.domain.reporting;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Store;
import dev.parley.domain.workspace.Caller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Intercom's Reporting Data Export (2.14): the datasets, enqueueing a job, its status, and its
 * file. Jobs are run by {@code dev.parley.jobs.ExportWorkers}; this service only records them and
 * serves what they produced. A job of another workspace, an unknown one and an expired one all
 * answer 404 {@code not_found} "Export job not found for identifier: ...".
 */
public final class ReportingService {
  /** Intercom's limit: unfinished (pending or in-progress) jobs per workspace. */
  public static final int MAX_UNFINISHED_JOBS = 5;

  private static final char[] ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final int ID_LENGTH = 20;

  private final Store store;
  private final ExportFiles files;
  private final Clock clock;
  private final Runnable onEnqueued;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param onEnqueued called after a job is committed, to wake the workers of this process
   */
  public ReportingService(Store store, ExportFiles files, Clock clock, Runnable onEnqueued) {
    this.store = store;
    this.files = files;
    this.clock = clock;
    this.onEnqueued = onEnqueued;
  }

  /** The datasets and their attributes ({@code get_datasets}). */
  public List<Dataset> datasets() {
    return Dataset.all();
  }

  /**
   * Enqueues an export ({@code POST /export/reporting_data/enqueue}).
   *
   * @param attributeIds the attribute ids as sent (non-string items as their JSON text)
   * @param startTime Unix seconds, inclusive
   * @param endTime Unix seconds, inclusive
   * @throws ApiException 400 {@code bad_request} "{id} is not a valid dataset_id", "attribute_ids
   *     invalid for conversation dataset: a, b" (or {@code ticket}), or a time range that ends
   *     before it starts; 429 {@code rate_limit_exceeded} "Exceeded rate limit of 5 pending
   *     reporting dataset export jobs" when the workspace already has five unfinished jobs
   */
  public Enqueued enqueue(
      Caller caller, String datasetId, List<String> attributeIds, long startTime, long endTime) {
    Dataset dataset =
        Dataset.byId(datasetId)
            .orElseThrow(
                () ->
                    new ApiException(
                        ErrorCode.BAD_REQUEST,
                        datasetId + " is not a valid dataset_id",
                        "dataset_id"));
    List<String> unknown = new ArrayList<>();
    for (String id : attributeIds) {
      if (dataset.attributes().stream().noneMatch(a -> a.id().equals(id))
          && !unknown.contains(id)) {
        unknown.add(id);
      }
    }
    if (!unknown.isEmpty()) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST,
          "attribute_ids invalid for " + dataset.id() + " dataset: " + String.join(", ", unknown),
          "attribute_ids");
    }
    if (startTime < 0 || endTime < 0) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST,
          "start_time and end_time must be Unix seconds, not negative",
          startTime < 0 ? "start_time" : "end_time");
    }
    if (endTime < startTime) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST, "end_time must not be before start_time", "end_time");
    }
    long ws = caller.workspaceId();
    long now = clock.instant().getEpochSecond();
    ExportJob job =
        new ExportJob(
            ws,
            newId(),
            dataset.id(),
            List.copyOf(attributeIds),
            startTime,
            endTime,
            ExportJob.Status.PENDING,
            0,
            0,
            null,
            null,
            null,
            now,
            null,
            null,
            now);
    int unfinished =
        store.write(
            repos -> {
              int count = repos.exportJobs().countUnfinishedLocked(ws);
              if (count >= MAX_UNFINISHED_JOBS) {
                throw new ApiException(
                    ErrorCode.RATE_LIMIT_EXCEEDED,
                    "Exceeded rate limit of "
                        + MAX_UNFINISHED_JOBS
                        + " pending reporting dataset export jobs");
              }
              repos.exportJobs().insert(job);
              return count + 1;
            });
    onEnqueued.run();
    return new Enqueued(job, MAX_UNFINISHED_JOBS - unfinished);
  }

  /**
   * A job's status ({@code GET /export/reporting_data/{job_identifier}}).
   *
   * @throws ApiException 404 {@code not_found} for a job that is unknown to the caller's workspace
   *     or expired
   */
  public ExportJob status(Caller caller, String jobId) {
    long now = clock.instant().getEpochSecond();
    return store
        .read(repos -> repos.exportJobs().find(caller.workspaceId(), jobId))
        .filter(job -> job.visible(now))
        .orElseThrow(() -> notFound(jobId));
  }

  /**
   * Opens a complete job's file ({@code GET /download/reporting_data/{job_identifier}}). The caller
   * closes the stream.
   *
   * @throws ApiException 404 {@code not_found} for a job that is unknown, expired, or not complete
   */
  public ExportFiles.Published download(Caller caller, String jobId) {
    ExportJob job = status(caller, jobId);
    if (!job.downloadable(clock.instant().getEpochSecond())) {
      throw notFound(jobId);
    }
    try {
      Optional<ExportFiles.Published> file = files.open(job.workspaceId(), job.id());
      return file.orElseThrow(() -> notFound(jobId));
    } catch (IOException e) {
      throw new UncheckedIOException("export file cannot be read", e);
    }
  }

  /** 404 {@code not_found} "Export job not found for identifier: {id}", Intercom's message. */
  public static ApiException notFound(String jobId) {
    String shown = jobId.length() > 100 ? jobId.substring(0, 100) : jobId;
    return new ApiException(
        ErrorCode.EXPORT_JOB_NOT_FOUND, "Export job not found for identifier: " + shown);
  }

  private String newId() {
    char[] id = new char[ID_LENGTH];
    for (int i = 0; i < id.length; i++) {
      id[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
    }
    return new String(id);
  }

  /**
   * A job just enqueued.
   *
   * @param remaining how many more jobs the workspace may enqueue before the limit
   */
  public record Enqueued(ExportJob job, int remaining) {}
}
