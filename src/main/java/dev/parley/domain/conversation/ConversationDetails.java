package dev.parley.domain.conversation;

import dev.parley.domain.admin.Admin;
import dev.parley.domain.contact.Contact;
import java.util.List;
import java.util.Map;

/**
 * A conversation with everything needed to render it in Intercom's shape.
 *
 * @param contactIds the conversation's contacts, in the order they joined
 * @param contacts the contacts referenced by the conversation (participants and authors)
 * @param parts the most recent parts in chronological order, or null for a list item
 * @param totalParts how many parts the conversation has
 * @param attachments attachments of the source (part id null) and of the listed parts
 * @param metrics its reporting record (statistics), or null
 * @param teammateIds admins who wrote at least one part
 * @param admins the admins referenced (authors, teammates)
 * @param linkedObjects the tickets and conversations linked to it, ordered by id
 */
public record ConversationDetails(
    Conversation conversation,
    List<String> contactIds,
    Map<String, Contact> contacts,
    List<AppliedTag> tags,
    List<ConversationPart> parts,
    long totalParts,
    List<Attachment> attachments,
    ConversationMetrics metrics,
    List<Long> teammateIds,
    Map<Long, Admin> admins,
    List<LinkedObject> linkedObjects) {}
