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
  conversation_id  BIGINT NOT NULL,
  word             TEXT   NOT NULL,
  PRIMARY KEY (workspace_id, conversation_id, word)
);
-- A word's conversations, for =, IN, != and NIN.
CREATE INDEX conversation_words_word ON conversation_words (workspace_id, word, conversation_id);
