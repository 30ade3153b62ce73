package org.asyncio4j;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The future returned by {@link Asyncio#runCoroutineThreadsafe}: a {@link CompletableFuture} whose
 * blocking reads ({@link #get()}, {@link #get(long, TimeUnit)}, {@link #join()}) let the loop's
 * virtual clock move while a job of that loop's executor ({@code toThread}, {@code runInExecutor})
 * waits in them.
 *
 * <p>Under virtual time the clock stands still while executor work is pending, so that thread
 * results arrive in the same virtual order as in real time. A job that waits for a coroutine of its
 * own loop (say one that sleeps) would then wait forever: the coroutine's timer never becomes due.
 * So while such a job is blocked here, its hold on the clock is released; it is handed back by the
 * loop thread <em>before</em> the result is published, so the clock cannot jump between the result
 * and the job's next step. A wait that ends otherwise (timeout, interrupt, a cancellation from
 * another thread) takes the hold back itself. Threads that are not executor jobs of this loop never
 * hold its clock and wait as in a plain {@code CompletableFuture}.
 */
final class ThreadsafeResult<T> extends CompletableFuture<T> {
  /** A job thread's wait: its state moves from NEW to exactly one of the others. */
  private static final int NEW = 0;
  /** The waiter gave up its hold on the clock and waits. */
  private static final int RELEASED = 1;
  /** The loop took the hold back for the waiter before completing the future. */
  private static final int HANDED_BACK = 2;
  /** The waiter took its hold back itself (its wait ended without the loop's completion). */
  private static final int RETAKEN = 3;
  /** The loop was already completing: the waiter never released its hold. */
  private static final int KEPT = 4;

  private final EventLoop loop;
  private final ConcurrentLinkedQueue<AtomicInteger> waiters = new ConcurrentLinkedQueue<>();
  /** Set by the loop thread before it hands holds back and completes the future. */
  private volatile boolean completing;

  ThreadsafeResult(EventLoop loop) {
    this.loop = loop;
  }

  @Override
  public T get() throws InterruptedException, ExecutionException {
    AtomicInteger w = release();
    try {
      return super.get();
    } finally {
      retake(w);
    }
  }

  @Override
  public T get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    AtomicInteger w = release();
    try {
      return super.get(timeout, unit);
    } finally {
      retake(w);
    }
  }

  @Override
  public T join() {
    AtomicInteger w = release();
    try {
      return super.join();
    } finally {
      retake(w);
    }
  }

  /**
   * Completes the future on the loop thread: first gives back the clock holds of the job threads
   * waiting in it, so that the clock stays held from the moment the result exists.
   */
  void completeOnLoop(T value, Throwable error, boolean cancelled) {
    completing = true;
    for (AtomicInteger w : waiters) {
      if (w.compareAndSet(RELEASED, HANDED_BACK)) {
        loop.beginExternalWork();
      } else {
        w.compareAndSet(NEW, KEPT);
      }
    }
    if (cancelled) {
      cancel(false);
    } else if (error != null) {
      completeExceptionally(error);
    } else {
      complete(value);
    }
  }

  /**
   * Before a blocking wait: a job thread of this future's loop releases its hold on the virtual
   * clock (and wakes the loop to see it). Returns the wait's record, or null if nothing was
   * released.
   */
  private AtomicInteger release() {
    if (isDone() || !loop.isVirtualTime() || EventLoop.jobLoopOfCurrentThread() != loop) {
      return null;
    }
    AtomicInteger w = new AtomicInteger(NEW);
    waiters.add(w);
    // Registered before reading `completing`: either the loop's hand-back sees this record, or
    // this thread sees that the loop is completing and keeps its hold.
    if (completing || !w.compareAndSet(NEW, RELEASED)) {
      w.compareAndSet(NEW, KEPT);
      waiters.remove(w);
      return null;
    }
    loop.releaseExternalWork();
    return w;
  }

  /** After the wait: takes the hold back unless the loop already did. */
  private void retake(AtomicInteger w) {
    if (w == null) {
      return;
    }
    if (w.compareAndSet(RELEASED, RETAKEN)) {
      loop.beginExternalWork();
    }
    waiters.remove(w);
  }
}
