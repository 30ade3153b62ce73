package org.asyncio4j;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The future returned by {@link Asyncio#gather}: Python's {@code _GatheringFuture} together with
 * the {@code gather()} function of CPython 3.13's {@code tasks.py}.
 *
 * <ul>
 *   <li>Coroutines are wrapped in tasks when {@code gather} is called; an awaitable passed several
 *       times (the same object) runs once and its result appears at each position.
 *   <li>Without {@code returnExceptions}, the first child to fail (or to be cancelled, which counts
 *       as raising {@link CancelledError}) completes the gather with that exception; the other
 *       children are <em>not</em> cancelled and keep running. With it, every outcome is a list
 *       element: the result, the exception, or the child's {@code CancelledError}.
 *   <li>{@link #cancel(String)} cancels every unfinished child and returns whether any of them
 *       accepted; once they have all finished, the gather completes with a {@code CancelledError}
 *       <em>as its exception</em>: {@link #exception()} returns it and {@link #isCancelled()} is
 *       false, as in CPython (scenario SH-03). Awaiting the gather throws that {@code
 *       CancelledError}, so an awaiting task ends cancelled. A gather that is already done cannot
 *       be cancelled.
 *   <li>Every child's exception is retrieved by the gather, so nothing it consumed is reported as
 *       "never retrieved". A gather that ends with a {@code CancelledError} because it was cancelled
 *       is not reported either (a cancellation is not an error).
 * </ul>
 */
final class Gather<T> extends Future<List<T>> implements Consumer<Future<?>> {
  private final boolean returnExceptions;
  private final List<Future<?>> children;
  private final int childCount;
  private int finished;
  private boolean cancelRequested;
  private String cancelRequestMessage;

  private Gather(EventLoop loop, boolean returnExceptions, List<Future<?>> children, int count) {
    super(loop);
    this.returnExceptions = returnExceptions;
    this.children = children;
    this.childCount = count;
  }

  /** The children, in argument order, for task dumps. */
  List<Future<?>> children() {
    return children;
  }

  /** {@code asyncio.gather(*aws, return_exceptions=returnExceptions)}. */
  static <T> Future<List<T>> gather(
      boolean returnExceptions, Iterable<? extends Awaitable<?>> awaitables) {
    Objects.requireNonNull(awaitables, "awaitables");
    List<Awaitable<?>> args = new ArrayList<>();
    for (Awaitable<?> a : awaitables) {
      args.add(Objects.requireNonNull(a, "gather: an awaitable is null"));
    }
    EventLoop loop = EventLoop.current();
    if (args.isEmpty()) {
      if (loop == null) {
        loop = EventLoop.requireRunning("gather");
      }
      Future<List<T>> outer = new Future<>(loop);
      outer.setResult(new ArrayList<>());
      return outer;
    }
    if (loop == null) {
      for (Awaitable<?> a : args) {
        if (a instanceof Future) {
          loop = ((Future<?>) a).loop;
          break;
        }
      }
      if (loop == null) {
        loop = EventLoop.requireRunning("gather");
      }
    }
    // Python wraps an awaitable passed twice once. A coroutine passed for the first time is still
    // NEW, so only futures and already started coroutines need the identity map, built lazily.
    Map<Awaitable<?>, Future<?>> seen = null;
    List<Future<?>> children = new ArrayList<>(args.size());
    List<Future<?>> unique = new ArrayList<>(args.size());
    for (Awaitable<?> a : args) {
      Future<?> f;
      if (a instanceof Coroutine && ((Coroutine<?>) a).status <= Coroutine.NEW) {
        f = loop.createTask((Coroutine<?>) a);
        if (seen != null) {
          seen.put(a, f);
        }
        unique.add(f);
        children.add(f);
        continue;
      }
      if (seen == null) {
        seen = new IdentityHashMap<>();
        for (Future<?> u : unique) {
          seen.put(u instanceof Task ? ((Task<?>) u).getCoroutine() : u, u);
        }
      }
      f = seen.get(a);
      if (f == null) {
        if (a instanceof Future) {
          f = (Future<?>) a;
          if (f.loop != loop) {
            throw new IllegalArgumentException(
                "gather: " + f + " belongs to a different event loop than the other awaitables");
          }
        } else {
          f = loop.createTask((Coroutine<?>) a);
        }
        seen.put(a, f);
        unique.add(f);
      }
      children.add(f);
    }
    Gather<T> outer = new Gather<>(loop, returnExceptions, children, unique.size());
    List<Future<?>> alreadyDone = new ArrayList<>();
    for (Future<?> f : unique) {
      if (f.isDone()) {
        alreadyDone.add(f);
      } else {
        f.addDoneCallback(outer);
      }
    }
    for (Future<?> f : alreadyDone) {
      outer.accept(f);
    }
    return outer;
  }

  /**
   * Cancels every child that is not done yet. Returns true if at least one of them accepted the
   * cancellation (the gather then completes with a {@link CancelledError} once they have all
   * finished), false if the gather is already done or no child could be cancelled.
   */
  @Override
  public boolean cancel(String msg) {
    if (isDone()) {
      return false;
    }
    boolean any = false;
    for (Future<?> child : children) {
      if (child.cancel(msg)) {
        any = true;
      }
    }
    if (any) {
      cancelRequested = true;
      cancelRequestMessage = msg;
    }
    return any;
  }

  /** A child is done (Python's {@code _done_callback}). */
  @Override
  public void accept(Future<?> child) {
    finished++;
    if (isDone()) {
      if (!child.isCancelled()) {
        child.exception(); // marks it retrieved: the gather consumed it
      }
      return;
    }
    if (!returnExceptions) {
      if (child.isCancelled()) {
        finishWith(child.cancelledError());
        return;
      }
      Throwable e = child.exception();
      if (e != null) {
        finishWith(e);
        return;
      }
    }
    if (finished == childCount) {
      List<T> results = new ArrayList<>(children.size());
      for (Future<?> f : children) {
        Object r;
        if (f.isCancelled()) {
          r = f.cancelledError();
        } else {
          r = f.exception();
          if (r == null) {
            r = f.result();
          }
        }
        @SuppressWarnings("unchecked")
        T t = (T) r;
        results.add(t);
      }
      if (cancelRequested) {
        finishWith(
            child.isCancelled()
                ? child.cancelledError()
                : new CancelledError(cancelRequestMessage));
      } else {
        finish(results, null);
      }
    }
  }

  /** Completes with {@code e} as the exception (a CancelledError too, unlike setException). */
  private void finishWith(Throwable e) {
    finish(null, e);
    if (e instanceof CancelledError) {
      markRetrieved();
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("<gather ").append(stateName());
    sb.append(" children=").append(childCount);
    if (state == FINISHED) {
      if (error != null) {
        sb.append(" exception=").append(error);
      } else {
        sb.append(" result=").append(value);
      }
    }
    return sb.append('>').toString();
  }
}
