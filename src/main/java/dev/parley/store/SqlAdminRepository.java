package dev.parley.store;

import dev.parley.domain.admin.ActivityLog;
import dev.parley.domain.admin.Admin;
import dev.parley.domain.admin.AdminRepository;
import dev.parley.domain.admin.AwayStatusReason;
import dev.parley.domain.admin.Team;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link AdminRepository} in SQL. */
record SqlAdminRepository(Handle handle) implements AdminRepository {
  /** An admin's row, without its teams (team_members is read with it, see findAll). */
  private static final RowMapper<Admin> ADMIN =
      (rs, ctx) ->
          new Admin(
              rs.getLong("workspace_id"),
              rs.getLong("id"),
              rs.getString("name"),
              rs.getString("email"),
              rs.getString("job_title"),
              rs.getBoolean("away_mode_enabled"),
              rs.getBoolean("away_mode_reassign"),
              Rows.nullableLong(rs, "away_status_reason_id"),
              rs.getBoolean("has_inbox_seat"),
              rs.getBoolean("owner"),
              rs.getLong("created_at"),
              List.of());

  @Override
  public void insert(Admin a) {
    handle
        .createUpdate(
            "INSERT INTO admins (workspace_id, id, name, email, job_title, away_mode_enabled,"
                + " away_mode_reassign, has_inbox_seat, owner, created_at) VALUES (:workspaceId,"
                + " :id, :name, :email, :jobTitle, :awayModeEnabled, :awayModeReassign,"
                + " :hasInboxSeat, :owner, :createdAt)")
        .bindMethods(a)
        .execute();
  }

  @Override
  public Optional<Admin> find(long workspaceId, long adminId) {
    return Optional.ofNullable(findAll(workspaceId, List.of(adminId)).get(adminId));
  }

  @Override
  public Optional<Admin> findByEmail(long workspaceId, String email) {
    return handle
        .createQuery("SELECT id FROM admins WHERE workspace_id = :ws AND email = :email")
        .bind("ws", workspaceId)
        .bind("email", email)
        .mapTo(Long.class)
        .findOne()
        .flatMap(id -> find(workspaceId, id));
  }

  @Override
  public List<Admin> list(long workspaceId) {
    List<Long> ids =
        handle
            .createQuery("SELECT id FROM admins WHERE workspace_id = :ws ORDER BY id")
            .bind("ws", workspaceId)
            .mapTo(Long.class)
            .list();
    return new ArrayList<>(findAll(workspaceId, ids).values());
  }

  @Override
  public Map<Long, Admin> findAll(long workspaceId, Collection<Long> adminIds) {
    if (adminIds.isEmpty()) {
      return new LinkedHashMap<>();
    }
    // One query: each admin's row once per team it belongs to (team_id NULL for none), in
    // team order, so that an admin's teams are gathered from its consecutive rows.
    // Closed here: Jdbi closes a scanned result set only with its handle.
    try (Query query =
        handle
            .createQuery(
                "SELECT a.*, tm.team_id FROM admins a LEFT JOIN team_members tm"
                    + " ON tm.workspace_id = a.workspace_id AND tm.admin_id = a.id"
                    + " WHERE a.workspace_id = :ws AND a.id IN (<ids>) ORDER BY a.id, tm.team_id")
            .bind("ws", workspaceId)
            .bindList("ids", List.copyOf(adminIds))) {
      return query.scanResultSet((results, ctx) -> withTeams(results.get(), ctx));
    }
  }

  /**
   * The admins of a result set of {@code admins} rows each joined with one of its {@code
   * team_members} rows ({@code team_id}, NULL for none), ordered by admin id then team id, by id,
   * each with its team ids.
   */
  static Map<Long, Admin> withTeams(ResultSet rs, StatementContext ctx) throws SQLException {
    Map<Long, Admin> admins = new LinkedHashMap<>();
    Map<Long, List<Long>> teams = new HashMap<>();
    while (rs.next()) {
      Admin admin = ADMIN.map(rs, ctx);
      Long team = Rows.nullableLong(rs, "team_id");
      admins.putIfAbsent(admin.id(), admin);
      if (team != null) {
        teams.computeIfAbsent(admin.id(), k -> new ArrayList<>()).add(team);
      }
    }
    teams.forEach((id, teamIds) -> admins.put(id, admins.get(id).withTeamIds(teamIds)));
    return admins;
  }

  @Override
  public void insertTeam(Team team) {
    handle
        .createUpdate(
            "INSERT INTO teams (workspace_id, id, name, created_at) VALUES (:ws, :id, :name, :at)")
        .bind("ws", team.workspaceId())
        .bind("id", team.id())
        .bind("name", team.name())
        .bind("at", team.createdAt())
        .execute();
    for (Long adminId : team.adminIds()) {
      handle
          .createUpdate(
              "INSERT INTO team_members (workspace_id, team_id, admin_id) VALUES (:ws, :team,"
                  + " :admin)")
          .bind("ws", team.workspaceId())
          .bind("team", team.id())
          .bind("admin", adminId)
          .execute();
    }
  }

  @Override
  public Optional<Team> findTeam(long workspaceId, long teamId) {
    return teams(workspaceId, teamId).stream().findFirst();
  }

  @Override
  public List<Team> listTeams(long workspaceId) {
    return teams(workspaceId, null);
  }

  private List<Team> teams(long workspaceId, Long teamId) {
    String filter = teamId == null ? "" : " AND id = :team";
    List<Team> rows =
        handle
            .createQuery("SELECT * FROM teams WHERE workspace_id = :ws" + filter + " ORDER BY id")
            .bind("ws", workspaceId)
            .bind("team", teamId)
            .map(
                (rs, ctx) ->
                    new Team(
                        rs.getLong("workspace_id"),
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getLong("created_at"),
                        List.of()))
            .list();
    List<Team> teams = new ArrayList<>();
    for (Team t : rows) {
      List<Long> members =
          handle
              .createQuery(
                  "SELECT admin_id FROM team_members WHERE workspace_id = :ws AND team_id = :team"
                      + " ORDER BY admin_id")
              .bind("ws", workspaceId)
              .bind("team", t.id())
              .mapTo(Long.class)
              .list();
      teams.add(new Team(t.workspaceId(), t.id(), t.name(), t.createdAt(), members));
    }
    return teams;
  }

  @Override
  public boolean setAway(
      long workspaceId, long adminId, boolean enabled, boolean reassign, Long reasonId) {
    return handle
            .createUpdate(
                "UPDATE admins SET away_mode_enabled = :enabled, away_mode_reassign = :reassign,"
                    + " away_status_reason_id = :reason WHERE workspace_id = :ws AND id = :id")
            .bind("enabled", enabled)
            .bind("reassign", reassign)
            .bind("reason", reasonId)
            .bind("ws", workspaceId)
            .bind("id", adminId)
            .execute()
        == 1;
  }

  private static final RowMapper<AwayStatusReason> REASON =
      (rs, ctx) ->
          new AwayStatusReason(
              rs.getLong("workspace_id"),
              rs.getLong("id"),
              rs.getString("label"),
              rs.getString("emoji"),
              rs.getInt("sort_order"),
              rs.getBoolean("deleted"),
              rs.getLong("created_at"),
              rs.getLong("updated_at"));

  @Override
  public void insertAwayStatusReason(AwayStatusReason reason) {
    handle
        .createUpdate(
            "INSERT INTO away_status_reasons (workspace_id, id, label, emoji, sort_order, deleted,"
                + " created_at, updated_at) VALUES (:workspaceId, :id, :label, :emoji, :order,"
                + " :deleted, :createdAt, :updatedAt)")
        .bindMethods(reason)
        .execute();
  }

  @Override
  public List<AwayStatusReason> awayStatusReasons(long workspaceId) {
    return handle
        .createQuery(
            "SELECT * FROM away_status_reasons WHERE workspace_id = :ws ORDER BY sort_order, id")
        .bind("ws", workspaceId)
        .map(REASON)
        .list();
  }

  @Override
  public boolean deleteAwayStatusReason(long workspaceId, long reasonId, long at) {
    return handle
            .createUpdate(
                "UPDATE away_status_reasons SET deleted = TRUE, updated_at = :at WHERE"
                    + " workspace_id = :ws AND id = :id")
            .bind("at", at)
            .bind("ws", workspaceId)
            .bind("id", reasonId)
            .execute()
        == 1;
  }

  private static final RowMapper<ActivityLog> ACTIVITY =
      (rs, ctx) ->
          new ActivityLog(
              rs.getLong("workspace_id"),
              rs.getString("id"),
              rs.getLong("admin_id"),
              ActivityLog.ActivityType.fromWire(rs.getString("activity_type")),
              Rows.jsonMap(rs.getString("metadata")),
              rs.getLong("created_at"));

  @Override
  public void insertActivity(ActivityLog entry) {
    handle
        .createUpdate(
            "INSERT INTO admin_activity_logs (workspace_id, id, admin_id, activity_type, metadata,"
                + " created_at) VALUES (:ws, :id, :admin, :type, :metadata, :at)")
        .bind("ws", entry.workspaceId())
        .bind("id", entry.id())
        .bind("admin", entry.adminId())
        .bind("type", entry.activityType().wire())
        .bind("metadata", Rows.json(entry.metadata()))
        .bind("at", entry.createdAt())
        .execute();
  }

  @Override
  public List<ActivityLog> activities(long workspaceId, long after, Long before) {
    Query query =
        handle
            .createQuery(
                "SELECT * FROM admin_activity_logs WHERE workspace_id = :ws AND created_at >="
                    + " :after"
                    + (before == null ? "" : " AND created_at <= :before")
                    + " ORDER BY created_at DESC, id")
            .bind("ws", workspaceId)
            .bind("after", after);
    if (before != null) {
      query.bind("before", before.longValue());
    }
    return query.map(ACTIVITY).list();
  }
}
