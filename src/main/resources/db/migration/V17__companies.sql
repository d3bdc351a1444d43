-- parley schema, version 17: Intercom's companies and their contacts (issue 15). Portable SQL
-- (SQLite and PostgreSQL).
--
-- A company's id is 24 hex characters, like a contact's, drawn at random: no id counter.
-- company_id is the client's own id (unique among the workspace's companies that are not
-- deleted); DELETE /companies/{id} archives the row (deleted_at, Unix seconds) and removes its
-- contact links, as Intercom does. plan is the plan's name; custom_attributes JSON; times in Unix
-- seconds.
CREATE TABLE companies (
  workspace_id       BIGINT NOT NULL,
  id                 TEXT   NOT NULL,
  company_id         TEXT   NOT NULL,
  name               TEXT,
  plan               TEXT,
  size               BIGINT,
  website            TEXT,
  industry           TEXT,
  monthly_spend      BIGINT NOT NULL,
  custom_attributes  TEXT   NOT NULL,
  remote_created_at  BIGINT,
  created_at         BIGINT NOT NULL,
  updated_at         BIGINT NOT NULL,
  deleted_at         BIGINT,
  PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX companies_company_id ON companies (workspace_id, company_id)
  WHERE deleted_at IS NULL;
CREATE INDEX companies_created ON companies (workspace_id, created_at, id);
CREATE INDEX companies_name ON companies (workspace_id, name);

-- A contact attached to a company. It goes with the contact (DELETE /contacts/{id}) and with the
-- company (DELETE /companies/{id}).
CREATE TABLE contact_companies (
  workspace_id  BIGINT NOT NULL,
  contact_id    TEXT   NOT NULL,
  company_id    TEXT   NOT NULL,
  attached_at   BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, contact_id, company_id)
);
CREATE INDEX contact_companies_company ON contact_companies (workspace_id, company_id, contact_id);
