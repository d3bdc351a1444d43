package dev.parley.domain.event;

import java.util.Map;

/**
 * An event that happened to a contact (Intercom's {@code event}).
 *
 * @param contactId the contact (24 hex characters)
 * @param eventName its name, such as {@code "invited-friend"}
 * @param createdAt when it happened, Unix seconds; with the workspace, the contact and the name,
 *     the key Intercom de-duplicates events by
 * @param metadata at most 10 keys, in the order they were sent; each value a string, a number, a
 *     boolean, or an object of a rich link ({@code url}, {@code value}) or a monetary amount
 *     ({@code amount}, {@code currency})
 */
public record DataEvent(
    long workspaceId,
    String contactId,
    String eventName,
    long createdAt,
    Map<String, Object> metadata) {}
