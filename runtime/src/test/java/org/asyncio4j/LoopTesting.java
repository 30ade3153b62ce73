package org.asyncio4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Helpers shared by the runtime-core tests (EventLoopTest, TaskTest, FutureTest, ...). */
final class LoopTesting {
  private LoopTesting() {}

  /** Virtual time, debug mode off whatever the environment says. */
  static RunOptions vt() {
    return RunOptions.create().virtualTime(true).debug(false);
  }

  /** Real time, debug mode off whatever the environment says. */
  static RunOptions realTime() {
    return RunOptions.create().virtualTime(false).debug(false);
  }

  /** {@code a} typed as an awaitable of Object, for awaiting a {@code Task<?>} in Coros helpers. */
  @SuppressWarnings("unchecked")
  static Awaitable<Object> any(Awaitable<?> a) {
    return (Awaitable<Object>) a;
  }

  /** An exception handler that records every context it receives. */
  static final class Reports implements BiConsumer<EventLoop, Map<String, Object>> {
    final List<Map<String, Object>> contexts = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void accept(EventLoop loop, Map<String, Object> context) {
      contexts.add(context);
    }

    int size() {
      return contexts.size();
    }

    Map<String, Object> get(int i) {
      return contexts.get(i);
    }

    String message(int i) {
      return String.valueOf(contexts.get(i).get("message"));
    }
  }

  /**
   * Waits (at most 10 s) until {@code loopThread} is blocked inside a selector's native wait, which
   * is where the loop sits when nothing is ready. Lets a test act only once the loop is really
   * blocked, without any sleep-based guess.
   */
  static void awaitBlockedInSelect(Thread loopThread) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (isBlockedInSelect(loopThread)) {
        return;
      }
      Thread.onSpinWait();
      Thread.sleep(1);
    }
    throw new AssertionError(
        "the loop thread never blocked in its selector: " + describe(loopThread));
  }

  static boolean isBlockedInSelect(Thread t) {
    StackTraceElement[] stack = t.getStackTrace();
    if (stack.length == 0 || !stack[0].isNativeMethod()) {
      return false;
    }
    boolean inSelector = false;
    boolean inLoop = false;
    for (StackTraceElement e : stack) {
      if (e.getClassName().contains("SelectorImpl")) {
        inSelector = true;
      }
      if (e.getClassName().equals(EventLoop.class.getName()) && e.getMethodName().equals("block")) {
        inLoop = true;
      }
    }
    return inSelector && inLoop;
  }

  private static String describe(Thread t) {
    StringBuilder sb = new StringBuilder(t.getName()).append(' ').append(t.getState());
    for (StackTraceElement e : t.getStackTrace()) {
      sb.append("\n  at ").append(e);
    }
    return sb.toString();
  }

  /** What a test's interrupter waits for before it interrupts the loop thread. */
  interface LoopThreadState {
    /** Whether {@code loopThread} is where the interrupt must reach it (waits while false). */
    boolean reached(Thread loopThread) throws InterruptedException;
  }

  /**
   * Runs {@code loop} on this thread until a future nobody completes is done, interrupts this
   * thread from another one once {@code state} says the loop got there, and checks that the run
   * ends with a {@link java.util.concurrent.CancellationException} saying so, the interrupt status
   * kept. Closes the loop and clears this thread's interrupt status afterwards.
   */
  static void assertInterruptStopsTheLoop(EventLoop loop, LoopThreadState state)
      throws InterruptedException {
    Thread loopThread = Thread.currentThread();
    Thread interrupter =
        new Thread(
            () -> {
              try {
                while (!state.reached(loopThread)) {
                  Thread.onSpinWait();
                }
              } catch (InterruptedException e) {
                return;
              }
              loopThread.interrupt();
            });
    interrupter.setDaemon(true);
    try {
      Future<String> never = loop.createFuture();
      interrupter.start();
      java.util.concurrent.CancellationException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              java.util.concurrent.CancellationException.class, () -> loop.runUntilComplete(never));
      org.junit.jupiter.api.Assertions.assertTrue(
          e.getMessage().contains("interrupted"), e.getMessage());
      org.junit.jupiter.api.Assertions.assertTrue(
          Thread.currentThread().isInterrupted(), "the interrupt status is kept");
      org.junit.jupiter.api.Assertions.assertFalse(loop.isRunning());
    } finally {
      Thread.interrupted();
      interrupter.interrupt();
      interrupter.join();
      loop.close();
    }
  }

  /** Busy-waits (no sleeping, no yielding to the loop) for at least {@code nanos}. */
  static void busyFor(long nanos) {
    long start = System.nanoTime();
    while (System.nanoTime() - start < nanos) {
      Thread.onSpinWait();
    }
  }

  /** Captures what the {@code org.asyncio4j} System.Logger logs (backed by java.util.logging). */
  static final class CapturedLog implements AutoCloseable {
    /**
     * Copy-on-write: the logger is global, so a watchdog thread (of this or an earlier test's loop)
     * may publish while a test iterates the records.
     */
    final List<LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger("org.asyncio4j");
    private final boolean useParent;
    private final Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };

    CapturedLog() {
      useParent = logger.getUseParentHandlers();
      logger.setUseParentHandlers(false);
      logger.addHandler(handler);
    }

    @Override
    public void close() {
      logger.removeHandler(handler);
      logger.setUseParentHandlers(useParent);
    }
  }
}
