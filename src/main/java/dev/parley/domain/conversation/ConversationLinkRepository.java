package dev.parley.domain.conversation;

import dev.parley.domain.contact.Contact;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The link tables of live conversations: their contacts ({@code conversation_contacts}, in the
 * order they joined), their tags ({@code conversation_tags}, with when and by whom each was
 * applied) and their links to tickets ({@code linked_objects}). All lookups are confined to {@code
 * workspaceId}; conversation ids are those of {@link ConversationRepository}.
 */
public interface ConversationLinkRepository {

  /**
   * Links a contact to a conversation at {@code position} of its contacts (0 first), for a new
   * conversation.
   */
  void insertContact(long workspaceId, long conversationId, String contactId, int position);

  /**
   * Adds a contact after the conversation's current ones ({@code attachContactToConversation}).
   *
   * @return false when the contact was already one of them (nothing changes)
   */
  boolean appendContact(long workspaceId, long conversationId, String contactId);

  /**
   * Removes a contact from the conversation ({@code detachContactFromConversation}).
   *
   * @return false when it was not one of its contacts
   */
  boolean deleteContact(long workspaceId, long conversationId, String contactId);

  /** Contact ids of each conversation, in the order they joined. */
  Map<Long, List<String>> contactIds(long workspaceId, Collection<Long> conversationIds);

  /**
   * The contacts of each conversation, in the order they joined, read with their links in one query
   * (what {@link #contactIds} and a lookup of each id give in two).
   */
  Map<Long, List<Contact>> linkedContacts(long workspaceId, Collection<Long> conversationIds);

  /** Applies a tag; applying it again keeps the first application. */
  void insertTag(long workspaceId, long conversationId, long tagId, long appliedAt, Long adminId);

  /** Removes a tag; false when it was not applied. */
  boolean deleteTag(long workspaceId, long conversationId, long tagId);

  /** Tags of each conversation with their application, in order of application. */
  Map<Long, List<AppliedTag>> tags(long workspaceId, Collection<Long> conversationIds);

  /** Ids of the conversations that link this contact (conversation_contacts), ascending. */
  List<Long> conversationIdsOfContact(long workspaceId, String contactId);

  /**
   * Removes one contact's link from a conversation (a contact being deleted); its parts and source
   * keep their author id. False when there was no such link.
   */
  boolean unlinkContact(long workspaceId, long conversationId, String contactId);

  /**
   * Links a ticket to a conversation or customer ticket ({@code createTicket}'s {@code
   * conversation_to_link_id}); both ids are conversation ids, {@code at} is Unix seconds.
   */
  void insertLinkedObject(long workspaceId, long ticketId, long linkedId, long at);

  /**
   * The linked objects of each conversation or ticket: the other side of every link it is either
   * side of, ordered by id, only those that still exist.
   */
  Map<Long, List<LinkedObject>> linkedObjects(long workspaceId, Collection<Long> conversationIds);
}
