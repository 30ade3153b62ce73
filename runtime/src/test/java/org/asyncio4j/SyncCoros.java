package org.asyncio4j;

import java.lang.management.ManagementFactory;
import java.util.function.IntFunction;

/**
 * Test building blocks for the synchronization-primitive and queue tests, in the style of {@link
 * Coros}: hand-written state machines following docs/design.md.
 */
final class SyncCoros {
  private SyncCoros() {}

  /** Virtual-time options used by every test. */
  static final RunOptions VT = RunOptions.create().virtualTime(true);

  /** The running loop's clock. */
  static double now() {
    return Asyncio.getRunningLoop().time();
  }

  /**
   * {@code try (cm) { return await body(entered); }} in an {@code @Async} method (Python's {@code
   * async with cm as entered}): awaits {@code enterAsync()} (a failing enter skips the body and the
   * exit), runs the body inline, then awaits {@code exitAsync(errorOrNull)}, which suppresses the
   * body's exception if it completes with true.
   */
  static <T> Coroutine<T> with(AsyncCloseable cm, Coros.Fn<Object, ? extends Coroutine<T>> body) {
    return new Coroutine<>() {
      private Object entered;
      private T value;
      private Throwable error;

      @Override
      protected void resume() throws Throwable {
        for (; ; ) {
          switch (label) {
            case 0:
              if (!await(cm.enterAsync(), 1)) {
                return;
              }
              // fall through
            case 1:
              entered = awaitResult();
              try {
                if (!await(body.apply(entered), 2)) {
                  return;
                }
              } catch (Throwable t) {
                error = t;
                label = 3;
                continue;
              }
              // fall through
            case 2:
              try {
                value = awaitResult();
              } catch (Throwable t) {
                error = t;
              }
              // fall through
            case 3:
              if (!await(cm.exitAsync(error), 4)) {
                return;
              }
              // fall through
            case 4:
              Boolean suppress = awaitResult();
              if (error != null) {
                if (Boolean.TRUE.equals(suppress)) {
                  complete(null);
                  return;
                }
                throw error;
              }
              complete(value);
              return;
            default:
              throw new AssertionError(label);
          }
        }
      }
    };
  }

  /**
   * {@code for i in range(n): await body(i)}, each iteration awaited inline; completes with null.
   */
  static Coroutine<Void> repeat(int n, IntFunction<? extends Awaitable<?>> body) {
    return new Coroutine<>() {
      private int i;

      @Override
      protected void resume() {
        for (; ; ) {
          switch (label) {
            case 0:
              if (i == n) {
                complete(null);
                return;
              }
              if (!await(body.apply(i), 1)) {
                return;
              }
              // fall through
            case 1:
              awaitResult();
              i++;
              label = 0;
              continue;
            default:
              throw new AssertionError(label);
          }
        }
      }
    };
  }

  /**
   * {@code while (!done.get()): await body()}: a loop driven by a condition checked before each
   * pass.
   */
  static Coroutine<Void> loopUntil(
      java.util.function.BooleanSupplier done,
      java.util.function.Supplier<? extends Awaitable<?>> body) {
    return new Coroutine<>() {
      @Override
      protected void resume() {
        for (; ; ) {
          switch (label) {
            case 0:
              if (done.getAsBoolean()) {
                complete(null);
                return;
              }
              if (!await(body.get(), 1)) {
                return;
              }
              // fall through
            case 1:
              awaitResult();
              label = 0;
              continue;
            default:
              throw new AssertionError(label);
          }
        }
      }
    };
  }

  /**
   * {@code try { await a } catch (Throwable e) { return e }}: the awaitable's exception, or null.
   */
  static Coroutine<Throwable> failure(java.util.function.Supplier<? extends Awaitable<?>> a) {
    return new Coroutine<>() {
      @Override
      protected void resume() {
        switch (label) {
          case 0:
            try {
              if (!await(a.get(), 1)) {
                return;
              }
            } catch (Throwable t) {
              complete(t);
              return;
            }
            // fall through
          case 1:
            try {
              awaitResult();
            } catch (Throwable t) {
              complete(t);
              return;
            }
            complete(null);
            return;
          default:
            throw new AssertionError(label);
        }
      }
    };
  }

  /**
   * Bytes allocated by the current thread while {@code r} runs (HotSpot's per-thread allocation
   * counter), or -1 if the JVM cannot measure it.
   */
  static long allocatedBytes(Runnable r) {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    if (!(bean instanceof com.sun.management.ThreadMXBean)) {
      return -1;
    }
    com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) bean;
    if (!sun.isThreadAllocatedMemorySupported() || !sun.isThreadAllocatedMemoryEnabled()) {
      return -1;
    }
    long id = Thread.currentThread().getId();
    sun.getThreadAllocatedBytes(id); // warm up the measurement itself
    long before = sun.getThreadAllocatedBytes(id);
    r.run();
    return sun.getThreadAllocatedBytes(id) - before;
  }
}
