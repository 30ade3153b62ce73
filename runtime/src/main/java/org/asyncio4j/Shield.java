package org.asyncio4j;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@link Asyncio#shield}: Python's {@code asyncio.shield} (CPython 3.13 {@code tasks.py}).
 *
 * <p>The awaitable is turned into a future (a coroutine becomes a task) and an outer future
 * mirrors its outcome. Cancelling the outer future (for instance because the task awaiting it is
 * cancelled) leaves the inner one running; cancelling the inner one cancels the outer one.
 */
final class Shield {
  private Shield() {}

  static <T> Future<T> shield(Awaitable<T> awaitable) {
    Objects.requireNonNull(awaitable, "awaitable");
    Future<T> inner;
    if (awaitable instanceof Future) {
      inner = (Future<T>) awaitable;
    } else {
      inner = EventLoop.requireRunning("shield").createTask((Coroutine<T>) awaitable);
    }
    if (inner.isDone()) {
      return inner; // shortcut, as in CPython
    }
    Outer<T> outer = new Outer<>(inner);
    Consumer<Future<T>> innerDone =
        i -> {
          if (outer.isCancelled()) {
            if (!i.isCancelled()) {
              i.exception(); // mark retrieved: nobody can see it through the outer future
            }
            return;
          }
          if (outer.isDone()) {
            return;
          }
          if (i.isCancelled()) {
            outer.cancel();
          } else {
            Throwable e = i.exception();
            if (e != null) {
              outer.finish(null, e);
            } else {
              outer.setResult(i.result());
            }
          }
        };
    inner.addDoneCallback(innerDone);
    outer.addDoneCallback(
        o -> {
          if (!inner.isDone()) {
            inner.removeDoneCallback(innerDone);
          }
        });
    return outer;
  }

  /**
   * The future {@code shield} returns: a plain future that also knows what it shields, so that
   * task dumps and async stack traces can follow a task awaiting it to the shielded task (as if it
   * awaited that task directly, marked as a shield).
   */
  static final class Outer<T> extends Future<T> {
    final Future<T> inner;

    Outer(Future<T> inner) {
      super(inner.loop);
      this.inner = inner;
    }

    /** {@code task 'saver'} for a task, else the inner future's own text. */
    String describeInner() {
      return inner instanceof Task
          ? "task '" + ((Task<?>) inner).getName() + "'"
          : inner.toString();
    }
  }
}
