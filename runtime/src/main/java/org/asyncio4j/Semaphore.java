package org.asyncio4j;

import java.util.ArrayDeque;

/**
 * A counting semaphore for coroutines: Python's {@code asyncio.Semaphore}.
 *
 * <pre>{@code
 * Semaphore slots = new Semaphore(2);
 * try (slots) {           // in an @Async method: Python's "async with slots:"
 *   Await.of(callApi(url));
 * }
 * }</pre>
 *
 * <p>The counter starts at the given value; {@link #acquire()} decrements it or, at zero, waits;
 * {@link #release()} increments it (possibly above the initial value: see {@link BoundedSemaphore})
 * and wakes a waiter. Waiters are served in FIFO order, and a new {@code acquire()} queues behind
 * existing waiters even when the counter is positive.
 *
 * <p><b>Allocation-free fast path.</b> When {@link #isLocked()} is false, {@link #acquire()}
 * decrements the counter at once and returns a shared, already completed awaitable: awaiting it
 * never suspends and nothing is allocated. Otherwise it returns a coroutine that, when awaited,
 * queues a waiter future on the running loop (binding the semaphore to it) and suspends.
 *
 * <p><b>No lost wake-ups</b> (python/cpython#90155). A release hands its unit directly to the first
 * waiter that is not done (the counter is decremented on its behalf when it is woken). A waiter
 * that is cancelled after being woken gives the unit back and wakes the next waiter; a cancelled
 * waiter that was never woken is skipped. Either way, a release is never lost to a cancelled task.
 */
public class Semaphore extends LoopBound implements AsyncCloseable {
  /** The counter, already decremented for woken waiters that have not run yet. */
  int value;

  /**
   * Waiter futures in FIFO order, created on first contention; a woken waiter stays until it runs.
   */
  private ArrayDeque<Future<Boolean>> waiters;

  /** A semaphore with one unit: {@code Semaphore(1)}. */
  public Semaphore() {
    this(1);
  }

  /**
   * A semaphore whose counter starts at {@code value}.
   *
   * @throws IllegalArgumentException if {@code value} is negative (Python's ValueError)
   */
  public Semaphore(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("Semaphore initial value must be >= 0, got " + value);
    }
    this.value = value;
  }

  /**
   * Whether {@link #acquire()} would have to wait: the counter is zero, or tasks are waiting (they
   * come first).
   */
  public boolean isLocked() {
    return value == 0 || anyLive(waiters);
  }

  /**
   * Acquires one unit: the awaitable completes with {@code true} once the unit is this caller's.
   *
   * <p>If {@link #isLocked()} is false, the counter is decremented during this call and the result
   * is a shared completed awaitable (no allocation). Otherwise the returned coroutine waits when it
   * is awaited, behind every earlier waiter. If the waiting task is cancelled, no unit is taken and
   * the {@link CancelledError} propagates.
   */
  public Coroutine<Boolean> acquire() {
    if (!isLocked()) {
      value--;
      return TRUE;
    }
    return new Acquiring();
  }

  /** Releases one unit: increments the counter and wakes the first waiter, if any. */
  public void release() {
    value++;
    wakeUpNext();
  }

  /** {@code async with semaphore}: acquires one unit (see {@link #acquire()}). */
  @Override
  public Coroutine<Boolean> enterAsync() {
    return acquire();
  }

  /** Releases one unit; never suppresses the body's exception. Returns a shared completed false. */
  @Override
  public Coroutine<Boolean> exitAsync(Throwable error) {
    release();
    return FALSE;
  }

  /** Hands one unit to the first waiter that is not done. Returns false if there is none. */
  private boolean wakeUpNext() {
    if (waiters == null || waiters.isEmpty()) {
      return false;
    }
    for (Future<Boolean> w : waiters) {
      if (!w.isDone()) {
        value--;
        w.setResult(true);
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    String name = getClass().getSimpleName();
    return "<"
        + name
        + " ["
        + (isLocked() ? "locked" : "unlocked, value:" + value)
        + ", waiters:"
        + count(waiters)
        + "]>";
  }

  /** The coroutine of a contended {@link #acquire()}. */
  private final class Acquiring extends Coroutine<Boolean> {
    private Future<Boolean> waiter;

    @Override
    protected void resume() {
      switch (label) {
        case 0:
          if (!isLocked()) {
            value--;
            complete(true);
            return;
          }
          waiter = newWaiter(task.loop);
          if (waiters == null) {
            waiters = new ArrayDeque<>();
          }
          waiters.addLast(waiter);
          if (!await(waiter, 1)) {
            return;
          }
          // fall through: the waiter was pending, so this is not reached
        case 1:
          try {
            try {
              awaitResult();
            } finally {
              waiters.remove(waiter);
            }
          } catch (Throwable t) {
            if (waiter.isDone() && !waiter.isCancelled()) {
              // Woken (a unit was handed to us) but not acquiring: give the unit back.
              value++;
            }
            throw t;
          } finally {
            // Units may be free while waiters sleep (given back above, or released while waiters
            // that arrived later had to queue): wake as many as there are units.
            while (value > 0 && wakeUpNext()) {
              // each call hands one unit to one waiter
            }
          }
          complete(true);
          return;
        default:
          throw new IllegalStateException("bad label " + label);
      }
    }

    @Override
    protected String describe() {
      return Semaphore.this.getClass().getSimpleName() + ".acquire()";
    }
  }
}
