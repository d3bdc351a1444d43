-- parley schema, version 29: the indexes of tickets' search (issue 16, "Benchmark"). Portable SQL
-- (SQLite and PostgreSQL).
--
-- A ticket is a conversations row with a ticket_type_id (migration 18). Every ticket search is
-- scoped to those rows and checks each row's type and state (TicketSearchColumns.TICKETS), so a
-- search that counts its matches through conversations_created or conversations_ticket_type read
-- the whole row of every candidate for its ticket_state_id: at 100,000 tickets 25 to 90 ms per
-- count on SQLite (bench/search.sh --tickets). These partial indexes hold the ticket rows only and
-- carry the columns the scope and the common filters read, so that the counts and pages of a type
-- (with its state), of a creation range, and of an admin assignee (with open/closed) read index
-- entries only. The assignee's expression is the one the search compiles
-- (TicketSearchColumns: an unassigned ticket's admin_assignee_id is 0).
CREATE INDEX conversations_tickets_type ON conversations
  (workspace_id, ticket_type_id, ticket_state_id, created_at, id) WHERE ticket_type_id IS NOT NULL;
CREATE INDEX conversations_tickets_created ON conversations
  (workspace_id, created_at, id, ticket_type_id, ticket_state_id) WHERE ticket_type_id IS NOT NULL;
CREATE INDEX conversations_tickets_admin ON conversations
  (workspace_id, (COALESCE(admin_assignee_id, 0)), state, ticket_type_id, ticket_state_id,
  created_at, id) WHERE ticket_type_id IS NOT NULL;
