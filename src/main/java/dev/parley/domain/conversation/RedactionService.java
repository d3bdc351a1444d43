package dev.parley.domain.conversation;

import dev.parley.blob.BlobStore;
import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Store;
import dev.parley.domain.webhook.Outbox;
import dev.parley.domain.webhook.Topic;
import dev.parley.domain.workspace.Caller;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Redaction of one part or of the source message of a conversation: Intercom's {@code POST
 * /conversations/redact} ({@code redactConversation}, REST API 2.14).
 *
 * <p>The part keeps its place, id, type, author and times; it gets {@code redacted: true}, its body
 * becomes {@value #PLACEHOLDER} (the description's example) and its quick reply options (metadata)
 * are erased; both its {@code updated_at} and the conversation's become the time of the redaction.
 * A redacted source also loses its subject. The attachments of the part or source are erased
 * exactly as {@link ErasureService} erases a conversation's: their rows are deleted and their blob
 * keys queued in the blob deletion queue in the same transaction, the bytes removed before the
 * caller hears back, and the store's write-ahead log checkpointed so that the old text leaves it.
 * Every workspace snapshot's copy of the part or source is redacted the same way, in the same
 * transaction.
 *
 * <p>Redactable, per the description: a part that has text (a body, or the options of a quick
 * reply, whose text they are); a source message written by a contact. Redacting a redacted part or
 * source again changes nothing (not even {@code updated_at}) and answers the conversation.
 */
public final class RedactionService {
  /** The body of a redacted part or source, as in the description's example. */
  public static final String PLACEHOLDER = "<p><i>This message was deleted</i></p>";

  private final Store store;
  private final Clock clock;
  private final QueuedBlobRemoval removal;
  private final Outbox outbox;

  public RedactionService(Store store, BlobStore blobs, Clock clock) {
    this(store, new QueuedBlobRemoval(store, blobs), clock, Outbox.none());
  }

  /**
   * @param removal removes erased uploads' bytes and clears their queue rows
   * @param outbox raises {@code conversation_part.redacted}
   */
  public RedactionService(Store store, QueuedBlobRemoval removal, Clock clock, Outbox outbox) {
    this.store = store;
    this.clock = clock;
    this.removal = removal;
    this.outbox = outbox;
  }

  /**
   * Redacts a part or a source message.
   *
   * @return the conversation with its parts
   * @throws ApiException 404 {@code conversation_part_or_message_not_found} when the conversation,
   *     or the part or source in it, does not exist in the caller's workspace; 400 {@code
   *     conversation_part_not_redactable} for a part without text or a source not written by a
   *     contact
   */
  public ConversationDetails redact(Caller caller, Redaction redaction) {
    long ws = caller.workspaceId();
    long conversationId = redaction.conversationId().value();
    long targetId = redaction.targetId();
    long at = clock.instant().getEpochSecond();
    List<String> blobKeys = new ArrayList<>();
    ConversationDetails details =
        store.erase(
            repos -> {
              blobKeys.clear();
              Conversation c =
                  repos
                      .conversations()
                      .lock(ws, conversationId)
                      .orElseThrow(RedactionService::notFound);
              ConversationRepository.Erased erased;
              Conversation updated;
              long updatedAt = Math.max(at, c.updatedAt());
              if (redaction.source()) {
                if (c.source().id() != targetId) {
                  throw notFound();
                }
                if (!c.source().byContact()) {
                  throw new ApiException(
                      ErrorCode.CONVERSATION_PART_NOT_REDACTABLE,
                      "Only a source message written by a contact can be redacted");
                }
                if (c.source().redacted()) {
                  return ConversationViews.details(repos, c);
                }
                erased = repos.conversationParts().eraseAttachments(ws, c.id(), null);
                updated = c.withSource(c.source().redact(PLACEHOLDER), updatedAt);
              } else {
                ConversationPart part =
                    repos
                        .conversationParts()
                        .findPart(ws, c.id(), targetId)
                        .orElseThrow(RedactionService::notFound);
                if (!hasText(part)) {
                  throw new ApiException(
                      ErrorCode.CONVERSATION_PART_NOT_REDACTABLE,
                      "Only a conversation part with a body can be redacted");
                }
                if (part.redacted()) {
                  return ConversationViews.details(repos, c);
                }
                erased = repos.conversationParts().eraseAttachments(ws, c.id(), part.id());
                repos.conversationParts().redactPart(ws, part.id(), PLACEHOLDER, at);
                updated = c.withUpdatedAt(updatedAt);
              }
              repos.conversations().update(updated);
              repos
                  .snapshots()
                  .redact(ws, c.id(), redaction.source() ? null : targetId, PLACEHOLDER, at);
              for (String key : erased.blobKeys()) {
                repos.blobDeletions().enqueue(ws, key, at);
              }
              blobKeys.addAll(erased.blobKeys());
              // Undelivered notifications that hold the redacted text are dropped: every item of
              // the conversation holds its source; a part's text is only in the items that carry
              // that part.
              Outbox.erase(
                  repos,
                  ws,
                  redaction.source()
                      ? Outbox.conversationKey(c.id())
                      : ConversationNotifications.partKey(targetId));
              ConversationNotifications.raise(
                  outbox,
                  repos,
                  updated,
                  Topic.CONVERSATION_PART_REDACTED,
                  redaction.source() ? List.of() : List.of(targetId));
              return ConversationViews.details(repos, updated);
            });
    removal.removeNow(ws, blobKeys);
    return details;
  }

  private static boolean hasText(ConversationPart part) {
    return (part.body() != null && !part.body().isBlank()) || !part.quickReplyOptions().isEmpty();
  }

  private static ApiException notFound() {
    return new ApiException(ErrorCode.CONVERSATION_PART_OR_MESSAGE_NOT_FOUND);
  }
}
