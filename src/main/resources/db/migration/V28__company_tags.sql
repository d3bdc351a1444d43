-- parley schema, version 28: tags on companies (issue 15). Portable SQL (SQLite and PostgreSQL).
--
-- company_tags links a company (companies.id, Intercom's 24-hex id) to a tag, with who applied it
-- and when (Unix seconds), as contact_tags does for contacts: POST /tags with companies writes
-- and removes rows. A row holds ids only. It goes with the tag (DELETE /tags/{id}) and with the
-- workspace's content (reset, deletion); an archived company (DELETE /companies/{id}) keeps its
-- rows, as it keeps the rest of its row. The foreign key is the one migration 24 gives every
-- workspace table on PostgreSQL (SQLite does not enforce it); like contact_tags, there is none to
-- companies or tags.
CREATE TABLE company_tags (
  workspace_id  BIGINT NOT NULL,
  company_id    TEXT   NOT NULL,
  tag_id        BIGINT NOT NULL,
  admin_id      BIGINT,
  applied_at    BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, company_id, tag_id),
  CONSTRAINT company_tags_workspace_fk FOREIGN KEY (workspace_id) REFERENCES workspaces (workspace_id)
);

CREATE INDEX company_tags_tag ON company_tags (workspace_id, tag_id, company_id);
