package dev.parley.domain.contact;

import dev.parley.domain.search.SearchQuery;
import dev.parley.domain.search.SearchResult;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Contacts of a workspace. All lookups are confined to {@code workspaceId}. Visitors are contact
 * rows of role {@code visitor}: only {@link #findVisitor} finds them; every other lookup, list,
 * count and search sees users and leads only, as Intercom's contact operations do
 * (docs/visitors.md). {@link #insert}, {@link #update} and {@link #delete} write any row.
 */
public interface ContactRepository {
  /** What {@link #findVisitor} looks a visitor up by. */
  enum VisitorKey {
    /** The visitor's id (24 hex characters). */
    ID,
    /** Its {@code user_id} (the {@code external_id} column). */
    USER_ID,
    /** Its email, case-insensitive. */
    EMAIL
  }

  /**
   * The visitor (role {@code visitor}) with this id, {@code user_id} or email, the oldest when
   * several share it.
   *
   * @param lock whether to lock the row against concurrent writers until the transaction ends (as
   *     {@link #lock}); only in a write transaction
   */
  Optional<Contact> findVisitor(long workspaceId, VisitorKey key, String value, boolean lock);

  void insert(Contact contact);

  Optional<Contact> find(long workspaceId, String contactId);

  /** The contact with this email (case-insensitive), oldest first if several. */
  Optional<Contact> findByEmail(long workspaceId, String email);

  /** The contact with this external id ({@code user_id}), if any. */
  Optional<Contact> findByExternalId(long workspaceId, String externalId);

  /** The contacts with these ids, keyed by id. */
  Map<String, Contact> findAll(long workspaceId, Collection<String> contactIds);

  /**
   * One page of contacts ordered by (created_at, id) ascending, after the keyset {@code
   * (afterCreatedAt, afterId)} when they are not null.
   */
  List<Contact> page(long workspaceId, Long afterCreatedAt, String afterId, int limit);

  long count(long workspaceId);

  /**
   * One page of the contacts matching {@code query} ({@code SearchContacts}), ordered like {@link
   * #page} by (created_at, id) ascending, after the keyset when it is not null, and the number of
   * contacts matching it in all.
   */
  SearchResult<Contact> search(
      long workspaceId, SearchQuery query, Long afterCreatedAt, String afterId, int limit);

  /**
   * Sets {@code last_replied_at} (Unix seconds).
   *
   * @return false when the contact no longer exists (deleted by a transaction that committed while
   *     this one waited for the row): the caller must then fail, or its conversation would link a
   *     contact that is gone
   */
  boolean touchLastReplied(long workspaceId, String contactId, long at);

  /**
   * Like {@link #find}, and locks the row against concurrent writers until the transaction ends
   * (PostgreSQL {@code FOR UPDATE}; SQLite's single writer needs no lock).
   */
  Optional<Contact> lock(long workspaceId, String contactId);

  /** The oldest contact of role {@code user} with this external id, if any. */
  Optional<Contact> findUserByExternalId(long workspaceId, String externalId);

  /**
   * Writes the mutable fields of the row: role, email, external id, name, phone, avatar, owner,
   * {@code unsubscribed_from_emails}, custom attributes, {@code signed_up_at}, {@code
   * last_seen_at}, {@code archived} and {@code updated_at}.
   */
  void update(Contact contact);

  /** Deletes the contact's row; false when there was none. Links are the caller's concern. */
  boolean delete(long workspaceId, String contactId);

  /**
   * Moves what links to contact {@code fromId} to contact {@code intoId} ({@code MergeContact}):
   * its conversation links (a conversation that has both keeps one link, to {@code intoId}), the
   * authorship of the source messages and parts it wrote (author id {@code intoId}, author type
   * {@code user}), its notes, its tag and company links (those {@code intoId} already has stay as
   * they are) and its data events (an event {@code intoId} already has at the same name and time
   * stays once). What could not move (the duplicates) stays on {@code fromId} for the caller to
   * delete. Event summaries are the caller's (they add up).
   */
  void moveLinks(long workspaceId, String fromId, String intoId);

  /** Marks the contact blocked ({@code BlockContact}); false when there was none. */
  boolean block(long workspaceId, String contactId, long at);
}
