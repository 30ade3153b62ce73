package org.asyncio4j;

/**
 * Whether an idle event loop polls for a while before it blocks, and for how long: the loop's
 * busy-poll policy (the mechanics are in {@link EventLoop}'s wait).
 *
 * <p>With nothing ready to run, the loop waits in the selector for I/O, another thread's callback
 * or the next timer. Waking a blocked thread costs a context switch and, when its CPU went idle,
 * an inter-processor interrupt and the CPU's return from sleep: on the 2-vCPU virtual machine of
 * docs/performance.md about 25 us per wake-up, more than a whole request round trip on loopback
 * when nobody sleeps. So the loop first polls without blocking (the selector, the other threads'
 * queue, the clock) for up to the budget ({@link RunOptions#busyPoll}, 50 us by default) and
 * blocks only if nothing came.
 *
 * <p>Polling costs CPU when nothing comes, so it adapts to what the waits were like:
 *
 * <ul>
 *   <li>every wait is recorded as short (it ended within the budget: polling would pay) or long;
 *       a saturating score goes up by one for a short wait (at most {@link #MAX_SCORE}) and down
 *       by one for a long one;
 *   <li>the loop polls while the score is above zero, so a steady stream of work keeps it polling
 *       and {@value #MAX_SCORE} long waits in a row stop it (an idle loop then blocks at once);
 *   <li>while stopped, every {@value #PROBE_EVERY}th wait polls anyway (a probe): a blocked wait
 *       includes the wake-up itself, so it can look long when polling would have made it short;
 *   <li>a wait for a timer due within the budget always polls until the timer is due: the
 *       selector blocks in whole milliseconds, so blocking would wake up to 1 ms late;
 *   <li>between polls the loop yields its CPU; a yield that took long means another thread ran on
 *       that CPU: with the CPU shared, polling only delays the others (on one CPU, a peer process
 *       that answers the loop), so only probes poll (each of them yielding too) until one finds
 *       the CPU free.
 * </ul>
 *
 * <p>A wait that polls in vain costs one budget of CPU. Since {@value #MAX_SCORE} long waits in a
 * row stop polling, a loop whose waits are mostly long spends about one budget every {@value
 * #PROBE_EVERY} waits (the probes); {@code busyPoll(0)} turns polling off.
 */
final class BusyPoll {
  /** The default budget: 50 us (what Linux suggests for its sockets' busy polling). */
  static final long DEFAULT_NANOS = 50_000;
  /** The score's ceiling: how many long waits in a row stop polling. */
  static final int MAX_SCORE = 3;
  /** While polling is stopped, one wait in this many polls anyway. */
  static final int PROBE_EVERY = 16;

  /**
   * A yield between two polls that took longer than this means another thread ran on the loop's
   * CPU: on an idle CPU it returns in well under a microsecond.
   */
  static final long CONTENDED_NANOS = 5_000;

  private long budgetNanos;
  /** Starts at 1: a new loop polls until its waits show that polling does not pay. */
  private int score = 1;
  private int waitsSinceProbe;
  /** Since a wait saw another thread run on the loop's CPU, and until a probe finds it free. */
  private boolean shared;
  /** Whether the current wait polls (set by {@link #pollNanos}). */
  private boolean polled;
  /** Whether the current wait saw another thread run on the loop's CPU. */
  private boolean contended;
  /** What {@link #contended()} means in nanoseconds; tests raise it (other JVM threads run too). */
  private long contendedNanos = CONTENDED_NANOS;

  BusyPoll(long budgetNanos) {
    this.budgetNanos = budgetNanos;
  }

  long budgetNanos() {
    return budgetNanos;
  }

  void setBudgetNanos(long nanos) {
    budgetNanos = nanos;
  }

  long contendedNanos() {
    return contendedNanos;
  }

  /** For tests: how long a yield must take to count as contention. */
  void setContendedNanos(long nanos) {
    contendedNanos = nanos;
  }

  /**
   * How long to poll before blocking, for a wait of at most {@code timeoutNanos} (negative: no
   * limit): 0 to block at once, {@code timeoutNanos} itself when it is within the budget (poll
   * until the timer is due, then do not block), else the budget.
   */
  long pollNanos(long timeoutNanos) {
    polled = false;
    if (budgetNanos <= 0) {
      return 0;
    }
    if (timeoutNanos >= 0 && timeoutNanos <= budgetNanos) {
      polled = true;
      return timeoutNanos;
    }
    if (score > 0 && !shared) {
      polled = true;
      return budgetNanos;
    }
    if (++waitsSinceProbe >= PROBE_EVERY) {
      waitsSinceProbe = 0;
      polled = true;
      return budgetNanos;
    }
    return 0;
  }

  /**
   * Another thread ran on the loop's CPU while the loop polled (a yield between polls took longer
   * than {@link #CONTENDED_NANOS}): the CPU is shared, and polling only delays whoever needs it
   * (a process on the same CPU serving the loop's peer, for instance). The current wait stops
   * polling, and from the next one only probes poll until one of them finds the CPU free; blocked
   * waits meanwhile count for nothing (they are short because the peer shares the CPU).
   */
  void contended() {
    contended = true;
  }

  /** Records the current wait, which lasted {@code nanos}, polling included. */
  void waited(long nanos) {
    if (contended) {
      shared = true;
      score = 0;
    } else if (!shared || polled) {
      shared = false; // a probe that saw no other thread: the CPU is the loop's again
      if (nanos <= budgetNanos) {
        if (score < MAX_SCORE) {
          score++;
        }
      } else if (score > 0) {
        score--;
      }
    }
    contended = false;
    polled = false;
  }

  /** Whether the next wait beyond the budget would poll first (for tests and dumps). */
  boolean polling() {
    return budgetNanos > 0 && score > 0 && !shared;
  }
}
