-- parley schema, version 26: visitors (issue 15). Portable SQL (SQLite and PostgreSQL).
--
-- A visitor (Intercom's anonymous Messenger person) is a contacts row of role 'visitor'; no
-- contact operation sees it (docs/visitors.md). This partial index finds a workspace's visitors
-- by user_id (the external_id column) for GET /visitors?user_id=, and counts them, so that
-- GET /contacts can subtract them from its total without reading every contact row.
CREATE INDEX contacts_visitors ON contacts (workspace_id, external_id) WHERE role = 'visitor';
