package org.asyncio4j;

import java.util.NoSuchElementException;

/**
 * An async generator: Python's {@code async def} with {@code yield}. An {@code @Async} method
 * declared to return {@code AsyncGenerator<T>} yields with {@link Yield#of} and ends with {@code
 * return AsyncGenerator.end();}; it is iterated with {@code for (T x : Await.each(gen)) { ... }}
 * inside another {@code @Async} method.
 *
 * <p>Creating a generator runs nothing. Each {@link #hasNext()} runs the body (inside the awaiting
 * task, like any awaited coroutine) until the next {@code Yield.of}, the end, or an exception; the
 * body may await. Leaving an {@code async for} early (break, return, an exception) awaits {@link
 * #closeAsync()}, which raises {@link GeneratorExit} at the suspended {@code Yield.of} so that the
 * generator's {@code finally} blocks run before control leaves the loop (deterministic, unlike
 * Python's close at garbage collection).
 *
 * <p>Generated code extends this class and implements {@link #resume()} with the same contract as
 * {@link Coroutine}: {@link #await(Awaitable, int)}, {@link #awaitResult()}, plus {@link
 * #yieldValue(Object)} / {@link #afterYield()} around each yield and {@link #complete(Object)} at
 * the end.
 *
 * @param <T> the type of the yielded values
 */
public abstract class AsyncGenerator<T> implements AsyncIterable<T>, AsyncIterator<T> {
  /** Raised at the suspended yield when the generator is closed early: Python's GeneratorExit. */
  public static final class GeneratorExit extends Error {
    private static final long serialVersionUID = 1L;

    GeneratorExit() {
      super("async generator closed", null, false, false);
    }
  }

  private static final AsyncGenerator<Object> ENDED = new Ended();

  /** The generator of {@link #end()}: finished from the start. */
  private static final class Ended extends AsyncGenerator<Object> {
    Ended() {
      super(true);
    }

    @Override
    protected void resume() {
      throw new AssertionError("an ended generator is never resumed");
    }
  }

  /** Where the body continues: 0 before the first step. */
  protected int label;

  private boolean finished;
  private boolean hasValue;
  private T value;
  private boolean closing;

  /** The coroutine running the current step (hasNext or closeAsync), or null between steps. */
  private Step step;

  protected AsyncGenerator() {}

  private AsyncGenerator(boolean finished) {
    this.finished = finished;
  }

  /**
   * The end of an async generator's body: {@code return AsyncGenerator.end();}. Outside generated
   * code it is an already finished, empty generator.
   */
  @SuppressWarnings("unchecked")
  public static <T> AsyncGenerator<T> end() {
    return (AsyncGenerator<T>) ENDED;
  }

  /** Runs the body from {@link #label} until it yields, ends, throws or suspends on an await. */
  protected abstract void resume() throws Throwable;

  /** An async generator is its own iterator (Python's {@code __aiter__} returns self). */
  @Override
  public AsyncIterator<T> asyncIterator() {
    return this;
  }

  /** Runs the body to its next yield (true) or its end (false). */
  @Override
  public Awaitable<Boolean> hasNext() {
    if (hasValue) {
      return Coroutine.of(true);
    }
    if (finished) {
      return Coroutine.of(false);
    }
    if (step != null) {
      throw new IllegalStateException(
          "hasNext() called while the async generator " + describe() + " is already running");
    }
    step = new Step(this, false);
    return step;
  }

  /** The value of the last yield, announced by {@link #hasNext()}. */
  @Override
  public T next() {
    if (!hasValue) {
      throw new NoSuchElementException(
          "next() without a hasNext() that completed with true on " + describe());
    }
    hasValue = false;
    T v = value;
    value = null;
    return v;
  }

  /**
   * Closes the generator early: raises {@link GeneratorExit} at its suspended yield so that its
   * finally blocks run (they may await). A generator that yields again while closing fails with
   * {@link IllegalStateException}, as in Python.
   */
  @Override
  public Awaitable<Void> closeAsync() {
    hasValue = false;
    value = null;
    if (finished || label == 0) {
      finished = true;
      return Coroutine.done();
    }
    if (step != null) {
      throw new IllegalStateException(
          "closeAsync() called while the async generator " + describe() + " is running");
    }
    closing = true;
    Step s = new Step(this, true);
    step = s;
    return s.asVoid();
  }

  /** For diagnostics; generated code returns {@code Class.method(File.java:line)}. */
  protected String describe() {
    String name = getClass().getName();
    return name.substring(name.lastIndexOf('.') + 1);
  }

  // ---------------------------------------------------------------------------------------------
  // The contract for generated code.

  /** Like {@link Coroutine#await(Awaitable, int)}, in the step that runs the body. */
  protected final boolean await(Awaitable<?> awaitable, int next) {
    label = next;
    return step.awaitFor(awaitable, next);
  }

  /** Like {@link Coroutine#await(java.util.concurrent.CompletionStage, int)}. */
  protected final boolean await(java.util.concurrent.CompletionStage<?> stage, int next) {
    label = next;
    return step.awaitFor(stage, next);
  }

  /** Like {@link Coroutine#awaitResult()}. */
  protected final <R> R awaitResult() {
    return step.result();
  }

  /** Like {@link Coroutine#awaitResult(Awaitable)}: the argument only fixes the type. */
  protected final <R> R awaitResult(Awaitable<R> typeWitness) {
    return step.result();
  }

  /** Like {@link Coroutine#awaitResult(java.util.concurrent.CompletionStage)}. */
  protected final <R> R awaitResult(java.util.concurrent.CompletionStage<R> typeWitness) {
    return step.result();
  }

  /** Like {@link Coroutine#awaitResult(Class)}. */
  protected final <R, X extends Throwable> R awaitResult(Class<X> mayThrow) throws X {
    return step.result();
  }

  /** Like {@link Coroutine#awaitResult(Awaitable, Class)}. */
  protected final <R, X extends Throwable> R awaitResult(
      Awaitable<R> typeWitness, Class<X> mayThrow) throws X {
    return step.result();
  }

  /**
   * Like {@link Coroutine#awaitReady(Awaitable, int)}: non-null ({@code TRUE}) when the value is
   * ready, null when {@code resume()} must return. A generator's await goes through the step that
   * runs its body, which keeps the value: {@link #readyResult(Object)} reads it from there.
   */
  protected final Object awaitReady(Awaitable<?> awaitable, int next) {
    return await(awaitable, next) ? Boolean.TRUE : null;
  }

  /** Like {@link Coroutine#awaitReady(java.util.concurrent.CompletionStage, int)}. */
  protected final Object awaitReady(java.util.concurrent.CompletionStage<?> stage, int next) {
    return await(stage, next) ? Boolean.TRUE : null;
  }

  /** Like {@link Coroutine#readyResult(Object)}; the value is the step's, {@code ready} unused. */
  protected final <R> R readyResult(Object ready) {
    return step.result();
  }

  /** Like {@link Coroutine#readyResult(Object, Awaitable)}: the witness only fixes the type. */
  protected final <R> R readyResult(Object ready, Awaitable<R> typeWitness) {
    return step.result();
  }

  /** Like {@link Coroutine#readyResult(Object, java.util.concurrent.CompletionStage)}. */
  protected final <R> R readyResult(
      Object ready, java.util.concurrent.CompletionStage<R> typeWitness) {
    return step.result();
  }

  /** Like {@link Coroutine#readyResult(Object, Class)}. */
  protected final <R, X extends Throwable> R readyResult(Object ready, Class<X> mayThrow) throws X {
    return step.result();
  }

  /** Like {@link Coroutine#readyResult(Object, Awaitable, Class)}. */
  protected final <R, X extends Throwable> R readyResult(
      Object ready, Awaitable<R> typeWitness, Class<X> mayThrow) throws X {
    return step.result();
  }

  /** {@code Yield.of(v)}: hands {@code v} to the iterating loop; {@code resume()} returns next. */
  protected final void yieldValue(T v) {
    if (closing) {
      throw new IllegalStateException(
          "async generator "
              + describe()
              + " yielded while being closed (it caught GeneratorExit):"
              + " let GeneratorExit propagate, or only clean up in finally blocks");
    }
    value = v;
    hasValue = true;
    step.finish(true);
  }

  /**
   * First statement after each yield: throws {@link GeneratorExit} when the generator is being
   * closed, so that the body's finally blocks run.
   */
  protected final void afterYield() {
    if (closing) {
      throw new GeneratorExit();
    }
  }

  /** The end of the body ({@code return AsyncGenerator.end();}); the value is ignored. */
  protected final void complete(T ignored) {
    finished = true;
    step.finish(false);
  }

  /** The coroutine of one step of the body, awaited by hasNext() or closeAsync(). */
  private static final class Step extends Coroutine<Boolean> {
    private final AsyncGenerator<?> generator;
    private final boolean close;

    Step(AsyncGenerator<?> generator, boolean close) {
      this.generator = generator;
      this.close = close;
    }

    boolean awaitFor(Awaitable<?> a, int next) {
      return await(a, next);
    }

    boolean awaitFor(java.util.concurrent.CompletionStage<?> s, int next) {
      return await(s, next);
    }

    <R> R result() {
      return awaitResult();
    }

    void finish(boolean more) {
      generator.step = null;
      complete(more);
    }

    Coroutine<Void> asVoid() {
      Step self = this;
      return new Coroutine<Void>() {
        @Override
        protected void resume() {
          if (label == 0) {
            if (!await(self, 1)) {
              return;
            }
          }
          awaitResult();
          complete(null);
        }
      };
    }

    @Override
    protected void resume() throws Throwable {
      try {
        generator.resume();
      } catch (GeneratorExit e) {
        if (!close) {
          throw e;
        }
        generator.finished = true;
        generator.step = null;
        complete(false);
      } catch (Throwable t) {
        generator.finished = true;
        generator.step = null;
        throw t;
      }
    }

    @Override
    protected String describe() {
      return (close ? "closeAsync " : "hasNext ") + generator.describe();
    }
  }
}
