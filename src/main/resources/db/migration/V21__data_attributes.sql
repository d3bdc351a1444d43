-- parley schema, version 21: custom data attributes and blocked contacts (issue 15). Portable SQL
-- (SQLite and PostgreSQL).
--
-- data_attributes holds a workspace's custom data attributes (POST /data_attributes): the model
-- they describe (contact, company or conversation), their name (unique in the workspace across
-- models, as Intercom's "You already have 'x' in your company data"), data type, description, the
-- options of a list attribute (a JSON array of strings, NULL for other attributes), whether the
-- Messenger may write them, whether they are archived, the admin who created them; times in Unix
-- seconds. The built-in attributes are parley's code, not rows. No personal data: set-up of the
-- workspace, which a workspace reset removes with the content, like ticket types.
-- contacts.blocked records POST /contacts/{id}/block.
CREATE TABLE data_attributes (
  workspace_id        BIGINT  NOT NULL,
  id                  BIGINT  NOT NULL,
  model               TEXT    NOT NULL,
  name                TEXT    NOT NULL,
  data_type           TEXT    NOT NULL,
  description         TEXT,
  options             TEXT,
  messenger_writable  BOOLEAN NOT NULL,
  archived            BOOLEAN NOT NULL,
  admin_id            BIGINT,
  created_at          BIGINT  NOT NULL,
  updated_at          BIGINT  NOT NULL,
  PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX data_attributes_name ON data_attributes (workspace_id, name);

ALTER TABLE contacts ADD COLUMN blocked BOOLEAN NOT NULL DEFAULT FALSE;

INSERT INTO id_counters (name, next_id) VALUES ('data_attribute', 1);
