package dev.parley.domain.conversation;

import dev.parley.blob.BlobStore;
import dev.parley.domain.Repositories;
import dev.parley.domain.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attachments of a source message or a reply: links ({@code attachment_urls}) and uploaded
 * files ({@code attachment_files}), whose bytes are written to the blob store before the reply's
 * transaction under keys recorded as intents ({@link UploadRecovery}).
 */
final class UploadStorage {
  private static final Logger LOG = LoggerFactory.getLogger(UploadStorage.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Store store;
  private final BlobStore blobs;
  private final Clock clock;

  UploadStorage(Store store, BlobStore blobs, Clock clock) {
    this.store = store;
    this.blobs = blobs;
    this.clock = clock;
  }

  /**
   * In a reply's transaction: inserts the links, then the stored files, as the part's attachments
   * in that order, and settles the files' intents.
   */
  static void attach(
      Repositories repos,
      long ws,
      long conversationId,
      long partId,
      List<String> urls,
      List<Attachment> files,
      long at) {
    int position = insertLinks(repos, ws, conversationId, partId, urls, at);
    for (Attachment file : files) {
      repos
          .conversationParts()
          .insertAttachment(
              file.placed(repos.nextId("upload"), conversationId, partId, position++, at));
    }
    settleIntents(repos, files);
  }

  static int insertLinks(
      Repositories repos, long ws, long conversationId, Long partId, List<String> urls, long at) {
    int position = 0;
    if (urls == null) {
      return position;
    }
    for (String url : urls) {
      repos
          .conversationParts()
          .insertAttachment(
              Attachment.link(
                  ws, repos.nextId("upload"), conversationId, partId, position++, url, at));
    }
    return position;
  }

  /**
   * Records the uploads' blob keys as intents (a short transaction of their own, before any byte is
   * written: {@link UploadRecovery}), then writes the bytes. On failure removes what was written,
   * then the intents.
   */
  List<Attachment> store(long ws, List<NewFile> files, long at) {
    List<Attachment> stored = new ArrayList<>();
    if (files == null || files.isEmpty()) {
      return stored;
    }
    for (NewFile file : files) {
      int[] size = ImageSize.of(file.data());
      stored.add(
          Attachment.unplacedFile(
              ws,
              file.name(),
              file.contentType(),
              file.data().length,
              size,
              randomHex(16),
              randomHex(32),
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
      discard(stored);
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
   * @throws IllegalStateException when the drain took an intent as abandoned (the reply took longer
   *     than the intent timeout) and removed its bytes: the reply must not commit
   */
  static void settleIntents(Repositories repos, List<Attachment> files) {
    if (files.isEmpty()) {
      return;
    }
    List<String> keys = files.stream().map(Attachment::blobKey).toList();
    if (repos.uploadIntents().settle(keys) != keys.size()) {
      throw new IllegalStateException(
          "an upload of this reply was removed as abandoned before the reply committed");
    }
  }

  /** Removes the bytes of uploads whose reply failed, then their intents. */
  void discard(List<Attachment> files) {
    if (files.isEmpty()) {
      return;
    }
    List<String> removed = new ArrayList<>();
    for (Attachment file : files) {
      try {
        blobs.delete(file.blobKey());
        removed.add(file.blobKey());
      } catch (IOException e) {
        LOG.warn(
            "could not remove the bytes of an upload whose reply failed: {}",
            e.getClass().getSimpleName());
      }
    }
    if (removed.isEmpty()) {
      return;
    }
    try {
      store.write(repos -> repos.uploadIntents().settle(removed));
    } catch (RuntimeException e) {
      LOG.warn(
          "upload intents of a failed reply stay for the drain: {}", e.getClass().getSimpleName());
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
}
