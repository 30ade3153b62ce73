package org.asyncio4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Test building blocks: small coroutines written by hand against the state-machine contract of
 * docs/design.md (the processor's output has the same shape), composable so that scenario tests
 * stay short.
 *
 * <pre>{@code
 * Coroutine<String> c = Coros.steps(
 *     Coros.run(() -> log.add("before")),
 *     Coros.await(() -> sleep(1)),
 *     Coros.run(() -> log.add("after")))
 *   .returning(() -> "done");
 * }</pre>
 *
 * <p>{@link #tryCatch} and {@link #tryFinally} await a body coroutine inline (same task) and
 * handle what it throws, which is how a try block around awaits behaves.
 */
final class Coros {
  private Coros() {}

  @FunctionalInterface
  interface Body {
    void run() throws Throwable;
  }

  @FunctionalInterface
  interface Fn<A, R> {
    R apply(A a) throws Throwable;
  }

  @FunctionalInterface
  interface Sink<A> {
    void accept(A a) throws Throwable;
  }

  /** One step of {@link #steps}: run code, or await an awaitable made when the step starts. */
  static final class Step {
    final Body body;
    final Supplier<? extends Awaitable<?>> awaitable;
    final Sink<Object> onResult;

    private Step(Body body, Supplier<? extends Awaitable<?>> awaitable, Sink<Object> onResult) {
      this.body = body;
      this.awaitable = awaitable;
      this.onResult = onResult;
    }
  }

  static Step run(Body body) {
    return new Step(body, null, null);
  }

  static Step await(Supplier<? extends Awaitable<?>> awaitable) {
    return new Step(null, awaitable, null);
  }

  @SuppressWarnings("unchecked")
  static <X> Step await(Supplier<? extends Awaitable<X>> awaitable, Sink<? super X> onResult) {
    return new Step(null, awaitable, (Sink<Object>) (Sink<?>) onResult);
  }

  /** A coroutine running {@code steps} in order, completing with null (see {@link Steps#returning}). */
  static Steps<Void> steps(Step... steps) {
    return new Steps<>(Arrays.asList(steps), () -> null);
  }

  /** A coroutine that awaits {@code a} and completes with {@code f} of its result. */
  static <A, T> Coroutine<T> after(Supplier<? extends Awaitable<A>> a, Fn<? super A, ? extends T> f) {
    Object[] box = new Object[1];
    Steps<T> s = new Steps<>(List.of(await(a, v -> box[0] = v)), null);
    s.result = () -> {
      @SuppressWarnings("unchecked")
      A v = (A) box[0];
      try {
        return f.apply(v);
      } catch (Throwable t) {
        throw Coroutine.<RuntimeException>sneakyThrow(t);
      }
    };
    return s;
  }

  /** A coroutine that sleeps {@code delay} seconds, then completes with {@code value}. */
  static <T> Coroutine<T> sleepThen(double delay, T value) {
    return after(() -> Asyncio.sleep(delay), v -> value);
  }

  /** A coroutine that sleeps {@code delay} seconds, then throws {@code error}. */
  static <T> Coroutine<T> sleepThenThrow(double delay, Throwable error) {
    return after(
        () -> Asyncio.sleep(delay),
        v -> {
          throw error;
        });
  }

  /** A coroutine that throws {@code error} when it starts, without suspending. */
  static <T> Coroutine<T> raising(Throwable error) {
    return new Coroutine<>() {
      @Override
      protected void resume() throws Throwable {
        throw error;
      }
    };
  }

  /**
   * {@code try { return await body; } catch (E e) { return handler(e); }} where the handler may
   * rethrow.
   */
  static <T, E extends Throwable> Coroutine<T> tryCatch(
      Supplier<? extends Coroutine<T>> body, Class<E> type, Fn<? super E, ? extends T> handler) {
    return new Coroutine<>() {
      @Override
      protected void resume() throws Throwable {
        try {
          switch (label) {
            case 0:
              if (!await(body.get(), 1)) {
                return;
              }
            case 1:
              complete(awaitResult());
              return;
            default:
              throw new AssertionError(label);
          }
        } catch (Throwable t) {
          if (type.isInstance(t)) {
            complete(handler.apply(type.cast(t)));
            return;
          }
          throw t;
        }
      }
    };
  }

  /** {@code try { return await body; } finally { cleanup(); }}. */
  static <T> Coroutine<T> tryFinally(Supplier<? extends Coroutine<T>> body, Body cleanup) {
    return new Coroutine<>() {
      @Override
      protected void resume() throws Throwable {
        T value;
        switch (label) {
          case 0:
            try {
              if (!await(body.get(), 1)) {
                return;
              }
            } catch (Throwable t) {
              cleanup.run();
              throw t;
            }
          case 1:
            try {
              value = awaitResult();
            } finally {
              cleanup.run();
            }
            complete(value);
            return;
          default:
            throw new AssertionError(label);
        }
      }
    };
  }

  /**
   * {@code async with cm: return await body} — Python's {@code __aenter__}/{@code __aexit__} rules,
   * as the processor generates them for a try-with-resources over an {@link AsyncCloseable}: await
   * {@code cm.enterAsync()} (a failing enter skips the body and the exit), await the body inline,
   * then await {@code cm.exitAsync(errorOrNull)}; an exit completing with {@code true} suppresses
   * the body's exception (the result is then null), an exit that throws replaces it.
   */
  static <T> Coroutine<T> asyncWith(AsyncCloseable cm, Supplier<? extends Coroutine<T>> body) {
    return SyncCoros.with(cm, entered -> body.get());
  }

  /** The coroutine of {@link #steps}: a hand-written state machine whose label is the step index. */
  static final class Steps<T> extends Coroutine<T> {
    private final List<Step> steps;
    private Supplier<? extends T> result;

    Steps(List<Step> steps, Supplier<? extends T> result) {
      this.steps = new ArrayList<>(steps);
      this.result = result;
    }

    /** The same steps, completing with {@code result.get()} after the last one. */
    <R> Steps<R> returning(Supplier<? extends R> result) {
      return new Steps<>(steps, result);
    }

    @Override
    protected void resume() throws Throwable {
      for (; ; ) {
        int i = label >>> 1;
        boolean resuming = (label & 1) == 1;
        if (resuming) {
          Step s = steps.get(i);
          Object v = awaitResult();
          if (s.onResult != null) {
            s.onResult.accept(v);
          }
          label = (i + 1) << 1;
          continue;
        }
        if (i == steps.size()) {
          complete(result.get());
          return;
        }
        Step s = steps.get(i);
        if (s.body != null) {
          s.body.run();
          label = (i + 1) << 1;
          continue;
        }
        if (!await(s.awaitable.get(), (i << 1) | 1)) {
          return;
        }
      }
    }
  }
}
