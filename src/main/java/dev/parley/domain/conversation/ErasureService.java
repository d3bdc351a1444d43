package dev.parley.domain.conversation;

import dev.parley.blob.BlobStore;
import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Repositories;
import dev.parley.domain.Store;
import dev.parley.domain.admin.ActivityLog;
import dev.parley.domain.contact.Contact;
import dev.parley.domain.contact.ContactDeletion;
import dev.parley.domain.webhook.Outbox;
import dev.parley.domain.webhook.Topic;
import dev.parley.domain.workspace.Caller;
import dev.parley.domain.workspace.Scope;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Permanent erasure of a conversation: Intercom's {@code DELETE /conversations/{id}} ({@code
 * deleteConversation}, with the Unstable version's {@code retain_metrics}) and {@code GET
 * /conversations/deleted} ({@code listDeletedConversationIds}); and {@code DELETE /contacts/{id}}
 * ({@code DeleteContact}), which erases the conversations of the contact.
 *
 * <p>Erasure deletes, in one transaction, every row that holds the conversation's content (the
 * conversation with its source message, title and attributes; its parts; its tag and contact links;
 * its attachments), queues the blob keys of its uploads in the durable blob deletion queue, marks
 * (or, with {@code retain_metrics=false}, removes) its reporting record, and writes an erasure log
 * entry without content, deletes the conversation from every workspace snapshot ({@link
 * dev.parley.domain.operator.SnapshotRepository#eraseObject}); {@link ErasureHook}s record in the
 * same transaction what else the erasure changes (reporting exports that hold the conversation).
 * After the commit the hooks' follow-up work runs (export files deleted), the queued bytes are
 * removed and the store's write-ahead log is checkpointed, all before the caller hears back. Items
 * whose removal fails stay queued and are retried by {@link #drainQueue()}, which runs at start-up
 * and periodically.
 */
public final class ErasureService {
  private static final Logger LOG = LoggerFactory.getLogger(ErasureService.class);

  private final Store store;
  private final BlobStore blobs;
  private final Clock clock;
  private final QueuedBlobRemoval removal;
  private final List<ErasureHook> hooks;
  private final Outbox outbox;

  public ErasureService(Store store, BlobStore blobs, Clock clock) {
    this(store, blobs, clock, List.of());
  }

  /**
   * @param hooks what else follows an erasure (export files), called in its transaction and after
   *     its commit, before the caller hears back
   */
  public ErasureService(Store store, BlobStore blobs, Clock clock, List<ErasureHook> hooks) {
    this(store, blobs, clock, hooks, new QueuedBlobRemoval(store, blobs), Outbox.none());
  }

  /**
   * @param hooks what else follows an erasure (export files), called in its transaction and after
   *     its commit, before the caller hears back
   * @param removal removes erased uploads' bytes and clears their queue rows (shared with {@link
   *     RedactionService}; its owner closes it)
   * @param outbox drops the undelivered notifications of what is erased, and raises {@code
   *     conversation.deleted} and {@code contact.deleted}
   */
  public ErasureService(
      Store store,
      BlobStore blobs,
      Clock clock,
      List<ErasureHook> hooks,
      QueuedBlobRemoval removal,
      Outbox outbox) {
    this.store = store;
    this.blobs = blobs;
    this.clock = clock;
    this.removal = removal;
    this.hooks = List.copyOf(hooks);
    this.outbox = outbox;
  }

  /**
   * Erases a conversation.
   *
   * @param conversationId the conversation to erase
   * @param retainMetrics false to remove the reporting record as well
   * @return what was erased
   * @throws ApiException 404 {@code not_found} "Resource Not Found" for an id that does not exist
   *     in the caller's workspace (never existed, another workspace's, or already erased); 403
   *     {@code action_forbidden} when {@code retainMetrics} is false and the token lacks {@code
   *     delete_conversations_and_metrics}
   */
  public Erasure delete(Caller caller, ConversationId conversationId, boolean retainMetrics) {
    long id = conversationId.value();
    if (!retainMetrics && !caller.has(Scope.DELETE_CONVERSATIONS_AND_METRICS)) {
      throw new ApiException(
          ErrorCode.ACTION_FORBIDDEN,
          "retain_metrics=false needs the delete_conversations_and_metrics scope");
    }
    long ws = caller.workspaceId();
    long at = clock.instant().getEpochSecond();
    Outcome outcome =
        store.erase(
            repos -> {
              Conversation locked =
                  repos.conversations().lock(ws, id).orElseThrow(ApiException::notFound);
              Outcome erased = eraseWithin(repos, caller, locked, at, retainMetrics);
              recordDeletion(repos, caller, "conversation", Long.toString(id), at);
              return erased;
            });
    afterCommit(ws, outcome.blobKeys(), outcome.followUps());
    return outcome.erasure();
  }

  /**
   * Erases a ticket ({@code deleteTicket}): its conversation row, exactly as {@link #delete} with
   * the reporting record kept, in one transaction that first checks the row is a ticket. A ticket
   * IS a conversation row, so its attributes, parts, uploads and links go with it.
   *
   * @throws ApiException 404 {@code not_found} for an id that is no ticket of the caller's
   *     workspace (a plain conversation's included, or one already erased)
   */
  public Erasure deleteTicket(Caller caller, long ticketId) {
    long ws = caller.workspaceId();
    long at = clock.instant().getEpochSecond();
    Outcome outcome =
        store.erase(
            repos -> {
              Conversation locked =
                  repos.conversations().lock(ws, ticketId).orElseThrow(ApiException::notFound);
              if (repos.tickets().find(ws, ticketId).isEmpty()) {
                throw ApiException.notFound();
              }
              Outcome erased = eraseWithin(repos, caller, locked, at, true);
              recordDeletion(repos, caller, "ticket", Long.toString(ticketId), at);
              return erased;
            });
    afterCommit(ws, outcome.blobKeys(), outcome.followUps());
    return outcome.erasure();
  }

  /**
   * Deletes a contact ({@code DeleteContact}) and, as Intercom does ("Deleting leads or users will
   * remove all of their conversations"), erases every conversation whose only contact it is, each
   * exactly as {@link #delete} erases one (reporting record kept, erasure log entry written,
   * uploads queued and removed before returning). Conversations that also have other contacts only
   * lose the link; their parts and source keep the contact's id as author id and render without
   * name or email. The contact's notes, tag links and company links are deleted with its row. Every
   * workspace snapshot gets the same treatment ({@link
   * dev.parley.domain.operator.SnapshotRepository#eraseContact}). All of it happens in one
   * transaction; see docs/contacts.md.
   *
   * <p>Locks are taken in the order replies take them (conversations, then the contact), so a
   * concurrent reply never deadlocks with a deletion. A conversation the contact starts while the
   * deletion runs either is seen and erased (the work is retried when the set of linked
   * conversations changed) or fails with 404 "User Not Found" once the contact is gone.
   *
   * @throws ApiException 404 {@code not_found} "Resource Not Found" for an unknown contact
   */
  public ContactDeletion deleteContact(Caller caller, String contactId) {
    long ws = caller.workspaceId();
    for (int attempt = 1; ; attempt++) {
      long at = clock.instant().getEpochSecond();
      List<Long> erased = new ArrayList<>();
      List<Long> unlinked = new ArrayList<>();
      List<String> blobKeys = new ArrayList<>();
      List<Runnable> followUps = new ArrayList<>();
      Contact contact;
      try {
        contact =
            store.erase(
                repos -> {
                  erased.clear();
                  unlinked.clear();
                  blobKeys.clear();
                  followUps.clear();
                  ConversationRepository conversations = repos.conversations();
                  ConversationLinkRepository links = repos.conversationLinks();
                  var unused =
                      repos.contacts().find(ws, contactId).orElseThrow(ApiException::notFound);
                  List<Long> linked = links.conversationIdsOfContact(ws, contactId);
                  Map<Long, Conversation> live = new LinkedHashMap<>();
                  for (long id : linked) {
                    conversations.lock(ws, id).ifPresent(c -> live.put(id, c));
                  }
                  Contact locked =
                      repos.contacts().lock(ws, contactId).orElseThrow(ApiException::notFound);
                  if (!linked.equals(links.conversationIdsOfContact(ws, contactId))) {
                    throw new LinksChanged();
                  }
                  Map<Long, List<String>> members = links.contactIds(ws, live.keySet());
                  for (long id : linked) {
                    List<String> others = new ArrayList<>(members.getOrDefault(id, List.of()));
                    others.remove(contactId);
                    if (live.containsKey(id) && others.isEmpty()) {
                      Outcome outcome = eraseWithin(repos, caller, live.get(id), at, true);
                      erased.add(id);
                      blobKeys.addAll(outcome.blobKeys());
                      followUps.addAll(outcome.followUps());
                    } else {
                      links.unlinkContact(ws, id, contactId);
                      if (live.containsKey(id)) {
                        unlinked.add(id);
                      }
                    }
                  }
                  repos.notes().deleteOfContact(ws, contactId);
                  repos.events().deleteOfContact(ws, contactId);
                  repos.contactTags().deleteOfContact(ws, contactId);
                  repos.segments().deleteOfContact(ws, contactId);
                  repos.subscriptionTypes().deleteOfContact(ws, contactId);
                  repos.companies().detachContact(ws, contactId);
                  repos.contacts().delete(ws, contactId);
                  repos.snapshots().eraseContact(ws, contactId);
                  recordDeletion(repos, caller, "contact", contactId, at);
                  String key = Outbox.contactKey(contactId);
                  Outbox.erase(repos, ws, key);
                  outbox.raise(
                      repos,
                      ws,
                      Topic.CONTACT_DELETED,
                      key,
                      List.of(),
                      () -> outbox.items().json(deletedItem("contact", contactId, caller)));
                  return locked;
                });
      } catch (LinksChanged e) {
        if (attempt < 5) {
          continue;
        }
        throw new ApiException(
            ErrorCode.SERVICE_UNAVAILABLE,
            "The contact's conversations kept changing while it was being deleted; retry");
      }
      afterCommit(ws, blobKeys, followUps);
      return new ContactDeletion(contact, List.copyOf(erased), List.copyOf(unlinked));
    }
  }

  /**
   * Appends an {@code app_data_deletion} entry to the admin activity log ({@code
   * listActivityLogs}): the caller's admin erased the {@code kind} ("conversation", "ticket" or
   * "contact") with this id. Ids only: the entry holds nothing of what was erased.
   */
  private static void recordDeletion(
      Repositories repos, Caller caller, String kind, String id, long at) {
    recordDeletion(repos, caller, ActivityLog.deletion(kind, id), at);
  }

  private static void recordDeletion(
      Repositories repos, Caller caller, Map<String, Object> metadata, long at) {
    repos
        .admins()
        .insertActivity(
            ActivityLog.of(
                caller.workspaceId(),
                caller.adminId(),
                ActivityLog.ActivityType.APP_DATA_DELETION,
                metadata,
                at));
  }

  /**
   * Appends the {@code app_data_deletion} entry of a merge to the admin activity log: Intercom's
   * 2.14 list of activity types has none for a merge, and the lead is deleted by it, so the entry
   * is a contact deletion whose metadata also names the user the lead went into ({@code
   * merged_into}). Ids only.
   */
  private static void recordMerge(
      Repositories repos, Caller caller, String fromId, String intoId, long at) {
    Map<String, Object> metadata = ActivityLog.deletion("contact", fromId);
    metadata.put("merged_into", intoId);
    recordDeletion(repos, caller, metadata, at);
  }

  /**
   * Merges a lead into a user ({@code MergeContact}, {@code POST /contacts/merge}): in one erasure
   * transaction, the lead's conversation links, the authorship of what it wrote in conversations
   * (author type {@code user}, the user's id), its notes, tags, companies, data events and event
   * summaries (counts added up) move to the user, and then the lead goes exactly as {@link
   * #deleteContact} deletes a contact (its row with name, email, phone and custom attributes, what
   * did not move because the user already had it, its undelivered webhook notifications, its
   * objects in every workspace snapshot). The user's own fields stay as they are; its {@code
   * updated_at} becomes now. {@code contact.deleted} is raised for the lead, then {@code
   * contact.user.updated} and {@code contact.merged} for the user (both items the user as {@code
   * ShowContact} renders it after the merge; Intercom's {@code contact.merged} item names the user
   * only, not the lead), when subscribed, all in the merge's transaction. After the commit the
   * store's files are cleaned as after any erasure, before returning. See docs/contacts.md.
   *
   * <p>Locks: the lead's conversations, then the lead, then the user (the order of replies and of
   * {@link #deleteContact}); a conversation the lead starts meanwhile is either moved or fails with
   * 404 "User Not Found" once the lead is gone.
   *
   * @param fromId the lead (24 hex characters)
   * @param intoId the user
   * @return the user after the merge
   * @throws ApiException 404 {@code not_found} "User Not Found" for an unknown {@code from} or
   *     {@code into}; 400 {@code parameter_invalid} naming {@code from} when it is no lead, {@code
   *     into} when it is no user, {@code into} when both are the same contact
   */
  public Contact mergeContacts(Caller caller, String fromId, String intoId) {
    long ws = caller.workspaceId();
    long at = clock.instant().getEpochSecond();
    if (fromId.equals(intoId)) {
      throw ApiException.invalid("into", "from and into must be two different contacts");
    }
    Contact merged =
        store.erase(
            repos -> {
              var contacts = repos.contacts();
              Contact from =
                  contacts
                      .find(ws, fromId)
                      .orElseThrow(() -> new ApiException(ErrorCode.USER_NOT_FOUND));
              Contact into =
                  contacts
                      .find(ws, intoId)
                      .orElseThrow(() -> new ApiException(ErrorCode.USER_NOT_FOUND));
              if (!"lead".equals(from.role())) {
                throw ApiException.invalid("from", "from must be a contact with the role lead");
              }
              if (!"user".equals(into.role())) {
                throw ApiException.invalid("into", "into must be a contact with the role user");
              }
              for (long id : repos.conversationLinks().conversationIdsOfContact(ws, fromId)) {
                repos.conversations().lock(ws, id);
              }
              Contact lead =
                  contacts
                      .lock(ws, fromId)
                      .orElseThrow(() -> new ApiException(ErrorCode.USER_NOT_FOUND));
              Contact user = mergeWithin(repos, caller, lead, intoId, at);
              outbox.raiseContact(repos, caller, user, Topic.CONTACT_MERGED);
              return user;
            });
    afterCommit(ws, List.of(), List.of());
    return merged;
  }

  /**
   * The work of {@link #mergeContacts} inside the caller's erasure transaction ({@link
   * Store#erase}), once {@code from} is locked (and the conversations it is in, before it): locks
   * the user, moves {@code from}'s links to it and erases {@code from} as {@link #mergeContacts}
   * says. Converting a visitor into an existing user ({@code convertVisitor}) merges this way too.
   * The caller runs {@link #afterCommit} after the commit.
   *
   * @param from the lead or visitor that goes
   * @param intoId the user it merges into
   * @param at now, Unix seconds
   * @return the user after the merge
   * @throws ApiException 404 {@code not_found} "User Not Found" when the user is gone
   */
  public Contact mergeWithin(
      Repositories repos, Caller caller, Contact from, String intoId, long at) {
    long ws = caller.workspaceId();
    String fromId = from.id();
    var contacts = repos.contacts();
    Contact user =
        contacts.lock(ws, intoId).orElseThrow(() -> new ApiException(ErrorCode.USER_NOT_FOUND));
    var events = repos.events();
    for (var summary : events.summaries(ws, fromId)) {
      events.saveSummary(
          ws,
          intoId,
          events
              .summary(ws, intoId, summary.eventName())
              .map(s -> s.plus(summary.count(), summary.firstAt(), summary.lastAt()))
              .orElse(summary));
    }
    contacts.moveLinks(ws, fromId, intoId);
    for (long id : repos.conversationLinks().conversationIdsOfContact(ws, fromId)) {
      repos.conversationLinks().unlinkContact(ws, id, fromId);
    }
    repos.notes().deleteOfContact(ws, fromId);
    events.deleteOfContact(ws, fromId);
    repos.contactTags().deleteOfContact(ws, fromId);
    repos.segments().deleteOfContact(ws, fromId);
    repos.subscriptionTypes().deleteOfContact(ws, fromId);
    repos.companies().detachContact(ws, fromId);
    contacts.delete(ws, fromId);
    repos.snapshots().eraseContact(ws, fromId);
    recordMerge(repos, caller, fromId, intoId, at);
    String key = Outbox.contactKey(fromId);
    Outbox.erase(repos, ws, key);
    outbox.raise(
        repos,
        ws,
        Topic.CONTACT_DELETED,
        key,
        List.of(),
        () -> outbox.items().json(deletedItem("contact", fromId, caller)));
    Contact updated =
        new Contact(
            ws,
            user.id(),
            user.role(),
            user.email(),
            user.externalId(),
            user.name(),
            user.phone(),
            user.avatar(),
            user.ownerId(),
            user.unsubscribedFromEmails(),
            user.customAttributes(),
            user.signedUpAt(),
            user.lastSeenAt(),
            latest(user.lastRepliedAt(), from.lastRepliedAt()),
            user.archived(),
            user.createdAt(),
            Math.max(at, user.updatedAt()));
    contacts.update(updated);
    if (updated.lastRepliedAt() != null && !updated.lastRepliedAt().equals(user.lastRepliedAt())) {
      contacts.touchLastReplied(ws, intoId, updated.lastRepliedAt());
    }
    outbox.raiseContact(repos, caller, updated, Topic.CONTACT_USER_UPDATED);
    return updated;
  }

  private static Long latest(Long a, Long b) {
    return a == null ? b : b == null ? a : Long.valueOf(Math.max(a, b));
  }

  /**
   * Erases a whole workspace's content, or the whole workspace ({@code POST
   * /_parley/workspaces/{name}/reset} and {@code DELETE /_parley/workspaces/{name}}, issue 17), in
   * one erasure transaction: every conversation is locked and erased as {@link #delete} erases one
   * (its rows, its search words, its uploads' blob keys queued), then every other row of the
   * workspace's content goes ({@link dev.parley.domain.workspace.WorkspaceErasureRepository
   * #deleteContent}: contacts, tags, reporting records, the erasure log, export jobs, webhook
   * events, their keys and the delivery log, and every snapshot of the workspace), and, when {@code
   * deleteWorkspace}, its set-up too (admins, teams, tokens, webhook subscriptions, rate-limit
   * window, upload intents, the workspace row). The {@link ErasureHook}s run their workspace work
   * (export files deleted, the request journal cleared). No erasure log entry and no {@code
   * *.deleted} notification is written: the log and the outbox are part of what goes. After the
   * commit, as for a conversation: the store's clean-up (SQLite: WAL checkpoint; PostgreSQL: VACUUM
   * made due), the hooks' follow-up work and the removal of the upload bytes, all before returning.
   *
   * @param deleteWorkspace true to delete the workspace itself; false to keep its name, app id,
   *     client secret, admins, teams, tokens and webhook subscriptions (a reset)
   * @return how many conversations and uploads were erased
   * @throws ApiException 404 {@code not_found} when the workspace is not (any more) there
   */
  public WorkspaceErasure eraseWorkspace(long workspaceId, boolean deleteWorkspace) {
    long at = clock.instant().getEpochSecond();
    List<String> blobKeys = new ArrayList<>();
    List<Runnable> followUps = new ArrayList<>();
    int conversations =
        store.erase(
            repos -> {
              blobKeys.clear();
              followUps.clear();
              if (repos.workspaces().find(workspaceId).isEmpty()) {
                throw ApiException.notFound();
              }
              for (ErasureHook hook : hooks) {
                followUps.add(hook.workspaceErased(repos, workspaceId, at));
              }
              var rows = repos.workspaceErasure();
              int erased = 0;
              for (long id : rows.conversationIds(workspaceId)) {
                if (repos.conversations().lock(workspaceId, id).isPresent()) {
                  blobKeys.addAll(repos.conversations().eraseAll(workspaceId, id).blobKeys());
                  erased++;
                }
              }
              blobKeys.addAll(rows.deleteContent(workspaceId));
              if (deleteWorkspace) {
                blobKeys.addAll(rows.takeUploadIntents(workspaceId));
                // From the lock on, no other process's request can insert under the workspace
                // (PostgreSQL's foreign keys wait for it, then fail); erase what such requests
                // committed since the pass above, then the workspace itself.
                rows.lockWorkspace(workspaceId);
                blobKeys.addAll(rows.deleteContent(workspaceId));
                blobKeys.addAll(rows.takeUploadIntents(workspaceId));
                rows.deleteSetup(workspaceId);
              }
              for (String key : blobKeys) {
                repos.blobDeletions().enqueue(workspaceId, key, at);
              }
              return erased;
            });
    afterCommit(workspaceId, blobKeys, followUps);
    return new WorkspaceErasure(conversations, blobKeys.size());
  }

  /**
   * What {@link #eraseWorkspace} erased.
   *
   * @param conversations conversations erased
   * @param uploads upload files whose bytes were removed (or queued for removal)
   */
  public record WorkspaceErasure(int conversations, int uploads) {}

  /**
   * The item of a {@code *.deleted} notification: identifying fields only, never content ({@code
   * type}, {@code id} and the workspace's {@code workspace_id}, its app id).
   */
  static Map<String, Object> deletedItem(String type, String id, Caller caller) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("type", type);
    item.put("id", id);
    item.put("workspace_id", caller.workspace().idCode());
    item.put("deleted", true);
    return item;
  }

  /** The contact's links changed between reading them and locking the contact: start again. */
  private static final class LinksChanged extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LinksChanged() {
      super(null, null, false, false);
    }
  }

  /**
   * Erases one conversation inside the caller's transaction, exactly as {@link #delete} does: its
   * rows go, its blob keys are queued in the durable deletion queue, its reporting record is marked
   * erased (or removed) and an erasure log entry is written. The caller must hold the
   * conversation's lock ({@link ConversationRepository#lock}) and, once its transaction has
   * committed, pass the returned blob keys to {@link #afterCommit}.
   *
   * @param conversation the conversation as its lock read it, in this transaction
   * @param at the erasure time, Unix seconds
   * @param retainMetrics false to remove the reporting record as well
   * @return the log entry, the blob keys whose bytes must now be removed, and the hooks' follow-up
   *     work
   */
  public Outcome eraseWithin(
      Repositories repos,
      Caller caller,
      Conversation conversation,
      long at,
      boolean retainMetrics) {
    long ws = caller.workspaceId();
    long conversationId = conversation.id();
    if (conversation.workspaceId() != ws) {
      throw new IllegalArgumentException("conversation of another workspace");
    }
    List<Runnable> followUps = new ArrayList<>();
    for (ErasureHook hook : hooks) {
      followUps.add(hook.inTransaction(repos, conversation, at));
    }
    ConversationRepository.Erased erased = repos.conversations().eraseAll(ws, conversationId);
    for (String key : erased.blobKeys()) {
      repos.blobDeletions().enqueue(ws, key, at);
    }
    if (retainMetrics) {
      repos.metrics().markErased(ws, conversationId, at);
    } else {
      repos.metrics().delete(ws, conversationId);
    }
    Erasure entry =
        new Erasure(
            ws,
            repos.nextId("erasure"),
            conversationId,
            caller.adminId(),
            caller.tokenId(),
            at,
            erased.parts(),
            erased.attachments(),
            retainMetrics);
    repos.erasures().insert(entry);
    String key = Outbox.conversationKey(conversationId);
    repos.snapshots().eraseObject(ws, key);
    Outbox.erase(repos, ws, key);
    outbox.raise(
        repos,
        ws,
        Topic.CONVERSATION_DELETED,
        key,
        List.of(),
        () ->
            outbox
                .items()
                .json(deletedItem("conversation", Long.toString(conversationId), caller)));
    return new Outcome(entry, List.copyOf(erased.blobKeys()), List.copyOf(followUps));
  }

  /**
   * What follows the commit of one or more erasures ({@link Store#erase}, which already made the
   * erased rows unreachable in the store's files), before the caller hears back: runs the hooks'
   * follow-up work (export files deleted) and removes the bytes of the queued blobs (failures stay
   * queued for {@link #drainQueue()}; see {@link QueuedBlobRemoval}).
   */
  public void afterCommit(long workspaceId, List<String> blobKeys, List<Runnable> followUps) {
    for (Runnable work : followUps) {
      try {
        work.run();
      } catch (RuntimeException e) {
        LOG.warn("erasure: follow-up work failed: {}", e.getClass().getSimpleName());
      }
    }
    removal.removeNow(workspaceId, blobKeys);
  }

  /**
   * One page of the workspace's erasures, as {@code listDeletedConversationIds} shows them.
   *
   * @param page 1-based page number
   * @param perPage 1 to 60
   * @param ascending order by deletion time, oldest first when true
   */
  public DeletedPage listDeleted(Caller caller, int page, int perPage, boolean ascending) {
    long ws = caller.workspaceId();
    return store.read(
        repos ->
            new DeletedPage(
                repos.erasures().page(ws, ascending, (page - 1) * perPage, perPage),
                repos.erasures().count(ws)));
  }

  /** Every erasure of a workspace, oldest first (the {@code erasures} CLI command). */
  public List<Erasure> log(long workspaceId) {
    return store.read(repos -> repos.erasures().page(workspaceId, true, 0, Integer.MAX_VALUE));
  }

  /**
   * Removes the bytes of every queued blob, in batches, until the queue is empty or only failing
   * items remain. Runs at start-up and periodically; safe to run from several processes at once
   * (each item is claimed by one).
   *
   * @return the number of blobs removed
   */
  public int drainQueue() {
    int removed = 0;
    while (true) {
      int[] batch =
          store.write(
              repos -> {
                int done = 0;
                int failed = 0;
                for (BlobDeletionRepository.Item item : repos.blobDeletions().claim(100)) {
                  try {
                    blobs.delete(item.blobKey());
                    repos.blobDeletions().remove(item.workspaceId(), item.blobKey());
                    done++;
                  } catch (IOException | RuntimeException e) {
                    repos.blobDeletions().recordFailure(item.workspaceId(), item.blobKey());
                    failed++;
                  }
                }
                return new int[] {done, failed};
              });
      removed += batch[0];
      if (batch[1] > 0) {
        LOG.warn("blob deletion queue: {} item(s) could not be removed; will retry", batch[1]);
      }
      if (batch[0] == 0) {
        return removed;
      }
    }
  }

  /**
   * One conversation erased inside a transaction.
   *
   * @param erasure the erasure log entry written
   * @param blobKeys blob keys queued for removal, to pass to {@link #afterCommit}
   * @param followUps the hooks' work to run after the commit, to pass to {@link #afterCommit}
   */
  public record Outcome(Erasure erasure, List<String> blobKeys, List<Runnable> followUps) {}

  /**
   * A page of erasures and the workspace's total.
   *
   * @param totalCount erasures of the workspace
   */
  public record DeletedPage(List<Erasure> erasures, long totalCount) {}
}
