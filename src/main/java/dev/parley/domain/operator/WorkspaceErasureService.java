package dev.parley.domain.operator;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Store;
import dev.parley.domain.conversation.ErasureService;
import dev.parley.domain.workspace.AuthService;
import dev.parley.domain.workspace.Workspace;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deleting and resetting a workspace ({@code DELETE /_parley/workspaces/{name}} and {@code POST
 * /_parley/workspaces/{name}/reset}, issue 17; not part of Intercom's API), each an erasure with
 * the guarantees of a conversation's ({@link ErasureService#eraseWorkspace}; docs/erasure.md,
 * "Deleting and resetting a workspace").
 *
 * <p>A delete first shuts the workspace in this process: new requests with its tokens answer 401,
 * the remembered tokens are forgotten, and the requests already running finish (up to {@link
 * #DRAIN}) before the erasure, so that none writes into it afterwards. A reset does not shut it:
 * requests racing a reset land before it (and are erased) or after it (and stay), each whole.
 *
 * <p>The workspace named {@code default}, which the first start creates for {@code
 * PARLEY_BOOTSTRAP_TOKEN}, may be reset but not deleted.
 */
public final class WorkspaceErasureService {
  /** The workspace the first start creates, which cannot be deleted. */
  public static final String BOOTSTRAP_WORKSPACE = "default";

  /** How long a delete waits for the workspace's running requests to finish. */
  public static final Duration DRAIN = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(WorkspaceErasureService.class);

  private final Store store;
  private final ErasureService erasures;
  private final AuthService auth;

  /**
   * @param auth this process's token cache and workspace gate (null for a process that serves no
   *     requests, such as the CLI)
   */
  public WorkspaceErasureService(Store store, ErasureService erasures, AuthService auth) {
    this.store = store;
    this.erasures = erasures;
    this.auth = auth;
  }

  /**
   * What a delete or a reset did.
   *
   * @param workspace the workspace as it was found
   * @param conversations conversations erased
   * @param uploads upload files removed
   */
  public record Outcome(Workspace workspace, int conversations, int uploads) {}

  /**
   * Deletes a workspace with everything in it; its name may then be used again.
   *
   * @throws ApiException 404 {@code not_found} for an unknown name (or one deleted meanwhile); 400
   *     {@code parameter_invalid} (field {@code name}) for {@link #BOOTSTRAP_WORKSPACE}
   */
  public Outcome delete(String name) {
    if (BOOTSTRAP_WORKSPACE.equals(name)) {
      throw ApiException.invalid(
          "name",
          "the workspace 'default' holds PARLEY_BOOTSTRAP_TOKEN and cannot be deleted; reset it"
              + " instead");
    }
    Workspace ws = find(name);
    if (auth != null) {
      if (!auth.gate().close(ws.id(), DRAIN)) {
        LOG.warn(
            "workspace {}: requests still running after {} s; deleting all the same",
            ws.id(),
            DRAIN.toSeconds());
      }
      auth.forgetWorkspace(ws.id());
    }
    ErasureService.WorkspaceErasure erased = erasures.eraseWorkspace(ws.id(), true);
    if (auth != null) {
      auth.forgetWorkspace(ws.id());
    }
    LOG.info(
        "workspace {} deleted: {} conversation(s) and {} upload(s) erased",
        ws.id(),
        erased.conversations(),
        erased.uploads());
    return new Outcome(ws, erased.conversations(), erased.uploads());
  }

  /**
   * Empties a workspace of its content (its snapshots too) and keeps its name, app id, client
   * secret, admins, teams, tokens and webhook subscriptions.
   *
   * @throws ApiException 404 {@code not_found} for an unknown name
   */
  public Outcome reset(String name) {
    Workspace ws = find(name);
    ErasureService.WorkspaceErasure erased = erasures.eraseWorkspace(ws.id(), false);
    LOG.info(
        "workspace {} reset: {} conversation(s) and {} upload(s) erased",
        ws.id(),
        erased.conversations(),
        erased.uploads());
    return new Outcome(ws, erased.conversations(), erased.uploads());
  }

  private Workspace find(String name) {
    return store
        .read(repos -> repos.workspaces().findByName(name))
        .orElseThrow(
            () -> new ApiException(ErrorCode.NOT_FOUND, "no workspace named '" + name + "'"));
  }
}
