-- parley schema, version 1. Portable SQL: the same file runs on SQLite and PostgreSQL.
--
-- Every table that holds a workspace's data has a primary key, and every index, that leads
-- with workspace_id, so the schema can be distributed by workspace (Citus) unchanged.
-- Two tables are global by nature and would become reference tables there: id_counters
-- and access_tokens (a token is looked up by its hash before its workspace is known).
--
-- Sensitive content (message text, titles, attribute values, upload names) lives only in
-- conversations, conversation_parts and uploads. Erasure deletes those rows. The
-- reporting record (conversation_metrics), the erasure log (erasures) and the blob
-- deletion queue (blob_deletions) never hold content.

CREATE TABLE id_counters (
  name     TEXT   NOT NULL PRIMARY KEY,
  next_id  BIGINT NOT NULL
);

INSERT INTO id_counters (name, next_id) VALUES ('workspace', 1);
INSERT INTO id_counters (name, next_id) VALUES ('admin', 1000001);
INSERT INTO id_counters (name, next_id) VALUES ('team', 2000001);
INSERT INTO id_counters (name, next_id) VALUES ('tag', 3000001);
INSERT INTO id_counters (name, next_id) VALUES ('conversation', 1);
INSERT INTO id_counters (name, next_id) VALUES ('part', 100000001);
INSERT INTO id_counters (name, next_id) VALUES ('upload', 1);
INSERT INTO id_counters (name, next_id) VALUES ('erasure', 1);
INSERT INTO id_counters (name, next_id) VALUES ('token', 1);

CREATE TABLE workspaces (
  workspace_id     BIGINT  NOT NULL PRIMARY KEY,
  name             TEXT    NOT NULL,
  id_code          TEXT    NOT NULL,
  restricted       BOOLEAN NOT NULL,
  default_version  TEXT    NOT NULL,
  created_at       BIGINT  NOT NULL
);
CREATE UNIQUE INDEX workspaces_name ON workspaces (name);

CREATE TABLE admins (
  workspace_id        BIGINT  NOT NULL,
  id                  BIGINT  NOT NULL,
  name                TEXT    NOT NULL,
  email               TEXT    NOT NULL,
  job_title           TEXT,
  away_mode_enabled   BOOLEAN NOT NULL,
  away_mode_reassign  BOOLEAN NOT NULL,
  has_inbox_seat      BOOLEAN NOT NULL,
  owner               BOOLEAN NOT NULL,
  created_at          BIGINT  NOT NULL,
  PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX admins_email ON admins (workspace_id, email);

CREATE TABLE teams (
  workspace_id  BIGINT NOT NULL,
  id            BIGINT NOT NULL,
  name          TEXT   NOT NULL,
  created_at    BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, id)
);

CREATE TABLE team_members (
  workspace_id  BIGINT NOT NULL,
  team_id       BIGINT NOT NULL,
  admin_id      BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, team_id, admin_id)
);

CREATE TABLE access_tokens (
  token_hash    TEXT   NOT NULL PRIMARY KEY,
  workspace_id  BIGINT NOT NULL,
  id            BIGINT NOT NULL,
  admin_id      BIGINT NOT NULL,
  scopes        TEXT   NOT NULL,
  created_at    BIGINT NOT NULL,
  revoked_at    BIGINT
);
CREATE UNIQUE INDEX access_tokens_id ON access_tokens (workspace_id, id);

CREATE TABLE contacts (
  workspace_id              BIGINT  NOT NULL,
  id                        TEXT    NOT NULL,
  role                      TEXT    NOT NULL,
  email                     TEXT,
  external_id               TEXT,
  name                      TEXT,
  phone                     TEXT,
  avatar                    TEXT,
  owner_id                  BIGINT,
  unsubscribed_from_emails  BOOLEAN NOT NULL,
  custom_attributes         TEXT    NOT NULL,
  signed_up_at              BIGINT,
  last_seen_at              BIGINT,
  last_replied_at           BIGINT,
  archived                  BOOLEAN NOT NULL,
  created_at                BIGINT  NOT NULL,
  updated_at                BIGINT  NOT NULL,
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX contacts_created ON contacts (workspace_id, created_at, id);
CREATE INDEX contacts_email ON contacts (workspace_id, email);
CREATE INDEX contacts_external_id ON contacts (workspace_id, external_id);

CREATE TABLE tags (
  workspace_id  BIGINT NOT NULL,
  id            BIGINT NOT NULL,
  name          TEXT   NOT NULL,
  name_key      TEXT   NOT NULL,
  created_at    BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX tags_name ON tags (workspace_id, name_key);

-- One row per live conversation. The source message is stored on the row.
CREATE TABLE conversations (
  workspace_id           BIGINT  NOT NULL,
  id                     BIGINT  NOT NULL,
  created_at             BIGINT  NOT NULL,
  updated_at             BIGINT  NOT NULL,
  title                  TEXT,
  state                  TEXT    NOT NULL,
  is_read                BOOLEAN NOT NULL,
  priority               TEXT    NOT NULL,
  admin_assignee_id      BIGINT,
  team_assignee_id       BIGINT,
  snoozed_until          BIGINT,
  waiting_since          BIGINT,
  custom_attributes      TEXT    NOT NULL,
  source_id              BIGINT  NOT NULL,
  source_type            TEXT    NOT NULL,
  source_delivered_as    TEXT    NOT NULL,
  source_subject         TEXT    NOT NULL,
  source_body            TEXT,
  source_author_type     TEXT    NOT NULL,
  source_author_id       TEXT    NOT NULL,
  source_url             TEXT,
  source_redacted        BOOLEAN NOT NULL,
  first_contact_reply_at BIGINT,
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX conversations_created ON conversations (workspace_id, created_at, id);
CREATE INDEX conversations_updated ON conversations (workspace_id, updated_at, id);

CREATE TABLE conversation_contacts (
  workspace_id     BIGINT NOT NULL,
  conversation_id  BIGINT NOT NULL,
  contact_id       TEXT   NOT NULL,
  position         INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, conversation_id, contact_id)
);
CREATE INDEX conversation_contacts_contact ON conversation_contacts (workspace_id, contact_id);

CREATE TABLE conversation_tags (
  workspace_id         BIGINT NOT NULL,
  conversation_id      BIGINT NOT NULL,
  tag_id               BIGINT NOT NULL,
  applied_at           BIGINT NOT NULL,
  applied_by_admin_id  BIGINT,
  PRIMARY KEY (workspace_id, conversation_id, tag_id)
);
CREATE INDEX conversation_tags_tag ON conversation_tags (workspace_id, tag_id);

CREATE TABLE conversation_parts (
  workspace_id      BIGINT  NOT NULL,
  id                BIGINT  NOT NULL,
  conversation_id   BIGINT  NOT NULL,
  part_type         TEXT    NOT NULL,
  body              TEXT,
  created_at        BIGINT  NOT NULL,
  updated_at        BIGINT  NOT NULL,
  notified_at       BIGINT  NOT NULL,
  author_type       TEXT    NOT NULL,
  author_id         TEXT    NOT NULL,
  assigned_to_type  TEXT,
  assigned_to_id    TEXT,
  metadata          TEXT,
  state             TEXT    NOT NULL,
  redacted          BOOLEAN NOT NULL,
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX conversation_parts_conversation ON conversation_parts (workspace_id, conversation_id, id);

-- Attachments of a source message (part_id NULL) or of a part. kind 'file' has its bytes
-- in the blob store under blob_key and is served at /uploads/{workspace_id}/{url_token};
-- kind 'url' is a link the client gave, never fetched.
CREATE TABLE uploads (
  workspace_id     BIGINT  NOT NULL,
  id               BIGINT  NOT NULL,
  conversation_id  BIGINT  NOT NULL,
  part_id          BIGINT,
  position         INTEGER NOT NULL,
  kind             TEXT    NOT NULL,
  name             TEXT    NOT NULL,
  content_type     TEXT    NOT NULL,
  filesize         BIGINT,
  width            INTEGER,
  height           INTEGER,
  blob_key         TEXT,
  url_token        TEXT,
  url              TEXT,
  created_at       BIGINT  NOT NULL,
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX uploads_conversation ON uploads (workspace_id, conversation_id, part_id);
CREATE UNIQUE INDEX uploads_url_token ON uploads (workspace_id, url_token);

-- The reporting record: one row per conversation, only non-sensitive facts, written as the
-- conversation lives and kept (with deleted_at) when the conversation is erased.
CREATE TABLE conversation_metrics (
  workspace_id                    BIGINT NOT NULL,
  conversation_id                 BIGINT NOT NULL,
  created_at                      BIGINT NOT NULL,
  updated_at                      BIGINT NOT NULL,
  state                           TEXT   NOT NULL,
  source_type                     TEXT   NOT NULL,
  source_delivered_as             TEXT   NOT NULL,
  admin_assignee_id               BIGINT,
  team_assignee_id                BIGINT,
  first_contact_reply_at          BIGINT,
  first_assignment_at             BIGINT,
  first_admin_reply_at            BIGINT,
  first_close_at                  BIGINT,
  last_assignment_at              BIGINT,
  last_assignment_admin_reply_at  BIGINT,
  last_contact_reply_at           BIGINT,
  last_admin_reply_at             BIGINT,
  last_close_at                   BIGINT,
  last_closed_by_id               BIGINT,
  count_parts                     INTEGER NOT NULL,
  count_reopens                   INTEGER NOT NULL,
  count_assignments               INTEGER NOT NULL,
  deleted_at                      BIGINT,
  PRIMARY KEY (workspace_id, conversation_id)
);
CREATE INDEX conversation_metrics_created ON conversation_metrics (workspace_id, created_at, conversation_id);

-- The erasure log: who erased which conversation when, and how much. No content.
CREATE TABLE erasures (
  workspace_id     BIGINT  NOT NULL,
  id               BIGINT  NOT NULL,
  conversation_id  BIGINT  NOT NULL,
  admin_id         BIGINT,
  token_id         BIGINT,
  erased_at        BIGINT  NOT NULL,
  parts_erased     INTEGER NOT NULL,
  uploads_erased   INTEGER NOT NULL,
  retain_metrics   BOOLEAN NOT NULL,
  PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX erasures_conversation ON erasures (workspace_id, conversation_id);

-- The durable blob deletion queue: blob keys (random, content-free) whose rows are gone
-- and whose bytes must be removed from the blob store.
CREATE TABLE blob_deletions (
  workspace_id  BIGINT NOT NULL,
  blob_key      TEXT   NOT NULL,
  enqueued_at   BIGINT NOT NULL,
  attempts      INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, blob_key)
);
