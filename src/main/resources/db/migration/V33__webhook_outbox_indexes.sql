-- parley schema, version 33: the outbox's indexes in the order its writes arrive (issue 14,
-- "Benchmark": what 10 subscriptions cost a DELETE). Portable SQL (SQLite and PostgreSQL).
--
-- One event raises a notification for each subscription, all of one subject, and an erasure drops
-- the pending notifications of one subject. webhook_notifications_order led with subscription_id
-- and webhook_notifications_log with (workspace_id, subscription_id): the notifications of one
-- event landed in one index page per subscription in each, so raising an event for 10
-- subscriptions wrote about 20 index pages, and dropping a subject's backlog 10 more (measured
-- with WebhookErasureWrites, test sources: 275 KiB written by the outbox part of an erasure after
-- delivery, 787 KiB with a backlog of 70 pending notifications; 155 and 644 KiB with these).
--
-- order: every query that reads it names both the subscription and the subject (first in line, the
-- next to make due, whether a subscription already has one pending about a subject), so the
-- columns' order changes no plan; subject first puts a subject's notifications side by side.
-- The pending notifications of one subscription (resume, unsubscribe) are found through the due
-- index, which holds only the pending ones.
--
-- log: the delivery log lists a workspace's notifications newest first, filtered by subscription
-- or not; (workspace_id, id) reads it in that order without a sort, and appends each event's
-- notifications in one page.
DROP INDEX webhook_notifications_order;
CREATE INDEX webhook_notifications_order ON webhook_notifications (subject_key, subscription_id, id)
  WHERE status = 'pending';
DROP INDEX webhook_notifications_log;
CREATE INDEX webhook_notifications_log ON webhook_notifications (workspace_id, id);
