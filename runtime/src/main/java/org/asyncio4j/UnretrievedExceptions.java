package org.asyncio4j;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reports exceptions that a future or task completed with and that nobody retrieved (by awaiting
 * it, or calling {@code result()} or {@code exception()}).
 *
 * <p>asyncio reports them only when the garbage collector finalizes the future, which may be late
 * or never. Here each failed future is tracked by a phantom reference: the report is made as soon
 * as the loop notices the future was collected, and at the latest, deterministically, when the loop
 * closes. The tracking entry holds the exception and a description, never the future itself.
 */
final class UnretrievedExceptions {
  private final EventLoop loop;
  private final ReferenceQueue<Future<?>> collected = new ReferenceQueue<>();
  private final Set<Entry> pending = new LinkedHashSet<>();

  UnretrievedExceptions(EventLoop loop) {
    this.loop = loop;
  }

  /** Tracks the exception {@code future} just finished with; returns the entry the future keeps. */
  Entry track(Future<?> future, Throwable exception) {
    Entry e = new Entry(future, collected, exception);
    pending.add(e);
    loop.unretrievedPending = true;
    loop.updateUnusual();
    return e;
  }

  /** Keeps the loop's {@code unretrievedPending} in step after entries left {@link #pending}. */
  private void removed() {
    loop.unretrievedPending = !pending.isEmpty();
    loop.updateUnusual();
  }

  /** Reports the entries whose futures were garbage-collected. Cheap when there are none. */
  void poll() {
    if (pending.isEmpty()) {
      return;
    }
    Entry e;
    while ((e = (Entry) collected.poll()) != null) {
      if (pending.remove(e)) {
        removed();
        report(e, "was garbage-collected");
      }
    }
  }

  /** Reports every entry still unretrieved (the loop is closing). */
  void reportAll() {
    List<Entry> all = new ArrayList<>(pending);
    pending.clear();
    removed();
    for (Entry e : all) {
      e.clear();
      report(e, "was still unretrieved when the event loop closed");
    }
  }

  private void report(Entry e, String when) {
    Map<String, Object> context = new HashMap<>();
    StringBuilder msg = new StringBuilder();
    msg.append(e.isTask ? "Task exception was never retrieved" : "Future exception was never retrieved");
    msg.append(": ").append(e.description).append(' ').append(when);
    if (e.createdBy != null) {
      msg.append("; created by ").append(e.createdBy);
    }
    if (e.site == null && e.isTask) {
      msg.append(" (run in debug mode to record where tasks are created)");
    }
    msg.append(". Await the task, or call result() or exception(), to handle its exception.");
    if (e.site != null) {
      StringWriter sw = new StringWriter();
      e.site.printStackTrace(new PrintWriter(sw));
      msg.append("\nTask created at:\n")
          .append(sw.toString().replaceFirst("^[^\\n]*\\n", "").stripTrailing());
    }
    context.put("message", msg.toString());
    context.put("exception", e.exception);
    loop.callExceptionHandler(context);
  }

  final class Entry extends PhantomReference<Future<?>> {
    final Throwable exception;
    final boolean isTask;
    final String description;
    final String createdBy;
    final Throwable site;

    Entry(Future<?> future, ReferenceQueue<Future<?>> queue, Throwable exception) {
      super(future, queue);
      this.exception = exception;
      if (future instanceof Task) {
        Task<?> t = (Task<?>) future;
        this.isTask = true;
        this.description = "task '" + t.getName() + "' (coro=" + t.getCoroutine().describe() + ")";
        this.createdBy =
            t.createdBy == null
                ? null
                : "task '"
                    + t.createdBy
                    + "'"
                    + (t.creator == null ? "" : " in " + t.creator.describe());
        this.site = t.creationSite();
      } else {
        this.isTask = false;
        this.description = "future " + future.getClass().getSimpleName() + "@"
            + Integer.toHexString(System.identityHashCode(future));
        this.createdBy = null;
        this.site = null;
      }
    }

    void retrieved() {
      pending.remove(this);
      removed();
      clear();
    }
  }
}
