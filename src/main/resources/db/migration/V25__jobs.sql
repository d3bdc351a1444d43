-- parley schema, version 25: jobs (issue 16). Portable SQL (SQLite and PostgreSQL).
--
-- A job is what POST /tickets/enqueue (Intercom's enqueueCreateTicket) answers and GET
-- /jobs/status/{job_id} reads. parley runs the job at once, inside the request that enqueues it, so
-- a job row is written only for a job that succeeded, beside the ticket it created. The row holds
-- ids only (the created resource's type and id), never the ticket's content: erasing the ticket
-- leaves nothing of it here, and the job keeps pointing at an id that answers 404. Jobs are erased
-- with their workspace. The foreign key is the one migration 24 gives every workspace table on
-- PostgreSQL (SQLite does not enforce it).
CREATE TABLE jobs (
  workspace_id   BIGINT  NOT NULL,
  id             BIGINT  NOT NULL,
  status         TEXT    NOT NULL,
  resource_type  TEXT    NOT NULL,
  resource_id    BIGINT,
  created_at     BIGINT  NOT NULL,
  PRIMARY KEY (workspace_id, id),
  CONSTRAINT jobs_workspace_fk FOREIGN KEY (workspace_id) REFERENCES workspaces (workspace_id)
);

INSERT INTO id_counters (name, next_id) VALUES ('job', 1);
