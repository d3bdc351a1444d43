-- parley schema, version 15: notes on contacts and tags on contacts (issue 15). Portable SQL
-- (SQLite and PostgreSQL).
--
-- contact_notes holds content (a note's body): DELETE /contacts/{id} deletes a contact's notes
-- with the contact, in the same erasure transaction. contact_tags links a contact to a tag (who
-- applied it, when); it goes with the contact, and with the tag when the tag is deleted.
CREATE TABLE contact_notes (
  workspace_id  BIGINT NOT NULL,
  id            BIGINT NOT NULL,
  contact_id    TEXT   NOT NULL,
  admin_id      BIGINT,
  body          TEXT   NOT NULL,
  created_at    BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX contact_notes_contact ON contact_notes (workspace_id, contact_id, created_at, id);

CREATE TABLE contact_tags (
  workspace_id  BIGINT NOT NULL,
  contact_id    TEXT   NOT NULL,
  tag_id        BIGINT NOT NULL,
  admin_id      BIGINT,
  applied_at    BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, contact_id, tag_id)
);
CREATE INDEX contact_tags_tag ON contact_tags (workspace_id, tag_id, contact_id);

INSERT INTO id_counters (name, next_id) VALUES ('note', 1);
