package dev.parley.domain;

import java.util.function.Function;

/**
 * Where parley keeps its rows: a transactional store behind the repositories of every resource.
 * Implementations live in {@code dev.parley.store} (SQLite, PostgreSQL).
 *
 * <p>Every unit of work runs in one transaction: it commits when the function returns and rolls
 * back, leaving the store unchanged, when it throws. Work must not call back into the store it runs
 * in.
 */
public interface Store extends AutoCloseable {

  /**
   * Runs read-only work on a consistent snapshot.
   *
   * @return what {@code work} returns
   * @throws RuntimeException whatever {@code work} throws, unchanged
   */
  <T> T read(Function<Repositories, T> work);

  /**
   * Runs a search ({@code searchConversations}, {@code SearchContacts}): read-only work as {@link
   * #read} runs it, bounded so that slow searches cannot hold the connections other reads need. The
   * stores let at most half their read connections run searches at once and cancel a search that
   * runs longer than their search timeout (docs/search.md, "Bounds"). The default, for wrappers, is
   * {@link #read}.
   *
   * @return what {@code work} returns
   * @throws ApiException 408 {@code request_timeout} ({@link ErrorCode#SEARCH_TIMEOUT}) when the
   *     search ran out of time, or found no free search slot within that time
   * @throws RuntimeException whatever else {@code work} throws, unchanged
   */
  default <T> T search(Function<Repositories, T> work) {
    return read(work);
  }

  /**
   * Runs work that writes in one transaction and returns once it is durably committed (SQLite: WAL
   * with {@code synchronous=FULL}, grouped with other waiting transactions into one commit;
   * PostgreSQL: its own commit).
   *
   * @return what {@code work} returns
   * @throws RuntimeException whatever {@code work} throws; the store is then unchanged
   */
  <T> T write(Function<Repositories, T> work);

  /**
   * Runs an erasure (rows of erased content deleted) as {@link #write} runs a write, and before
   * returning makes the erased content unreachable in the store's files. On SQLite, after the
   * commit, the write-ahead log is checkpointed and truncated so that old page images holding
   * erased rows leave it; every erasure committed in one group shares that checkpoint. On
   * PostgreSQL it makes a background {@code VACUUM} of the erased tables due (docs/erasure.md says
   * what remains until VACUUM and checkpoints).
   *
   * @return what {@code work} returns
   * @throws RuntimeException whatever {@code work} throws; the store is then unchanged
   */
  <T> T erase(Function<Repositories, T> work);

  /** A short name of the store kind, for logs: {@code "sqlite"} or {@code "postgresql"}. */
  String kind();

  /** Releases connections and threads. */
  @Override
  void close();
}
