package org.asyncio4j;

import java.util.ArrayDeque;

/**
 * A mutual-exclusion lock for coroutines: Python's {@code asyncio.Lock}.
 *
 * <pre>{@code
 * try (lock) {            // in an @Async method: Python's "async with lock:"
 *   shared.add(id);
 *   Await.of(sleep(1));
 * }
 * }</pre>
 *
 * <p>The lock is <b>fair</b>: waiters acquire it in the order they started waiting, and a task that
 * calls {@link #acquire()} while others wait queues behind them even if the lock happens to be free
 * at that instant. It has no owner: any code may {@link #release()} it. Like everything on the loop
 * it is not thread-safe.
 *
 * <p><b>Allocation-free fast path.</b> When the lock is free and nobody waits, {@link #acquire()}
 * takes it at once and returns a shared, already completed awaitable: awaiting it never suspends
 * and nothing is allocated. Otherwise it returns a coroutine that, when awaited, queues a waiter
 * future (bound to the running loop) and suspends until it is woken.
 *
 * <p><b>No lost wake-ups.</b> {@link #release()} wakes the first waiter that is not cancelled. A
 * waiter that is cancelled after being woken but before it ran passes the wake-up on to the next
 * waiter, so a cancellation can never leave the lock free with waiters asleep.
 *
 * <p>The lock binds to the loop of the first task that waits on it; waiting on it from another loop
 * then fails with {@link IllegalStateException}.
 */
public final class Lock extends LoopBound implements AsyncCloseable {
  private boolean locked;

  /**
   * Waiter futures in FIFO order, created on first contention; a woken waiter stays until it runs.
   */
  private ArrayDeque<Future<Boolean>> waiters;

  /** A new unlocked lock, not bound to any loop yet. */
  public Lock() {}

  /**
   * Acquires the lock: the awaitable completes with {@code true} once this caller holds it.
   *
   * <p>If the lock is free and nobody waits, it is taken at once, during this call, and the result
   * is a shared completed awaitable (no allocation). Otherwise the returned coroutine waits for the
   * lock when it is awaited, behind every earlier waiter. If the waiting task is cancelled, the
   * lock is not acquired and the {@link CancelledError} propagates.
   */
  public Coroutine<Boolean> acquire() {
    if (!locked && !anyLive(waiters)) {
      locked = true;
      return TRUE;
    }
    return new Acquiring();
  }

  /**
   * Releases the lock and wakes the first waiter, if any.
   *
   * @throws IllegalStateException if the lock is not locked (Python's RuntimeError)
   */
  public void release() {
    if (!locked) {
      throw new IllegalStateException("Lock is not acquired: release() of an unlocked lock");
    }
    locked = false;
    wakeUpFirst();
  }

  /** Whether the lock is held. */
  public boolean isLocked() {
    return locked;
  }

  /** {@code async with lock}: acquires the lock (see {@link #acquire()}). */
  @Override
  public Coroutine<Boolean> enterAsync() {
    return acquire();
  }

  /** Releases the lock; never suppresses the body's exception. Returns a shared completed false. */
  @Override
  public Coroutine<Boolean> exitAsync(Throwable error) {
    release();
    return FALSE;
  }

  /**
   * Wakes the first waiter that is neither cancelled nor already woken; does nothing if a woken
   * waiter has not run yet (it will take the lock).
   */
  private void wakeUpFirst() {
    if (waiters == null) {
      return;
    }
    for (Future<Boolean> w : waiters) {
      if (!w.isDone()) {
        w.setResult(true);
        return;
      }
      if (!w.isCancelled()) {
        return; // woken, about to run and take the lock
      }
    }
  }

  @Override
  public String toString() {
    return "<Lock [" + (locked ? "locked" : "unlocked") + ", waiters:" + count(waiters) + "]>";
  }

  /** The coroutine of a contended {@link #acquire()}. */
  private final class Acquiring extends Coroutine<Boolean> {
    private Future<Boolean> waiter;

    @Override
    protected void resume() {
      switch (label) {
        case 0:
          if (!locked && !anyLive(waiters)) {
            locked = true;
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
            awaitResult();
          } catch (Throwable t) {
            waiters.remove(waiter);
            if (!locked) {
              // Woken (or the lock freed) but leaving: let the next waiter have it.
              wakeUpFirst();
            }
            throw t;
          }
          waiters.remove(waiter);
          locked = true;
          complete(true);
          return;
        default:
          throw new IllegalStateException("bad label " + label);
      }
    }

    @Override
    protected String describe() {
      return "Lock.acquire()";
    }
  }
}
