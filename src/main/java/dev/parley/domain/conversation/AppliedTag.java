package dev.parley.domain.conversation;

import dev.parley.domain.tag.Tag;

/**
 * A tag applied to a conversation.
 *
 * @param appliedAt Unix seconds
 * @param appliedByAdminId the admin who applied it, or null
 */
public record AppliedTag(Tag tag, long appliedAt, Long appliedByAdminId) {}
