package org.asyncio4j;

import java.util.ArrayDeque;

/**
 * Common base of the synchronization primitives and queues (Python's {@code
 * mixins._LoopBoundMixin}): such an object is created without a loop and binds to the running event
 * loop the first time a task has to wait on it. Using it uncontended never binds it; making a task
 * wait on it from a second loop fails with an {@link IllegalStateException}.
 *
 * <p>It also holds what every primitive shares: the pre-allocated completed awaitables returned on
 * uncontended paths, and the FIFO waiter-queue operations.
 */
abstract class LoopBound {
  /**
   * The completed {@code true} returned by uncontended acquires and waits. Immutable (a {@code
   * Coroutine.of} value can be awaited any number of times, by any loop), so one instance serves
   * every object: returning it allocates nothing.
   */
  static final Coroutine<Boolean> TRUE = Coroutine.of(true);

  /** The completed {@code false} returned by {@code exitAsync} (an exit never suppresses). */
  static final Coroutine<Boolean> FALSE = Coroutine.of(false);

  private EventLoop loop;

  LoopBound() {}

  /**
   * A new pending waiter future on {@code running} (the loop of the task about to wait), binding
   * this object to that loop on first use.
   *
   * @throws IllegalStateException if the object is already bound to another loop
   */
  final <W> Future<W> newWaiter(EventLoop running) {
    bind(running);
    return new Future<>(running);
  }

  /**
   * Binds this object to {@code running} (the loop of the task about to wait) on first use.
   *
   * @throws IllegalStateException if the object is already bound to another loop
   */
  final void bind(EventLoop running) {
    EventLoop bound = loop;
    if (bound == null) {
      loop = running;
    } else if (bound != running) {
      throw new IllegalStateException(
          this
              + " is bound to a different event loop: it was first waited on from "
              + bound
              + " and cannot be waited on from "
              + running
              + ". Create one object per event loop.");
    }
  }

  /** Whether this object is bound to {@code running}. */
  final boolean boundTo(EventLoop running) {
    return loop == running;
  }

  /** Whether {@code waiters} (may be null) holds a waiter that is not cancelled. */
  static boolean anyLive(ArrayDeque<? extends Future<?>> waiters) {
    if (waiters == null || waiters.isEmpty()) {
      return false;
    }
    for (Future<?> w : waiters) {
      if (!w.isCancelled()) {
        return true;
      }
    }
    return false;
  }

  /**
   * A waiter future for the running loop, reusing {@code previous} (a waiter of the caller's own
   * that is done and out of every waiter queue) when it belongs to that loop.
   */
  final <W> Future<W> reuseWaiter(Future<W> previous, EventLoop running) {
    if (previous != null && previous.isDone() && previous.loop == running && loop == running) {
      previous.rearm();
      return previous;
    }
    return newWaiter(running);
  }

  /**
   * Removes waiters from the head of {@code waiters} until one that is not done is found, and
   * completes it with {@code value}. Returns false if there was none.
   */
  static <W> boolean popAndWake(ArrayDeque<Future<W>> waiters, W value) {
    if (waiters == null) {
      return false;
    }
    for (Future<W> w; (w = waiters.pollFirst()) != null; ) {
      if (!w.isDone()) {
        w.setResult(value);
        return true;
      }
    }
    return false;
  }

  /**
   * Completes every waiter of {@code waiters} (may be null) that is not done with {@code value}.
   */
  static <W> void wakeAll(ArrayDeque<Future<W>> waiters, W value) {
    if (waiters == null || waiters.isEmpty()) {
      return;
    }
    for (Future<W> w : waiters) {
      if (!w.isDone()) {
        w.setResult(value);
      }
    }
  }

  /** The number of waiters, for {@code toString}. */
  static int count(ArrayDeque<?> waiters) {
    return waiters == null ? 0 : waiters.size();
  }
}
