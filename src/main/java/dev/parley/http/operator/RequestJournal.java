package dev.parley.http.operator;

import dev.parley.domain.conversation.ErasureHook;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The request journal (a test-double control, not part of Intercom's API): the last {@value
 * #PER_WORKSPACE} requests of each workspace, so that a test can assert what its code called, read
 * and cleared over {@code /_parley/workspaces/{name}/journal} ({@link JournalRoutes}). It records,
 * for each request authenticated with a workspace token: the method, the path (without query
 * string), the route's path template, the operationId, the status, the duration and the request id,
 * with the time. Never a body, a query string or a header (so never a token).
 *
 * <p>It is on only when the operator API is ({@code PARLEY_OPERATOR_TOKEN} set; otherwise {@link
 * #record} keeps nothing), lives in this process's memory, and is bounded: the oldest entry of a
 * workspace goes when a new one comes past the bound. Erasing a conversation or deleting a contact
 * removes its id from the journal: the paths that named it are replaced by their templates ({@link
 * #forget}).
 */
public final class RequestJournal {
  /** Entries kept per workspace; older ones are dropped. */
  public static final int PER_WORKSPACE = 1_000;

  private final boolean enabled;
  private final Clock clock;
  private final Map<Long, ArrayDeque<Entry>> byWorkspace = new ConcurrentHashMap<>();

  /**
   * One request.
   *
   * @param at when it was answered, Unix seconds
   * @param path the path as requested, without its query string (the template once what it names
   *     was erased)
   * @param durationMillis how long parley took to answer, milliseconds
   */
  public record Entry(
      long at,
      String method,
      String path,
      String pathTemplate,
      String operationId,
      int status,
      double durationMillis,
      String requestId) {
    /** This entry with another path. */
    Entry withPath(String other) {
      return new Entry(
          at, method, other, pathTemplate, operationId, status, durationMillis, requestId);
    }

    /** The entry's JSON, as the journal route answers it. */
    public Map<String, Object> json() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("type", "request");
      json.put("created_at", at);
      json.put("method", method);
      json.put("path", path);
      json.put("path_template", pathTemplate);
      json.put("operation_id", operationId);
      json.put("status", status);
      json.put("duration_ms", Math.round(durationMillis * 10) / 10.0);
      json.put("request_id", requestId);
      return json;
    }
  }

  /**
   * @param enabled whether the operator API is on (the journal records nothing otherwise)
   * @param clock the server clock, for the entries' times
   */
  public RequestJournal(boolean enabled, Clock clock) {
    this.enabled = enabled;
    this.clock = clock;
  }

  /** Whether the journal records requests. */
  public boolean enabled() {
    return enabled;
  }

  /**
   * Records one request of a workspace, answered now (nothing when the journal is off).
   *
   * @param durationMillis how long parley took to answer, milliseconds
   */
  public void record(
      long workspaceId,
      String method,
      String path,
      String pathTemplate,
      String operationId,
      int status,
      double durationMillis,
      String requestId) {
    if (!enabled) {
      return;
    }
    Entry entry =
        new Entry(
            clock.instant().getEpochSecond(),
            method,
            path,
            pathTemplate,
            operationId,
            status,
            durationMillis,
            requestId);
    ArrayDeque<Entry> entries = byWorkspace.computeIfAbsent(workspaceId, id -> new ArrayDeque<>());
    synchronized (entries) {
      if (entries.size() == PER_WORKSPACE) {
        entries.removeFirst();
      }
      entries.addLast(entry);
    }
  }

  /**
   * The workspace's last {@code limit} requests, oldest first.
   *
   * @param limit 1 or more
   */
  public List<Entry> entries(long workspaceId, int limit) {
    ArrayDeque<Entry> entries = byWorkspace.get(workspaceId);
    if (entries == null) {
      return List.of();
    }
    synchronized (entries) {
      List<Entry> all = new ArrayList<>(entries);
      return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
    }
  }

  /**
   * Clears the workspace's journal.
   *
   * @return how many entries it held
   */
  public int clear(long workspaceId) {
    ArrayDeque<Entry> entries = byWorkspace.remove(workspaceId);
    if (entries == null) {
      return 0;
    }
    synchronized (entries) {
      return entries.size();
    }
  }

  /**
   * Removes an erased object's id from the workspace's journal: every path that is {@code prefix}
   * or lies under it (such as {@code /conversations/17} and {@code /conversations/17/parts}) is
   * replaced by its template.
   */
  public void forget(long workspaceId, String prefix) {
    ArrayDeque<Entry> entries = byWorkspace.get(workspaceId);
    if (entries == null) {
      return;
    }
    synchronized (entries) {
      ArrayDeque<Entry> kept = new ArrayDeque<>(entries.size());
      for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
        Entry e = it.next();
        boolean names = e.path().equals(prefix) || e.path().startsWith(prefix + "/");
        kept.addLast(names ? e.withPath(e.pathTemplate()) : e);
      }
      entries.clear();
      entries.addAll(kept);
    }
  }

  /**
   * Forgets an erased conversation's id after the erasure commits ({@code /conversations/{id}} and
   * the paths under it), whether it was erased by itself or with its contact; clears the journal of
   * a workspace deleted or reset.
   */
  public ErasureHook erasureHook() {
    return new ErasureHook() {
      @Override
      public Runnable inTransaction(
          dev.parley.domain.Repositories repos,
          dev.parley.domain.conversation.Conversation conversation,
          long erasedAt) {
        return () -> forget(conversation.workspaceId(), "/conversations/" + conversation.id());
      }

      @Override
      public Runnable workspaceErased(
          dev.parley.domain.Repositories repos, long workspaceId, long erasedAt) {
        return () -> clear(workspaceId);
      }
    };
  }
}
