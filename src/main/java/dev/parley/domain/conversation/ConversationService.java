package dev.parley.domain.conversation;

import dev.parley.blob.BlobStore;
import dev.parley.domain.ApiException;
import dev.parley.domain.CustomAttributes;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Page;
import dev.parley.domain.Repositories;
import dev.parley.domain.Store;
import dev.parley.domain.admin.Admin;
import dev.parley.domain.attribute.DataAttributeService;
import dev.parley.domain.contact.Contact;
import dev.parley.domain.search.ConversationSearchFields;
import dev.parley.domain.search.SearchParser;
import dev.parley.domain.search.SearchQuery;
import dev.parley.domain.search.SearchResult;
import dev.parley.domain.tag.Tag;
import dev.parley.domain.webhook.Outbox;
import dev.parley.domain.webhook.Topic;
import dev.parley.domain.workspace.Caller;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The life of a conversation as Intercom's REST API 2.14 ("Conversations") describes it: create
 * from a contact message, retrieve with parts, list, update, reply (with uploads) and tag. State
 * changes and assignment are {@link ConversationStateService}, contacts of a conversation {@link
 * ConversationCustomerService}, redaction {@link RedactionService} and erasure {@link
 * ErasureService}.
 *
 * <p>Every change also updates the conversation's reporting record ({@link ConversationMetrics}) in
 * the same transaction. What a conversation renders is assembled by {@link ConversationViews};
 * uploaded files are stored by {@link UploadStorage}.
 *
 * <p>About 500 lines: the commands (create, update, reply, tags) with their Javadoc, plus list and
 * search, which parse their cursors here before reading.
 */
public final class ConversationService {
  /** Intercom returns at most the 500 most recent parts of a conversation. */
  public static final int MAX_PARTS = 500;

  private final Store store;
  private final UploadStorage uploads;
  private final Clock clock;
  private final Outbox outbox;

  public ConversationService(Store store, BlobStore blobs, Clock clock) {
    this(store, blobs, clock, Outbox.none());
  }

  /**
   * @param outbox raises the webhook topics of creation, replies and tags
   */
  public ConversationService(Store store, BlobStore blobs, Clock clock, Outbox outbox) {
    this.store = store;
    this.uploads = new UploadStorage(store, blobs, clock);
    this.clock = clock;
    this.outbox = outbox;
  }

  /**
   * Starts a conversation from a contact's message ({@code createConversation}).
   *
   * @throws ApiException 404 {@code not_found} "User Not Found" when the contact does not exist in
   *     the caller's workspace
   */
  public ConversationCreated create(Caller caller, NewConversation request) {
    long ws = caller.workspaceId();
    long at = request.createdAt() != null ? request.createdAt() : now();
    return store.write(repos -> createWithin(repos, outbox, ws, request, at));
  }

  /**
   * The work of {@link #create} inside a transaction that is already open: the conversation, its
   * contact link, its reporting record, the contact's {@code last_replied_at}; {@code at} is its
   * {@code created_at} (Unix seconds). Also used by seeding ({@link ConversationSeeding}).
   */
  static ConversationCreated createWithin(
      Repositories repos, Outbox outbox, long ws, NewConversation request, long at) {
    Contact contact =
        repos
            .contacts()
            .find(ws, request.fromId())
            .orElseThrow(() -> new ApiException(ErrorCode.USER_NOT_FOUND));
    long id = repos.nextId("conversation");
    long messageId = repos.nextId("part");
    Conversation.Source source =
        new Conversation.Source(
            messageId,
            "conversation",
            "customer_initiated",
            request.subject() == null ? "" : request.subject(),
            request.body(),
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
            null,
            null,
            null,
            at,
            new LinkedHashMap<>(),
            source,
            at);
    repos.conversations().insert(conversation);
    repos.conversationLinks().insertContact(ws, id, contact.id(), 0);
    UploadStorage.insertLinks(repos, ws, id, null, request.attachmentUrls(), at);
    repos
        .metrics()
        .insert(ConversationMetrics.started(ws, id, at, source.type(), source.deliveredAs()));
    requireContactStillThere(repos, ws, contact.id(), at);
    ConversationNotifications.raise(
        outbox, repos, conversation, Topic.CONVERSATION_USER_CREATED, List.of());
    return new ConversationCreated(id, messageId, at, request.body(), request.subject());
  }

  /**
   * One conversation with its most recent {@value #MAX_PARTS} parts ({@code retrieveConversation}).
   *
   * @throws ApiException 404 {@code not_found} "Resource Not Found" for an id that does not exist
   *     in the caller's workspace
   */
  public ConversationDetails get(Caller caller, ConversationId id) {
    long conversationId = id.value();
    long ws = caller.workspaceId();
    return store.read(
        repos -> {
          ConversationRepository.Read read =
              repos.conversations().read(ws, conversationId, MAX_PARTS);
          Conversation c = read.conversation().orElseThrow(ApiException::notFound);
          return ConversationViews.details(repos, c, read.related());
        });
  }

  /**
   * One page of conversations, newest first by creation ({@code listConversations}); a cursor never
   * skips or repeats a conversation that existed when paging began.
   *
   * @param cursor the previous page's {@code starting_after}, or null
   * @param perPage 1 to 150
   */
  public Page<ConversationDetails> list(Caller caller, Page.Cursor cursor, int perPage) {
    long ws = caller.workspaceId();
    Long before = cursorId(cursor, "starting_after");
    return store.read(
        repos -> {
          List<Conversation> rows =
              repos
                  .conversations()
                  .page(ws, cursor == null ? null : cursor.createdAt(), before, perPage + 1);
          return listPage(repos, ws, rows, repos.conversations().count(ws), cursor, perPage);
        });
  }

  /**
   * One page of the conversations that match a search query ({@code searchConversations},
   * Intercom's query language: {@link SearchParser}, fields of {@link ConversationSearchFields}),
   * newest first by creation like {@link #list}, with the total number of matches. A cursor never
   * skips or repeats a conversation that existed, and matched, when paging began.
   *
   * @param query the request's {@code query} as parsed JSON (maps, lists, strings, numbers,
   *     booleans), null when it is missing
   * @param cursor the previous page's {@code pagination.starting_after}, or null
   * @param perPage 1 to 150
   * @throws ApiException 400 {@code parameter_invalid} for an invalid query or cursor; 408 {@code
   *     request_timeout} for a search that ran out of time ({@link Store#search})
   */
  public Page<ConversationDetails> search(
      Caller caller, Object query, Page.Cursor cursor, int perPage) {
    long ws = caller.workspaceId();
    SearchQuery parsed = SearchParser.parse(query, ConversationSearchFields.FIELDS);
    Long before = cursorId(cursor, "pagination.starting_after");
    return store.search(
        repos -> {
          SearchResult<Conversation> found =
              repos
                  .conversations()
                  .search(
                      ws, parsed, cursor == null ? null : cursor.createdAt(), before, perPage + 1);
          return listPage(repos, ws, found.rows(), found.total(), cursor, perPage);
        });
  }

  /**
   * The conversation id of a list's or a search's cursor, null without a cursor; tickets' search
   * ({@code dev.parley.domain.ticket.TicketService#search}) reads its cursors so too.
   *
   * @param field the cursor's request field, named in the error
   * @throws ApiException 400 {@code parameter_invalid} "{field} is not a valid cursor"
   */
  public static Long cursorId(Page.Cursor cursor, String field) {
    if (cursor == null) {
      return null;
    }
    try {
      return Long.parseLong(cursor.id());
    } catch (NumberFormatException e) {
      throw ApiException.invalid(field, field + " is not a valid cursor");
    }
  }

  /**
   * A page of list items from up to {@code perPage + 1} rows, newest first (the extra row says
   * there is a next page).
   */
  private static Page<ConversationDetails> listPage(
      Repositories repos,
      long ws,
      List<Conversation> rows,
      long total,
      Page.Cursor cursor,
      int perPage) {
    Page<Conversation> page =
        Page.of(
            rows,
            perPage,
            total,
            cursor,
            c -> new Page.Cursor(0, c.createdAt(), Long.toString(c.id())));
    return new Page<>(
        ConversationViews.listItems(repos, ws, page.items()),
        page.page(),
        perPage,
        total,
        page.next());
  }

  /**
   * Updates the read flag, the title and custom attributes ({@code updateConversation}).
   *
   * @throws ApiException 404 {@code not_found} for an unknown conversation; 400 {@code
   *     parameter_invalid} naming a custom attribute whose value is not of its declared type
   *     ({@link DataAttributeService#check})
   */
  public ConversationDetails update(Caller caller, ConversationId id, ConversationUpdate update) {
    long conversationId = id.value();
    long ws = caller.workspaceId();
    long at = now();
    return store.write(
        repos -> {
          Conversation c =
              repos.conversations().lock(ws, conversationId).orElseThrow(ApiException::notFound);
          DataAttributeService.check(repos, ws, "conversation", update.customAttributes());
          Map<String, Object> attributes =
              CustomAttributes.merge(c.customAttributes(), update.customAttributes());
          Conversation updated =
              c.with(
                  at,
                  update.titleGiven() ? update.title() : c.title(),
                  c.state(),
                  update.read() != null ? update.read() : c.read(),
                  c.adminAssigneeId(),
                  c.teamAssigneeId(),
                  c.snoozedUntil(),
                  c.waitingSince(),
                  attributes);
          repos.conversations().update(updated);
          if (!c.read() && updated.read()) {
            ConversationNotifications.raise(
                outbox, repos, updated, Topic.CONVERSATION_READ, List.of());
          }
          return ConversationViews.details(repos, updated);
        });
  }

  /**
   * Adds a reply by an admin or a contact ({@code replyConversation}). {@code ref} is a
   * conversation id or {@code last}: the most recently updated conversation of the replying
   * contact, or of the workspace for an admin reply. Uploaded files are stored before the
   * transaction and removed again if it fails; their blob keys are recorded as intents before the
   * bytes are written, so a crash in between leaves nothing without an owner ({@link
   * UploadRecovery}).
   *
   * <p>State effects follow the description's examples: a contact reply reopens a closed or snoozed
   * conversation (the part is then an {@code open} part carrying the reply) and sets {@code
   * waiting_since}; an admin comment clears {@code waiting_since}; notes and quick replies change
   * no state.
   *
   * @throws ApiException 404 {@code not_found} for an unknown conversation or contact ("User Not
   *     Found"), 404 {@code admin_not_found} for an unknown admin
   */
  public ConversationDetails reply(Caller caller, ConversationRef ref, Reply reply) {
    long ws = caller.workspaceId();
    long at = reply.createdAt() != null ? reply.createdAt() : now();
    List<Attachment> files = uploads.store(ws, reply.files(), at);
    try {
      return store.write(repos -> replyWithin(repos, outbox, ws, ref, reply, files, at));
    } catch (RuntimeException e) {
      uploads.discard(files);
      throw e;
    }
  }

  /** Who writes a reply: an admin, or a contact (its role is the author type). */
  private record Author(AuthorType type, String id, Contact contact) {}

  private static Author author(Repositories repos, long ws, Reply reply) {
    if (reply.byAdmin()) {
      Admin admin = requireAdmin(repos, ws, reply.adminId());
      return new Author(AuthorType.ADMIN, Long.toString(admin.id()), null);
    }
    Contact contact = findContact(repos, ws, reply.contact());
    return new Author(AuthorType.ofContactRole(contact.role()), contact.id(), contact);
  }

  /** The reply's work inside its transaction: the part, its attachments, the state effects. */
  static ConversationDetails replyWithin(
      Repositories repos,
      Outbox outbox,
      long ws,
      ConversationRef ref,
      Reply reply,
      List<Attachment> files,
      long at) {
    Author author = author(repos, ws, reply);
    long conversationId = resolveId(repos, ws, ref, author.contact());
    Conversation c =
        repos.conversations().lock(ws, conversationId).orElseThrow(ApiException::notFound);
    ConversationMetrics metrics = ConversationViews.metricsOf(repos, c);
    PartType partType;
    Conversation updated;
    if (reply.byAdmin()) {
      partType = reply.messageType();
      updated = afterAdminReply(c, partType, metrics, at);
    } else {
      boolean reopened = c.state() != ConversationState.OPEN;
      partType = reopened ? PartType.OPEN : PartType.COMMENT;
      updated = afterContactReply(c, reopened, metrics, at);
      requireContactStillThere(repos, ws, author.id(), at);
    }
    long partId = repos.nextId("part");
    repos
        .conversationParts()
        .insertPart(
            ConversationPart.written(
                ws,
                partId,
                c.id(),
                partType,
                partType == PartType.QUICK_REPLY ? null : reply.body(),
                at,
                author.type(),
                author.id(),
                reply.replyOptions() == null ? List.of() : reply.replyOptions(),
                updated.state()));
    UploadStorage.attach(repos, ws, c.id(), partId, reply.attachmentUrls(), files, at);
    repos.conversations().update(updated);
    repos.metrics().update(metrics);
    Topic topic =
        !reply.byAdmin()
            ? Topic.CONVERSATION_USER_REPLIED
            : partType == PartType.NOTE
                ? Topic.CONVERSATION_ADMIN_NOTED
                : Topic.CONVERSATION_ADMIN_REPLIED;
    ConversationNotifications.raise(outbox, repos, updated, topic, List.of(partId));
    return ConversationViews.details(repos, updated);
  }

  /**
   * A contact's reply reopens a closed or snoozed conversation, marks it unread and sets {@code
   * waiting_since} when it is not set.
   */
  private static Conversation afterContactReply(
      Conversation c, boolean reopened, ConversationMetrics metrics, long at) {
    metrics.onContactReply(at, reopened);
    return c.with(
        Math.max(at, c.updatedAt()),
        c.title(),
        ConversationState.OPEN,
        false,
        c.adminAssigneeId(),
        c.teamAssigneeId(),
        null,
        c.waitingSince() == null ? at : c.waitingSince(),
        c.customAttributes());
  }

  /** An admin's comment clears {@code waiting_since}; notes and quick replies change no state. */
  private static Conversation afterAdminReply(
      Conversation c, PartType partType, ConversationMetrics metrics, long at) {
    boolean comment = partType == PartType.COMMENT;
    if (comment) {
      metrics.onAdminReply(at);
    } else {
      metrics.onOtherPart(at);
    }
    return c.with(
        Math.max(at, c.updatedAt()),
        c.title(),
        c.state(),
        c.read(),
        c.adminAssigneeId(),
        c.teamAssigneeId(),
        c.snoozedUntil(),
        comment ? null : c.waitingSince(),
        c.customAttributes());
  }

  /**
   * Applies a tag to a conversation ({@code attachTagToConversation}).
   *
   * @throws ApiException 404 {@code not_found} "Conversation not found"; 404 {@code tag_not_found};
   *     404 {@code admin_not_found}
   */
  public AppliedTag attachTag(Caller caller, ConversationId id, long tagId, long adminId) {
    long conversationId = id.value();
    long ws = caller.workspaceId();
    long at = now();
    return store.write(
        repos -> {
          Tag tag = lockForTagging(repos, ws, conversationId, tagId, adminId);
          repos.conversationLinks().insertTag(ws, conversationId, tagId, at, adminId);
          repos
              .conversations()
              .find(ws, conversationId)
              .ifPresent(
                  c ->
                      ConversationNotifications.raise(
                          outbox, repos, c, Topic.CONVERSATION_PART_TAG_CREATED, List.of()));
          return repos
              .conversationLinks()
              .tags(ws, List.of(conversationId))
              .get(conversationId)
              .stream()
              .filter(t -> t.tag().id() == tagId)
              .findFirst()
              .orElse(new AppliedTag(tag, at, adminId));
        });
  }

  /**
   * Removes a tag from a conversation ({@code detachTagFromConversation}).
   *
   * @throws ApiException 404 {@code not_found} "Conversation not found"; 404 {@code tag_not_found}
   *     "Tag not found" when the tag does not exist or is not applied
   */
  public Tag detachTag(Caller caller, ConversationId id, long tagId, long adminId) {
    long conversationId = id.value();
    long ws = caller.workspaceId();
    return store.write(
        repos -> {
          Tag tag = lockForTagging(repos, ws, conversationId, tagId, adminId);
          if (!repos.conversationLinks().deleteTag(ws, conversationId, tagId)) {
            throw new ApiException(ErrorCode.TAG_NOT_FOUND);
          }
          return tag;
        });
  }

  /**
   * Locks a conversation whose tags an admin changes, and finds the tag.
   *
   * @throws ApiException 404 {@code not_found} "Conversation not found"; 404 {@code
   *     admin_not_found}; 404 {@code tag_not_found}
   */
  private static Tag lockForTagging(
      Repositories repos, long ws, long conversationId, long tagId, long adminId) {
    var unused =
        repos
            .conversations()
            .lock(ws, conversationId)
            .orElseThrow(() -> new ApiException(ErrorCode.CONVERSATION_NOT_FOUND));
    requireAdmin(repos, ws, adminId);
    return repos
        .tags()
        .find(ws, tagId)
        .orElseThrow(() -> new ApiException(ErrorCode.TAG_NOT_FOUND));
  }

  /**
   * The file attachment served at {@code /uploads/{workspaceId}/{urlToken}}: no token is needed,
   * the URL token (256 random bits) is the secret.
   */
  public Optional<Attachment> upload(long workspaceId, String urlToken) {
    return store.read(repos -> repos.conversationParts().findUpload(workspaceId, urlToken));
  }

  /** The admin, or 404 {@code admin_not_found}. */
  static Admin requireAdmin(Repositories repos, long ws, long adminId) {
    return repos
        .admins()
        .find(ws, adminId)
        .orElseThrow(() -> new ApiException(ErrorCode.ADMIN_NOT_FOUND));
  }

  /**
   * Sets the contact's {@code last_replied_at}; the row update also waits for a concurrent contact
   * deletion (PostgreSQL), after which the contact is gone and this work must fail rather than link
   * a conversation or part to it.
   */
  private static void requireContactStillThere(
      Repositories repos, long ws, String contactId, long at) {
    if (!repos.contacts().touchLastReplied(ws, contactId, at)) {
      throw new ApiException(ErrorCode.USER_NOT_FOUND);
    }
  }

  private static long resolveId(Repositories repos, long ws, ConversationRef ref, Contact contact) {
    if (ref instanceof ConversationId id) {
      return id.value();
    }
    return repos
        .conversations()
        .lastUpdatedId(ws, contact == null ? null : contact.id())
        .orElseThrow(ApiException::notFound);
  }

  /** The contact a request names, or 404 {@code not_found} "User Not Found". */
  static Contact findContact(Repositories repos, long ws, Reply.ContactRef ref) {
    Optional<Contact> found;
    if (ref.intercomUserId() != null) {
      found = repos.contacts().find(ws, ref.intercomUserId());
    } else if (ref.userId() != null) {
      found = repos.contacts().findByExternalId(ws, ref.userId());
    } else {
      found = repos.contacts().findByEmail(ws, ref.email());
    }
    return found.orElseThrow(() -> new ApiException(ErrorCode.USER_NOT_FOUND));
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }
}
