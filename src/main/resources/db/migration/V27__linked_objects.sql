-- parley schema, version 27: linked objects (issue 16). Portable SQL (SQLite and PostgreSQL).
--
-- A link between a ticket and the conversation (or customer ticket) named by createTicket's
-- conversation_to_link_id; both sides render it in their linked_objects. A row holds ids only:
-- ticket_id is the ticket's conversation id, linked_id the linked conversation's id. Erasing either
-- side (DELETE /tickets/{id}, DELETE /conversations/{id}, a contact's erasure of its
-- conversations) deletes its rows; the workspace erasure deletes all of them. The foreign key is
-- the one migration 24 gives every workspace table on PostgreSQL (SQLite does not enforce it).
CREATE TABLE linked_objects (
  workspace_id  BIGINT  NOT NULL,
  ticket_id     BIGINT  NOT NULL,
  linked_id     BIGINT  NOT NULL,
  created_at    BIGINT  NOT NULL,
  PRIMARY KEY (workspace_id, ticket_id, linked_id),
  CONSTRAINT linked_objects_workspace_fk FOREIGN KEY (workspace_id) REFERENCES workspaces (workspace_id)
);

CREATE INDEX linked_objects_linked ON linked_objects (workspace_id, linked_id);
