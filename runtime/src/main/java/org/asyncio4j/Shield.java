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
    Future<T> outer = new Future<>(inner.loop);
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
}
