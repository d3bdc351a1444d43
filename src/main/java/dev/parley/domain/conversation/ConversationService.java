package dev.parley.domain.conversation;

import dev.parley.blob.BlobStore;
import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Page;
import dev.parley.domain.Repositories;
import dev.parley.domain.Store;
import dev.parley.domain.admin.Admin;
import dev.parley.domain.contact.Contact;
import dev.parley.domain.search.ConversationSearchFields;
import dev.parley.domain.search.SearchParser;
import dev.parley.domain.search.SearchQuery;
import dev.parley.domain.search.SearchResult;
import dev.parley.domain.tag.Tag;
import dev.parley.domain.workspace.Caller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a conversation as Intercom's REST API 2.14 ("Conversations") describes it:
 * create from a contact message, retrieve with parts, list, update, reply (with uploads) and
 * tag. State changes and assignment are {@link ConversationStateService}, contacts of a
 * conversation {@link ConversationCustomerService}, redaction {@link RedactionService} and
 * erasure {@link ErasureService}.
 *
 * <p>Every change also updates the conversation's reporting record ({@link
 * ConversationMetrics}) in the same transaction.
 */
public final class ConversationService {
  /** Intercom returns at most the 500 most recent parts of a conversation. */
  public static final int MAX_PARTS = 500;

  private static final Logger LOG = LoggerFactory.getLogger(ConversationService.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Store store;
  private final BlobStore blobs;
  private final Clock clock;

  public ConversationService(Store store, BlobStore blobs, Clock clock) {
    this.store = store;
    this.blobs = blobs;
    this.clock = clock;
  }

  /**
   * Starts a conversation from a contact's message ({@code createConversation}).
   *
   * @throws ApiException 404 {@code not_found} "User Not Found" when the contact does not
   *     exist in the caller's workspace
   */
  public ConversationCreated create(Caller caller, NewConversation request) {
    long ws = caller.workspaceId();
    long at = request.createdAt() != null ? request.createdAt() : now();
    return store.write(
        repos -> {
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
                  contact.role(),
                  contact.id(),
                  null,
                  false);
          Conversation conversation =
              new Conversation(
                  ws, id, at, at, null, "open", false, "not_priority", null, null, null, at,
                  new LinkedHashMap<>(), source, at);
          repos.conversations().insert(conversation);
          repos.conversations().insertContact(ws, id, contact.id(), 0);
          insertLinks(repos, ws, id, null, request.attachmentUrls(), at);
          repos
              .metrics()
              .insert(ConversationMetrics.started(ws, id, at, source.type(), source.deliveredAs()));
          requireContactStillThere(repos, ws, contact.id(), at);
          return new ConversationCreated(id, messageId, at, request.body(), request.subject());
        });
  }

  /**
   * One conversation with its most recent {@value #MAX_PARTS} parts
   * ({@code retrieveConversation}).
   *
   * @throws ApiException 404 {@code not_found} "Resource Not Found" for an id that does not
   *     exist in the caller's workspace
   */
  public ConversationDetails get(Caller caller, ConversationId id) {
    long conversationId = id.value();
    long ws = caller.workspaceId();
    return store.read(
        repos -> {
          ConversationRepository.Read read =
              repos.conversations().read(ws, conversationId, MAX_PARTS);
          Conversation c = read.conversation().orElseThrow(ApiException::notFound);
          return details(repos, c, read.related());
        });
  }

  /**
   * One page of conversations, newest first by creation ({@code listConversations}); a
   * cursor never skips or repeats a conversation that existed when paging began.
   *
   * @param cursor the previous page's {@code starting_after}, or null
   * @param perPage 1 to 150
   */
  public Page<ConversationDetails> list(Caller caller, Page.Cursor cursor, int perPage) {
    long ws = caller.workspaceId();
    Long beforeId = null;
    if (cursor != null) {
      try {
        beforeId = Long.parseLong(cursor.id());
      } catch (NumberFormatException e) {
        throw ApiException.invalid("starting_after", "starting_after is not a valid cursor");
      }
    }
    Long before = beforeId;
    return store.read(
        repos -> {
          List<Conversation> rows =
              repos
                  .conversations()
                  .page(ws, cursor == null ? null : cursor.createdAt(), before, perPage + 1);
          long total = repos.conversations().count(ws);
          Page<Conversation> page =
              Page.of(rows, perPage, total, cursor, c -> new Page.Cursor(0, c.createdAt(), Long.toString(c.id())));
          return new Page<>(
              listItems(repos, ws, page.items()), page.page(), perPage, total, page.next());
        });
  }

  /**
   * One page of the conversations that match a search query ({@code searchConversations},
   * Intercom's query language: {@link SearchParser}, fields of {@link
   * ConversationSearchFields}), newest first by creation like {@link #list}, with the total
   * number of matches. A cursor never skips or repeats a conversation that existed, and
   * matched, when paging began.
   *
   * @param query the request's {@code query} as parsed JSON (maps, lists, strings, numbers,
   *     booleans), null when it is missing
   * @param cursor the previous page's {@code pagination.starting_after}, or null
   * @param perPage 1 to 150
   * @throws ApiException 400 {@code parameter_invalid} for an invalid query or cursor; 408
   *     {@code request_timeout} for a search that ran out of time ({@link Store#search})
   */
  public Page<ConversationDetails> search(Caller caller, Object query, Page.Cursor cursor, int perPage) {
    long ws = caller.workspaceId();
    SearchQuery parsed = SearchParser.parse(query, ConversationSearchFields.FIELDS);
    Long beforeId = null;
    if (cursor != null) {
      try {
        beforeId = Long.parseLong(cursor.id());
      } catch (NumberFormatException e) {
        throw ApiException.invalid(
            "pagination.starting_after", "pagination.starting_after is not a valid cursor");
      }
    }
    Long before = beforeId;
    return store.search(
        repos -> {
          SearchResult<Conversation> found =
              repos
                  .conversations()
                  .search(ws, parsed, cursor == null ? null : cursor.createdAt(), before, perPage + 1);
          List<Conversation> rows = found.rows();
          long total = found.total();
          Page<Conversation> page =
              Page.of(rows, perPage, total, cursor, c -> new Page.Cursor(0, c.createdAt(), Long.toString(c.id())));
          return new Page<>(
              listItems(repos, ws, page.items()), page.page(), perPage, total, page.next());
        });
  }

  /**
   * Updates the read flag, the title and custom attributes ({@code updateConversation}).
   *
   * @throws ApiException 404 {@code not_found} for an unknown conversation
   */
  public ConversationDetails update(Caller caller, ConversationId id, ConversationUpdate update) {
    long conversationId = id.value();
    long ws = caller.workspaceId();
    long at = now();
    return store.write(
        repos -> {
          Conversation c =
              repos.conversations().lock(ws, conversationId).orElseThrow(ApiException::notFound);
          Map<String, Object> attributes = new LinkedHashMap<>(c.customAttributes());
          if (update.customAttributes() != null) {
            update
                .customAttributes()
                .forEach(
                    (name, value) -> {
                      if (value == null) {
                        attributes.remove(name);
                      } else {
                        attributes.put(name, value);
                      }
                    });
          }
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
          return details(repos, updated);
        });
  }

  /**
   * Adds a reply by an admin or a contact ({@code replyConversation}). {@code ref} is a
   * conversation id or {@code last}: the most recently updated conversation of the replying
   * contact, or of the workspace for an admin reply. Uploaded files are stored before the
   * transaction and removed again if it fails; their blob keys are recorded as intents before
   * the bytes are written, so a crash in between leaves nothing without an owner ({@link
   * UploadRecovery}).
   *
   * <p>State effects follow the description's examples: a contact reply reopens a closed or
   * snoozed conversation (the part is then an {@code open} part carrying the reply) and sets
   * {@code waiting_since}; an admin comment clears {@code waiting_since}; notes and quick
   * replies change no state.
   *
   * @throws ApiException 404 {@code not_found} for an unknown conversation or contact
   *     ("User Not Found"), 404 {@code admin_not_found} for an unknown admin
   */
  public ConversationDetails reply(Caller caller, ConversationRef ref, Reply reply) {
    long ws = caller.workspaceId();
    long at = reply.createdAt() != null ? reply.createdAt() : now();
    List<Attachment> files = storeFiles(ws, reply.files(), at);
    try {
      return store.write(
          repos -> {
            String authorId;
            String authorType;
            Contact contact = null;
            if (reply.byAdmin()) {
              Admin admin =
                  repos
                      .admins()
                      .find(ws, reply.adminId())
                      .orElseThrow(() -> new ApiException(ErrorCode.ADMIN_NOT_FOUND));
              authorId = Long.toString(admin.id());
              authorType = "admin";
            } else {
              contact = findContact(repos, ws, reply.contact());
              authorId = contact.id();
              authorType = contact.role();
            }
            long conversationId = resolveId(repos, ws, ref, contact);
            Conversation c =
                repos.conversations().lock(ws, conversationId).orElseThrow(ApiException::notFound);
            ConversationMetrics metrics = metricsOf(repos, c);

            String partType = reply.messageType();
            String state = c.state();
            Long waitingSince = c.waitingSince();
            Long snoozedUntil = c.snoozedUntil();
            boolean read = c.read();
            if (!reply.byAdmin()) {
              boolean reopened = !"open".equals(c.state());
              partType = reopened ? "open" : "comment";
              state = "open";
              snoozedUntil = null;
              waitingSince = waitingSince == null ? at : waitingSince;
              read = false;
              metrics.onContactReply(at, reopened);
              requireContactStillThere(repos, ws, contact.id(), at);
            } else if ("comment".equals(partType)) {
              waitingSince = null;
              metrics.onAdminReply(at);
            } else {
              metrics.onOtherPart(at);
            }

            long partId = repos.nextId("part");
            repos
                .conversations()
                .insertPart(
                    new ConversationPart(
                        ws,
                        partId,
                        c.id(),
                        partType,
                        "quick_reply".equals(partType) ? null : reply.body(),
                        at,
                        at,
                        at,
                        authorType,
                        authorId,
                        null,
                        null,
                        reply.replyOptions() == null ? List.of() : reply.replyOptions(),
                        state,
                        false));
            int position = insertLinks(repos, ws, c.id(), partId, reply.attachmentUrls(), at);
            for (Attachment file : files) {
              repos
                  .conversations()
                  .insertAttachment(
                      new Attachment(
                          ws,
                          repos.nextId("upload"),
                          c.id(),
                          partId,
                          position++,
                          "file",
                          file.name(),
                          file.contentType(),
                          file.filesize(),
                          file.width(),
                          file.height(),
                          file.blobKey(),
                          file.urlToken(),
                          null,
                          at));
            }
            settleIntents(repos, files);
            Conversation updated =
                c.with(
                    Math.max(at, c.updatedAt()),
                    c.title(),
                    state,
                    read,
                    c.adminAssigneeId(),
                    c.teamAssigneeId(),
                    snoozedUntil,
                    waitingSince,
                    c.customAttributes());
            repos.conversations().update(updated);
            repos.metrics().update(metrics);
            return details(repos, updated);
          });
    } catch (RuntimeException e) {
      discardFiles(files);
      throw e;
    }
  }

  /**
   * Applies a tag to a conversation ({@code attachTagToConversation}).
   *
   * @throws ApiException 404 {@code not_found} "Conversation not found"; 404
   *     {@code tag_not_found}; 404 {@code admin_not_found}
   */
  public AppliedTag attachTag(Caller caller, ConversationId id, long tagId, long adminId) {
    long conversationId = id.value();
    long ws = caller.workspaceId();
    long at = now();
    return store.write(
        repos -> {
          var unused = repos
              .conversations()
              .lock(ws, conversationId)
              .orElseThrow(() -> new ApiException(ErrorCode.CONVERSATION_NOT_FOUND));
          requireAdmin(repos, ws, adminId);
          Tag tag =
              repos.tags().find(ws, tagId).orElseThrow(() -> new ApiException(ErrorCode.TAG_NOT_FOUND));
          repos.conversations().insertTag(ws, conversationId, tagId, at, adminId);
          return repos.conversations().tags(ws, List.of(conversationId)).get(conversationId).stream()
              .filter(t -> t.tag().id() == tagId)
              .findFirst()
              .orElse(new AppliedTag(tag, at, adminId));
        });
  }

  /**
   * Removes a tag from a conversation ({@code detachTagFromConversation}).
   *
   * @throws ApiException 404 {@code not_found} "Conversation not found"; 404
   *     {@code tag_not_found} "Tag not found" when the tag does not exist or is not applied
   */
  public Tag detachTag(Caller caller, ConversationId id, long tagId, long adminId) {
    long conversationId = id.value();
    long ws = caller.workspaceId();
    return store.write(
        repos -> {
          var unused = repos
              .conversations()
              .lock(ws, conversationId)
              .orElseThrow(() -> new ApiException(ErrorCode.CONVERSATION_NOT_FOUND));
          requireAdmin(repos, ws, adminId);
          Tag tag =
              repos.tags().find(ws, tagId).orElseThrow(() -> new ApiException(ErrorCode.TAG_NOT_FOUND));
          if (!repos.conversations().deleteTag(ws, conversationId, tagId)) {
            throw new ApiException(ErrorCode.TAG_NOT_FOUND);
          }
          return tag;
        });
  }

  /**
   * The file attachment served at {@code /uploads/{workspaceId}/{urlToken}}: no token is
   * needed, the URL token (256 random bits) is the secret.
   */
  public Optional<Attachment> upload(long workspaceId, String urlToken) {
    return store.read(repos -> repos.conversations().findUpload(workspaceId, urlToken));
  }

  /** The admin, or 404 {@code admin_not_found}. */
  static Admin requireAdmin(Repositories repos, long ws, long adminId) {
    return repos
        .admins()
        .find(ws, adminId)
        .orElseThrow(() -> new ApiException(ErrorCode.ADMIN_NOT_FOUND));
  }

  /**
   * Sets the contact's {@code last_replied_at}; the row update also waits for a concurrent
   * contact deletion (PostgreSQL), after which the contact is gone and this work must fail
   * rather than link a conversation or part to it.
   */
  private static void requireContactStillThere(Repositories repos, long ws, String contactId, long at) {
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

  /** The conversation's reporting record, created when it is missing. */
  static ConversationMetrics metricsOf(Repositories repos, Conversation c) {
    return repos
        .metrics()
        .find(c.workspaceId(), c.id())
        .orElseGet(
            () -> {
              ConversationMetrics fresh =
                  ConversationMetrics.started(
                      c.workspaceId(), c.id(), c.createdAt(), c.source().type(), c.source().deliveredAs());
              repos.metrics().insert(fresh);
              return fresh;
            });
  }

  private static int insertLinks(
      Repositories repos, long ws, long conversationId, Long partId, List<String> urls, long at) {
    int position = 0;
    if (urls == null) {
      return position;
    }
    for (String url : urls) {
      repos
          .conversations()
          .insertAttachment(
              new Attachment(
                  ws,
                  repos.nextId("upload"),
                  conversationId,
                  partId,
                  position++,
                  "url",
                  lastPathSegment(url),
                  "text/uri-list",
                  null,
                  null,
                  null,
                  null,
                  null,
                  url,
                  at));
    }
    return position;
  }

  private static String lastPathSegment(String url) {
    String path = url;
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    int slash = path.lastIndexOf('/');
    String name = slash >= 0 ? path.substring(slash + 1) : path;
    return name.isEmpty() ? url : name;
  }

  /**
   * Records the uploads' blob keys as intents (a short transaction of their own, before any
   * byte is written: {@link UploadRecovery}), then writes the bytes. On failure removes what
   * was written, then the intents.
   */
  private List<Attachment> storeFiles(long ws, List<NewFile> files, long at) {
    List<Attachment> stored = new ArrayList<>();
    if (files == null || files.isEmpty()) {
      return stored;
    }
    for (NewFile file : files) {
      int[] size = ImageSize.of(file.data());
      stored.add(
          new Attachment(
              ws,
              0,
              0,
              null,
              0,
              "file",
              file.name(),
              file.contentType(),
              (long) file.data().length,
              size == null ? null : size[0],
              size == null ? null : size[1],
              randomHex(16),
              randomHex(32),
              null,
              at));
    }
    List<String> keys = stored.stream().map(Attachment::blobKey).toList();
    store.write(
        repos -> {
          repos.uploadIntents().record(ws, keys, now());
          return null;
        });
    try {
      for (int i = 0; i < files.size(); i++) {
        blobs.put(keys.get(i), files.get(i).data());
      }
    } catch (IOException | RuntimeException e) {
      discardFiles(stored);
      if (e instanceof IOException io) {
        throw new UncheckedIOException("could not store an upload", io);
      }
      throw (RuntimeException) e;
    }
    return stored;
  }

  /**
   * In the reply's transaction: removes the intents of its uploads, whose rows it inserts.
   *
   * @throws IllegalStateException when the drain took an intent as abandoned (the reply took
   *     longer than the intent timeout) and removed its bytes: the reply must not commit
   */
  private static void settleIntents(Repositories repos, List<Attachment> files) {
    if (files.isEmpty()) {
      return;
    }
    List<String> keys = files.stream().map(Attachment::blobKey).toList();
    if (repos.uploadIntents().settle(keys) != keys.size()) {
      throw new IllegalStateException("an upload of this reply was removed as abandoned before the reply committed");
    }
  }

  /** Removes the bytes of uploads whose reply failed, then their intents. */
  private void discardFiles(List<Attachment> files) {
    if (files.isEmpty()) {
      return;
    }
    List<String> removed = new ArrayList<>();
    for (Attachment file : files) {
      try {
        blobs.delete(file.blobKey());
        removed.add(file.blobKey());
      } catch (IOException e) {
        LOG.warn("could not remove the bytes of an upload whose reply failed: {}", e.getClass().getSimpleName());
      }
    }
    if (removed.isEmpty()) {
      return;
    }
    try {
      store.write(repos -> repos.uploadIntents().settle(removed));
    } catch (RuntimeException e) {
      LOG.warn("upload intents of a failed reply stay for the drain: {}", e.getClass().getSimpleName());
    }
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }

  /** Loads everything a full conversation (with parts) renders. */
  static ConversationDetails details(Repositories repos, Conversation c) {
    return details(repos, c, repos.conversations().related(c.workspaceId(), c.id(), MAX_PARTS));
  }

  /**
   * {@link #details(Repositories, Conversation)} with the related rows already read ({@link
   * ConversationRepository#read}); reads what they do not hold: the admins they name, and the
   * part count, teammates and unlinked authors where those are needed.
   */
  private static ConversationDetails details(
      Repositories repos, Conversation c, ConversationRepository.Related related) {
    long ws = c.workspaceId();
    ConversationRepository conversations = repos.conversations();
    List<Long> ids = List.of(c.id());
    List<ConversationPart> parts = related.recentParts();
    long total = parts.size() < MAX_PARTS ? parts.size() : conversations.countParts(ws, c.id());
    List<Contact> linked = related.contacts();
    List<String> contactIds = linked.stream().map(Contact::id).toList();
    List<Long> teammates =
        parts.size() < MAX_PARTS
            ? teammateIds(parts)
            : conversations.teammateIds(ws, ids).getOrDefault(c.id(), List.of());
    Set<String> contactRefs = new HashSet<>(contactIds);
    Set<Long> adminRefs = new HashSet<>(teammates);
    addAuthor(c.source().authorType(), c.source().authorId(), contactRefs, adminRefs);
    for (ConversationPart part : parts) {
      addAuthor(part.authorType(), part.authorId(), contactRefs, adminRefs);
    }
    return new ConversationDetails(
        c,
        contactIds,
        contacts(repos, ws, linked, contactRefs),
        related.tags(),
        parts,
        total,
        related.attachments(),
        related.metrics(),
        teammates,
        admins(repos, ws, related.admins(), adminRefs));
  }

  /**
   * The admins {@code refs} names, by id: those among {@code read} (already read with the
   * conversation), then any others, read only when there are any.
   */
  private static Map<Long, Admin> admins(
      Repositories repos, long ws, Map<Long, Admin> read, Set<Long> refs) {
    if (read.keySet().containsAll(refs)) {
      return read;
    }
    Set<Long> missing = new HashSet<>(refs);
    missing.removeAll(read.keySet());
    Map<Long, Admin> admins = new LinkedHashMap<>(read);
    admins.putAll(repos.admins().findAll(ws, missing));
    return admins;
  }

  /**
   * The admins who wrote at least one of {@code parts}, as {@link
   * ConversationRepository#teammateIds} gives them (ordered by the id's text), when {@code parts}
   * are all of the conversation's parts: one query fewer for a conversation read whole.
   */
  private static List<Long> teammateIds(List<ConversationPart> parts) {
    TreeSet<String> authors = new TreeSet<>();
    for (ConversationPart part : parts) {
      if ("admin".equals(part.authorType())) {
        authors.add(part.authorId());
      }
    }
    List<Long> ids = new ArrayList<>(authors.size());
    for (String author : authors) {
      ids.add(Long.parseLong(author));
    }
    return ids;
  }

  /** Loads what list items render, in a fixed number of queries for the whole page. */
  static List<ConversationDetails> listItems(Repositories repos, long ws, List<Conversation> page) {
    if (page.isEmpty()) {
      return List.of();
    }
    List<Long> ids = page.stream().map(Conversation::id).toList();
    ConversationRepository conversations = repos.conversations();
    Map<Long, List<Contact>> linked = conversations.linkedContacts(ws, ids);
    Map<Long, List<String>> contactIds = new LinkedHashMap<>();
    linked.forEach((id, list) -> contactIds.put(id, list.stream().map(Contact::id).toList()));
    Map<Long, List<Long>> teammates = conversations.teammateIds(ws, ids);
    Map<Long, List<AppliedTag>> tags = conversations.tags(ws, ids);
    Map<Long, List<Attachment>> sources = conversations.sourceAttachments(ws, ids);
    Map<Long, ConversationMetrics> metrics = repos.metrics().findAll(ws, ids);
    Set<String> contactRefs = new HashSet<>();
    Set<Long> adminRefs = new HashSet<>();
    for (Conversation c : page) {
      contactRefs.addAll(contactIds.getOrDefault(c.id(), List.of()));
      adminRefs.addAll(teammates.getOrDefault(c.id(), List.of()));
      addAuthor(c.source().authorType(), c.source().authorId(), contactRefs, adminRefs);
    }
    List<Contact> allLinked = new ArrayList<>();
    linked.values().forEach(allLinked::addAll);
    Map<String, Contact> contacts = contacts(repos, ws, allLinked, contactRefs);
    Map<Long, Admin> admins = repos.admins().findAll(ws, adminRefs);
    List<ConversationDetails> items = new ArrayList<>(page.size());
    for (Conversation c : page) {
      items.add(
          new ConversationDetails(
              c,
              contactIds.getOrDefault(c.id(), List.of()),
              contacts,
              tags.getOrDefault(c.id(), List.of()),
              null,
              metrics.containsKey(c.id()) ? metrics.get(c.id()).countParts() : 0,
              sources.getOrDefault(c.id(), List.of()),
              metrics.get(c.id()),
              teammates.getOrDefault(c.id(), List.of()),
              admins));
    }
    return items;
  }

  /**
   * The contacts {@code refs} names, by id: those among {@code linked} (already read), then the
   * others (authors of parts or sources no longer linked), read only when there are any.
   */
  private static Map<String, Contact> contacts(
      Repositories repos, long ws, List<Contact> linked, Set<String> refs) {
    Map<String, Contact> contacts = new LinkedHashMap<>();
    for (Contact contact : linked) {
      if (refs.contains(contact.id())) {
        contacts.put(contact.id(), contact);
      }
    }
    if (contacts.size() < refs.size()) {
      Set<String> missing = new HashSet<>(refs);
      missing.removeAll(contacts.keySet());
      contacts.putAll(repos.contacts().findAll(ws, missing));
    }
    return contacts;
  }

  private static void addAuthor(
      String type, String id, Collection<String> contacts, Collection<Long> admins) {
    if ("admin".equals(type)) {
      try {
        admins.add(Long.parseLong(id));
      } catch (NumberFormatException e) {
        // not an admin id; nothing to look up
      }
    } else if ("user".equals(type) || "lead".equals(type) || "contact".equals(type)) {
      contacts.add(id);
    }
  }
}
