-- parley schema, version 31: indexes of contact search pages on PostgreSQL (issue 15,
-- "Benchmark": contact search p99 under 50 ms at 100,000 contacts). Portable SQL (SQLite and
-- PostgreSQL).
--
-- A contact search page is ordered by (created_at, id). "Users seen in this range" (role and
-- last_seen_at) walked contacts_created and read each contact row to test its role and
-- last_seen_at: about 1,000 rows for a page of 50 at 6% matches. contacts_role_created holds the
-- order after the role, and last_seen_at, so a page reads the matching entries in order and only
-- its own rows (PostgreSQL tests every key column of the index before it reads a row).
--
-- A tag's contacts (contact_tags_tag) are checked for role and ordered by creation: PostgreSQL
-- read them from a sequential scan of every contact (hash join), as probing the contact rows one
-- by one was costed higher. contacts_id_role answers such a probe from the index alone.
CREATE INDEX contacts_role_created ON contacts (workspace_id, role, created_at, id, last_seen_at);
CREATE INDEX contacts_id_role ON contacts (workspace_id, id, role, created_at);
