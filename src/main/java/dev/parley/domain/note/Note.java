package dev.parley.domain.note;

/**
 * A note an admin wrote about a contact (Intercom's {@code note}).
 *
 * @param id a positive integer, a string on the wire
 * @param contactId the contact it is about (24 hex characters)
 * @param adminId its author, or null when it has none (a seeded note)
 * @param body its text as stored: HTML ({@link NoteService#html})
 * @param createdAt Unix seconds
 */
public record Note(
    long workspaceId, long id, String contactId, Long adminId, String body, long createdAt) {}
