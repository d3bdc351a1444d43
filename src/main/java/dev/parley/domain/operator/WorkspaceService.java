package dev.parley.domain.operator;

import dev.parley.domain.Repositories;
import dev.parley.domain.Store;
import dev.parley.domain.admin.ActivityLog;
import dev.parley.domain.admin.Admin;
import dev.parley.domain.admin.AwayStatusReason;
import dev.parley.domain.admin.Team;
import dev.parley.domain.webhook.WebhookService;
import dev.parley.domain.workspace.AccessToken;
import dev.parley.domain.workspace.Scope;
import dev.parley.domain.workspace.Tokens;
import dev.parley.domain.workspace.Workspace;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Operator tasks on workspaces, admins, teams and tokens (the CLI and the first start), none of
 * which Intercom's public API offers.
 */
public final class WorkspaceService {
  /** The Intercom-Version a new workspace defaults to. */
  public static final String DEFAULT_VERSION = "2.14";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ID_CODE_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private final Store store;
  private final Clock clock;

  public WorkspaceService(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * On a store with no workspace, creates workspace {@code default}, its owner admin and a token
   * with every scope.
   *
   * @param token the token secret to register, or null to generate one
   * @return the token secret when something was created; empty when a workspace existed, or when
   *     another process sharing the store (PostgreSQL) bootstrapped it at the same moment
   */
  public Optional<String> bootstrap(String ownerName, String ownerEmail, String token) {
    boolean fresh = store.read(repos -> !repos.workspaces().any());
    if (!fresh) {
      return Optional.empty();
    }
    String secret = token == null || token.isBlank() ? Tokens.generate() : token;
    try {
      return store.write(
          repos -> {
            if (repos.workspaces().any()) {
              return Optional.empty();
            }
            Workspace ws = newWorkspace(repos, "default");
            long adminId = insertOwner(repos, ws, ownerName, ownerEmail);
            insertToken(repos, ws.id(), adminId, EnumSet.allOf(Scope.class), secret);
            return Optional.of(secret);
          });
    } catch (RuntimeException e) {
      // Two processes starting together on one empty PostgreSQL database both saw it fresh;
      // the unique workspace name let one of them win. The store is bootstrapped either way.
      if (store.read(repos -> repos.workspaces().any())) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Whether a secret is a live (not revoked) token of this store, in any workspace: on a restart,
   * tells a {@code PARLEY_BOOTSTRAP_TOKEN} that still works from one that was never registered.
   */
  public boolean isLiveToken(String secret) {
    return store.read(
        repos ->
            repos
                .workspaces()
                .findTokenByHash(Tokens.hash(secret))
                .filter(t -> t.revokedAt() == null)
                .isPresent());
  }

  /**
   * Creates a workspace.
   *
   * @throws IllegalArgumentException when the name is taken
   */
  public Workspace createWorkspace(String name) {
    return store.write(
        repos -> {
          if (repos.workspaces().findByName(name).isPresent()) {
            throw new IllegalArgumentException("a workspace named '" + name + "' exists");
          }
          return newWorkspace(repos, name);
        });
  }

  /**
   * A workspace created with its owner and a token ({@link #createWorkspaceWithToken}).
   *
   * @param clientSecret the key that signs its webhook notifications
   * @param adminId the owner admin's id
   * @param token the token's id and secret (shown once, never stored)
   */
  public record NewWorkspace(
      Workspace workspace, String clientSecret, long adminId, Set<Scope> scopes, NewToken token) {}

  /**
   * Creates a workspace with an owner admin ("Owner", {@code owner@<name>.parley.local}) and a
   * token acting as the owner, in one transaction: what a test needs to call the API (the operator
   * API's {@code POST /_parley/workspaces}).
   *
   * @throws IllegalArgumentException when the name is taken
   */
  public NewWorkspace createWorkspaceWithToken(String name, Set<Scope> scopes) {
    String secret = Tokens.generate();
    return store.write(repos -> createWithTokenWithin(repos, name, scopes, secret));
  }

  /**
   * The work of {@link #createWorkspaceWithToken} inside a transaction that is already open (also
   * seeding's, {@link SeedService#seedAtStart}).
   *
   * @throws IllegalArgumentException when the name is taken
   */
  NewWorkspace createWithTokenWithin(
      dev.parley.domain.Repositories repos, String name, Set<Scope> scopes, String secret) {
    if (repos.workspaces().findByName(name).isPresent()) {
      throw new IllegalArgumentException("a workspace named '" + name + "' exists");
    }
    Workspace ws = newWorkspace(repos, name);
    long adminId =
        insertOwner(
            repos,
            ws,
            "Owner",
            "owner@" + name.toLowerCase(java.util.Locale.ROOT) + ".parley.local");
    long tokenId = insertToken(repos, ws.id(), adminId, scopes, secret);
    String clientSecret = repos.webhooks().clientSecret(ws.id()).orElseThrow();
    return new NewWorkspace(
        ws, clientSecret, adminId, Set.copyOf(scopes), new NewToken(tokenId, secret));
  }

  /** Every workspace, oldest first. */
  public List<Workspace> list() {
    return store.read(repos -> repos.workspaces().list());
  }

  /** Restricts or lifts the restriction of a workspace's API access. */
  public void setRestricted(String workspace, boolean restricted) {
    store.write(
        repos -> {
          Workspace ws = require(repos, workspace);
          repos.workspaces().setRestricted(ws.id(), restricted);
          return null;
        });
  }

  /**
   * Sets a workspace's own rate limit (issue 12, "Rate limits"), taking effect in running servers
   * within {@link AuthService#CACHE_TTL}.
   *
   * @param perMinute requests per minute, counted per 10-second window as a sixth of it (rounded
   *     up); 0 turns the limit off for this workspace; null follows the server's {@code
   *     --rate-limit-per-minute} again
   * @throws IllegalArgumentException for an unknown workspace or a negative limit
   */
  public void setRateLimit(String workspace, Long perMinute) {
    if (perMinute != null && perMinute < 0) {
      throw new IllegalArgumentException(
          "a rate limit must be 0 (none) or more requests per minute");
    }
    store.write(
        repos -> {
          Workspace ws = require(repos, workspace);
          repos.workspaces().setRateLimit(ws.id(), perMinute);
          return null;
        });
  }

  /**
   * Adds an away status reason to a workspace, after its others in display order, as an admin
   * configures one in Intercom's settings (the 2.14 API only lists them).
   *
   * @param label 1 to 255 characters, unique among the workspace's reasons that are not deleted
   * @param emoji an emoji, or "" for none
   * @throws IllegalArgumentException for an unknown workspace, a blank or taken label
   */
  public AwayStatusReason addAwayStatusReason(String workspace, String label, String emoji) {
    String trimmed = label == null ? "" : label.strip();
    if (trimmed.isEmpty() || trimmed.length() > 255) {
      throw new IllegalArgumentException("a label must be 1 to 255 characters");
    }
    return store.write(
        repos -> {
          Workspace ws = require(repos, workspace);
          List<AwayStatusReason> existing = repos.admins().awayStatusReasons(ws.id());
          if (existing.stream().anyMatch(r -> !r.deleted() && r.label().equals(trimmed))) {
            throw new IllegalArgumentException(
                "the workspace already has an away status reason labelled " + trimmed);
          }
          long at = now();
          AwayStatusReason reason =
              new AwayStatusReason(
                  ws.id(),
                  repos.nextId("away_status_reason"),
                  trimmed,
                  emoji == null ? "" : emoji.strip(),
                  existing.stream().mapToInt(AwayStatusReason::order).max().orElse(0) + 1,
                  false,
                  at,
                  at);
          repos.admins().insertAwayStatusReason(reason);
          return reason;
        });
  }

  /**
   * Deletes an away status reason softly, as Intercom does: it stays listed with {@code deleted}
   * true, and can no longer be given to an admin.
   *
   * @throws IllegalArgumentException for an unknown workspace or reason
   */
  public void deleteAwayStatusReason(String workspace, long reasonId) {
    store.write(
        repos -> {
          Workspace ws = require(repos, workspace);
          if (!repos.admins().deleteAwayStatusReason(ws.id(), reasonId, now())) {
            throw new IllegalArgumentException(
                "the workspace has no away status reason " + reasonId);
          }
          return null;
        });
  }

  /**
   * Creates an admin in a workspace.
   *
   * @throws IllegalArgumentException for an unknown workspace or a taken email
   */
  public Admin createAdmin(String workspace, String name, String email) {
    return store.write(
        repos -> {
          Workspace ws = require(repos, workspace);
          if (repos.admins().findByEmail(ws.id(), email).isPresent()) {
            throw new IllegalArgumentException("an admin with that email exists in the workspace");
          }
          Admin admin =
              new Admin(
                  ws.id(),
                  repos.nextId("admin"),
                  name,
                  email,
                  null,
                  false,
                  false,
                  null,
                  true,
                  false,
                  now(),
                  List.of());
          repos.admins().insert(admin);
          return admin;
        });
  }

  /**
   * Creates a team with admin members; an admin named twice is a member once.
   *
   * @throws IllegalArgumentException for an unknown workspace or admin
   */
  public Team createTeam(String workspace, String name, List<Long> adminIds) {
    List<Long> members = List.copyOf(new LinkedHashSet<>(adminIds));
    return store.write(
        repos -> {
          Workspace ws = require(repos, workspace);
          for (Long id : members) {
            if (repos.admins().find(ws.id(), id).isEmpty()) {
              throw new IllegalArgumentException("no admin " + id + " in the workspace");
            }
          }
          Team team = new Team(ws.id(), repos.nextId("team"), name, now(), members);
          repos.admins().insertTeam(team);
          return team;
        });
  }

  /**
   * Creates an access token.
   *
   * @param adminId the admin it acts as, or null for the workspace's first admin
   * @return the id of the token and its secret, shown once and never stored
   * @throws IllegalArgumentException for an unknown workspace or admin
   */
  public NewToken createToken(String workspace, Long adminId, Set<Scope> scopes) {
    String secret = Tokens.generate();
    return store.write(
        repos -> {
          Workspace ws = require(repos, workspace);
          long admin;
          if (adminId == null) {
            admin =
                repos.admins().list(ws.id()).stream()
                    .findFirst()
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "the workspace has no admin; create one first"))
                    .id();
          } else {
            admin =
                repos
                    .admins()
                    .find(ws.id(), adminId)
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "no admin " + adminId + " in the workspace"))
                    .id();
          }
          long id = insertToken(repos, ws.id(), admin, scopes, secret);
          return new NewToken(id, secret);
        });
  }

  /**
   * Revokes a token by id; false when unknown. The admin activity log gets an {@code
   * oauth_token_revocation} entry, performed by the workspace's owner (an operator command has no
   * admin of its own).
   */
  public boolean revokeToken(String workspace, long tokenId) {
    return store.write(
        repos -> {
          long ws = require(repos, workspace).id();
          if (!repos.workspaces().revokeToken(ws, tokenId, now())) {
            return false;
          }
          repos.admins().list(ws).stream()
              .findFirst()
              .ifPresent(
                  owner ->
                      recordToken(
                          repos,
                          ws,
                          owner.id(),
                          ActivityLog.ActivityType.OAUTH_TOKEN_REVOCATION,
                          tokenId));
          return true;
        });
  }

  /**
   * Appends a token's creation or revocation to the admin activity log; metadata {@code
   * {"token_id"}}, the id as a string.
   */
  private void recordToken(
      Repositories repos, long ws, long adminId, ActivityLog.ActivityType type, long tokenId) {
    repos
        .admins()
        .insertActivity(
            ActivityLog.of(ws, adminId, type, Map.of("token_id", Long.toString(tokenId)), now()));
  }

  /**
   * The workspace with this name.
   *
   * @throws IllegalArgumentException when there is none
   */
  public Workspace find(String workspace) {
    return store.read(repos -> require(repos, workspace));
  }

  /** A new token: its id and its secret. */
  public record NewToken(long id, String secret) {}

  private Workspace require(dev.parley.domain.Repositories repos, String name) {
    return repos
        .workspaces()
        .findByName(name)
        .orElseThrow(() -> new IllegalArgumentException("no workspace named '" + name + "'"));
  }

  private Workspace newWorkspace(dev.parley.domain.Repositories repos, String name) {
    Workspace ws =
        new Workspace(
            repos.nextId("workspace"), name, idCode(), false, DEFAULT_VERSION, now(), null);
    repos.workspaces().insert(ws);
    repos.webhooks().setClientSecret(ws.id(), WebhookService.newSecret());
    return ws;
  }

  /** Inserts a workspace's owner: job title "Owner", with an inbox seat; returns its id. */
  private long insertOwner(
      dev.parley.domain.Repositories repos, Workspace ws, String name, String email) {
    long adminId = repos.nextId("admin");
    repos
        .admins()
        .insert(
            new Admin(
                ws.id(), adminId, name, email, "Owner", false, false, null, true, true, now(),
                List.of()));
    return adminId;
  }

  private long insertToken(
      dev.parley.domain.Repositories repos,
      long workspaceId,
      long adminId,
      Set<Scope> scopes,
      String secret) {
    long id = repos.nextId("token");
    repos
        .workspaces()
        .insertToken(
            Tokens.hash(secret),
            new AccessToken(id, workspaceId, adminId, Set.copyOf(scopes), now(), null));
    // Performed by the admin the token acts as: an operator command has no admin of its own.
    recordToken(
        repos,
        workspaceId,
        adminId,
        ActivityLog.ActivityType.CUSTOM_AUTHENTICATION_TOKEN_CREATION,
        id);
    return id;
  }

  private static String idCode() {
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      code.append(ID_CODE_ALPHABET.charAt(RANDOM.nextInt(ID_CODE_ALPHABET.length())));
    }
    return code.toString();
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }
}
