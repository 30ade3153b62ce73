package org.asyncio4j;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The iterable of {@link Asyncio#asCompleted(Collection, double)}: Python's {@code
 * asyncio.as_completed} used as a plain iterator (CPython 3.13 {@code _AsCompletedIterator}).
 *
 * <p>At the call, coroutines are wrapped in tasks (an awaitable passed twice counts once) and, if
 * there is a timeout, its timer starts. The iterable then yields one coroutine per awaitable; each,
 * when awaited, waits for the next awaitable to finish (in completion order) and returns its
 * result or throws its exception. Once the timeout has passed, the coroutines of the awaitables
 * still unfinished throw {@link TimeoutError}; nothing is cancelled.
 *
 * <p>Like Python's, it is a single-use iterator: {@link #iterator()} returns this object. It can
 * also be consumed with {@code async for} ({@link #asyncIterator()}), which yields the original
 * futures and tasks in completion order (Python 3.13's {@code async for t in as_completed(...)}).
 */
final class AsCompleted<T>
    implements AsCompletedIterable<T>, Iterator<Coroutine<T>>, Consumer<Future<?>>, Runnable {
  private static final Coroutine<Boolean> NO_MORE = Coroutine.of(false);

  /** Put in {@link #done} for each unfinished future when the timeout passes. */
  private static final Object TIMED_OUT = new Object();

  private final Set<Future<T>> todo = new LinkedHashSet<>();
  private final ArrayDeque<Object> done = new ArrayDeque<>();
  private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();
  private final EventLoop loop;
  private TimerHandle timeoutHandle;
  private int todoLeft;

  @SuppressWarnings("unchecked")
  AsCompleted(Collection<? extends Awaitable<T>> awaitables, double timeout) {
    Objects.requireNonNull(awaitables, "awaitables");
    if (Double.isNaN(timeout)) {
      throw new IllegalArgumentException("asCompleted: the timeout is NaN");
    }
    loop = EventLoop.requireRunning("asCompleted");
    Map<Awaitable<T>, Boolean> seen = new IdentityHashMap<>();
    for (Awaitable<T> a : awaitables) {
      Objects.requireNonNull(a, "asCompleted: an awaitable is null");
      if (seen.put(a, Boolean.TRUE) != null) {
        continue;
      }
      todo.add(a instanceof Future ? (Future<T>) a : loop.createTask((Coroutine<T>) a));
    }
    for (Future<T> f : todo) {
      f.addDoneCallback(this);
    }
    if (!todo.isEmpty() && timeout != Double.POSITIVE_INFINITY) {
      timeoutHandle = loop.callLater(timeout, this);
    }
    todoLeft = todo.size();
  }

  /** This object: the iteration is single-use, like Python's iterator. */
  @Override
  public Iterator<Coroutine<T>> iterator() {
    return this;
  }

  @Override
  public boolean hasNext() {
    return todoLeft > 0;
  }

  /**
   * A coroutine returning the result of the next awaitable to finish (or throwing its exception,
   * or {@link TimeoutError} once the timeout has passed).
   */
  @Override
  public Coroutine<T> next() {
    if (todoLeft == 0) {
      throw new NoSuchElementException("asCompleted: every awaitable has been handed out");
    }
    todoLeft--;
    return new WaitForOne();
  }

  /**
   * Async iteration over the original futures and tasks, in completion order: {@code for
   * (Future<T> f : Await.each(asCompleted(...)))}. Shares the single-use iteration with {@link
   * #iterator()}. Once the timeout has passed, the next {@code hasNext()} throws {@link
   * TimeoutError}.
   */
  @Override
  public AsyncIterator<Future<T>> asyncIterator() {
    return new AsyncIterator<>() {
      private Future<T> next;

      @Override
      public Awaitable<Boolean> hasNext() {
        if (todoLeft == 0) {
          return NO_MORE;
        }
        todoLeft--;
        return new Waiter<Boolean>() {
          @Override
          Boolean deliver(Future<T> f) {
            next = f;
            return true;
          }
        };
      }

      @Override
      public Future<T> next() {
        Future<T> f = next;
        if (f == null) {
          throw new NoSuchElementException("asCompleted: await hasNext() before next()");
        }
        next = null;
        return f;
      }
    };
  }

  /** The timeout passed (Python's {@code _handle_timeout}). */
  @Override
  public void run() {
    for (Future<T> f : todo) {
      f.removeDoneCallback(this);
      put(TIMED_OUT);
    }
    todo.clear();
  }

  /** A future is done (Python's {@code _handle_completion}). */
  @Override
  public void accept(Future<?> f) {
    if (todo.isEmpty()) {
      return; // the timeout came first
    }
    todo.remove(f);
    put(f);
    if (todo.isEmpty() && timeoutHandle != null) {
      timeoutHandle.cancel();
    }
  }

  private void put(Object item) {
    done.add(item);
    wakeGetter();
  }

  private void wakeGetter() {
    Future<Void> g;
    while ((g = getters.poll()) != null) {
      if (!g.isDone()) {
        g.setResult(null);
        return;
      }
    }
  }

  /** Python's {@code _wait_for_one(resolve=True)}: the next result, or its exception. */
  private final class WaitForOne extends Waiter<T> {
    @Override
    T deliver(Future<T> f) {
      return f.result();
    }
  }

  /**
   * Python's {@code _wait_for_one}: waits for the next finished future (or the timeout) and
   * completes with {@link #deliver} of it.
   */
  private abstract class Waiter<R> extends Coroutine<R> {
    private Future<Void> getter;

    abstract R deliver(Future<T> f);

    @Override
    @SuppressWarnings("unchecked")
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            if (!done.isEmpty()) {
              Object item = done.poll();
              if (item == TIMED_OUT) {
                throw new TimeoutError();
              }
              complete(deliver((Future<T>) item));
              return;
            }
            getter = new Future<>(loop);
            getters.add(getter);
            if (!await(getter, 1)) {
              return;
            }
            // fall through
          case 1:
            try {
              awaitResult();
            } catch (Throwable t) {
              // Cancelled while waiting: let another waiter take an item meant for this one.
              getters.remove(getter);
              if (!done.isEmpty()) {
                wakeGetter();
              }
              throw t;
            }
            label = 0;
            continue;
          default:
            throw new IllegalStateException("bad label " + label);
        }
      }
    }

    @Override
    protected String describe() {
      return "asCompleted.next()";
    }
  }
}
