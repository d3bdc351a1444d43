-- parley schema, version 20: away status reasons (issue 15). Portable SQL (SQLite and PostgreSQL).
--
-- An operator adds a workspace's away status reasons (the CLI's away-status-reason command), as an
-- admin configures them in Intercom's settings; GET /away_status_reasons lists them, deleted ones
-- included (a deletion is soft, as Intercom's). An admin set away with a reason keeps its id.
-- Set-up, not content: a workspace reset keeps them, a workspace deletion removes them.
CREATE TABLE away_status_reasons (
  workspace_id  BIGINT  NOT NULL,
  id            BIGINT  NOT NULL,
  label         TEXT    NOT NULL,
  emoji         TEXT    NOT NULL,
  sort_order    INTEGER NOT NULL,
  deleted       BOOLEAN NOT NULL,
  created_at    BIGINT  NOT NULL,
  updated_at    BIGINT  NOT NULL,
  PRIMARY KEY (workspace_id, id)
);

ALTER TABLE admins ADD COLUMN away_status_reason_id BIGINT;

INSERT INTO id_counters (name, next_id) VALUES ('away_status_reason', 1);
