package org.asyncio4j;

import java.util.function.Consumer;

/**
 * The coroutine of {@link Asyncio#waitFor(Awaitable, double)}: Python 3.12+'s {@code wait_for},
 * built on {@link Timeout} like CPython ({@code async with timeout(t): return await aw}).
 *
 * <ul>
 *   <li>A coroutine is awaited inline, in the calling task (as in CPython 3.12+): on timeout the
 *       cancellation interrupts it at its current await, its {@code finally} blocks run, and only
 *       then does {@code waitFor} throw {@link TimeoutError}. A future or task is awaited; on
 *       timeout it is cancelled (the cancellation of the awaiting task propagates to it) and
 *       {@code waitFor} waits until it is done.
 *   <li>If the awaitable suppresses the cancellation and returns a value, that value is returned.
 *   <li>{@code timeout <= 0}: a coroutine is wrapped in a task that is cancelled before it starts,
 *       so its body never runs; an already-done future gives its result at once.
 *   <li>Cancelling the task that awaits {@code waitFor} cancels the awaitable.
 * </ul>
 */
final class WaitFor<T> extends Coroutine<T> implements Consumer<Future<?>> {
  private final Awaitable<T> awaitable;
  /** Seconds; +infinity means no limit. */
  private final double timeout;

  private Future<T> future;
  private Future<Void> waiter;
  private Timeout scope;
  private T value;
  private Throwable error;

  WaitFor(Awaitable<T> awaitable, double timeout) {
    if (awaitable == null) {
      throw new NullPointerException("waitFor(null, ...): the awaitable is null");
    }
    if (Double.isNaN(timeout)) {
      throw new IllegalArgumentException("waitFor: the timeout is NaN");
    }
    this.awaitable = awaitable;
    this.timeout = timeout;
  }

  @Override
  protected void resume() throws Throwable {
    for (; ; ) {
      switch (label) {
        case 0:
          if (timeout <= 0) {
            if (awaitable instanceof Future) {
              future = (Future<T>) awaitable;
            } else {
              future = task.loop.createTask((Coroutine<T>) awaitable);
            }
            if (future.isDone()) {
              complete(future.result());
              return;
            }
            // CPython's _cancel_and_wait(fut): cancel it, then wait until it is done.
            waiter = new Future<>(task.loop);
            future.addDoneCallback(this);
            future.cancel();
            if (!await(waiter, 1)) {
              return;
            }
            continue;
          }
          scope =
              new Timeout(timeout == Double.POSITIVE_INFINITY ? null : task.loop.time() + timeout);
          if (!await(scope.enterAsync(), 2)) {
            return;
          }
          continue;
        case 1:
          try {
            awaitResult();
          } finally {
            future.removeDoneCallback(this);
          }
          try {
            complete(future.result());
          } catch (CancelledError e) {
            throw new TimeoutError(null, e);
          }
          return;
        case 2:
          awaitResult();
          try {
            if (!await(awaitable, 3)) {
              return;
            }
          } catch (Throwable t) {
            error = t;
            label = 4;
          }
          continue;
        case 3:
          try {
            value = awaitResult();
          } catch (Throwable t) {
            error = t;
          }
          // fall through: leave the timeout's block
        case 4:
          if (!await(scope.exitAsync(error), 5)) {
            return;
          }
          continue;
        case 5:
          {
            Boolean suppress = awaitResult();
            Throwable e = error;
            error = null;
            if (e != null) {
              if (Boolean.TRUE.equals(suppress)) {
                complete(null);
                return;
              }
              throw e;
            }
            complete(value);
            return;
          }
        default:
          throw new IllegalStateException("bad label " + label);
      }
    }
  }

  /** The cancelled future is done: release the waiter (Python's {@code _release_waiter}). */
  @Override
  public void accept(Future<?> f) {
    if (!waiter.isDone()) {
      waiter.setResult(null);
    }
  }

  /** The future of the awaitable once it is one (a task or future), else null: for task dumps. */
  Future<?> awaitedFuture() {
    return future;
  }

  @Override
  protected String describe() {
    return "waitFor(" + awaitable + ", " + timeout + ")";
  }
}
