package dev.parley.domain.admin;

/**
 * A reason an admin gives for being away (Intercom's {@code away_status_reason}), configured per
 * workspace by an operator.
 *
 * @param id a positive integer, a string on the wire
 * @param label the text shown, such as "On a break"
 * @param emoji the emoji shown with it, or "" for none
 * @param order the display order, from 1, in the order the reasons were added
 * @param deleted soft-deleted: still listed, no longer given to an admin
 * @param createdAt Unix seconds; likewise {@code updatedAt}
 */
public record AwayStatusReason(
    long workspaceId,
    long id,
    String label,
    String emoji,
    int order,
    boolean deleted,
    long createdAt,
    long updatedAt) {}
