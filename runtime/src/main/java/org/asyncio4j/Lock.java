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
 * takes it at once and returns the lock's one done {@link Acquiring} coroutine: awaiting it never
 * suspends and nothing is allocated. Otherwise it returns a coroutine that, when awaited, queues a
 * waiter future (bound to the running loop) and suspends until it is woken. Awaited directly
 * ({@code Await.of(lock.acquire())}, or {@code try (lock)} on a variable typed {@code Lock}) it runs
 * in the await itself, chosen by the Java compiler from the type {@link Acquiring}, without a
 * coroutine of its own on the task's chain. The lock reuses the last such coroutine that
 * completed, with its waiter, once it has been awaited (await it once), so hand-offs under
 * contention allocate nothing in steady state.
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

  /**
   * The last contended acquire that completed, reused with its waiter future by the next contended
   * acquire once its task has dropped it (see {@link Queue}): hand-offs allocate nothing in steady
   * state.
   */
  private Acquiring spare;

  /**
   * What every acquire that took the lock during the call returns outside debug mode: one done
   * coroutine, awaited any number of times without change (a task made of it runs a new one).
   */
  private Acquiring doneAcquire;

  /** The last waiter of a contended acquire awaited directly whose wait ended ({@link Waiter}). */
  private Waiter spareWaiter;

  /** A new unlocked lock, not bound to any loop yet. */
  public Lock() {}

  /**
   * Acquires the lock: the awaitable completes with {@code true} once this caller holds it.
   *
   * <p>If the lock is free and nobody waits, it is taken at once, during this call, and the result
   * is a shared completed awaitable (no allocation). Otherwise the returned coroutine waits for the
   * lock when it is awaited, behind every earlier waiter. If the waiting task is cancelled, the
   * lock is not acquired and the {@link CancelledError} propagates.
   *
   * <p>Await it once, as a Python coroutine. Once a contended acquire is done, the lock hands the
   * same object out again for its next contended acquire (hand-offs allocate nothing). Awaiting a
   * kept reference again fails with {@link IllegalStateException} ("cannot await coroutine
   * Lock.acquire() again") while it is done or another task waits in it; between such a later
   * {@code acquire()} and that acquire's own await it is not detected: the stale await acquires the
   * lock and the later acquire's await then fails. Debug mode recycles nothing.
   */
  public Acquiring acquire() {
    if (!locked && !hasLiveWaiter()) {
      locked = true;
      return acquired();
    }
    Acquiring a = spare;
    if (a != null && a.awaitedNow && EventLoop.debugLoopsRunning == 0) {
      a.awaitedNow = false; // done in awaitNow: nothing else to reset
      a.status = Coroutine.LEAF;
      return a;
    }
    if (a != null && a.recyclable()) {
      a.rearm(); // it stays the spare: a handed-out one is not recyclable() until done again
      a.awaitedNow = false;
    } else {
      a = new Acquiring(false);
    }
    if (EventLoop.debugLoopsRunning == 0) {
      a.status = Coroutine.LEAF; // awaited directly, it runs without being pushed (awaitNow)
    }
    return a;
  }

  /** The done acquire (made once), or in debug mode a new one (each coroutine is tracked there). */
  private Acquiring acquired() {
    if (EventLoop.debugLoopsRunning != 0) {
      return new Acquiring(true);
    }
    Acquiring a = doneAcquire;
    if (a == null) {
      a = new Acquiring(true);
      a.status = Coroutine.LEAF; // for good: see Acquiring.awaitNow and Acquiring.forTask
      doneAcquire = a;
    }
    return a;
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
  public Acquiring enterAsync() {
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
    Future<Boolean> w = firstLiveWaiter();
    if (w != null && !w.isDone()) {
      if (w instanceof Waiter) {
        ((Waiter) w).wake();
      } else {
        w.setResult(true);
      }
    } // else none, or woken and about to run and take the lock
  }

  /** Whether a waiter that is not cancelled is queued (waiting, or woken and about to run). */
  private boolean hasLiveWaiter() {
    return firstLiveWaiter() != null;
  }

  /**
   * The first waiter that is not cancelled, dropping the cancelled ones before it (each is also
   * removed by its own acquire when it resumes: removing it first changes nothing). Iterator-free,
   * so that contended acquires allocate nothing.
   */
  private Future<Boolean> firstLiveWaiter() {
    ArrayDeque<Future<Boolean>> ws = waiters;
    if (ws == null) {
      return null;
    }
    Future<Boolean> w;
    while ((w = ws.peekFirst()) != null && w.isCancelled()) {
      ws.pollFirst();
    }
    return w;
  }

  @Override
  public String toString() {
    return "<Lock [" + (locked ? "locked" : "unlocked") + ", waiters:" + count(waiters) + "]>";
  }

  /**
   * What {@link Lock#acquire()} returns: Python's {@code acquire()} coroutine (done already when the
   * lock was free). Await it once. {@code Await.of(lock.acquire())} runs it in the await itself
   * ({@link Coroutine}'s await made for this type); any other await runs it as a coroutine.
   */
  public final class Acquiring extends Coroutine<Boolean> {
    private Future<Boolean> waiter;

    /** The lock was taken during acquire() (the shared {@link Lock#doneAcquire}, or debug mode). */
    private final boolean acquired;

    /** Done in {@link #awaitNow}: nothing but its status to reset for the next contended acquire. */
    private boolean awaitedNow;

    private Acquiring(boolean acquired) {
      this.acquired = acquired;
    }

    @Override
    protected void resume() {
      switch (label) {
        case 0:
          if (acquired) {
            complete(true);
            return;
          }
          if (!locked && !hasLiveWaiter()) {
            locked = true;
            complete(true);
            return;
          }
          waiter = reuseWaiter(waiter, task.loop);
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
          spare = this; // it waited: reusable, with its waiter, once its task has dropped it
          complete(true);
          return;
        default:
          throw new IllegalStateException("bad label " + label);
      }
    }

    /**
     * Python's acquire() run in {@code caller}'s await, without this coroutine being pushed (it is a
     * {@link Coroutine#LEAF}): returns a done coroutine of {@code true} if the lock is taken (the
     * shared done acquire returns it unchanged), else queues a {@link Waiter} in {@code
     * caller.awaiting}, suspends the task on it and returns null. This object is spent at once
     * (awaiting it again fails) and serves the next contended acquire. A general await runs it
     * too, from the task's step ({@link Coroutine#awaitDirectly}).
     */
    @Override
    Object awaitNow(Coroutine<?> caller) {
      if (acquired) {
        return TRUE;
      }
      status = DONE;
      if (spare != this) {
        spare = this;
      }
      if (!locked && !hasLiveWaiter()) {
        locked = true;
        awaitedNow = true;
        return TRUE;
      }
      Task<?> t = caller.task;
      Waiter w = spareWaiter;
      if (w != null && w.loop == t.loop) {
        spareWaiter = null;
        w.rearm();
      } else {
        bind(t.loop);
        w = new Waiter(t.loop);
      }
      w.task = t;
      if (waiters == null) {
        waiters = new ArrayDeque<>();
      }
      waiters.addLast(w);
      caller.awaiting = w;
      t.suspendOn(w);
      awaitedNow = true;
      return null;
    }

    /** The shared done acquire is not handed to a task (which would change it): a new one is. */
    @Override
    Coroutine<Boolean> forTask() {
      if (this == doneAcquire) {
        return new Acquiring(true);
      }
      return super.forTask();
    }

    @Override
    protected String describe() {
      return "Lock.acquire()";
    }
  }

  /**
   * The waiter future of a contended acquire awaited directly ({@link Acquiring#awaitNow}).
   * Like the queue's ({@code Queue.Waiter}): a wake-up marks it done without scheduling the task
   * and schedules the waiter itself; it stays first in the waiters until its turn (no barging). At
   * its turn it leaves the waiters and takes the lock, or, if the task was cancelled after the
   * wake-up, leaves and wakes the next waiter if the lock is free; then it runs the task's step,
   * which reads {@code true} (or raises the CancelledError) in the user's await.
   */
  final class Waiter extends Future<Boolean> implements Runnable {
    /** The waiting task. */
    Task<?> task;

    Waiter(EventLoop loop) {
      super(loop);
    }

    /** Woken by a release: its turn comes in the next loop iteration. */
    void wake() {
      state = FINISHED;
      loop.scheduleRunnable(this);
    }

    /** Cancelling a waiting (not woken) acquire: it leaves the waiters at once. */
    @Override
    public boolean cancel(String msg) {
      if (!super.cancel(msg)) {
        return false; // woken: the task's next step delivers the cancellation
      }
      waiters.remove(this);
      task = null;
      if (!locked) {
        wakeUpFirst(); // Python's acquire() does so when it leaves cancelled
      }
      return true;
    }

    /** The task's turn after a wake-up. */
    @Override
    public void run() {
      Task<?> t = task;
      if (t == null || state != FINISHED) {
        return; // not woken (cannot happen): nothing to do
      }
      waiters.remove(this);
      if (t.cancelPending()) {
        if (!locked) {
          wakeUpFirst(); // woken (or the lock freed) but leaving: let the next waiter have it
        }
      } else {
        locked = true;
        value = true;
      }
      task = null;
      t.step();
      spareWaiter = this; // read by the step: free
    }

    /** What the task waits in, for task dumps. */
    String describe() {
      return "Lock.acquire()";
    }

    /**
     * The frame of the wait in task stacks and dumps: the one an {@link Acquiring} coroutine shows
     * when the acquire runs as a coroutine (as a task, or in debug mode).
     */
    StackTraceElement frame() {
      return new StackTraceElement(Acquiring.class.getName(), "resume", describe(), -1);
    }
  }
}
