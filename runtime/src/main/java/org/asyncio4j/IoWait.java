package org.asyncio4j;

import java.util.ArrayDeque;

/**
 * A leaf coroutine that waits until a condition holds, for the I/O objects (drain, waitClosed,
 * server shutdown, ...). Each waiting coroutine gets its own future, registered in the owner's
 * queue, so that cancelling one waiter never affects the others; the owner calls {@link #wakeAll}
 * when the condition may have changed, and the condition is checked again.
 */
final class IoWait<T> extends Coroutine<T> {
  /** The condition: true when done; throws to fail the wait. */
  @FunctionalInterface
  interface Condition {
    boolean holds() throws Throwable;
  }

  private final ArrayDeque<Future<Void>> waiters;
  private final Condition condition;
  private final String what;
  private final T value;

  IoWait(ArrayDeque<Future<Void>> waiters, Condition condition, String what) {
    this(waiters, condition, what, null);
  }

  /** Completes with {@code value} once the condition holds. */
  IoWait(ArrayDeque<Future<Void>> waiters, Condition condition, String what, T value) {
    this.waiters = waiters;
    this.condition = condition;
    this.what = what;
    this.value = value;
  }

  @Override
  protected void resume() throws Throwable {
    for (; ; ) {
      if (label == 1) {
        awaitResult();
      }
      if (condition.holds()) {
        complete(value);
        return;
      }
      if (waiters.size() >= 16) {
        waiters.removeIf(Future::isDone); // waiters cancelled meanwhile (timeouts)
      }
      Future<Void> f = new Future<>(task.loop);
      waiters.add(f);
      if (!await(f, 1)) {
        return;
      }
    }
  }

  /** Wakes every registered waiter (each checks its condition again). */
  static void wakeAll(ArrayDeque<Future<Void>> waiters) {
    Future<Void> f;
    while ((f = waiters.poll()) != null) {
      if (!f.isDone()) {
        f.setResult(null);
      }
    }
  }

  @Override
  protected String describe() {
    return what;
  }
}
