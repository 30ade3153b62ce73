package org.asyncio4j;

import java.nio.channels.SelectionKey;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Debug mode: a daemon thread that notices a callback, a task step or an I/O handler (run inside
 * the selector poll: a socket's read/write handler, a server's accept handler) running longer than
 * the loop's {@code slowCallbackDuration} and reports, while it is still running, where the loop's
 * thread is blocked (its current stack), through the loop's warning sink.
 *
 * <p>The slow-callback report made after the callback returns says that it was slow; this one says
 * where it is stuck, which is what matters for a blocking call ({@code Thread.sleep}, JDBC, a
 * synchronous HTTP client) or an endless loop that may never return. Started lazily by the first
 * callback a debug-mode loop runs; stopped when the loop stops running. The loop thread pays two
 * volatile writes per callback, in debug mode only. Each blocked callback is reported once.
 */
final class Watchdog implements Runnable {
  private final EventLoop loop;
  private final Thread loopThread;
  private final Thread thread;
  private volatile boolean stopped;
  /** The callback running on the loop (a Task or a Runnable), or null between callbacks. */
  private volatile Object running;
  private volatile long startNanos;
  /** When {@code running} is an {@link IoHandler}: the ready operations and the task it resumes. */
  private volatile int readyOps;

  private volatile Task<?> resumes;
  /** Incremented for each callback: tells a callback apart from the next one. */
  private volatile long sequence;
  private long reported = -1;

  private Watchdog(EventLoop loop, Thread loopThread) {
    this.loop = loop;
    this.loopThread = loopThread;
    this.thread = new Thread(this, "asyncio4j-watchdog-" + loopThread.getName());
    thread.setDaemon(true);
  }

  /** Starts a watchdog for {@code loop}, run by the current thread. */
  static Watchdog start(EventLoop loop) {
    Watchdog w = new Watchdog(loop, Thread.currentThread());
    w.thread.start();
    return w;
  }

  /** The loop thread starts running {@code callback}. */
  void begin(Object callback, long nanos) {
    startNanos = nanos;
    running = callback;
    sequence++;
  }

  /**
   * The loop thread starts running I/O handler {@code h} for the operations {@code ops} (inside
   * the selector poll), about to resume {@code resumes} (null if unknown).
   */
  void beginIo(IoHandler h, int ops, Task<?> resumes, long nanos) {
    startNanos = nanos;
    readyOps = ops;
    this.resumes = resumes;
    running = h;
    sequence++;
  }

  /** The loop thread finished the callback. */
  void end() {
    running = null;
  }

  void stop() {
    stopped = true;
    thread.interrupt();
  }

  @Override
  public void run() {
    while (!stopped) {
      double threshold = loop.getSlowCallbackDuration();
      long period = (long) Math.min(100e6, Math.max(1e6, threshold * 1e9 / 4));
      try {
        TimeUnit.NANOSECONDS.sleep(period);
      } catch (InterruptedException e) {
        if (stopped) {
          return;
        }
      }
      long seq = sequence;
      Object cb = running;
      long start = startNanos;
      int ops = readyOps;
      Task<?> resumed = resumes;
      if (cb == null || seq == reported || seq != sequence) {
        continue;
      }
      double blocked = (System.nanoTime() - start) * 1e-9;
      if (blocked < threshold) {
        continue;
      }
      StackTraceElement[] stack = loopThread.getStackTrace();
      if (running != cb || seq != sequence) {
        continue; // it returned meanwhile: the stack belongs to something else
      }
      reported = seq;
      try {
        loop.warningSink.accept(report(cb, ops, resumed, blocked, threshold, stack));
      } catch (RuntimeException ignored) {
        // a failing sink must not kill the watchdog
      }
    }
  }

  private String report(
      Object cb,
      int ops,
      Task<?> resumed,
      double blocked,
      double threshold,
      StackTraceElement[] stack) {
    StringBuilder sb = new StringBuilder();
    sb.append("Event loop blocked: executing ");
    sb.append(cb instanceof IoHandler ? describeIo(cb, ops, resumed) : describe(cb));
    sb.append(
        String.format(
            Locale.ROOT,
            " for %.3f seconds so far (slowCallbackDuration %.3f); the loop thread '%s' is at:",
            blocked,
            threshold,
            loopThread.getName()));
    appendStack(sb, stack);
    return sb.toString();
  }

  /**
   * Appends {@code stack}, one {@code "\n\tat frame"} line per frame, down to the loop's {@code
   * runForever} frame (the frames below it are the application's entry, not the blockage).
   */
  static void appendStack(StringBuilder sb, StackTraceElement[] stack) {
    int shown = 0;
    for (StackTraceElement e : stack) {
      sb.append("\n\tat ").append(e);
      shown++;
      if (e.getClassName().equals(EventLoop.class.getName())
          && e.getMethodName().equals("runForever")) {
        break;
      }
    }
    if (shown < stack.length) {
      sb.append("\n\t... ").append(stack.length - shown).append(" more");
    }
  }

  /**
   * An I/O handler run inside the selector poll: {@code <I/O handler <SocketTransport ...> ready
   * for read, resuming task 'Task-2' at demo.Shop.fetch(Shop.java:31)>}. The task part is there
   * when the handler knows which task waits on its channel.
   */
  static String describeIo(Object handler, int ops, Task<?> resumes) {
    StringBuilder sb = new StringBuilder("<I/O handler ").append(handler).append(" ready for ");
    String sep = "";
    String[] names = {"read", "write", "connect", "accept"};
    int[] bits = {
      SelectionKey.OP_READ, SelectionKey.OP_WRITE, SelectionKey.OP_CONNECT, SelectionKey.OP_ACCEPT
    };
    for (int i = 0; i < names.length; i++) {
      if ((ops & bits[i]) != 0) {
        sb.append(sep).append(names[i]);
        sep = ",";
      }
    }
    if (sep.isEmpty()) {
      sb.append("nothing");
    }
    if (resumes != null) {
      sb.append(", resuming ").append(taskAt(resumes));
    }
    return sb.append('>').toString();
  }

  /** {@code task 'Task-2' at demo.Shop.fetch(Shop.java:31)}: where the task waits or starts. */
  static String taskAt(Task<?> t) {
    String where;
    try {
      where = String.valueOf(TaskDump.userFrame(t));
    } catch (RuntimeException e) {
      where = "?";
    }
    return "task '" + t.getName() + "' at " + where;
  }

  /** A description readable from this thread: the task's name and its root coroutine. */
  private static String describe(Object cb) {
    if (cb instanceof Task) {
      Task<?> t = (Task<?>) cb;
      return "<Task name='" + t.getName() + "' coro=" + t.getCoroutine().describe() + ">";
    }
    return String.valueOf(cb);
  }
}
