package dev.parley.domain.admin;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Admins and teams of a workspace. All lookups are confined to {@code workspaceId}. */
public interface AdminRepository {
  /** Inserts an admin (its {@code teamIds} are ignored; membership is set with teams). */
  void insert(Admin admin);

  /** The admin, with its team ids, or empty. */
  Optional<Admin> find(long workspaceId, long adminId);

  /** The admin with this email (exact match), or empty. */
  Optional<Admin> findByEmail(long workspaceId, String email);

  /** Every admin of the workspace, by id. */
  List<Admin> list(long workspaceId);

  /** The admins with these ids, keyed by id; unknown ids are absent. */
  Map<Long, Admin> findAll(long workspaceId, Collection<Long> adminIds);

  /** Inserts a team and its members. */
  void insertTeam(Team team);

  /** The team, with its admin ids, or empty. */
  Optional<Team> findTeam(long workspaceId, long teamId);

  /** Every team of the workspace, by id. */
  List<Team> listTeams(long workspaceId);

  /**
   * Sets {@code away_mode_enabled}, {@code away_mode_reassign} and the away status reason (null for
   * none); false for an unknown admin.
   */
  boolean setAway(long workspaceId, long adminId, boolean enabled, boolean reassign, Long reasonId);

  /** Adds an away status reason to its workspace. */
  void insertAwayStatusReason(AwayStatusReason reason);

  /** The workspace's away status reasons, deleted ones included, by display order. */
  List<AwayStatusReason> awayStatusReasons(long workspaceId);

  /**
   * Soft-deletes an away status reason ({@code deleted} true, {@code updated_at} {@code at}, Unix
   * seconds); false for an unknown one.
   */
  boolean deleteAwayStatusReason(long workspaceId, long reasonId, long at);

  /** Appends an entry to the workspace's admin activity log. */
  void insertActivity(ActivityLog entry);

  /**
   * The workspace's activity log entries created at or after {@code after} and, when {@code before}
   * is not null, at or before it (Unix seconds), newest first.
   */
  List<ActivityLog> activities(long workspaceId, long after, Long before);
}
