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
 * <p>Like Python's, it is a single-use iterator: {@link #iterator()} returns this object.
 */
final class AsCompleted<T>
    implements Iterable<Coroutine<T>>, Iterator<Coroutine<T>>, Consumer<Future<?>>, Runnable {
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

  /** Python's {@code _wait_for_one(resolve=True)}. */
  private final class WaitForOne extends Coroutine<T> {
    private Future<Void> getter;

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
              complete(((Future<T>) item).result());
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
