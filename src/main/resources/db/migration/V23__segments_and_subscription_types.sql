-- parley schema, version 23: segments and subscription types (issue 15). Portable SQL (SQLite and
-- PostgreSQL).
--
-- parley has no segment builder and no subscription editor: an operator adds a workspace's segments
-- and subscription types (the CLI's segment and subscription-type commands) and puts contacts in
-- segments; GET /segments, /subscription_types and /contacts/{id}/segments serve them read-only, as
-- Intercom's 2.14 API does. A contact's subscription choices are made through the API
-- (POST and DELETE /contacts/{id}/subscriptions). Segments and subscription types are set-up, not
-- content: a workspace reset keeps them, a workspace deletion removes them. A contact's segment
-- memberships and subscription choices are erased with the contact.
CREATE TABLE segments (
  workspace_id  BIGINT  NOT NULL,
  id            BIGINT  NOT NULL,
  name          TEXT    NOT NULL,
  person_type   TEXT    NOT NULL,
  created_at    BIGINT  NOT NULL,
  updated_at    BIGINT  NOT NULL,
  PRIMARY KEY (workspace_id, id)
);

CREATE TABLE contact_segments (
  workspace_id  BIGINT  NOT NULL,
  contact_id    TEXT    NOT NULL,
  segment_id    BIGINT  NOT NULL,
  added_at      BIGINT  NOT NULL,
  PRIMARY KEY (workspace_id, contact_id, segment_id)
);
CREATE INDEX contact_segments_segment ON contact_segments (workspace_id, segment_id, contact_id);

CREATE TABLE subscription_types (
  workspace_id   BIGINT  NOT NULL,
  id             BIGINT  NOT NULL,
  name           TEXT    NOT NULL,
  description    TEXT    NOT NULL,
  consent_type   TEXT    NOT NULL,
  content_types  TEXT    NOT NULL,
  state          TEXT    NOT NULL,
  created_at     BIGINT  NOT NULL,
  updated_at     BIGINT  NOT NULL,
  PRIMARY KEY (workspace_id, id)
);

CREATE TABLE contact_subscriptions (
  workspace_id          BIGINT  NOT NULL,
  contact_id            TEXT    NOT NULL,
  subscription_type_id  BIGINT  NOT NULL,
  created_at            BIGINT  NOT NULL,
  PRIMARY KEY (workspace_id, contact_id, subscription_type_id)
);
CREATE INDEX contact_subscriptions_type
  ON contact_subscriptions (workspace_id, subscription_type_id, contact_id);

INSERT INTO id_counters (name, next_id) VALUES ('segment', 1);
INSERT INTO id_counters (name, next_id) VALUES ('subscription_type', 1);
