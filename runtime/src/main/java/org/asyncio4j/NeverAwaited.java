package org.asyncio4j;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Debug mode: reports coroutines that were created and never awaited nor scheduled, with the
 * place they were created (Python's {@code RuntimeWarning: coroutine '...' was never awaited} with
 * "Coroutine created at").
 *
 * <p>A coroutine created on the thread of a loop in debug mode registers a small entry (a weak
 * reference, a creation {@link Throwable} carrying the creating task's async stack trace, and a
 * description); the entry is dropped when the coroutine starts. An entry whose coroutine is
 * garbage-collected is reported at the next loop iteration; entries still pending are reported
 * when the loop closes, so the report never depends on the garbage collector. Reports go to the
 * loop's warning sink (the {@code org.asyncio4j} logger, level WARNING).
 *
 * <p>Without a loop in debug mode, creating a coroutine costs one read of {@link
 * EventLoop#debugLoopsRunning}.
 */
final class NeverAwaited {
  private final EventLoop loop;
  private final ReferenceQueue<Coroutine<?>> collected = new ReferenceQueue<>();
  private final Set<Entry> pending = new LinkedHashSet<>();
  /** Entries registered since the last iteration, whose description is not taken yet. */
  private final List<Entry> fresh = new ArrayList<>();

  NeverAwaited(EventLoop loop) {
    this.loop = loop;
  }

  /** Called by the {@link Coroutine} constructor while some loop runs in debug mode. */
  static void created(Coroutine<?> c) {
    if (c instanceof Coroutine.Completed) {
      return;
    }
    EventLoop loop = EventLoop.current();
    if (loop == null || !loop.getDebug()) {
      return;
    }
    NeverAwaited tracker = loop.neverAwaited();
    Throwable site = new CreationSite("coroutine created here", loop.currentTask);
    Entry e = tracker.new Entry(c, site);
    c.awaiting = e; // until it starts (Coroutine.markStarted): no field of its own
    tracker.pending.add(e);
    tracker.fresh.add(e);
  }

  /** Whether some coroutine is tracked. */
  boolean hasPending() {
    return !pending.isEmpty();
  }

  /** Reports the tracked coroutines that were garbage-collected without starting. */
  void poll() {
    if (pending.isEmpty()) {
      fresh.clear();
      return;
    }
    // Describe the coroutines created during this iteration now that their constructors are done
    // (a description may read fields), in case they are collected before anyone asks.
    for (Entry f : fresh) {
      Coroutine<?> c = f.get();
      if (c != null && f.description == null) {
        f.description = describe(c, f.site);
      }
    }
    fresh.clear();
    Entry e;
    while ((e = (Entry) collected.poll()) != null) {
      if (pending.remove(e) && !e.started) {
        report(e, null, "it was garbage-collected without running");
      }
    }
  }

  /** Reports every tracked coroutine (the loop is closing). */
  void reportAll() {
    List<Entry> all = new ArrayList<>(pending);
    pending.clear();
    for (Entry e : all) {
      Coroutine<?> c = e.get();
      e.clear();
      if (!e.started) {
        report(e, c, "it had not run when the event loop closed");
      }
    }
  }

  private void report(Entry e, Coroutine<?> live, String when) {
    String description = live != null ? describe(live, e.site) : e.description;
    if (description == null) {
      description = describe(null, e.site);
    }
    StringBuilder msg = new StringBuilder();
    msg.append("coroutine ").append(description).append(" was never awaited: ").append(when);
    msg.append(" (await it with Await.of, or schedule it with createTask). Coroutine created at:");
    StringWriter sw = new StringWriter();
    e.site.printStackTrace(new PrintWriter(sw));
    String trace = sw.toString();
    msg.append(trace.substring(trace.indexOf('\n')).stripTrailing());
    loop.warningSink.accept(msg.toString());
  }

  /** The tracking entry of one coroutine. */
  final class Entry extends WeakReference<Coroutine<?>> {
    final Throwable site;
    /** Taken at the end of the loop iteration that created the coroutine; null before. */
    String description;
    /** Set when the coroutine starts, from whichever thread starts it. */
    volatile boolean started;

    Entry(Coroutine<?> c, Throwable site) {
      super(c, collected);
      this.site = site;
    }

    /**
     * The coroutine started. Usually on the loop's thread; a coroutine handed to another loop
     * ({@code runCoroutineThreadsafe}) starts on that loop's thread, and the entry is then dropped
     * through this loop's thread-safe queue.
     */
    void started() {
      started = true;
      clear();
      Thread t = loop.thread();
      if (t == null || t == Thread.currentThread()) {
        pending.remove(this);
      } else {
        try {
          loop.callSoonThreadsafe(() -> pending.remove(this));
        } catch (IllegalStateException closed) {
          // the loop closed: its report skips started entries
        }
      }
    }
  }

  /**
   * {@code c.describe()}, or, when {@code c} is gone or its description fails, the method that
   * created it: the first frame of its creation site ({@code org.asyncio4j.Asyncio.sleep()}).
   */
  private static String describe(Coroutine<?> c, Throwable site) {
    if (c != null) {
      try {
        return c.describe();
      } catch (RuntimeException ignored) {
        // fall through to the creation site
      }
    }
    StackTraceElement[] frames = site.getStackTrace();
    return frames.length > 0
        ? frames[0].getClassName() + "." + frames[0].getMethodName() + "()"
        : "(unknown)";
  }
}
