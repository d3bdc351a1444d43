package dev.parley.domain.operator;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Repositories;
import dev.parley.domain.Store;
import dev.parley.domain.conversation.ErasureService;
import dev.parley.domain.webhook.Outbox;
import dev.parley.domain.workspace.Workspace;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Workspace snapshots (issue 17, "Snapshots"; not part of Intercom's API): save a workspace's
 * contacts, tags and conversations under a name, restore them later with the same ids, list and
 * delete snapshots. A snapshot is a copy of content, and every erasure reaches it in its own
 * transaction (a conversation's, a contact's, a redaction, a workspace delete or reset; see {@link
 * SnapshotRepository}), so a restore never brings back what was erased after the snapshot was
 * taken. docs/testing-with-parley.md, "Snapshots", says what a snapshot holds.
 *
 * <p>A restore, like seeding, raises no webhook notification; it drops the undelivered
 * notifications about the conversations and contacts it replaces. It runs as an erasure ({@link
 * Store#erase}): the rows it replaces leave the store's files as an erased conversation's do, and
 * the bytes of the uploads it drops are removed before it answers. Ids allocated afterwards never
 * collide with restored ones: id counters only grow, and a restore does not move them.
 */
public final class SnapshotService {
  /** A snapshot name: usable in a path without encoding. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private final Store store;
  private final Clock clock;
  private final ErasureService erasures;

  /**
   * @param erasures removes the bytes of the uploads a restore drops, as after an erasure
   */
  public SnapshotService(Store store, Clock clock, ErasureService erasures) {
    this.store = store;
    this.clock = clock;
    this.erasures = erasures;
  }

  /**
   * Saves workspace {@code workspace}'s content as snapshot {@code name}, replacing one of that
   * name.
   *
   * @throws ApiException 400 {@code parameter_invalid} (field {@code name}) for a name that is not
   *     1 to 100 letters, digits, dots, dashes and underscores starting with a letter or a digit;
   *     404 {@code not_found} for an unknown workspace
   */
  public SnapshotRepository.Info save(String workspace, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw ApiException.invalid(
          "name",
          "name must be 1 to 100 letters, digits, dots, dashes and underscores, starting with a"
              + " letter or a digit");
    }
    long now = clock.instant().getEpochSecond();
    return store.erase(repos -> repos.snapshots().save(workspace(repos, workspace), name, now));
  }

  /**
   * The workspace's snapshots, by name.
   *
   * @throws ApiException 404 {@code not_found} for an unknown workspace
   */
  public List<SnapshotRepository.Info> list(String workspace) {
    return store.read(repos -> repos.snapshots().list(workspace(repos, workspace)));
  }

  /**
   * What a restore did.
   *
   * @param objects objects restored (contacts, tags, conversations)
   * @param uploads uploads whose rows and bytes it deleted
   */
  public record Restored(SnapshotRepository.Info snapshot, int objects, int uploads) {}

  /**
   * Puts workspace {@code workspace} back to snapshot {@code name}.
   *
   * @throws ApiException 404 {@code not_found} for an unknown workspace or snapshot
   */
  public Restored restore(String workspace, String name) {
    List<String> blobKeys = new ArrayList<>();
    long[] wsId = {0};
    long now = clock.instant().getEpochSecond();
    Restored restored =
        store.erase(
            repos -> {
              blobKeys.clear();
              long ws = workspace(repos, workspace);
              wsId[0] = ws;
              SnapshotRepository.Info info = snapshot(repos, ws, name);
              // As a workspace erasure does: a reply racing the restore commits before it (and is
              // replaced) or waits for it, never leaving a part behind a replaced conversation.
              for (long id : repos.workspaceErasure().conversationIds(ws)) {
                repos.conversations().lock(ws, id);
              }
              SnapshotRepository.Restored r = repos.snapshots().restore(ws, name);
              for (String key : r.droppedKeys()) {
                Outbox.erase(repos, ws, key);
              }
              for (String key : r.blobKeys()) {
                repos.blobDeletions().enqueue(ws, key, now);
              }
              blobKeys.addAll(r.blobKeys());
              return new Restored(info, r.objects(), r.blobKeys().size());
            });
    erasures.afterCommit(wsId[0], blobKeys, List.of());
    return restored;
  }

  /**
   * Deletes snapshot {@code name}.
   *
   * @throws ApiException 404 {@code not_found} for an unknown workspace or snapshot
   */
  public SnapshotRepository.Info delete(String workspace, String name) {
    return store.erase(
        repos -> {
          long ws = workspace(repos, workspace);
          SnapshotRepository.Info info = snapshot(repos, ws, name);
          repos.snapshots().delete(ws, name);
          return info;
        });
  }

  private static long workspace(Repositories repos, String name) {
    return repos
        .workspaces()
        .findByName(name)
        .map(Workspace::id)
        .orElseThrow(
            () -> new ApiException(ErrorCode.NOT_FOUND, "no workspace named '" + name + "'"));
  }

  private static SnapshotRepository.Info snapshot(Repositories repos, long ws, String name) {
    return repos
        .snapshots()
        .find(ws, name)
        .orElseThrow(
            () -> new ApiException(ErrorCode.NOT_FOUND, "no snapshot named '" + name + "'"));
  }
}
