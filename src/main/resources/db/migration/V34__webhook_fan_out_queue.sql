-- parley schema, version 34: webhook notifications written by the delivery worker, not by the
-- change that raises them (issue 14, "Benchmark": what 10 subscriptions cost a DELETE). Portable
-- SQL (SQLite and PostgreSQL).
--
-- The change's transaction writes its event (webhook_events, with the item) and one row here: the
-- event's id and the subscriptions that were to receive it when it committed (a comma-separated
-- list of ids, no content). The delivery worker takes these rows in event id order, in the
-- transaction of its claim, and writes each subscription's pending notification; a change thus no
-- longer writes a notification row per subscription, and while the API is busy (the delivery
-- governor) nothing is written for it at all. An event erased before that has its row here
-- deleted by the worker, with no notification ever written.
CREATE TABLE webhook_fan_out (
  event_id       BIGINT NOT NULL PRIMARY KEY,
  workspace_id   BIGINT NOT NULL,
  subscriptions  TEXT   NOT NULL,
  CONSTRAINT webhook_fan_out_workspace_fk FOREIGN KEY (workspace_id) REFERENCES workspaces (workspace_id)
);

-- No query reads events by subject (an erasure finds them through webhook_event_keys), and the
-- index cost each event a write at its subject's place. A workspace's deletion (its DELETE by
-- workspace, and PostgreSQL's check of the foreign key) now reads the whole table, which holds only
-- undelivered events: the worker deletes each event once its notifications are settled. An index
-- by workspace instead cost an erasure with a backlog 16 % more bytes (WebhookErasureWrites).
DROP INDEX webhook_events_subject;
