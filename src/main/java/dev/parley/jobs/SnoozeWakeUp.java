package dev.parley.jobs;

import dev.parley.domain.conversation.ConversationRepository.DueSnooze;
import dev.parley.domain.conversation.ConversationStateService;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens snoozed conversations whose {@code snoozed_until} the server clock has passed (issue 17,
 * "Time"; Intercom reopens a snoozed conversation when its snooze ends): each one through {@link
 * ConversationStateService#wakeIfDue}, which writes the {@code timer_unsnooze} part and raises
 * {@code conversation.admin.unsnoozed} in the same transaction.
 *
 * <p>It runs every {@link #INTERVAL_SECONDS} second on the server's job thread, and at once, before
 * {@code POST /_parley/clock} answers, whenever the operator moves the clock ({@link #run}). A run
 * reads the due conversations in batches of {@link #BATCH} and wakes them one transaction each,
 * until none is due. Several processes on one PostgreSQL may run together: each conversation is
 * claimed by a conditional UPDATE, so it is woken, and its topic raised, once. Runs in one process
 * never overlap (a lock), so when {@link #run} returns every conversation that was due when it
 * started is open and committed, whoever opened it in this process.
 */
public final class SnoozeWakeUp {
  private static final Logger LOG = LoggerFactory.getLogger(SnoozeWakeUp.class);

  /** Seconds between two runs of the periodic job. */
  public static final int INTERVAL_SECONDS = 1;

  /** How many due conversations one read fetches. */
  static final int BATCH = 100;

  private final ConversationStateService states;
  private final ReentrantLock running = new ReentrantLock();

  public SnoozeWakeUp(ConversationStateService states) {
    this.states = states;
  }

  /**
   * Wakes every conversation due now, batch by batch. A conversation whose wake-up fails is logged
   * (ids only) and left for the next run; a batch in which nothing could be woken or was found
   * already woken ends the run, so a failing store does not keep it spinning.
   *
   * @return how many conversations this run opened
   */
  public int run() {
    running.lock();
    try {
      int woken = 0;
      while (true) {
        List<DueSnooze> due = states.dueSnoozes(BATCH);
        int settled = 0;
        for (DueSnooze d : due) {
          try {
            if (states.wakeIfDue(d.workspaceId(), d.conversationId())) {
              woken++;
            }
            settled++;
          } catch (RuntimeException e) {
            LOG.warn(
                "snooze wake-up failed: workspace={} conversation={} ({}); retried on the next run",
                d.workspaceId(),
                d.conversationId(),
                e.getClass().getSimpleName());
          }
        }
        if (due.size() < BATCH || settled == 0) {
          return woken;
        }
      }
    } finally {
      running.unlock();
    }
  }

  /** {@link #run} for the periodic job: never throws, so the schedule goes on. */
  public void runQuietly() {
    try {
      int woken = run();
      if (woken > 0) {
        LOG.debug("snooze wake-up: opened {} conversation(s)", woken);
      }
    } catch (RuntimeException e) {
      LOG.warn("snooze wake-up failed: {}", e.getClass().getSimpleName());
    }
  }
}
