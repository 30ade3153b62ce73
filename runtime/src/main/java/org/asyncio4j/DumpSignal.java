package org.asyncio4j;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The handler of {@link RunOptions#dumpOnSignal}: prints {@link EventLoop#dumpTasks()} to standard
 * error when the process receives the signal ({@code kill -USR2 <pid>}).
 *
 * <p>The dump is made on the loop's thread. If the loop does not answer within a second (a
 * callback blocks it), the handler prints, from the signal thread, where the loop thread is stuck
 * and a best-effort dump read without the loop's cooperation.
 */
final class DumpSignal {
  /** How long the handler waits for the loop to make the dump. */
  static final long ANSWER_MILLIS = 1000;

  private final String name;
  private final Object previous;

  private DumpSignal(String name, Object previous) {
    this.name = name;
    this.previous = previous;
  }

  /** Installs the handler of {@code signal} for {@code loop}; null if no signal or unsupported. */
  static DumpSignal install(EventLoop loop, String signal) {
    if (signal == null) {
      return null;
    }
    String name = signal.toUpperCase(Locale.ROOT);
    if (name.startsWith("SIG")) {
      name = name.substring(3);
    }
    Object previous = Signals.install(name, () -> print(loop, System.err));
    if (previous == null) {
      loop.warningSink.accept(
          "dumpOnSignal: cannot handle SIG" + name + " in this JVM; no task dump on that signal");
      return null;
    }
    return new DumpSignal(name, previous);
  }

  /** Puts back the handler the signal had before. */
  void uninstall() {
    Signals.restore(name, previous);
  }

  /** Prints the dump of {@code loop} to {@code out}; called on the signal thread. */
  static void print(EventLoop loop, PrintStream out) {
    String text;
    try {
      text = loop.dumpTasksThreadsafe().get(ANSWER_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      text = blocked(loop);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (ExecutionException | RuntimeException e) {
      text = "asyncio4j task dump failed: " + e;
    }
    out.print(text);
    out.flush();
  }

  /** The printout when the loop does not answer: its thread's stack, then a racy dump. */
  private static String blocked(EventLoop loop) {
    StringBuilder sb = new StringBuilder();
    Thread t = loop.thread();
    sb.append("The event loop did not answer within ").append(ANSWER_MILLIS).append(" ms");
    if (t != null) {
      sb.append("; its thread '").append(t.getName()).append("' is at:");
      Watchdog.appendStack(sb, t.getStackTrace());
      sb.append('\n');
    } else {
      sb.append('\n');
    }
    sb.append("Tasks (read while the loop runs, may be inconsistent):\n");
    try {
      sb.append(TaskDump.of(loop));
    } catch (RuntimeException e) {
      sb.append("(unavailable: ").append(e).append(")\n");
    }
    return sb.toString();
  }
}
