-- Upload bytes a reply is about to write (issue 12, "Orphan upload files after a crash during
-- a reply"). A reply with files records one row per blob key in its own short transaction
-- before it writes the bytes; the reply's own transaction inserts the upload rows and removes
-- these rows. A row left behind (the process died in between, or the reply failed and could
-- not clean up) names bytes that no upload row owns: the drain moves it to blob_deletions
-- (at start-up on SQLite, after --upload-intent-timeout seconds otherwise), which removes the
-- bytes. No content: a random key, a workspace id and a time (Unix seconds).
CREATE TABLE upload_intents (
  blob_key      TEXT   NOT NULL PRIMARY KEY,
  workspace_id  BIGINT NOT NULL,
  created_at    BIGINT NOT NULL
);
CREATE INDEX upload_intents_created ON upload_intents (created_at);

-- The start-up sweep of the upload directory asks which of its files an upload row names.
CREATE INDEX uploads_blob_key ON uploads (blob_key);
