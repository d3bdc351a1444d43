-- Intercom's rate limits, per workspace (issue 12, "Rate limits").
-- A workspace's own limit in requests per minute; NULL follows the server's
-- --rate-limit-per-minute. Set with `parley workspace rate-limit NAME --per-minute N`.
ALTER TABLE workspaces ADD COLUMN rate_limit_per_minute BIGINT;

-- The current 10-second window of each workspace, shared by every process on one
-- PostgreSQL: `reserved` requests of the window handed out to processes so far (never more
-- than the window's limit), `last_grant` how many the last reservation got. One row per
-- workspace, overwritten when a new window begins. SQLite (one process per data dir)
-- counts in memory and never writes here.
CREATE TABLE rate_limit_windows (
  workspace_id  BIGINT NOT NULL PRIMARY KEY,
  window_start  BIGINT NOT NULL,
  reserved      BIGINT NOT NULL,
  last_grant    BIGINT NOT NULL
);
