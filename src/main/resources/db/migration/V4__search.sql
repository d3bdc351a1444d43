-- parley schema, version 4: search. Portable SQL (SQLite and PostgreSQL).
--
-- conversation_words holds the distinct lower-case words of each live conversation's source
-- message (dev.parley.domain.search.BodyWords), so that source.body is matched word by word
-- as Intercom's search does. It is CONVERSATION CONTENT: it is written with the conversation,
-- rewritten when the source body changes (redaction), and deleted by
-- ConversationRepository.eraseAll in the erasure's transaction. Rows of conversations that
-- existed before this version are added by the Java migration V4_1.
CREATE TABLE conversation_words (
  workspace_id     BIGINT NOT NULL,
  word             TEXT   NOT NULL,
  conversation_id  BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, word, conversation_id)
);
-- A conversation's words, for erasure and rewriting.
CREATE INDEX conversation_words_conversation ON conversation_words (workspace_id, conversation_id);

-- The inbox filters of search (state, assignee), each ending with the search order
-- (created_at, id) so that a page needs no sort and a total needs no table scan. Measured in
-- docs/search.md: without them, counting "open and assigned to X" scans every conversation.
CREATE INDEX conversations_state ON conversations (workspace_id, state, created_at, id);
CREATE INDEX conversations_admin_assignee ON conversations (workspace_id, admin_assignee_id, state, created_at, id);
CREATE INDEX conversations_team_assignee ON conversations (workspace_id, team_assignee_id, state, created_at, id);
