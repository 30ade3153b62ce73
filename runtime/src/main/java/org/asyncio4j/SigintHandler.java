package org.asyncio4j;

/**
 * Ctrl-C handling of {@link Asyncio#run}, as Python's {@code asyncio.Runner}: the first SIGINT
 * cancels the main task (so its {@code finally} blocks run and the program shuts down cleanly);
 * {@code run} then throws {@link KeyboardInterrupt}. A second SIGINT while the program is still
 * shutting down ends the process at once, with the JVM's default behaviour.
 *
 * <p>Installed only when SIGINT still has the JVM's default handler (an application that installed
 * its own keeps it) and only while {@code run} runs.
 */
final class SigintHandler {
  private final EventLoop loop;
  private final Task<?> mainTask;
  private final Object previous;
  private volatile int interrupts;

  private SigintHandler(EventLoop loop, Task<?> mainTask, Object previous) {
    this.loop = loop;
    this.mainTask = mainTask;
    this.previous = previous;
  }

  /** Installs the handler for a run of {@code mainTask}; null if SIGINT cannot be handled here. */
  static SigintHandler install(EventLoop loop, Task<?> mainTask) {
    if (!Signals.isSupported()) {
      return null;
    }
    SigintHandler[] self = new SigintHandler[1];
    Object previous = Signals.install("INT", () -> self[0].onSigint());
    if (previous == null) {
      return null;
    }
    if (!Signals.isDefault(previous)) {
      Signals.restore("INT", previous); // someone else handles Ctrl-C: leave it to them
      return null;
    }
    self[0] = new SigintHandler(loop, mainTask, previous);
    return self[0];
  }

  private void onSigint() {
    if (++interrupts == 1) {
      try {
        loop.callSoonThreadsafe(
            () -> {
              if (!mainTask.isDone()) {
                mainTask.cancel();
              }
            });
        return;
      } catch (IllegalStateException closed) {
        // the loop is already closed: fall through to the default behaviour
      }
    }
    Signals.restore("INT", previous);
    Signals.raise("INT");
  }

  boolean interrupted() {
    return interrupts > 0;
  }

  void uninstall() {
    Signals.restore("INT", previous);
  }

  /**
   * Makes an uncaught {@link KeyboardInterrupt} in the current thread end the process as a SIGINT
   * would (status 130), after printing it, as Python does; other uncaught exceptions go to the
   * thread's previous handler.
   */
  static void exitBySigintIfUncaught() {
    Thread t = Thread.currentThread();
    Thread.UncaughtExceptionHandler prev = t.getUncaughtExceptionHandler();
    if (prev instanceof ExitBySigint) {
      return;
    }
    t.setUncaughtExceptionHandler(new ExitBySigint(prev));
  }

  private static final class ExitBySigint implements Thread.UncaughtExceptionHandler {
    private final Thread.UncaughtExceptionHandler previous;

    ExitBySigint(Thread.UncaughtExceptionHandler previous) {
      this.previous = previous;
    }

    @Override
    public void uncaughtException(Thread t, Throwable e) {
      previous.uncaughtException(t, e);
      if (e instanceof KeyboardInterrupt) {
        System.exit(130); // 128 + SIGINT: what shells report for a process ended by Ctrl-C
      }
    }
  }
}
