package dev.parley.domain.contact;

import java.util.List;

/**
 * What deleting a contact did (see docs/contacts.md).
 *
 * @param contact the contact as it was before deletion
 * @param erasedConversationIds conversations whose only contact it was, erased as {@code DELETE
 *     /conversations/{id}} erases them (one erasure log entry each)
 * @param unlinkedConversationIds conversations with other contacts, which only lost the link
 */
public record ContactDeletion(
    Contact contact, List<Long> erasedConversationIds, List<Long> unlinkedConversationIds) {}
