package dev.parley.domain.conversation;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Repositories;
import dev.parley.domain.Store;
import dev.parley.domain.webhook.Outbox;
import dev.parley.domain.webhook.Topic;
import dev.parley.domain.workspace.Caller;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Closing, snoozing, opening and assigning a conversation: Intercom's {@code POST
 * /conversations/{id}/parts} ({@code manageConversation}, REST API 2.14).
 *
 * <p>Each action adds one part authored by the acting admin and changes the conversation as the
 * description's examples show (the description gives no formal state machine):
 *
 * <ul>
 *   <li>{@code close}: part {@code close} (with the optional body); {@code state: closed}, {@code
 *       open: false}, {@code snoozed_until} cleared.
 *   <li>{@code snoozed}: part {@code snoozed}; {@code state: snoozed}, {@code open} stays true,
 *       {@code snoozed_until} set.
 *   <li>{@code open}: part {@code open}; {@code state: open}, {@code snoozed_until} cleared.
 *   <li>{@code assignment}: part {@code assignment} with {@code assigned_to}; a closed conversation
 *       is reopened by it and the part is {@code assign_and_reopen}. Admin and team assignees are
 *       independent; {@code assignee_id} 0 removes the one of that type (the part's {@code
 *       assigned_to} is then {@code nobody_admin}, or a team reference with a null id) and reopens
 *       nothing. A snoozed conversation stays snoozed.
 * </ul>
 *
 * <p>A snooze also ends by itself: when the server clock passes {@code snoozed_until}, {@link
 * #wakeIfDue} opens the conversation as Intercom does (a {@code timer_unsnooze} part, {@code state:
 * open}, {@code snoozed_until} cleared, topic {@code conversation.admin.unsnoozed});
 * dev.parley.jobs.SnoozeWakeUp calls it for each conversation {@link #dueSnoozes} finds.
 *
 * <p>A close or assignment that carries a body is a message to the contact: it clears {@code
 * waiting_since}, as an admin comment does. The reporting record ({@link ConversationMetrics}) is
 * updated in the same transaction.
 */
public final class ConversationStateService {
  private final Store store;
  private final Clock clock;
  private final Outbox outbox;

  public ConversationStateService(Store store, Clock clock) {
    this(store, clock, Outbox.none());
  }

  /**
   * @param outbox raises the webhook topics of state changes and assignment
   */
  public ConversationStateService(Store store, Clock clock, Outbox outbox) {
    this.store = store;
    this.clock = clock;
    this.outbox = outbox;
  }

  /**
   * Applies one action to a conversation.
   *
   * @return the conversation with its parts, as {@code manageConversation} answers it
   * @throws ApiException 400 {@code parameter_invalid} ({@code snoozed_until}) when a snooze is not
   *     in the future; 404 {@code not_found} "Resource Not Found" for an unknown conversation; 404
   *     {@code admin_not_found} for an unknown acting or assigned admin; 404 {@code team_not_found}
   *     for an unknown assigned team
   */
  public ConversationDetails manage(Caller caller, ConversationId id, StateChange change) {
    long conversationId = id.value();
    long ws = caller.workspaceId();
    long at = clock.instant().getEpochSecond();
    if (change instanceof StateChange.Snooze snooze && snooze.snoozedUntil() <= at) {
      throw ApiException.invalid("snoozed_until", "snoozed_until must be a time in the future");
    }
    return store.write(repos -> manageWithin(repos, outbox, ws, conversationId, change, at));
  }

  /**
   * {@link #manage} inside a transaction the caller already holds (a ticket update, which changes
   * the ticket's columns in the same transaction), at the server clock. A snooze's time must be
   * checked by the caller ({@link #requireFutureSnooze}).
   */
  public void manageWithin(Repositories repos, long ws, long conversationId, StateChange change) {
    manageWithin(repos, outbox, ws, conversationId, change, clock.instant().getEpochSecond());
  }

  /**
   * Checks a snooze's time as {@link #manage} does, for a caller that then uses {@link
   * #manageWithin}.
   *
   * @throws ApiException 400 {@code parameter_invalid} ({@code snoozed_until}) unless {@code
   *     snoozedUntil} (Unix seconds) is after the server clock
   */
  public void requireFutureSnooze(long snoozedUntil) {
    if (snoozedUntil <= clock.instant().getEpochSecond()) {
      throw ApiException.invalid("snoozed_until", "snoozed_until must be a time in the future");
    }
  }

  /**
   * The work of {@link #manage} inside a transaction that is already open, at {@code at} (Unix
   * seconds; a snooze's time is checked by the caller). Also used by seeding ({@link
   * ConversationSeeding}).
   */
  static ConversationDetails manageWithin(
      Repositories repos,
      Outbox outbox,
      long ws,
      long conversationId,
      StateChange change,
      long at) {
    Conversation c =
        repos.conversations().lock(ws, conversationId).orElseThrow(ApiException::notFound);
    ConversationService.requireAdmin(repos, ws, change.adminId());
    ConversationMetrics metrics = ConversationViews.metricsOf(repos, c);
    Transition t = transition(repos, c, change, metrics, at);
    Conversation updated = t.conversation();
    long partId = repos.nextId("part");
    repos
        .conversationParts()
        .insertPart(
            ConversationPart.written(
                    ws,
                    partId,
                    c.id(),
                    t.partType(),
                    t.body(),
                    at,
                    AuthorType.ADMIN,
                    Long.toString(change.adminId()),
                    List.of(),
                    updated.state())
                .withAssignee(t.assignedToType(), t.assignedToId()));
    repos.conversations().update(updated);
    repos.metrics().update(metrics);
    ConversationNotifications.raise(outbox, repos, updated, topic(change, c), List.of(partId));
    return ConversationViews.details(repos, updated);
  }

  /**
   * Snoozed conversations of every workspace whose snooze has run out by the server clock, the
   * longest due first; at most {@code limit}.
   */
  public List<ConversationRepository.DueSnooze> dueSnoozes(int limit) {
    long now = clock.instant().getEpochSecond();
    return store.read(repos -> repos.conversations().dueSnoozes(now, limit));
  }

  /**
   * Opens a snoozed conversation whose snooze has run out by the server clock, in one transaction,
   * as a manual unsnooze does it ({@code message_type} open on a snoozed conversation), except for
   * the part: {@code state} open ({@code open: true}), {@code snoozed_until} cleared, {@code
   * waiting_since} unchanged, the reporting record counts the part and the new state; one {@code
   * timer_unsnooze} part (no body), authored by the admin who set the snooze (the author of its
   * newest {@code snoozed} part; without one, the admin assignee, else the workspace's first
   * admin); {@code conversation.admin.unsnoozed} raised with that part.
   *
   * <p>The moment it opens is the moment the snooze ran out: {@code updated_at} and the part's
   * {@code created_at} are the old {@code snoozed_until} (or the conversation's {@code updated_at},
   * when a later change came first), however late the clock was moved past it, as Intercom would
   * have opened it then.
   *
   * <p>The conversation is claimed by a conditional UPDATE ({@link
   * ConversationRepository#unsnoozeIfDue}): when it is no longer due (another process woke it, an
   * admin or a contact reply opened it, it was snoozed again, or erased), nothing is written or
   * raised.
   *
   * @return whether this call opened it
   */
  public boolean wakeIfDue(long workspaceId, long conversationId) {
    long now = clock.instant().getEpochSecond();
    return store.write(
        repos -> {
          if (!repos.conversations().unsnoozeIfDue(workspaceId, conversationId, now)) {
            return false;
          }
          Conversation woken =
              repos.conversations().find(workspaceId, conversationId).orElseThrow();
          long at = woken.updatedAt();
          ConversationMetrics metrics = ConversationViews.metricsOf(repos, woken);
          metrics.onOpen(at);
          long partId = repos.nextId("part");
          repos
              .conversationParts()
              .insertPart(
                  ConversationPart.written(
                      workspaceId,
                      partId,
                      conversationId,
                      PartType.TIMER_UNSNOOZE,
                      null,
                      at,
                      AuthorType.ADMIN,
                      Long.toString(snoozer(repos, woken)),
                      List.of(),
                      ConversationState.OPEN));
          repos.metrics().update(metrics);
          ConversationNotifications.raise(
              outbox, repos, woken, Topic.CONVERSATION_ADMIN_UNSNOOZED, List.of(partId));
          return true;
        });
  }

  /** Who a {@code timer_unsnooze} part is by: see {@link #wakeIfDue}. */
  private static long snoozer(Repositories repos, Conversation c) {
    return repos
        .conversationParts()
        .lastSnoozedBy(c.workspaceId(), c.id())
        .or(() -> Optional.ofNullable(c.adminAssigneeId()))
        .orElseGet(() -> repos.admins().list(c.workspaceId()).get(0).id());
  }

  /**
   * The webhook topic of an action on {@code before}: closing, snoozing and assigning raise theirs;
   * opening raises {@code conversation.admin.unsnoozed} when the conversation was snoozed and
   * {@code conversation.admin.opened} otherwise (docs/webhooks.md).
   */
  private static Topic topic(StateChange change, Conversation before) {
    if (change instanceof StateChange.Close) {
      return Topic.CONVERSATION_ADMIN_CLOSED;
    }
    if (change instanceof StateChange.Snooze) {
      return Topic.CONVERSATION_ADMIN_SNOOZED;
    }
    if (change instanceof StateChange.Open) {
      return before.state() == ConversationState.SNOOZED
          ? Topic.CONVERSATION_ADMIN_UNSNOOZED
          : Topic.CONVERSATION_ADMIN_OPENED;
    }
    return Topic.CONVERSATION_ADMIN_ASSIGNED;
  }

  /**
   * What one action does: the part it adds and the conversation after it. Applies the action to
   * {@code metrics} as well.
   */
  private static Transition transition(
      Repositories repos,
      Conversation c,
      StateChange change,
      ConversationMetrics metrics,
      long at) {
    long updatedAt = Math.max(at, c.updatedAt());
    if (change instanceof StateChange.Close close) {
      metrics.onClose(at, close.adminId());
      return new Transition(
          PartType.CLOSE,
          close.body(),
          null,
          null,
          next(
              c,
              updatedAt,
              ConversationState.CLOSED,
              null,
              waitingAfter(c, close.body()),
              c.adminAssigneeId(),
              c.teamAssigneeId()));
    }
    if (change instanceof StateChange.Snooze snooze) {
      metrics.onSnooze(at);
      return new Transition(
          PartType.SNOOZED,
          null,
          null,
          null,
          next(
              c,
              updatedAt,
              ConversationState.SNOOZED,
              snooze.snoozedUntil(),
              c.waitingSince(),
              c.adminAssigneeId(),
              c.teamAssigneeId()));
    }
    if (change instanceof StateChange.Open) {
      metrics.onOpen(at);
      return new Transition(
          PartType.OPEN,
          null,
          null,
          null,
          next(
              c,
              updatedAt,
              ConversationState.OPEN,
              null,
              c.waitingSince(),
              c.adminAssigneeId(),
              c.teamAssigneeId()));
    }
    StateChange.Assign assign = (StateChange.Assign) change;
    boolean toTeam = assign.assigneeType() == AssigneeType.TEAM;
    Long assignee = assign.unassigns() ? null : assign.assigneeId();
    if (assignee != null) {
      if (toTeam) {
        var unused =
            repos
                .admins()
                .findTeam(c.workspaceId(), assignee)
                .orElseThrow(() -> new ApiException(ErrorCode.TEAM_NOT_FOUND));
      } else {
        ConversationService.requireAdmin(repos, c.workspaceId(), assignee);
      }
    }
    Long admin = toTeam ? c.adminAssigneeId() : assignee;
    Long team = toTeam ? assignee : c.teamAssigneeId();
    boolean reopens = assignee != null && c.state() == ConversationState.CLOSED;
    if (assignee == null) {
      metrics.onUnassignment(at, admin, team);
    } else if (reopens) {
      metrics.onAssignAndReopen(at, admin, team);
    } else {
      metrics.onAssignment(at, admin, team);
    }
    AssigneeType assignedToType =
        toTeam
            ? AssigneeType.TEAM
            : assignee == null ? AssigneeType.NOBODY_ADMIN : AssigneeType.ADMIN;
    return new Transition(
        reopens ? PartType.ASSIGN_AND_REOPEN : PartType.ASSIGNMENT,
        assign.body(),
        assignedToType,
        assignee == null ? null : Long.toString(assignee),
        next(
            c,
            updatedAt,
            reopens ? ConversationState.OPEN : c.state(),
            c.snoozedUntil(),
            waitingAfter(c, assign.body()),
            admin,
            team));
  }

  /** A message from the admin ends the contact's wait; an action without one does not. */
  private static Long waitingAfter(Conversation c, String body) {
    return body == null ? c.waitingSince() : null;
  }

  private static Conversation next(
      Conversation c,
      long updatedAt,
      ConversationState state,
      Long snoozedUntil,
      Long waitingSince,
      Long adminAssignee,
      Long teamAssignee) {
    return c.with(
        updatedAt,
        c.title(),
        state,
        c.read(),
        adminAssignee,
        teamAssignee,
        snoozedUntil,
        waitingSince,
        c.customAttributes());
  }

  /**
   * The part an action adds and the conversation after it.
   *
   * @param assignedToType {@code admin}, {@code team} or {@code nobody_admin} for assignments, else
   *     null
   */
  private record Transition(
      PartType partType,
      String body,
      AssigneeType assignedToType,
      String assignedToId,
      Conversation conversation) {}
}
