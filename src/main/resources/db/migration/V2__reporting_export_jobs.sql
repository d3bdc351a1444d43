-- Reporting data export jobs (Intercom's /export/reporting_data/*). Portable SQL: the same
-- file runs on SQLite and PostgreSQL; the key and the index lead with workspace_id.
--
-- No content: the dataset and attribute ids asked for (ids from parley's own catalogue), the
-- time range, and the state of the job. The exported rows live in gzip files under the
-- export dir, named by workspace and job; erasure deletes the files that may hold an erased
-- conversation (docs/reporting-export.md).
--
-- status: pending, in_progress, complete, failed, expired. generation is bumped by every
-- claim and by every erasure, expiry or recovery that touches the job: a worker may only
-- finish the generation it claimed. heartbeat_at is the lease of the worker in progress.
CREATE TABLE export_jobs (
  workspace_id   BIGINT  NOT NULL,
  id             TEXT    NOT NULL,
  dataset_id     TEXT    NOT NULL,
  attribute_ids  TEXT    NOT NULL,
  start_time     BIGINT  NOT NULL,
  end_time       BIGINT  NOT NULL,
  status         TEXT    NOT NULL,
  generation     BIGINT  NOT NULL,
  attempts       INTEGER NOT NULL,
  claimed_by     TEXT,
  heartbeat_at   BIGINT,
  row_count      BIGINT,
  file_size      BIGINT,
  created_at     BIGINT  NOT NULL,
  completed_at   BIGINT,
  expires_at     BIGINT,
  updated_at     BIGINT  NOT NULL,
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX export_jobs_status ON export_jobs (workspace_id, status, created_at);
