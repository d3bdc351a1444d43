package dev.parley.domain.admin;

import java.util.List;

/**
 * A teammate of a workspace (Intercom's {@code admin}).
 *
 * @param id numeric id, rendered as a string
 * @param teamIds ids of the teams it belongs to
 * @param awayStatusReasonId the away status reason the admin gave when set away, or null
 * @param owner whether it is the workspace's owner (the bootstrap admin)
 * @param createdAt Unix seconds
 */
public record Admin(
    long workspaceId,
    long id,
    String name,
    String email,
    String jobTitle,
    boolean awayModeEnabled,
    boolean awayModeReassign,
    Long awayStatusReasonId,
    boolean hasInboxSeat,
    boolean owner,
    long createdAt,
    List<Long> teamIds) {

  /** This admin with {@code teamIds} as its teams. */
  public Admin withTeamIds(List<Long> teamIds) {
    return new Admin(
        workspaceId,
        id,
        name,
        email,
        jobTitle,
        awayModeEnabled,
        awayModeReassign,
        awayStatusReasonId,
        hasInboxSeat,
        owner,
        createdAt,
        List.copyOf(teamIds));
  }
}
