package org.asyncio4j;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The asyncio API: {@code import static org.asyncio4j.Asyncio.*;} and write {@code run}, {@code
 * sleep}, {@code createTask}, {@code gather}, ... as in Python.
 *
 * <p>Durations are seconds as {@code double}, as in Python, with {@link Duration} overloads.
 * Everything except {@link #run} and {@link #runCoroutineThreadsafe} must be called on a running
 * loop's thread (from a coroutine or a callback).
 */
public final class Asyncio {
  private Asyncio() {}

  // ---------------------------------------------------------------------------------------------
  // Running a program.

  /**
   * Runs {@code main} on a new event loop and returns its result (or throws its exception,
   * unwrapped). On exit, tasks still running are cancelled and awaited, the default executor is
   * shut down and the loop is closed. Cannot be called from a running loop.
   */
  public static <T> T run(Coroutine<T> main) {
    return run(main, RunOptions.create());
  }

  /** {@link #run(Coroutine)} with options: debug mode, virtual time. */
  public static <T> T run(Coroutine<T> main, RunOptions options) {
    Objects.requireNonNull(main, "main");
    if (EventLoop.current() != null) {
      throw new IllegalStateException(
          "Asyncio.run() cannot be called from a running event loop: await the coroutine instead"
              + " (or schedule it with createTask)");
    }
    EventLoop loop = EventLoop.create(options);
    try {
      Task<T> task = loop.createTask(main);
      return loop.runUntilComplete(task);
    } finally {
      try {
        cancelAllTasks(loop);
        loop.shutdownDefaultExecutor(300);
      } finally {
        loop.close();
      }
    }
  }

  /** Cancels the tasks still running when the main coroutine finished, and waits for them. */
  private static void cancelAllTasks(EventLoop loop) {
    Set<Task<?>> toCancel = loop.liveTasks();
    if (toCancel.isEmpty()) {
      return;
    }
    for (Task<?> t : toCancel) {
      t.cancel();
    }
    Future<Void> all = loop.createFuture();
    int[] left = {toCancel.size()};
    for (Task<?> t : toCancel) {
      t.addDoneCallback(
          x -> {
            if (--left[0] == 0 && !all.isDone()) {
              all.setResult(null);
            }
          });
    }
    loop.runUntilComplete(all);
    for (Task<?> t : toCancel) {
      if (!t.isCancelled() && t.exception() != null) {
        java.util.Map<String, Object> ctx =
            EventLoop.context("unhandled exception during Asyncio.run() shutdown", t.exception());
        ctx.put("task", t);
        loop.callExceptionHandler(ctx);
      }
    }
  }

  /**
   * Runs {@code coroutine} on {@code loop} from another thread and returns a {@link
   * CompletableFuture} of its result. Python's {@code run_coroutine_threadsafe}.
   */
  public static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coroutine, EventLoop loop) {
    Objects.requireNonNull(coroutine, "coroutine");
    CompletableFuture<T> cf = new CompletableFuture<>();
    loop.callSoonThreadsafe(
        () -> {
          try {
            Task<T> t = loop.createTask(coroutine);
            t.addDoneCallback(
                f -> {
                  if (f.isCancelled()) {
                    cf.cancel(false);
                  } else if (f.exception() != null) {
                    cf.completeExceptionally(f.exception());
                  } else {
                    cf.complete(f.result());
                  }
                });
            cf.whenComplete(
                (v, e) -> {
                  if (cf.isCancelled()) {
                    loop.callSoonThreadsafe(() -> t.cancel());
                  }
                });
          } catch (Throwable e) {
            cf.completeExceptionally(e);
          }
        });
    return cf;
  }

  // ---------------------------------------------------------------------------------------------
  // Sleeping.

  /**
   * A coroutine that completes after {@code delay} seconds (the timer starts when it is awaited).
   * {@code sleep(0)} yields to the loop for exactly one iteration.
   */
  public static Coroutine<Void> sleep(double delay) {
    return new Sleep<>(delay, null);
  }

  /** {@link #sleep(double)} with a {@link Duration}. */
  public static Coroutine<Void> sleep(Duration delay) {
    return new Sleep<>(seconds(delay), null);
  }

  /** A coroutine that completes with {@code result} after {@code delay} seconds. */
  public static <T> Coroutine<T> sleep(double delay, T result) {
    return new Sleep<>(delay, result);
  }

  // ---------------------------------------------------------------------------------------------
  // Tasks.

  /**
   * Schedules {@code coroutine} as a task on the running loop; it starts when the caller next
   * yields to the loop. The loop keeps the task alive until it is done.
   */
  public static <T> Task<T> createTask(Coroutine<T> coroutine) {
    return EventLoop.requireRunning("createTask").createTask(coroutine, null);
  }

  /** {@link #createTask(Coroutine)} with a name. */
  public static <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
    return EventLoop.requireRunning("createTask").createTask(coroutine, name);
  }

  /** The task running on this thread's loop, or null in a plain callback. */
  public static Task<?> currentTask() {
    return EventLoop.requireRunning("currentTask").currentTask;
  }

  /** The tasks of the running loop that are not done yet. */
  public static Set<Task<?>> allTasks() {
    return EventLoop.requireRunning("allTasks").liveTasks();
  }

  /** The loop running on this thread. {@link IllegalStateException} if none. */
  public static EventLoop getRunningLoop() {
    return EventLoop.requireRunning("getRunningLoop");
  }

  // ---------------------------------------------------------------------------------------------
  // Threads and JDK futures.

  /**
   * A coroutine that runs {@code fn} on the loop's default thread pool, keeping the loop free, and
   * completes with its result. Python's {@code asyncio.to_thread}.
   */
  public static <T> Coroutine<T> toThread(Callable<T> fn) {
    Objects.requireNonNull(fn, "fn");
    return new ToThread<>(fn);
  }

  /**
   * A future of the running loop that completes, on the loop thread, when {@code stage} completes.
   * Python's {@code asyncio.wrap_future}.
   */
  public static <T> Future<T> wrapFuture(CompletionStage<T> stage) {
    Objects.requireNonNull(stage, "stage");
    return StageFuture.wrap(EventLoop.requireRunning("wrapFuture"), stage);
  }

  /**
   * The future for {@code awaitable}: a future or task as it is, a coroutine wrapped in a new task
   * of the running loop. Python's {@code asyncio.ensure_future}.
   */
  public static <T> Future<T> ensureFuture(Awaitable<T> awaitable) {
    Objects.requireNonNull(awaitable, "awaitable");
    if (awaitable instanceof Future) {
      return (Future<T>) awaitable;
    }
    return createTask((Coroutine<T>) awaitable);
  }

  static double seconds(Duration d) {
    Objects.requireNonNull(d, "duration");
    return d.getSeconds() + d.getNano() * 1e-9;
  }

  /** The coroutine of {@link #toThread}: submits on first run, then awaits the executor's future. */
  private static final class ToThread<T> extends Coroutine<T> {
    private final Callable<T> fn;

    ToThread(Callable<T> fn) {
      this.fn = fn;
    }

    @Override
    protected void resume() {
      switch (label) {
        case 0:
          if (!await(task.loop.runInExecutor(null, fn), 1)) {
            return;
          }
          // fall through
        case 1:
          complete(awaitResult());
          return;
        default:
          throw new IllegalStateException("bad label " + label);
      }
    }

    @Override
    protected String describe() {
      return "toThread(" + fn + ")";
    }
  }
}
