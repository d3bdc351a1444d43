-- Webhooks (issue 14): Intercom's notifications, written in the same transaction as the change
-- that raises them (an outbox) and delivered by a background worker.
--
-- Content (the rendered item of a notification: a reply's body, a contact's email) lives only in
-- webhook_events.item, and only until every notification of the event is settled (delivered,
-- dropped or failed for good): the worker then deletes the event row. Erasing a conversation or a
-- contact deletes, in the erasure's transaction, every event whose subject or related keys name
-- it. webhook_notifications is the delivery log: ids, topic, state, attempts, times and the
-- endpoint's status code, never content.

-- The key that signs a workspace's notifications (X-Hub-Signature). Null on workspaces created
-- before this migration until an operator shows, rotates or subscribes (then it is generated).
ALTER TABLE workspaces ADD COLUMN client_secret TEXT;

INSERT INTO id_counters (name, next_id) VALUES ('webhook_subscription', 1);
INSERT INTO id_counters (name, next_id) VALUES ('webhook_event', 1);
INSERT INTO id_counters (name, next_id) VALUES ('webhook_notification', 1);

-- A subscription: an endpoint URL and the topics it receives. topics is a comma-separated list
-- of topic names. state: active, paused (until paused_until, Unix ms) or suspended (resumed by
-- an operator). Throttling after a 429: throttled_until (Unix ms) and the current delay.
CREATE TABLE webhook_subscriptions (
  workspace_id           BIGINT NOT NULL,
  id                     BIGINT NOT NULL PRIMARY KEY,
  url                    TEXT   NOT NULL,
  topics                 TEXT   NOT NULL,
  state                  TEXT   NOT NULL,
  created_at             BIGINT NOT NULL,
  paused_until_ms        BIGINT,
  throttled_until_ms     BIGINT,
  throttle_seconds       BIGINT NOT NULL,
  error_count            BIGINT NOT NULL,
  error_window_start_ms  BIGINT,
  failing_since_ms       BIGINT
);
CREATE INDEX webhook_subscriptions_workspace ON webhook_subscriptions (workspace_id, id);

-- An event that raised notifications: its topic, the object it is about (subject_key, such as
-- 'conversation:17', the unit of delivery order), the other objects whose data its item holds
-- (related_keys, ',contact:5,contact:7,') and the item as the REST API renders it.
CREATE TABLE webhook_events (
  id            BIGINT NOT NULL PRIMARY KEY,
  workspace_id  BIGINT NOT NULL,
  topic         TEXT   NOT NULL,
  subject_key   TEXT   NOT NULL,
  related_keys  TEXT   NOT NULL,
  item          TEXT   NOT NULL,
  created_at    BIGINT NOT NULL
);
CREATE INDEX webhook_events_subject ON webhook_events (workspace_id, subject_key);

-- One notification: one event for one subscription. notification_id is the envelope's id
-- ('notif_' + a UUID), the same on every attempt. status: pending, delivered, dropped (its
-- content was erased, or its subscription deleted, before delivery) or failed. Times in Unix
-- seconds except the *_ms scheduling columns. lease_owner/lease_until_ms: the process sending it.
CREATE TABLE webhook_notifications (
  id                BIGINT NOT NULL PRIMARY KEY,
  notification_id   TEXT   NOT NULL,
  workspace_id      BIGINT NOT NULL,
  subscription_id   BIGINT NOT NULL,
  event_id          BIGINT,
  topic             TEXT   NOT NULL,
  subject_key       TEXT   NOT NULL,
  status            TEXT   NOT NULL,
  created_at        BIGINT NOT NULL,
  attempts          BIGINT NOT NULL,
  next_attempt_ms   BIGINT NOT NULL,
  first_sent_at     BIGINT,
  last_attempt_at   BIGINT,
  delivered_at      BIGINT,
  last_status_code  INTEGER,
  last_error        TEXT,
  lease_owner       TEXT,
  lease_until_ms    BIGINT
);
CREATE INDEX webhook_notifications_due ON webhook_notifications (next_attempt_ms, id)
  WHERE status = 'pending';
CREATE INDEX webhook_notifications_order ON webhook_notifications (subscription_id, subject_key, id)
  WHERE status = 'pending';
CREATE INDEX webhook_notifications_event ON webhook_notifications (event_id)
  WHERE status = 'pending';
CREATE INDEX webhook_notifications_log ON webhook_notifications (workspace_id, subscription_id, id);
