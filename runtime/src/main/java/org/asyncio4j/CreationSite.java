package org.asyncio4j;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Debug mode: where a task or a coroutine was created, for the reports of unretrieved exceptions
 * and never-awaited coroutines.
 *
 * <p>Cheap to make: the JVM records its backtrace (as for any exception), and the creating task's
 * await chain is read as source frames ({@link AsyncStackTraces}) while it is still there. The
 * printable stack trace is built only when a report needs it: it starts at the call that created
 * the object (the frames of constructors and of the loop's own machinery are dropped) and has the
 * creating task's async frames before the trampoline's frame, like an async stack trace.
 */
final class CreationSite extends Throwable {
  private static final long serialVersionUID = 1L;

  /** The creating task's async frames (marker first), or null outside a task. */
  private transient List<StackTraceElement> asyncBlock;
  private transient boolean materialized;

  CreationSite(String message, Task<?> creatingTask) {
    super(message);
    if (creatingTask != null && creatingTask.currentCoroutine() != null) {
      List<StackTraceElement> block = new ArrayList<>();
      block.add(AsyncStackTraces.marker(creatingTask));
      AsyncStackTraces.chainFrames(creatingTask.currentCoroutine(), block);
      asyncBlock = block;
    }
  }

  /** Builds the printable stack trace once: trimmed to the creating call, async frames added. */
  private synchronized void materialize() {
    if (materialized) {
      return;
    }
    materialized = true;
    StackTraceElement[] st = super.getStackTrace();
    int k = 0;
    while (k < st.length - 1 && isMachinery(st[k])) {
      k++;
    }
    StackTraceElement[] trimmed = Arrays.copyOfRange(st, k, st.length);
    super.setStackTrace(
        asyncBlock == null ? trimmed : AsyncStackTraces.insert(trimmed, -1, asyncBlock));
    asyncBlock = null;
  }

  private static boolean isMachinery(StackTraceElement e) {
    String c = e.getClassName();
    return e.getMethodName().equals("<init>")
        || c.equals(CreationSite.class.getName())
        || c.equals(NeverAwaited.class.getName())
        || c.equals(Task.class.getName())
        || c.equals(EventLoop.class.getName());
  }

  @Override
  public StackTraceElement[] getStackTrace() {
    materialize();
    return super.getStackTrace();
  }

  @Override
  public void printStackTrace(PrintStream s) {
    materialize();
    super.printStackTrace(s);
  }

  @Override
  public void printStackTrace(PrintWriter s) {
    materialize();
    super.printStackTrace(s);
  }
}
