-- Webhook fan-out in the delivery worker (issue 14): a change that raises a topic writes only its
-- event (webhook_events and webhook_event_keys) in its transaction, with the ids of the
-- subscriptions that took the topic then (fan_out_to, ',1,2,3,'). The delivery worker turns each
-- such event into one webhook_notifications row per subscription still there, in its own
-- transaction, and sets fan_out_to to NULL: exactly once (a conditional UPDATE on rows it holds).
-- Events written before this migration already have their notifications: fan_out_to NULL.
ALTER TABLE webhook_events ADD COLUMN fan_out_to TEXT;

-- The events still to fan out, oldest first (a small set: the worker empties it).
CREATE INDEX webhook_events_fan_out ON webhook_events (id) WHERE fan_out_to IS NOT NULL;

-- Per-subject order is the order of the events (their ids), not of the notification rows, which
-- the worker writes later.
DROP INDEX webhook_notifications_order;
CREATE INDEX webhook_notifications_order ON webhook_notifications (subscription_id, subject_key,
  event_id) WHERE status = 'pending';

-- At most one pending notification of one event for one subscription.
DROP INDEX webhook_notifications_event;
CREATE UNIQUE INDEX webhook_notifications_event ON webhook_notifications (event_id,
  subscription_id) WHERE status = 'pending';
