package dev.parley.domain.workspace;

/**
 * What {@link WorkspaceRepository#reserveRequests} handed to one process.
 *
 * @param granted requests of the window this process may now answer; 0 when the window is used up
 * @param reserved requests of the window reserved by every process so far, this grant included (the
 *     window's limit at most)
 */
public record RateLimitReservation(long granted, long reserved) {}
