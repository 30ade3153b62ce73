package org.asyncio4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Async stack traces: an exception escaping a coroutine gets the await chain of its task as stack
 * frames, so a failure several awaits deep reads like a synchronous stack trace.
 *
 * <p>The trampoline ({@link Task#step}) runs every coroutine from the same shallow Java stack, so
 * the frames the JVM records name only the innermost coroutine's generated {@code resume()}, never
 * the coroutines that await it. When an exception escapes a coroutine, this class inserts, right
 * before the trampoline's {@code org.asyncio4j.Task.step} frame (at the end when the exception was
 * created outside any step, on another thread for instance), one block per task:
 *
 * <pre>
 * java.lang.IllegalStateException: no such user
 *     at demo.UsersAsync$load.resume(UsersAsync.java:88)      (the JVM's own frames, unchanged)
 *     at asyncio4j.await(task 'Task-2')                        (marker: the await chain of Task-2)
 *     at demo.Users.load(Users.java:31)                        (innermost coroutine first)
 *     at demo.Users.fetch(Users.java:22)
 *     at asyncio4j.await(task 'Task-1')                        (Task-1 awaited Task-2)
 *     at demo.Users.main(Users.java:12)
 *     at org.asyncio4j.Task.step(Task.java:190)               (the JVM's own frames, unchanged)
 * </pre>
 *
 * <p>Each block starts with a marker frame {@code asyncio4j.await(task 'NAME')}, then has one frame
 * per coroutine of the chain, innermost first, from {@link Coroutine#sourceFrame(int)}. The
 * exception's identity and its original frames are kept. A task's block is added once: an
 * exception re-awaited, re-thrown or passed through {@code gather} is not extended again by a task
 * whose marker it already carries; a task awaiting a failed task adds its own block after the
 * failed task's one. {@link CancelledError}s are left as they are (cancellation is control flow,
 * and one error is shared by every awaiter of a cancelled future), as are exceptions whose stack
 * trace is not writable.
 *
 * <p>Nothing happens on the success path: the work is done only when an exception escapes a
 * coroutine, at most once per exception and task.
 */
final class AsyncStackTraces {
  /** The declaring class of marker frames. */
  static final String MARKER_CLASS = "asyncio4j";
  /** The method name of marker frames. */
  static final String MARKER_METHOD = "await";
  /** Coroutine frames kept per block; a longer chain keeps its innermost ones and its root. */
  static final int MAX_FRAMES = 1024;

  private AsyncStackTraces() {}

  /**
   * Adds the await chain of {@code task}, from {@code innermost} out to the task's root coroutine,
   * to {@code t}'s stack trace (see the class comment). Never throws.
   */
  static void attach(Throwable t, Task<?> task, Coroutine<?> innermost) {
    attach(t, task, innermost, null);
  }

  /**
   * {@link #attach(Throwable, Task, Coroutine)} for a failure that reached {@code task} through
   * {@code shield} (null if not): the task's block then starts, after its marker, with a frame
   * {@code asyncio4j.shield(task 'NAME')} naming what the shield protected, whose own block (when
   * it is a task) precedes it, as for a task awaited directly.
   */
  static void attach(Throwable t, Task<?> task, Coroutine<?> innermost, Shield.Outer<?> shield) {
    if (t instanceof CancelledError || innermost == null) {
      return;
    }
    try {
      StackTraceElement[] original = t.getStackTrace();
      if (original.length == 0) {
        return; // stack trace not writable (or deliberately empty): leave it alone
      }
      StackTraceElement marker = marker(task);
      int lastMarker = -1;
      for (int i = 0; i < original.length; i++) {
        if (isMarker(original[i])) {
          if (sameMarker(original[i], marker)) {
            return; // this task's chain is already there
          }
          lastMarker = i;
        }
      }
      List<StackTraceElement> block = new ArrayList<>();
      block.add(marker);
      if (shield != null) {
        block.add(new StackTraceElement(MARKER_CLASS, "shield", shield.describeInner(), -1));
      }
      int first = block.size();
      chainFrames(innermost, block);
      StackTraceElement exact = exactFrame(innermost, original);
      if (exact != null) {
        block.set(first, exact);
      }
      t.setStackTrace(insert(original, lastMarker, block));
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      // Diagnostics never replace the user's exception.
    }
  }

  /**
   * {@code original} with {@code block} inserted before the first {@code Task.step} frame that
   * follows index {@code lastMarker} (-1: from the start), or at the end if there is none.
   */
  static StackTraceElement[] insert(
      StackTraceElement[] original, int lastMarker, List<StackTraceElement> block) {
    int at = original.length;
    for (int i = lastMarker + 1; i < original.length; i++) {
      StackTraceElement e = original[i];
      if (e.getClassName().equals("org.asyncio4j.Task") && e.getMethodName().equals("step")) {
        at = i;
        break;
      }
    }
    StackTraceElement[] result = new StackTraceElement[original.length + block.size()];
    System.arraycopy(original, 0, result, 0, at);
    for (int i = 0; i < block.size(); i++) {
      result[at + i] = block.get(i);
    }
    System.arraycopy(original, at, result, at + block.size(), original.length - at);
    return result;
  }

  /**
   * The frames of the await chain from {@code innermost} to its root, innermost first; a chain
   * longer than {@link #MAX_FRAMES} keeps its innermost frames and its root, with a marker frame
   * counting the ones left out.
   */
  static void chainFrames(Coroutine<?> innermost, List<StackTraceElement> out) {
    StackTraceElement wait = leafWaitFrame(innermost.awaiting);
    if (wait != null) {
      out.add(wait);
    }
    int n = 0;
    Coroutine<?> root = innermost;
    for (Coroutine<?> c = innermost; c != null; c = c.caller) {
      n++;
      root = c;
    }
    int kept = 0;
    for (Coroutine<?> c = innermost; c != null && kept < MAX_FRAMES - 1; c = c.caller) {
      out.add(frameOf(c));
      kept++;
    }
    if (n > kept) {
      if (n > kept + 1) {
        out.add(
            new StackTraceElement(
                MARKER_CLASS, MARKER_METHOD, "... " + (n - kept - 1) + " more awaits", -1));
      }
      out.add(frameOf(root));
    }
  }

  /**
   * The frame of {@code c} at the exact line that failed, from the JVM's frame of its {@code
   * resume()} in {@code jvm} and {@link Coroutine#sourceLine(int)}; null if either is missing.
   */
  static StackTraceElement exactFrame(Coroutine<?> c, StackTraceElement[] jvm) {
    String cls = c.getClass().getName();
    for (StackTraceElement e : jvm) {
      if (e.getMethodName().equals("resume") && e.getClassName().equals(cls)) {
        int line;
        try {
          line = c.sourceLine(e.getLineNumber());
        } catch (RuntimeException ignored) {
          return null;
        }
        if (line < 0) {
          return null;
        }
        StackTraceElement f = frameOf(c);
        return new StackTraceElement(f.getClassName(), f.getMethodName(), f.getFileName(), line);
      }
    }
    return null;
  }

  /** The frame of {@code c} at its current await point; never throws. */
  /**
   * The frame of a queue get/put or lock acquire that the task waits in without a coroutine of its
   * own on the chain (awaited directly: its waiter future is the coroutine's {@code awaiting}), the
   * frame its coroutine shows otherwise (Python's {@code get_stack()} ends in {@code queues.py
   * get}); null for any other await.
   */
  static StackTraceElement leafWaitFrame(Object awaiting) {
    if (awaiting instanceof Queue<?>.Waiter) {
      return ((Queue<?>.Waiter) awaiting).frame();
    }
    if (awaiting instanceof Lock.Waiter) {
      return ((Lock.Waiter) awaiting).frame();
    }
    return null;
  }

  static StackTraceElement frameOf(Coroutine<?> c) {
    try {
      StackTraceElement e = c.sourceFrame(c.label);
      if (e != null) {
        return e;
      }
    } catch (RuntimeException ignored) {
      // a broken override: fall back to the class
    }
    return new StackTraceElement(c.getClass().getName(), "resume", null, -1);
  }

  /** The marker frame that opens the block of {@code task}: {@code asyncio4j.await(task 'N')}. */
  static StackTraceElement marker(Task<?> task) {
    return new StackTraceElement(
        MARKER_CLASS, MARKER_METHOD, "task '" + task.getName() + "'", -1);
  }

  static boolean isMarker(StackTraceElement e) {
    return MARKER_CLASS.equals(e.getClassName()) && MARKER_METHOD.equals(e.getMethodName());
  }

  private static boolean sameMarker(StackTraceElement a, StackTraceElement b) {
    return String.valueOf(a.getFileName()).equals(b.getFileName());
  }

  /**
   * The frame that {@code description} ({@link Coroutine#describe()}) names when it has the form
   * {@code Class.method(File.java:line)}, else null.
   */
  static StackTraceElement parseFrame(String description) {
    if (description == null || !description.endsWith(")")) {
      return null;
    }
    int open = description.lastIndexOf('(');
    if (open <= 0) {
      return null;
    }
    String where = description.substring(open + 1, description.length() - 1);
    int colon = where.lastIndexOf(':');
    String head = description.substring(0, open);
    int dot = head.lastIndexOf('.');
    if (colon <= 0 || dot <= 0 || dot == head.length() - 1) {
      return null;
    }
    int line;
    try {
      line = Integer.parseInt(where.substring(colon + 1));
    } catch (NumberFormatException e) {
      return null;
    }
    return new StackTraceElement(
        head.substring(0, dot), head.substring(dot + 1), where.substring(0, colon), line);
  }
}
