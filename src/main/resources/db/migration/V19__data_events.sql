-- parley schema, version 19: data events of contacts (issue 15). Portable SQL (SQLite and
-- PostgreSQL).
--
-- contact_events holds the events submitted for a contact (POST /events): its name, when it
-- happened (Unix seconds) and its metadata (a JSON object, content). The primary key is
-- Intercom's de-duplication key (workspace, contact, name, created_at): a second event with the
-- same key is ignored. contact_event_summaries holds, per contact and event name, how many times
-- it happened and the first and last time (POST /events adds to it, POST /events/summaries too).
-- Both go with the contact, in its erasure transaction (DELETE /contacts/{id}).
CREATE TABLE contact_events (
  workspace_id  BIGINT NOT NULL,
  contact_id    TEXT   NOT NULL,
  event_name    TEXT   NOT NULL,
  created_at    BIGINT NOT NULL,
  metadata      TEXT   NOT NULL,
  PRIMARY KEY (workspace_id, contact_id, event_name, created_at)
);
CREATE INDEX contact_events_recent ON contact_events (workspace_id, contact_id, created_at);

CREATE TABLE contact_event_summaries (
  workspace_id  BIGINT NOT NULL,
  contact_id    TEXT   NOT NULL,
  event_name    TEXT   NOT NULL,
  count         BIGINT NOT NULL,
  first_at      BIGINT NOT NULL,
  last_at       BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, contact_id, event_name)
);
