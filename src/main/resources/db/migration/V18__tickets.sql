-- Tickets (issue 16; Intercom's "Tickets" of the REST API 2.14). A ticket is a conversation row with
-- ticket columns, as Intercom models it: the ticket's content (parts, uploads, links) is the
-- conversation's, and erasing the conversation row erases the ticket columns with it. A plain
-- conversation has ticket_type_id NULL.
--
-- ticket_number: the ticket's own number (Intercom's ticket_id), per workspace. ticket_category:
-- Customer, Back-office or Tracker (the type's category when the ticket was created).
-- ticket_attributes: JSON, attribute name to value (sensitive, like custom_attributes).

INSERT INTO id_counters (name, next_id) VALUES ('ticket', 1);

ALTER TABLE conversations ADD COLUMN ticket_type_id BIGINT;
ALTER TABLE conversations ADD COLUMN ticket_state_id BIGINT;
ALTER TABLE conversations ADD COLUMN ticket_category TEXT;
ALTER TABLE conversations ADD COLUMN ticket_number BIGINT;
ALTER TABLE conversations ADD COLUMN ticket_attributes TEXT;
ALTER TABLE conversations ADD COLUMN ticket_is_shared BOOLEAN;

CREATE INDEX conversations_ticket_type ON conversations (workspace_id, ticket_type_id);
