package dev.parley.store;

import dev.parley.domain.reporting.ExportJob;
import dev.parley.domain.reporting.ExportJobRepository;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@link ExportJobRepository} in SQL: the {@code export_jobs} table. */
record SqlExportJobRepository(Handle handle, Dialect dialect) implements ExportJobRepository {
  private static final RowMapper<ExportJob> JOB =
      (rs, ctx) ->
          new ExportJob(
              rs.getLong("workspace_id"),
              rs.getString("id"),
              rs.getString("dataset_id"),
              List.of(rs.getString("attribute_ids").split(",")),
              rs.getLong("start_time"),
              rs.getLong("end_time"),
              ExportJob.Status.of(rs.getString("status")),
              rs.getLong("generation"),
              rs.getInt("attempts"),
              Rows.nullableLong(rs, "heartbeat_at"),
              Rows.nullableLong(rs, "row_count"),
              Rows.nullableLong(rs, "file_size"),
              rs.getLong("created_at"),
              Rows.nullableLong(rs, "completed_at"),
              Rows.nullableLong(rs, "expires_at"),
              rs.getLong("updated_at"));

  @Override
  public void insert(ExportJob job) {
    handle
        .createUpdate(
            "INSERT INTO export_jobs (workspace_id, id, dataset_id, attribute_ids, start_time,"
                + " end_time, status, generation, attempts, created_at, updated_at) VALUES"
                + " (:workspaceId, :id, :datasetId, :attributes, :startTime, :endTime, :status,"
                + " :generation, :attempts, :createdAt, :updatedAt)")
        .bindMethods(job)
        .bind("attributes", String.join(",", job.attributeIds()))
        .bind("status", job.status().wireName())
        .execute();
  }

  @Override
  public Optional<ExportJob> find(long workspaceId, String id) {
    return Rows.byId(handle, "export_jobs", workspaceId, id, JOB);
  }

  @Override
  public int countUnfinishedLocked(long workspaceId) {
    handle
        .createQuery(
            "SELECT workspace_id FROM workspaces WHERE workspace_id = :ws"
                + dialect.forNoKeyUpdate())
        .bind("ws", workspaceId)
        .mapTo(Long.class)
        .findOne();
    return handle
        .createQuery(
            "SELECT COUNT(*) FROM export_jobs WHERE workspace_id = :ws"
                + " AND status IN ('pending', 'in_progress')")
        .bind("ws", workspaceId)
        .mapTo(Integer.class)
        .one();
  }

  @Override
  public boolean anyPending() {
    return handle
        .createQuery("SELECT id FROM export_jobs WHERE status = 'pending' LIMIT 1")
        .mapTo(String.class)
        .findOne()
        .isPresent();
  }

  @Override
  public Optional<ExportJob> claimNext(String worker, long now) {
    Optional<ExportJob> next =
        handle
            .createQuery(
                "SELECT * FROM export_jobs WHERE status = 'pending'"
                    + " ORDER BY created_at, workspace_id, id LIMIT 1"
                    + dialect.forUpdateSkipLocked())
            .map(JOB)
            .findOne();
    if (next.isEmpty()) {
      return next;
    }
    ExportJob job = next.get();
    int claimed =
        handle
            .createUpdate(
                "UPDATE export_jobs SET status = 'in_progress', generation = generation + 1,"
                    + " attempts = attempts + 1, claimed_by = :worker, heartbeat_at = :now,"
                    + " updated_at = :now WHERE workspace_id = :ws AND id = :id"
                    + " AND generation = :generation AND status = 'pending'")
            .bind("worker", worker)
            .bind("now", now)
            .bind("ws", job.workspaceId())
            .bind("id", job.id())
            .bind("generation", job.generation())
            .execute();
    if (claimed == 0) {
      return Optional.empty();
    }
    return find(job.workspaceId(), job.id());
  }

  @Override
  public boolean heartbeat(long workspaceId, String id, long generation, long now) {
    return handle
            .createUpdate(
                "UPDATE export_jobs SET heartbeat_at = :now WHERE workspace_id = :ws AND id = :id"
                    + " AND generation = :generation AND status = 'in_progress'")
            .bind("now", now)
            .bind("ws", workspaceId)
            .bind("id", id)
            .bind("generation", generation)
            .execute()
        > 0;
  }

  @Override
  public boolean complete(
      long workspaceId,
      String id,
      long generation,
      long rowCount,
      long fileSize,
      long now,
      long expiresAt) {
    return handle
            .createUpdate(
                "UPDATE export_jobs SET status = 'complete', row_count = :rows, file_size = :size,"
                    + " completed_at = :now, expires_at = :expiresAt, heartbeat_at = NULL,"
                    + " claimed_by = NULL, updated_at = :now WHERE workspace_id = :ws AND id = :id"
                    + " AND generation = :generation AND status = 'in_progress'")
            .bind("rows", rowCount)
            .bind("size", fileSize)
            .bind("now", now)
            .bind("expiresAt", expiresAt)
            .bind("ws", workspaceId)
            .bind("id", id)
            .bind("generation", generation)
            .execute()
        > 0;
  }

  @Override
  public boolean transition(
      ExportJob job, ExportJob.Status status, boolean refundAttempt, long now) {
    return handle
            .createUpdate(
                "UPDATE export_jobs SET status = :status, generation = generation + 1,"
                    + " attempts = attempts - :refund, heartbeat_at = NULL, claimed_by = NULL,"
                    + " updated_at = :now WHERE workspace_id = :ws AND id = :id"
                    + " AND generation = :generation")
            .bind("status", status.wireName())
            .bind("refund", refundAttempt ? 1 : 0)
            .bind("now", now)
            .bind("ws", job.workspaceId())
            .bind("id", job.id())
            .bind("generation", job.generation())
            .execute()
        > 0;
  }

  @Override
  public List<ExportJob> lockCovering(long workspaceId, long conversationStartedAt) {
    return handle
        .createQuery(
            "SELECT * FROM export_jobs WHERE workspace_id = :ws"
                + " AND status IN ('pending', 'in_progress', 'complete')"
                + " AND start_time <= :at AND end_time >= :at ORDER BY id"
                + dialect.forUpdate())
        .bind("ws", workspaceId)
        .bind("at", conversationStartedAt)
        .map(JOB)
        .list();
  }

  @Override
  public List<ExportJob> lockStale(long heartbeatBefore) {
    return handle
        .createQuery(
            "SELECT * FROM export_jobs WHERE status = 'in_progress' AND heartbeat_at < :before"
                + " ORDER BY workspace_id, id"
                + dialect.forUpdateSkipLocked())
        .bind("before", heartbeatBefore)
        .map(JOB)
        .list();
  }

  @Override
  public List<ExportJob> lockExpired(long now) {
    return handle
        .createQuery(
            "SELECT * FROM export_jobs WHERE status = 'complete' AND expires_at <= :now"
                + " ORDER BY workspace_id, id"
                + dialect.forUpdateSkipLocked())
        .bind("now", now)
        .map(JOB)
        .list();
  }

  @Override
  public List<ExportJob> withFiles(long workspaceId) {
    return handle
        .createQuery(
            "SELECT * FROM export_jobs WHERE workspace_id = :ws"
                + " AND status IN ('in_progress', 'complete')")
        .bind("ws", workspaceId)
        .map(JOB)
        .list();
  }

  @Override
  public int purgeEnded(long before) {
    return handle
        .createUpdate(
            "DELETE FROM export_jobs WHERE status IN ('failed', 'expired') AND updated_at <"
                + " :before")
        .bind("before", before)
        .execute();
  }
}
