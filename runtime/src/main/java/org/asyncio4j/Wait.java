package org.asyncio4j;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The coroutine of {@link Asyncio#wait(Collection, ReturnWhen, double)}: Python's {@code
 * asyncio.wait} (CPython 3.13 {@code tasks.py}, {@code _wait}).
 *
 * <p>It registers a done callback on every future, suspends until the {@link ReturnWhen}
 * condition holds or the timeout passes, and returns the futures split into done and pending. It
 * never throws {@link TimeoutError} and never cancels anything. Like CPython, a future that
 * finishes with an exception under {@link ReturnWhen#FIRST_EXCEPTION} has its exception marked as
 * retrieved.
 */
final class Wait<T> extends Coroutine<WaitResult<T>> implements Consumer<Future<?>>, Runnable {
  private final Set<Future<T>> futures;
  private final ReturnWhen returnWhen;
  /** Seconds; +infinity means no limit. */
  private final double timeout;

  private Future<Void> waiter;
  private TimerHandle timeoutHandle;
  private int counter;

  /**
   * Checks the arguments at once (the call throws, not the await): an empty collection is an
   * {@link IllegalArgumentException} (Python's {@code ValueError}); so is a coroutine (Python 3.11+
   * raises {@code TypeError}: tasks must be created explicitly).
   */
  @SuppressWarnings("unchecked")
  Wait(Collection<? extends Awaitable<T>> awaitables, ReturnWhen returnWhen, double timeout) {
    Objects.requireNonNull(awaitables, "awaitables");
    Objects.requireNonNull(returnWhen, "returnWhen");
    if (Double.isNaN(timeout)) {
      throw new IllegalArgumentException("wait: the timeout is NaN");
    }
    if (awaitables.isEmpty()) {
      throw new IllegalArgumentException("Set of Tasks/Futures is empty.");
    }
    Set<Future<T>> fs = new LinkedHashSet<>();
    for (Awaitable<T> a : awaitables) {
      Objects.requireNonNull(a, "wait: an awaitable is null");
      if (a instanceof Coroutine) {
        throw new IllegalArgumentException(
            "Passing coroutines to wait() is forbidden (as in Python 3.11+): wrap each one in a"
                + " task with Asyncio.createTask(...) first, and pass the tasks. Got " + a);
      }
      fs.add((Future<T>) a);
    }
    this.futures = fs;
    this.returnWhen = returnWhen;
    this.timeout = timeout;
  }

  @Override
  protected void resume() {
    switch (label) {
      case 0:
        EventLoop loop = task.loop;
        waiter = new Future<>(loop);
        if (timeout != Double.POSITIVE_INFINITY) {
          timeoutHandle = loop.callLater(timeout, this);
        }
        counter = futures.size();
        for (Future<T> f : futures) {
          f.addDoneCallback(this);
        }
        if (!await(waiter, 1)) {
          return;
        }
        // fall through
      case 1:
        try {
          awaitResult();
        } finally {
          if (timeoutHandle != null) {
            timeoutHandle.cancel();
          }
          for (Future<T> f : futures) {
            f.removeDoneCallback(this);
          }
        }
        Set<Future<T>> done = new LinkedHashSet<>();
        Set<Future<T>> pending = new LinkedHashSet<>();
        for (Future<T> f : futures) {
          (f.isDone() ? done : pending).add(f);
        }
        complete(new WaitResult<>(done, pending));
        return;
      default:
        throw new IllegalStateException("bad label " + label);
    }
  }

  /** A future is done (Python's {@code _on_completion}). */
  @Override
  public void accept(Future<?> f) {
    counter--;
    if (counter <= 0
        || returnWhen == ReturnWhen.FIRST_COMPLETED
        || (returnWhen == ReturnWhen.FIRST_EXCEPTION
            && !f.isCancelled()
            && f.exception() != null)) {
      if (timeoutHandle != null) {
        timeoutHandle.cancel();
      }
      run();
    }
  }

  /** The timeout passed, or the condition holds: wake the waiting coroutine. */
  @Override
  public void run() {
    if (!waiter.isDone()) {
      waiter.setResult(null);
    }
  }

  /** The futures waited for, for task dumps. */
  Set<Future<T>> awaitedFutures() {
    return futures;
  }

  @Override
  protected String describe() {
    return "wait(" + futures.size() + " futures, " + returnWhen + ")";
  }
}
