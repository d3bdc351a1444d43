-- parley schema, version 29: indexes of tickets' and contacts' search (issues 15 and 16,
-- "Benchmark"). Portable SQL (SQLite and PostgreSQL).
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

-- Contact search (issue 15, "Benchmark"), at 100,000 contacts. A search page is ordered by
-- (created_at, id): with an equality on email or external_id, whose indexes did not hold that order,
-- SQLite walked contacts_created through every contact to find the one or few that match (about
-- 230 ms a page); with the order in the index, the match is read in order from it. last_seen_at
-- (with role, for the common "users seen in this range") had no index: its counts read every
-- contact row (about 60 ms).
DROP INDEX contacts_email;
CREATE INDEX contacts_email ON contacts (workspace_id, email, created_at, id);
DROP INDEX contacts_external_id;
CREATE INDEX contacts_external_id ON contacts (workspace_id, external_id, created_at, id);
CREATE INDEX contacts_last_seen ON contacts (workspace_id, last_seen_at, role);
