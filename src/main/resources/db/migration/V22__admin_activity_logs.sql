-- parley schema, version 22: the admin activity log (issue 15). Portable SQL (SQLite and PostgreSQL).
--
-- What admins did through parley, as GET /admins/activity_logs (listActivityLogs) lists it: away
-- mode changes, conversation, ticket and contact deletions, token creation and revocation. A row
-- holds ids, an activity type and metadata of flags and ids, never content: no body, title, name,
-- email or attribute value (an admin's name and email are read from the admin when listed). A
-- workspace reset empties it with the content; a workspace deletion removes it.
CREATE TABLE admin_activity_logs (
  workspace_id   BIGINT NOT NULL,
  id             TEXT   NOT NULL,
  admin_id       BIGINT NOT NULL,
  activity_type  TEXT   NOT NULL,
  metadata       TEXT   NOT NULL,
  created_at     BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, id)
);

CREATE INDEX admin_activity_logs_by_time ON admin_activity_logs (workspace_id, created_at);
