package dev.parley.domain.ticket;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Page;
import dev.parley.domain.Repositories;
import dev.parley.domain.Store;
import dev.parley.domain.contact.Contact;
import dev.parley.domain.conversation.AssigneeType;
import dev.parley.domain.conversation.AuthorType;
import dev.parley.domain.conversation.Conversation;
import dev.parley.domain.conversation.ConversationDetails;
import dev.parley.domain.conversation.ConversationMetrics;
import dev.parley.domain.conversation.ConversationService;
import dev.parley.domain.conversation.ConversationState;
import dev.parley.domain.conversation.ConversationStateService;
import dev.parley.domain.conversation.ConversationViews;
import dev.parley.domain.conversation.Priority;
import dev.parley.domain.conversation.StateChange;
import dev.parley.domain.search.SearchParser;
import dev.parley.domain.search.SearchQuery;
import dev.parley.domain.search.SearchResult;
import dev.parley.domain.search.TicketSearchFields;
import dev.parley.domain.webhook.Outbox;
import dev.parley.domain.webhook.Topic;
import dev.parley.domain.workspace.Caller;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tickets: {@code createTicket}, {@code getTicket}, {@code updateTicket} and {@code
 * convertConversationToTicket} of Intercom's REST API 2.14 (docs/tickets.md), raising the ticket's
 * webhook topics ({@link TicketNotifications}).
 *
 * <p>A ticket IS a conversation row with ticket columns ({@link TicketRepository}), as Intercom
 * models tickets: its contacts, parts, assignees, open/snoozed state, reporting record and erasure
 * are the conversation's. Opening, closing, snoozing and assigning a ticket go through {@link
 * ConversationStateService#manageWithin}, so they add the same parts and reporting changes as on a
 * conversation, in the same transaction as the ticket's own columns.
 */
public final class TicketService {
  private final Store store;
  private final Clock clock;
  private final ConversationStateService states;
  private final Outbox outbox;

  /**
   * @param clock the server clock: created_at and updated_at in Unix seconds
   * @param states opens, closes, snoozes and assigns the ticket's conversation
   * @param outbox raises the ticket's webhook topics ({@link TicketNotifications})
   */
  public TicketService(Store store, Clock clock, ConversationStateService states, Outbox outbox) {
    this.store = store;
    this.clock = clock;
    this.states = states;
    this.outbox = outbox;
  }

  /**
   * Creates a ticket ({@code createTicket}): a conversation row started by the contact, with an
   * empty source message, in the first {@code submitted} state of the workspace.
   *
   * @throws ApiException 400 {@code parameter_invalid} naming {@code ticket_type_id} for an unknown
   *     or archived type, {@code contacts} when there is not exactly one contact, or the attribute
   *     whose value does not fit the type; 400 {@code parameter_not_found} naming a required
   *     attribute without a value; 404 {@code not_found} "User Not Found" for an unknown contact;
   *     404 {@code admin_not_found} / {@code team_not_found} for unknown assignees
   */
  public TicketDetails create(Caller caller, NewTicket request) {
    long ws = caller.workspaceId();
    long at = request.createdAt() != null ? request.createdAt() : now();
    return store.write(repos -> create(repos, ws, request, at));
  }

  /**
   * Enqueues a ticket's creation ({@code enqueueCreateTicket}) and runs the job at once: in one
   * transaction the ticket is created as {@link #create} creates it and the job is recorded with
   * status {@code success} and the ticket's id (ids only, {@link Job}). A request {@link #create}
   * would refuse is refused the same way and no job is recorded, as Intercom does not enqueue a job
   * whose parameters are incorrect.
   *
   * @throws ApiException as {@link #create}
   */
  public Job enqueueCreate(Caller caller, NewTicket request) {
    long ws = caller.workspaceId();
    long now = now();
    long at = request.createdAt() != null ? request.createdAt() : now;
    return store.write(
        repos -> {
          TicketDetails created = create(repos, ws, request, at);
          Job job =
              new Job(ws, repos.nextId("job"), "success", "ticket", created.ticket().id(), now);
          repos.tickets().insertJob(job);
          return job;
        });
  }

  /**
   * A job ({@code jobsStatus}).
   *
   * @throws ApiException 404 {@code job_not_found} "Job Not Found" for an id that is no job of the
   *     workspace
   */
  public Job job(Caller caller, long jobId) {
    long ws = caller.workspaceId();
    return store
        .read(repos -> repos.tickets().findJob(ws, jobId))
        .orElseThrow(() -> new ApiException(ErrorCode.JOB_NOT_FOUND));
  }

  /** The work of {@link #create} inside an open transaction; {@code at} is its creation time. */
  private TicketDetails create(Repositories repos, long ws, NewTicket request, long at) {
    TicketTypeService.ensureStates(repos, ws);
    TicketType type =
        repos
            .ticketTypes()
            .find(ws, request.ticketTypeId())
            .filter(t -> !t.archived())
            .orElseThrow(
                () ->
                    ApiException.invalid(
                        "ticket_type_id", "No ticket type with that id is in use"));
    if (request.contacts().size() != 1) {
      throw ApiException.invalid("contacts", "A ticket needs exactly one contact");
    }
    Contact contact = contact(repos, ws, request.contacts().get(0));
    List<TicketTypeAttribute> attributes = repos.ticketTypes().attributes(ws, type.id());
    Map<String, Object> values =
        TicketAttributes.merge(attributes, Map.of(), request.attributes(), true);
    if (request.adminAssigneeId() != null && request.adminAssigneeId() != 0) {
      requireAdmin(repos, ws, request.adminAssigneeId());
    }
    if (request.teamAssigneeId() != null && request.teamAssigneeId() != 0) {
      requireTeam(repos, ws, request.teamAssigneeId());
    }
    Long linkedId = conversationToLink(repos, ws, type, request.conversationToLinkId());
    TicketState state = submitted(repos, ws);
    long id = repos.nextId("conversation");
    Conversation.Source source =
        new Conversation.Source(
            repos.nextId("part"),
            "conversation",
            "customer_initiated",
            "",
            "",
            AuthorType.ofContactRole(contact.role()),
            contact.id(),
            null,
            false);
    Conversation conversation =
        new Conversation(
            ws,
            id,
            at,
            at,
            null,
            ConversationState.OPEN,
            false,
            Priority.NOT_PRIORITY,
            zeroToNull(request.adminAssigneeId()),
            zeroToNull(request.teamAssigneeId()),
            null,
            null,
            new LinkedHashMap<>(),
            source,
            null);
    repos.conversations().insert(conversation);
    repos.conversationLinks().insertContact(ws, id, contact.id(), 0);
    repos
        .metrics()
        .insert(ConversationMetrics.started(ws, id, at, source.type(), source.deliveredAs()));
    Ticket ticket =
        new Ticket(
            ws, id, repos.nextId("ticket"), type.id(), state.id(), type.category(), values, false);
    repos.tickets().save(ticket);
    repos.tickets().recordReporting(ticket, state.category(), at);
    if (linkedId != null) {
      repos.conversationLinks().insertLinkedObject(ws, id, linkedId, at);
    }
    TicketNotifications.raise(outbox, repos, ws, id, Topic.TICKET_CREATED, List.of());
    return details(repos, ticket);
  }

  /**
   * The conversation {@code conversation_to_link_id} names for a new ticket of {@code type}, or
   * null when none is sent. Intercom's valid links for a new ticket: a conversation with a
   * back-office or tracker ticket, a customer ticket with a (non-shared, as a new ticket is)
   * back-office ticket or a tracker ticket.
   *
   * @throws ApiException 404 {@code not_found} "Conversation not found" (field {@code
   *     conversation_to_link_id}) for an id that is no conversation of the workspace (a deleted one
   *     included); 400 {@code parameter_invalid} naming {@code conversation_to_link_id} when the
   *     new ticket is a customer ticket, or the conversation is itself a back-office or tracker
   *     ticket
   */
  private static Long conversationToLink(
      Repositories repos, long ws, TicketType type, String conversationToLinkId) {
    if (conversationToLinkId == null) {
      return null;
    }
    long linkedId;
    try {
      linkedId = Long.parseLong(conversationToLinkId.strip());
    } catch (NumberFormatException e) {
      throw linkNotFound();
    }
    if (repos.conversations().find(ws, linkedId).isEmpty()) {
      throw linkNotFound();
    }
    if (type.category().equals("Customer")) {
      throw ApiException.invalid(
          "conversation_to_link_id",
          "A conversation can be linked to a back-office or tracker ticket only");
    }
    Optional<Ticket> linkedTicket = repos.tickets().find(ws, linkedId);
    if (linkedTicket.isPresent() && !linkedTicket.get().category().equals("Customer")) {
      throw ApiException.invalid(
          "conversation_to_link_id", "Only a conversation or a customer ticket can be linked");
    }
    return linkedId;
  }

  private static ApiException linkNotFound() {
    return new ApiException(
        ErrorCode.CONVERSATION_NOT_FOUND,
        ErrorCode.CONVERSATION_NOT_FOUND.defaultMessage(),
        "conversation_to_link_id");
  }

  /**
   * Converts a conversation to a ticket ({@code convertConversationToTicket}), in place: the
   * conversation row gets the ticket columns and keeps its id, contacts, parts, uploads, tags,
   * assignees, open/snoozed state and reporting record, so no second copy of its content exists and
   * erasing the ticket erases all of it. The ticket starts in the workspace's first {@code
   * submitted} state, shared with the contact ({@code is_shared} true, as Intercom's example
   * shows), with the type's category; no part is added. Raises {@code ticket.created}.
   *
   * @param attributes the ticket's attribute values, checked as on create (required ones included)
   * @throws ApiException 404 {@code not_found} for an unknown conversation; 400 {@code
   *     parameter_invalid} naming {@code ticket_type_id} for an unknown or archived type or one
   *     whose category is not {@code Customer} ("Ticket type is not a customer ticket type", as
   *     Intercom answers), naming {@code conversation_id} for a conversation that is already a
   *     ticket, or naming the attribute whose value does not fit; 400 {@code parameter_not_found}
   *     naming a required attribute without a value
   */
  public TicketDetails convert(
      Caller caller, long conversationId, long ticketTypeId, Map<String, Object> attributes) {
    long ws = caller.workspaceId();
    return store.write(
        repos -> {
          Conversation c =
              repos.conversations().lock(ws, conversationId).orElseThrow(ApiException::notFound);
          TicketTypeService.ensureStates(repos, ws);
          TicketType type =
              repos
                  .ticketTypes()
                  .find(ws, ticketTypeId)
                  .filter(t -> !t.archived())
                  .orElseThrow(
                      () ->
                          ApiException.invalid(
                              "ticket_type_id", "No ticket type with that id is in use"));
          if (!type.category().equals("Customer")) {
            throw ApiException.invalid(
                "ticket_type_id", "Ticket type is not a customer ticket type");
          }
          if (repos.tickets().find(ws, conversationId).isPresent()) {
            throw ApiException.invalid("conversation_id", "The conversation is already a ticket");
          }
          Map<String, Object> values =
              TicketAttributes.merge(
                  repos.ticketTypes().attributes(ws, type.id()), Map.of(), attributes, true);
          TicketState state = submitted(repos, ws);
          Ticket ticket =
              new Ticket(
                  ws,
                  conversationId,
                  repos.nextId("ticket"),
                  type.id(),
                  state.id(),
                  type.category(),
                  values,
                  true);
          repos.tickets().save(ticket);
          repos.tickets().recordReporting(ticket, state.category(), now());
          repos.conversations().update(c.withUpdatedAt(Math.max(now(), c.updatedAt())));
          TicketNotifications.raise(
              outbox, repos, ws, conversationId, Topic.TICKET_CREATED, List.of());
          return details(repos, ticket);
        });
  }

  private static TicketState submitted(Repositories repos, long ws) {
    return TicketTypeService.activeStates(repos, ws).stream()
        .filter(s -> s.category().equals("submitted"))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no submitted ticket state"));
  }

  /**
   * One ticket with its parts ({@code getTicket}).
   *
   * @throws ApiException 404 {@code not_found} for an id that is no ticket of the workspace (a
   *     plain conversation's id included)
   */
  public TicketDetails get(Caller caller, long ticketId) {
    long ws = caller.workspaceId();
    return store.read(repos -> details(repos, requireTicket(repos, ws, ticketId)));
  }

  /**
   * One page of the tickets that match a search query ({@code searchTickets}, Intercom's query
   * language: {@link SearchParser}, fields of {@link TicketSearchFields}, {@code
   * ticket_attribute.{id}} naming an attribute of any of the workspace's ticket types), newest
   * first by creation like conversations' search, with the total number of matches; each ticket
   * with all of its parts, as {@link #get} renders it. Deleted tickets are erased rows and never
   * match.
   *
   * @param query the request's {@code query} as parsed JSON, null when it is missing
   * @param cursor the previous page's {@code pagination.starting_after}, or null
   * @param perPage 1 to 150
   * @throws ApiException 400 {@code parameter_invalid} for an invalid query or cursor; 408 {@code
   *     request_timeout} for a search that ran out of time ({@link Store#search})
   */
  public Page<TicketDetails> search(Caller caller, Object query, Page.Cursor cursor, int perPage) {
    long ws = caller.workspaceId();
    Long before = ConversationService.cursorId(cursor, "pagination.starting_after");
    return store.search(
        repos -> {
          Map<String, String> names = new HashMap<>();
          List<TicketTypeAttribute> attributes = repos.ticketTypes().attributes(ws, null);
          for (TicketTypeAttribute a : attributes) {
            names.put(Long.toString(a.id()), a.name());
          }
          SearchQuery parsed =
              SearchParser.parse(
                  query, TicketSearchFields.fields(id -> Optional.ofNullable(names.get(id))));
          SearchResult<Ticket> found =
              repos
                  .tickets()
                  .search(
                      ws, parsed, cursor == null ? null : cursor.createdAt(), before, perPage + 1);
          List<TicketDetails> rows = detailsAll(repos, ws, found.rows(), attributes);
          return Page.of(
              rows,
              perPage,
              found.total(),
              cursor,
              d ->
                  new Page.Cursor(
                      0,
                      d.conversation().conversation().createdAt(),
                      Long.toString(d.ticket().id())));
        });
  }

  /**
   * Changes what {@code update} gives ({@code updateTicket}), in one transaction: attributes,
   * state, sharing, then open/close, snooze and assignment, each of these adding the part a
   * conversation gets for it ({@link ConversationStateService}).
   *
   * @throws ApiException 404 {@code not_found} for an unknown ticket; 400 {@code parameter_invalid}
   *     naming {@code ticket_state_id} for a state the workspace does not use, {@code
   *     snoozed_until} for a time not in the future, {@code assignee_id} for an id that is no admin
   *     or team, or the attribute whose value does not fit the type; 404 {@code admin_not_found}
   *     for an unknown acting admin
   */
  public TicketDetails update(Caller caller, long ticketId, TicketUpdate update) {
    long ws = caller.workspaceId();
    if (update.snoozedUntil() != null) {
      states.requireFutureSnooze(update.snoozedUntil());
    }
    long adminId = update.adminId() != null ? update.adminId() : caller.adminId();
    return store.write(
        repos -> {
          Ticket ticket = requireTicket(repos, ws, ticketId);
          requireAdmin(repos, ws, adminId);
          long stateId = ticket.ticketStateId();
          TicketState newState = null;
          if (update.ticketStateId() != null) {
            newState =
                TicketTypeService.activeStates(repos, ws).stream()
                    .filter(s -> s.id() == update.ticketStateId())
                    .findFirst()
                    .orElseThrow(
                        () ->
                            ApiException.invalid(
                                "ticket_state_id", "No ticket state with that id is in use"));
            stateId = newState.id();
          }
          Map<String, Object> values = ticket.attributes();
          if (update.attributes() != null) {
            values =
                TicketAttributes.merge(
                    repos.ticketTypes().attributes(ws, ticket.ticketTypeId()),
                    values,
                    update.attributes(),
                    false);
          }
          StateChange.Assign assign = null;
          if (update.assigneeId() != null) {
            assign = assignment(repos, ws, adminId, update.assigneeId());
          }
          Ticket changed =
              ticket.with(
                  stateId, values, update.shared() != null ? update.shared() : ticket.shared());
          if (!changed.equals(ticket)) {
            repos.tickets().save(changed);
            Conversation c = repos.conversations().lock(ws, ticketId).orElseThrow();
            repos.conversations().update(c.withUpdatedAt(Math.max(now(), c.updatedAt())));
          }
          if (newState != null && changed.ticketStateId() != ticket.ticketStateId()) {
            repos.tickets().recordReporting(changed, newState.category(), now());
            TicketNotifications.raise(
                outbox, repos, ws, ticketId, Topic.TICKET_STATE_UPDATED, List.of());
          }
          if (Boolean.FALSE.equals(update.open())) {
            states.manageWithin(repos, ws, ticketId, new StateChange.Close(adminId, null));
          } else if (Boolean.TRUE.equals(update.open()) && update.snoozedUntil() == null) {
            Conversation c = repos.conversations().find(ws, ticketId).orElseThrow();
            if (c.state() != ConversationState.OPEN) {
              states.manageWithin(repos, ws, ticketId, new StateChange.Open(adminId));
            }
          }
          if (update.snoozedUntil() != null && !Boolean.FALSE.equals(update.open())) {
            states.manageWithin(
                repos, ws, ticketId, new StateChange.Snooze(adminId, update.snoozedUntil()));
          }
          if (assign != null) {
            states.manageWithin(repos, ws, ticketId, assign);
          }
          return details(repos, changed);
        });
  }

  /**
   * Checks that {@code ticketId} is a ticket of the caller's workspace, before an operation of the
   * ticket's conversation (reply, tags) runs on it. A ticket never turns back into a plain
   * conversation, so the check holds for the operation that follows (an erasure in between makes
   * that operation 404 itself).
   *
   * @throws ApiException 404 {@code not_found} otherwise
   */
  public void requireTicket(Caller caller, long ticketId) {
    long ws = caller.workspaceId();
    store.read(repos -> requireTicket(repos, ws, ticketId));
  }

  /** The ticket, or 404 {@code not_found}. */
  static Ticket requireTicket(Repositories repos, long ws, long ticketId) {
    return repos.tickets().find(ws, ticketId).orElseThrow(ApiException::notFound);
  }

  static TicketDetails details(Repositories repos, Ticket ticket) {
    long ws = ticket.workspaceId();
    Conversation c =
        repos.conversations().find(ws, ticket.id()).orElseThrow(ApiException::notFound);
    return details(repos, ticket, ConversationViews.details(repos, c));
  }

  /**
   * Tickets rendered as {@link #details(Repositories, Ticket)} renders each, in a fixed number of
   * queries for all of them: their conversations through {@link ConversationViews#detailsAll}, the
   * workspace's types and states once ({@code attributes}: every attribute of the workspace's
   * types, already read).
   */
  private static List<TicketDetails> detailsAll(
      Repositories repos, long ws, List<Ticket> tickets, List<TicketTypeAttribute> attributes) {
    if (tickets.isEmpty()) {
      return List.of();
    }
    Map<Long, ConversationDetails> conversations =
        ConversationViews.detailsAll(repos, ws, tickets.stream().map(Ticket::id).toList());
    List<TicketState> states = repos.ticketTypes().states(ws);
    List<TicketState> active = states.stream().filter(s -> !s.archived()).toList();
    Map<Long, TicketTypeDetails> types = new HashMap<>();
    for (TicketType type : repos.ticketTypes().list(ws)) {
      types.put(
          type.id(),
          new TicketTypeDetails(
              type,
              attributes.stream().filter(a -> a.ticketTypeId() == type.id()).toList(),
              active));
    }
    List<TicketDetails> out = new ArrayList<>(tickets.size());
    for (Ticket ticket : tickets) {
      ConversationDetails conversation = conversations.get(ticket.id());
      TicketTypeDetails type = types.get(ticket.ticketTypeId());
      if (conversation == null || type == null) {
        throw ApiException.notFound();
      }
      TicketState state =
          states.stream().filter(s -> s.id() == ticket.ticketStateId()).findFirst().orElseThrow();
      out.add(new TicketDetails(ticket, type, state, conversation));
    }
    return out;
  }

  /** The ticket rendered with {@code conversation} (all of its parts, or some). */
  static TicketDetails details(
      Repositories repos, Ticket ticket, ConversationDetails conversation) {
    long ws = ticket.workspaceId();
    TicketType type = repos.ticketTypes().find(ws, ticket.ticketTypeId()).orElseThrow();
    TicketState state =
        repos.ticketTypes().states(ws).stream()
            .filter(s -> s.id() == ticket.ticketStateId())
            .findFirst()
            .orElseThrow();
    return new TicketDetails(
        ticket, TicketTypeService.details(repos, ws, type), state, conversation);
  }

  private static Contact contact(Repositories repos, long ws, NewTicket.ContactRef ref) {
    Optional<Contact> found;
    if (ref.id() != null) {
      found = repos.contacts().find(ws, ref.id());
    } else if (ref.externalId() != null) {
      found = repos.contacts().findByExternalId(ws, ref.externalId());
    } else {
      found = repos.contacts().findByEmail(ws, ref.email());
    }
    return found.orElseThrow(() -> new ApiException(ErrorCode.USER_NOT_FOUND));
  }

  private static StateChange.Assign assignment(
      Repositories repos, long ws, long adminId, long assigneeId) {
    if (assigneeId == 0) {
      return new StateChange.Assign(adminId, AssigneeType.ADMIN, 0, null);
    }
    if (repos.admins().find(ws, assigneeId).isPresent()) {
      return new StateChange.Assign(adminId, AssigneeType.ADMIN, assigneeId, null);
    }
    if (repos.admins().findTeam(ws, assigneeId).isPresent()) {
      return new StateChange.Assign(adminId, AssigneeType.TEAM, assigneeId, null);
    }
    throw ApiException.invalid("assignee_id", "assignee_id is no admin or team of the workspace");
  }

  private static void requireAdmin(Repositories repos, long ws, long adminId) {
    if (repos.admins().find(ws, adminId).isEmpty()) {
      throw new ApiException(ErrorCode.ADMIN_NOT_FOUND);
    }
  }

  private static void requireTeam(Repositories repos, long ws, long teamId) {
    if (repos.admins().findTeam(ws, teamId).isEmpty()) {
      throw new ApiException(ErrorCode.TEAM_NOT_FOUND);
    }
  }

  private static Long zeroToNull(Long id) {
    return id == null || id == 0 ? null : id;
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }
}
