package org.asyncio4j;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A condition variable: Python's {@code asyncio.Condition}. It combines a {@link Lock} (several
 * conditions may share one) with a FIFO queue of tasks waiting to be notified.
 *
 * <pre>{@code
 * try (cond) {                                   // in an @Async method: "async with cond:"
 *   Await.of(cond.waitFor(() -> !items.isEmpty()));
 *   item = items.remove();
 * }
 * }</pre>
 *
 * <p>Names that collide with {@code Object}'s final methods take these forms: {@link #waitAsync()}
 * (Python's {@code wait()}), {@link #notifyWaiters(int)} ({@code notify(n)}) and {@link
 * #notifyAllWaiters()} ({@code notify_all()}). Waiting and notifying require the lock to be held
 * ({@link IllegalStateException}, Python's RuntimeError, otherwise).
 *
 * <p>A wait releases the lock, suspends until notified, and re-acquires the lock before it returns
 * <em>or raises</em>: a cancelled wait re-acquires the lock first, then the {@link CancelledError}
 * propagates (the task holds the lock in its {@code finally}/exit code, as with {@code async
 * with}). A waiter that was notified but leaves with an exception (cancelled before it ran) passes
 * its notification on to the next waiter, so a notification is never lost to a cancelled task.
 *
 * <p>Acquiring through the condition has the lock's allocation-free fast path ({@link
 * Lock#acquire()}). Waits always suspend, so they allocate their coroutine and waiter future.
 */
public final class Condition extends LoopBound implements AsyncCloseable {
  private final Lock lock;

  /** Waiter futures in FIFO order; a notified waiter stays until it runs. */
  private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();

  /** A condition with its own new {@link Lock}. */
  public Condition() {
    this(new Lock());
  }

  /** A condition over {@code lock}, which other conditions may share. */
  public Condition(Lock lock) {
    this.lock = Objects.requireNonNull(lock, "lock");
  }

  /** Acquires the underlying lock (see {@link Lock#acquire()}: no allocation when it is free). */
  public Coroutine<Boolean> acquire() {
    return lock.acquire();
  }

  /**
   * Releases the underlying lock.
   *
   * @throws IllegalStateException if it is not locked
   */
  public void release() {
    lock.release();
  }

  /** Whether the underlying lock is held. */
  public boolean isLocked() {
    return lock.isLocked();
  }

  /** {@code async with cond}: acquires the underlying lock. */
  @Override
  public Coroutine<Boolean> enterAsync() {
    return lock.acquire();
  }

  /** Releases the underlying lock; never suppresses. Returns a shared completed false. */
  @Override
  public Coroutine<Boolean> exitAsync(Throwable error) {
    lock.release();
    return FALSE;
  }

  /**
   * Waits until notified (Python's {@code wait()}): when awaited, releases the lock, suspends until
   * {@link #notifyWaiters(int)} or {@link #notifyAllWaiters()} wakes this waiter, re-acquires the
   * lock and completes with {@code true}. The lock is re-acquired even when the wait is cancelled,
   * before the {@link CancelledError} propagates. Waits may wake spuriously: prefer {@link
   * #waitFor(BooleanSupplier)}.
   *
   * <p>The coroutine fails with {@link IllegalStateException} if the lock is not held when it
   * starts.
   */
  public Coroutine<Boolean> waitAsync() {
    return new Waiting();
  }

  /**
   * Waits until {@code predicate} is true (Python's {@code wait_for}): evaluates it, and while it
   * is false, waits ({@link #waitAsync()}) and evaluates it again. Completes with the predicate's
   * final value ({@code true}). The lock must be held whenever a wait is needed.
   */
  public Coroutine<Boolean> waitFor(BooleanSupplier predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return new WaitingFor(predicate);
  }

  /** Wakes one waiting task: {@code notifyWaiters(1)}. */
  public void notifyWaiters() {
    notifyWaiters(1);
  }

  /**
   * Wakes up to {@code n} waiting tasks, first waiters first (Python's {@code notify(n)}). Each
   * woken task re-acquires the lock before its wait returns.
   *
   * @throws IllegalStateException if the lock is not held
   */
  public void notifyWaiters(int n) {
    if (!lock.isLocked()) {
      throw new IllegalStateException("cannot notify on un-acquired lock");
    }
    wake(n);
  }

  /**
   * Wakes every waiting task (Python's {@code notify_all()}).
   *
   * @throws IllegalStateException if the lock is not held
   */
  public void notifyAllWaiters() {
    notifyWaiters(waiters.size());
  }

  private void wake(int n) {
    int woken = 0;
    for (Future<Boolean> w : waiters) {
      if (woken >= n) {
        return;
      }
      if (!w.isDone()) {
        woken++;
        w.setResult(false);
      }
    }
  }

  @Override
  public String toString() {
    return "<Condition ["
        + (lock.isLocked() ? "locked" : "unlocked")
        + ", waiters:"
        + waiters.size()
        + "]>";
  }

  /** The coroutine of {@link #waitAsync()}. */
  private final class Waiting extends Coroutine<Boolean> {
    private Future<Boolean> waiter;

    /** What ended the wait abnormally (the most recent cancellation while re-acquiring wins). */
    private Throwable error;

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            if (!lock.isLocked()) {
              throw new IllegalStateException("cannot wait on un-acquired lock");
            }
            waiter = newWaiter(task.loop); // binds (or checks the loop) before releasing
            lock.release();
            waiters.addLast(waiter);
            if (!await(waiter, 1)) {
              return;
            }
            // fall through: the waiter was pending, so this is not reached
          case 1:
            try {
              awaitResult();
            } catch (Throwable t) {
              error = t;
            }
            waiters.remove(waiter);
            // fall through: re-acquire the lock, even when cancelled
          case 2:
            if (!await(lock.acquire(), 3)) {
              return;
            }
            // fall through
          case 3:
            try {
              awaitResult();
            } catch (CancelledError e) {
              error = e; // keep re-acquiring; the most recent cancellation is raised
              label = 2;
              continue;
            }
            if (error != null) {
              if (waiter.isDone() && !waiter.isCancelled()) {
                wake(1); // we were notified but do not return normally: pass it on
              }
              throw Coroutine.<RuntimeException>sneakyThrow(error);
            }
            complete(true);
            return;
          default:
            throw new IllegalStateException("bad label " + label);
        }
      }
    }

    @Override
    protected String describe() {
      return "Condition.waitAsync()";
    }
  }

  /** The coroutine of {@link #waitFor(BooleanSupplier)}. */
  private final class WaitingFor extends Coroutine<Boolean> {
    private final BooleanSupplier predicate;

    WaitingFor(BooleanSupplier predicate) {
      this.predicate = predicate;
    }

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            if (predicate.getAsBoolean()) {
              complete(true);
              return;
            }
            // fall through
          case 1:
            if (!await(new Waiting(), 2)) {
              return;
            }
            // fall through
          case 2:
            awaitResult();
            if (predicate.getAsBoolean()) {
              complete(true);
              return;
            }
            label = 1;
            continue;
          default:
            throw new IllegalStateException("bad label " + label);
        }
      }
    }

    @Override
    protected String describe() {
      return "Condition.waitFor(" + predicate + ")";
    }
  }
}
