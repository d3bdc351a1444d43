package dev.parley.domain.conversation;

import dev.parley.domain.admin.Admin;
import dev.parley.domain.contact.Contact;
import dev.parley.domain.search.SearchQuery;
import dev.parley.domain.search.SearchResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows of live conversations: the conversation itself and the words of its source body ({@code
 * source.body} search), its listing and search, the one read of everything a conversation renders
 * with, and the erasure of all its rows. Its links to contacts and tags are {@link
 * ConversationLinkRepository}, its parts and attachments {@link ConversationPartRepository}. All
 * lookups are confined to {@code workspaceId}.
 */
public interface ConversationRepository {

  /** A snoozed conversation whose snooze has run out, as {@link #dueSnoozes} finds it. */
  record DueSnooze(long workspaceId, long conversationId) {}

  /** Inserts the row, and the words of its source body. */
  void insert(Conversation conversation);

  /** The conversation, or empty when it does not exist in this workspace. */
  Optional<Conversation> find(long workspaceId, long conversationId);

  /**
   * The conversation and what it renders with ({@link #related}), read together: on PostgreSQL in
   * one round trip. The related rows are empty when the conversation does not exist in this
   * workspace.
   *
   * @param maxParts how many of the most recent parts to read (at least 1)
   */
  Read read(long workspaceId, long conversationId, int maxParts);

  /**
   * What a conversation renders with, read together (on PostgreSQL in one round trip): its most
   * recent parts, its contacts ({@link ConversationLinkRepository#linkedContacts}), its tags
   * ({@link ConversationLinkRepository#tags}), every attachment of its source and parts, its
   * reporting record, and the admins who wrote its parts or its source.
   *
   * @param maxParts how many of the most recent parts to read (at least 1)
   */
  Related related(long workspaceId, long conversationId, int maxParts);

  /**
   * {@link #read} of several conversations at once, in a fixed number of queries whatever their
   * number (on PostgreSQL one round trip): the conversations of the workspace among {@code
   * conversationIds}, each with its related rows, in the order of {@code conversationIds}; an id of
   * no conversation is left out. Each conversation's {@link Related#admins} holds the admins of all
   * of them (a superset of its own). For a page of search results that render whole conversations,
   * such as tickets'.
   *
   * @param maxParts how many of the most recent parts of each conversation to read (at least 1)
   */
  Map<Long, Read> readAll(long workspaceId, List<Long> conversationIds, int maxParts);

  /**
   * Like {@link #find}, and locks the row against concurrent writers until the transaction ends
   * (PostgreSQL {@code FOR UPDATE}; SQLite's single writer needs no lock).
   */
  Optional<Conversation> lock(long workspaceId, long conversationId);

  /** The id of the most recently updated conversation, of one contact or of any. */
  Optional<Long> lastUpdatedId(long workspaceId, String contactId);

  /**
   * Snoozed conversations whose {@code snoozed_until} is at or before {@code now} (Unix seconds),
   * of every workspace, the longest due first; at most {@code limit}. A read only: waking them is
   * {@link #unsnoozeIfDue}.
   */
  List<DueSnooze> dueSnoozes(long now, int limit);

  /**
   * Opens the conversation if it is still snoozed with {@code snoozed_until} at or before {@code
   * now} (Unix seconds), in one conditional UPDATE: {@code state} open, {@code snoozed_until}
   * cleared, {@code updated_at} the moment the snooze ran out (the old {@code snoozed_until}), or
   * the old {@code updated_at} when that is later. Of several transactions (processes) that try the
   * same conversation, only one sees its update hit; on PostgreSQL the others wait for its commit
   * and then find the row no longer due.
   *
   * @return whether this call opened it
   */
  boolean unsnoozeIfDue(long workspaceId, long conversationId, long now);

  /**
   * Writes the mutable fields of the row (state, title, attributes, assignees, times, and the
   * source's subject, body and redacted flag); when the source body changed, its words are
   * rewritten.
   */
  void update(Conversation conversation);

  /**
   * One page of conversations, newest first by (created_at, id), strictly after the keyset {@code
   * (beforeCreatedAt, beforeId)} when it is not null.
   */
  List<Conversation> page(long workspaceId, Long beforeCreatedAt, Long beforeId, int limit);

  /** How many conversations the workspace has. */
  long count(long workspaceId);

  /**
   * One page of the conversations matching {@code query} ({@code searchConversations}), newest
   * first by (created_at, id), strictly after the keyset {@code (beforeCreatedAt, beforeId)} when
   * it is not null, and the number of conversations matching it in all.
   */
  SearchResult<Conversation> search(
      long workspaceId, SearchQuery query, Long beforeCreatedAt, Long beforeId, int limit);

  /**
   * Deletes every row of a conversation: attachments, parts, tag and contact links, its links to
   * tickets or linked conversations (linked_objects, either side), the words of its source body and
   * the conversation itself. The reporting record is not touched.
   *
   * @return what was erased: part and attachment counts and the blob keys whose bytes must now be
   *     removed from the blob store
   */
  Erased eraseAll(long workspaceId, long conversationId);

  /**
   * What {@link #eraseAll} or {@link ConversationPartRepository#eraseAttachments} removed.
   *
   * @param parts conversation parts deleted
   * @param attachments attachment rows deleted (files and links)
   * @param blobKeys blob keys of the deleted file attachments
   */
  record Erased(int parts, int attachments, List<String> blobKeys) {}

  /**
   * A conversation read with what it renders with ({@link #read}).
   *
   * @param conversation empty when it does not exist in the workspace
   */
  record Read(Optional<Conversation> conversation, Related related) {}

  /**
   * What one conversation renders with ({@link #related}).
   *
   * @param recentParts its most recent parts, in chronological order
   * @param contacts its contacts, in the order they joined (the contact rows of its links)
   * @param tags its tags, in order of application
   * @param attachments every attachment (source and parts), by part then position
   * @param metrics its reporting record, or null when there is none
   * @param admins the admins who wrote any of its parts (not only the recent ones) or its source,
   *     by id, each with its teams
   */
  record Related(
      List<ConversationPart> recentParts,
      List<Contact> contacts,
      List<AppliedTag> tags,
      List<Attachment> attachments,
      ConversationMetrics metrics,
      Map<Long, Admin> admins) {}
}
