-- Ticket types, their attributes and the workspace's ticket states (issue 16; Intercom's
-- "Ticket Types", "Ticket Type Attributes" and "Ticket States" of the REST API 2.14). They are a
-- workspace's configuration, not personal data: no erasure reaches them, a workspace reset empties
-- them.

INSERT INTO id_counters (name, next_id) VALUES ('ticket_type', 1);
INSERT INTO id_counters (name, next_id) VALUES ('ticket_type_attribute', 1);
INSERT INTO id_counters (name, next_id) VALUES ('ticket_state', 1);

-- category: Customer, Back-office or Tracker. name_key: the lower-cased name, unique in a workspace.
-- Times in Unix seconds.
CREATE TABLE ticket_types (
  workspace_id  BIGINT  NOT NULL,
  id            BIGINT  NOT NULL PRIMARY KEY,
  name          TEXT    NOT NULL,
  name_key      TEXT    NOT NULL,
  description   TEXT    NOT NULL,
  icon          TEXT    NOT NULL,
  category      TEXT    NOT NULL,
  is_internal   BOOLEAN NOT NULL,
  archived      BOOLEAN NOT NULL,
  created_at    BIGINT  NOT NULL,
  updated_at    BIGINT  NOT NULL
);
CREATE UNIQUE INDEX ticket_types_name ON ticket_types (workspace_id, name_key);

-- data_type: string, list, integer, decimal, boolean, datetime or files. input_options: JSON
-- ({"multiline": bool}, {"list_options": [...]}, {"allow_multiple_values": bool}) or null.
-- position: the attribute's order in its type. is_default: the built-in _default_title_ and
-- _default_description_.
CREATE TABLE ticket_type_attributes (
  workspace_id                     BIGINT  NOT NULL,
  id                               BIGINT  NOT NULL PRIMARY KEY,
  ticket_type_id                   BIGINT  NOT NULL,
  name                             TEXT    NOT NULL,
  name_key                         TEXT    NOT NULL,
  description                      TEXT    NOT NULL,
  data_type                        TEXT    NOT NULL,
  input_options                    TEXT,
  position                         INTEGER NOT NULL,
  required_to_create               BOOLEAN NOT NULL,
  required_to_create_for_contacts  BOOLEAN NOT NULL,
  visible_on_create                BOOLEAN NOT NULL,
  visible_to_contacts              BOOLEAN NOT NULL,
  is_default                       BOOLEAN NOT NULL,
  archived                         BOOLEAN NOT NULL,
  created_at                       BIGINT  NOT NULL,
  updated_at                       BIGINT  NOT NULL
);
CREATE UNIQUE INDEX ticket_type_attributes_name
  ON ticket_type_attributes (ticket_type_id, name_key);
CREATE INDEX ticket_type_attributes_workspace ON ticket_type_attributes (workspace_id, ticket_type_id);

-- A workspace's ticket states: Intercom's four defaults (one per category), written the first time
-- the workspace's states are needed, then any an operator adds. category: submitted, in_progress,
-- waiting_on_customer or resolved.
CREATE TABLE ticket_states (
  workspace_id    BIGINT  NOT NULL,
  id              BIGINT  NOT NULL PRIMARY KEY,
  category        TEXT    NOT NULL,
  internal_label  TEXT    NOT NULL,
  external_label  TEXT    NOT NULL,
  archived        BOOLEAN NOT NULL
);
CREATE UNIQUE INDEX ticket_states_label ON ticket_states (workspace_id, category, internal_label);
