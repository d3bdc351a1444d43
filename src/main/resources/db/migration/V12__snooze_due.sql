-- parley schema, version 12: snoozes that run out (issue 17, "Time"). Portable SQL (SQLite and
-- PostgreSQL).
--
-- A snoozed conversation opens when the server clock passes its snoozed_until: a periodic job
-- (dev.parley.jobs.SnoozeWakeUp) asks every second, across all workspaces, which snoozed
-- conversations are due, the longest due first. This partial index holds the snoozed rows only, in
-- that order, so the question reads a few index entries however many conversations there are.
CREATE INDEX conversations_snoozed_due ON conversations (snoozed_until, workspace_id, id)
  WHERE state = 'snoozed';
