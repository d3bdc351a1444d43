package dev.parley.domain.conversation;

import dev.parley.blob.BlobStore;
import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Store;
import dev.parley.domain.workspace.Caller;
import dev.parley.domain.workspace.Scope;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Permanent erasure of a conversation: Intercom's {@code DELETE /conversations/{id}}
 * ({@code deleteConversation}, with the Unstable version's {@code retain_metrics}) and
 * {@code GET /conversations/deleted} ({@code listDeletedConversationIds}).
 *
 * <p>Erasure deletes, in one transaction, every row that holds the conversation's content
 * (the conversation with its source message, title and attributes; its parts; its tag and
 * contact links; its attachments), queues the blob keys of its uploads in the durable blob
 * deletion queue, marks (or, with {@code retain_metrics=false}, removes) its reporting
 * record, and writes an erasure log entry without content; {@link ErasureHook}s record in the
 * same transaction what else the erasure changes (reporting exports that hold the
 * conversation). After the commit the hooks' follow-up work runs (export files deleted), the
 * queued bytes are removed and the store's write-ahead log is checkpointed, all before the
 * caller hears back. Items whose removal fails stay queued and are retried by {@link #drainQueue()},
 * which runs at start-up and periodically.
 */
public final class ErasureService {
  private static final Logger LOG = LoggerFactory.getLogger(ErasureService.class);

  private final Store store;
  private final BlobStore blobs;
  private final Clock clock;
  private final List<ErasureHook> hooks;

  public ErasureService(Store store, BlobStore blobs, Clock clock) {
    this(store, blobs, clock, List.of());
  }

  /**
   * @param hooks what else follows an erasure (export files), called in its transaction and
   *     after its commit, before the caller hears back
   */
  public ErasureService(Store store, BlobStore blobs, Clock clock, List<ErasureHook> hooks) {
    this.store = store;
    this.blobs = blobs;
    this.clock = clock;
    this.hooks = List.copyOf(hooks);
  }

  /**
   * Erases a conversation.
   *
   * @param conversationId the path id as given; non-numeric ids cannot exist
   * @param retainMetrics false to remove the reporting record as well
   * @return what was erased
   * @throws ApiException 404 {@code not_found} "Resource Not Found" for an id that does not
   *     exist in the caller's workspace (never existed, another workspace's, or already
   *     erased); 403 {@code action_forbidden} when {@code retainMetrics} is false and the
   *     token lacks {@code delete_conversations_and_metrics}
   */
  public Erasure delete(Caller caller, String conversationId, boolean retainMetrics) {
    long id = ConversationService.parseId(conversationId);
    if (!retainMetrics && !caller.has(Scope.DELETE_CONVERSATIONS_AND_METRICS)) {
      throw new ApiException(
          ErrorCode.ACTION_FORBIDDEN,
          "retain_metrics=false needs the delete_conversations_and_metrics scope");
    }
    long ws = caller.workspaceId();
    long at = clock.instant().getEpochSecond();
    List<String> blobKeys = new ArrayList<>();
    List<Runnable> afterCommit = new ArrayList<>();
    Erasure erasure =
        store.write(
            repos -> {
              Conversation conversation =
                  repos.conversations().lock(ws, id).orElseThrow(ApiException::notFound);
              afterCommit.clear();
              for (ErasureHook hook : hooks) {
                afterCommit.add(hook.inTransaction(repos, conversation, at));
              }
              ConversationRepository.Erased erased = repos.conversations().eraseAll(ws, id);
              for (String key : erased.blobKeys()) {
                repos.blobDeletions().enqueue(ws, key, at);
              }
              if (retainMetrics) {
                repos
                    .metrics()
                    .find(ws, id)
                    .ifPresent(
                        metrics -> {
                          metrics.onErased(at);
                          repos.metrics().update(metrics);
                        });
              } else {
                repos.metrics().delete(ws, id);
              }
              Erasure entry =
                  new Erasure(
                      ws,
                      repos.nextId("erasure"),
                      id,
                      caller.adminId(),
                      caller.tokenId(),
                      at,
                      erased.parts(),
                      erased.attachments(),
                      retainMetrics);
              repos.erasures().insert(entry);
              blobKeys.clear();
              blobKeys.addAll(erased.blobKeys());
              return entry;
            });
    for (Runnable work : afterCommit) {
      try {
        work.run();
      } catch (RuntimeException e) {
        LOG.warn("erasure: follow-up work failed: {}", e.getClass().getSimpleName());
      }
    }
    removeBlobs(ws, blobKeys);
    store.checkpointAfterErasure();
    return erasure;
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
   * Removes the bytes of every queued blob, in batches, until the queue is empty or only
   * failing items remain. Runs at start-up and periodically; safe to run from several
   * processes at once (each item is claimed by one).
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

  private void removeBlobs(long ws, List<String> keys) {
    if (keys.isEmpty()) {
      return;
    }
    List<String> removed = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (String key : keys) {
      try {
        blobs.delete(key);
        removed.add(key);
      } catch (IOException | RuntimeException e) {
        failed.add(key);
      }
    }
    store.write(
        repos -> {
          removed.forEach(key -> repos.blobDeletions().remove(ws, key));
          failed.forEach(key -> repos.blobDeletions().recordFailure(ws, key));
          return null;
        });
    if (!failed.isEmpty()) {
      LOG.warn(
          "erasure: {} upload(s) could not be removed now; they stay queued for the next drain",
          failed.size());
    }
  }

  /**
   * A page of erasures and the workspace's total.
   *
   * @param totalCount erasures of the workspace
   */
  public record DeletedPage(List<Erasure> erasures, long totalCount) {}
}
