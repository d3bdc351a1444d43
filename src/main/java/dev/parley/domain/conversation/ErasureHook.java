package dev.parley.domain.conversation;

import dev.parley.domain.Repositories;

/**
 * Something outside the conversation's own rows that must follow an erasure: copies of the
 * conversation's content elsewhere (reporting export files). {@link ErasureService} calls it inside
 * the erasure's transaction, and runs what it returns once that transaction has committed, before
 * the caller hears back.
 */
public interface ErasureHook {

  /**
   * Records, in the erasure's transaction, what the erasure changes for this hook.
   *
   * @param conversation the conversation being erased, as it was before the erasure
   * @param erasedAt Unix seconds
   * @return the work to run after the commit (it must not throw; failures are its own to record and
   *     retry)
   */
  Runnable inTransaction(Repositories repos, Conversation conversation, long erasedAt);

  /**
   * Records, in the transaction that erases a whole workspace's content ({@link
   * ErasureService#eraseWorkspace}), what that changes for this hook; called before the rows go.
   * The default does nothing.
   *
   * @param workspaceId the workspace being deleted or reset
   * @param erasedAt Unix seconds
   * @return the work to run after the commit (it must not throw)
   */
  default Runnable workspaceErased(Repositories repos, long workspaceId, long erasedAt) {
    return () -> {};
  }
}
