package org.asyncio4j;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The text of {@link Asyncio#dumpTasks()} and {@link EventLoop#dumpTasks()}: every live task with
 * its state, what it waits for, its await chain (innermost first, one source frame per coroutine)
 * and the tasks awaiting it, then the await tree (Python 3.14's {@code asyncio ps} and {@code
 * pstree}):
 *
 * <pre>
 * 2 tasks at loop time 1.000
 *
 * Task 'Task-1' waiting for task 'worker'
 *   at demo.Main.main(Main.java:12)
 *
 * Task 'worker' waiting for sleep(10.0), 9.000 s left
 *   at org.asyncio4j.Sleep.resume(sleep(10.0))
 *   at demo.Main.work(Main.java:30)
 *   awaited by task 'Task-1'
 *
 * Await tree:
 * └── Task 'Task-1' at demo.Main.main(Main.java:12)
 *     └── Task 'worker' at demo.Main.work(Main.java:30)
 * </pre>
 */
final class TaskDump {
  private final EventLoop loop;
  private final List<Task<?>> tasks;
  /** For each task, the tasks it awaits (directly, or through gather, wait, waitFor). */
  private final Map<Task<?>, Set<Task<?>>> awaits = new IdentityHashMap<>();
  /** For each task, the tasks awaiting it. */
  private final Map<Task<?>, Set<Task<?>>> awaitedBy = new IdentityHashMap<>();
  /** For each task, the tasks among {@link #awaits} that it awaits through a {@code shield}. */
  private final Map<Task<?>, Set<Task<?>>> shielded = new IdentityHashMap<>();

  private TaskDump(EventLoop loop) {
    this.loop = loop;
    this.tasks = new ArrayList<>(loop.liveTasks());
    for (Task<?> t : tasks) {
      Set<Task<?>> targets = new LinkedHashSet<>();
      collectAwaited(t, targets);
      awaits.put(t, targets);
      for (Task<?> target : targets) {
        awaitedBy.computeIfAbsent(target, k -> new LinkedHashSet<>()).add(t);
      }
    }
  }

  /** The dump of {@code loop}'s live tasks. Call it on the loop's thread (or a stopped loop). */
  static String of(EventLoop loop) {
    return new TaskDump(loop).render();
  }

  private String render() {
    StringBuilder sb = new StringBuilder();
    sb.append(tasks.size()).append(tasks.size() == 1 ? " task" : " tasks");
    sb.append(String.format(Locale.ROOT, " at loop time %.3f", loop.time()));
    sb.append('\n');
    for (Task<?> t : tasks) {
      sb.append('\n').append("Task '").append(t.getName()).append("' ").append(state(t));
      if (t.cancelling() > 0) {
        sb.append(" (cancellation requested)");
      }
      sb.append('\n');
      List<StackTraceElement> frames = new ArrayList<>();
      Coroutine<?> inner = t.currentCoroutine();
      if (inner != null) {
        AsyncStackTraces.chainFrames(inner, frames);
      }
      for (StackTraceElement f : frames) {
        sb.append("  at ").append(f).append('\n');
      }
      Set<Task<?>> by = awaitedBy.getOrDefault(t, Collections.emptySet());
      for (Task<?> a : by) {
        sb.append("  awaited by task '").append(a.getName()).append('\'');
        if (isShielded(a, t)) {
          sb.append(" through shield");
        }
        sb.append('\n');
      }
    }
    if (!tasks.isEmpty()) {
      sb.append("\nAwait tree:\n");
      Set<Task<?>> printed = Collections.newSetFromMap(new IdentityHashMap<>());
      for (Task<?> t : tasks) {
        if (!awaitedBy.containsKey(t)) {
          node(t, false, "└── ", "    ", sb, new ArrayList<>(), printed);
        }
      }
      // Tasks awaiting each other in a cycle have no root: start from the first one left.
      for (Task<?> t : tasks) {
        if (!printed.contains(t)) {
          node(t, false, "└── ", "    ", sb, new ArrayList<>(), printed);
        }
      }
    }
    return sb.toString();
  }

  /**
   * One task of the await tree, then the tasks it awaits, indented under it; {@code shield}: its
   * parent awaits it through a shield.
   */
  private void node(
      Task<?> t,
      boolean shield,
      String first,
      String rest,
      StringBuilder sb,
      List<Task<?>> path,
      Set<Task<?>> printed) {
    sb.append(first).append("Task '").append(t.getName()).append('\'');
    if (shield) {
      sb.append(" (shield)");
    }
    if (path.contains(t)) {
      sb.append(" (await cycle)\n");
      return;
    }
    sb.append(" at ").append(userFrame(t)).append('\n');
    printed.add(t);
    path.add(t);
    List<Task<?>> children = new ArrayList<>(awaits.getOrDefault(t, Collections.emptySet()));
    for (int i = 0; i < children.size(); i++) {
      boolean last = i == children.size() - 1;
      node(
          children.get(i),
          isShielded(t, children.get(i)),
          rest + (last ? "└── " : "├── "),
          rest + (last ? "    " : "│   "),
          sb,
          path,
          printed);
    }
    path.remove(path.size() - 1);
  }

  /** The innermost frame of the task's chain that has a source line, else the innermost one. */
  static StackTraceElement userFrame(Task<?> t) {
    Coroutine<?> inner = t.currentCoroutine();
    if (inner == null) {
      inner = t.getCoroutine();
    }
    return userFrame(inner);
  }

  /** The first frame from {@code c} outwards that has a source line, else {@code c}'s frame. */
  static StackTraceElement userFrame(Coroutine<?> c) {
    for (Coroutine<?> x = c; x != null; x = x.caller) {
      StackTraceElement f = AsyncStackTraces.frameOf(x);
      if (f.getLineNumber() >= 0) {
        return f;
      }
    }
    return AsyncStackTraces.frameOf(c);
  }

  /** "running", "ready to run", "waiting for ...", "not started". */
  private String state(Task<?> t) {
    if (loop.currentTask == t) {
      return "running";
    }
    Future<?> w = t.waitingOn();
    if (w == null) {
      return t.started() ? "ready to run" : "not started (ready to run)";
    }
    if (w.isDone()) {
      return "ready to run (woken by "
          + (w instanceof Task ? "task '" + ((Task<?>) w).getName() + "'" : String.valueOf(w))
          + ")";
    }
    return "waiting for " + describeWait(t, w);
  }

  private String describeWait(Task<?> t, Future<?> w) {
    if (w instanceof Task) {
      return "task '" + ((Task<?>) w).getName() + "'";
    }
    if (w instanceof Shield.Outer) {
      return "shield(" + ((Shield.Outer<?>) w).describeInner() + ")";
    }
    if (w instanceof Queue<?>.Waiter) {
      return ((Queue<?>.Waiter) w).describe() + " " + w; // Queue.get() <Future pending>
    }
    if (w instanceof Lock.Waiter) {
      return ((Lock.Waiter) w).describe() + " " + w; // Lock.acquire() <Future pending>
    }
    Coroutine<?> inner = t.currentCoroutine();
    if (inner instanceof Sleep) {
      double when = ((Sleep<?>) inner).deadline();
      return String.format(
          Locale.ROOT, "%s, %.3f s left", inner.describe(), Math.max(0, when - loop.time()));
    }
    if (w instanceof Gather) {
      return "gather of " + names(((Gather<?>) w).children());
    }
    if (inner instanceof Wait) {
      return "wait for " + names(((Wait<?>) inner).awaitedFutures());
    }
    if (inner instanceof WaitFor) {
      return "waitFor " + names(awaitedFutures(t, w));
    }
    if (inner instanceof TaskGroup.Exit) {
      return "the task group of " + names(awaitedFutures(t, w));
    }
    if (w instanceof StageFuture) {
      return "a CompletionStage " + w;
    }
    if (inner != null && isRuntimeLeaf(inner)) {
      return inner.describe() + " " + w; // Queue.get() <Future pending>, Lock.acquire() ...
    }
    return String.valueOf(w);
  }

  /** Whether {@code c} is one of the runtime's own coroutines (a lock, queue, stream operation). */
  private static boolean isRuntimeLeaf(Coroutine<?> c) {
    return c.getClass().getProtectionDomain() == TaskDump.class.getProtectionDomain();
  }

  /** {@code task 'a', task 'b', <Future pending>}: each future once, in order. */
  private static String names(Collection<? extends Future<?>> futures) {
    StringBuilder sb = new StringBuilder();
    for (Future<?> f : new LinkedHashSet<>(futures)) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      if (f instanceof Shield.Outer) {
        sb.append("shield(").append(((Shield.Outer<?>) f).describeInner()).append(')');
        continue;
      }
      sb.append(f instanceof Task ? "task '" + ((Task<?>) f).getName() + "'" : f.toString());
      if (f instanceof Task && f.isDone()) {
        sb.append(" (done)");
      }
    }
    return sb.toString();
  }

  private boolean isShielded(Task<?> awaiter, Task<?> awaited) {
    return shielded.getOrDefault(awaiter, Collections.emptySet()).contains(awaited);
  }

  /** The tasks {@code t} awaits, directly, through a shield or through a combinator. */
  private void collectAwaited(Task<?> t, Set<Task<?>> out) {
    Future<?> w = t.waitingOn();
    if (w == null) {
      return;
    }
    if (w instanceof Task) {
      out.add((Task<?>) w);
      return;
    }
    if (w instanceof Shield.Outer) {
      addAwaited(t, w, out);
      return;
    }
    for (Future<?> f : awaitedFutures(t, w)) {
      addAwaited(t, f, out);
    }
  }

  /** Adds {@code f} to the tasks {@code t} awaits if it is a live task or shields one. */
  private void addAwaited(Task<?> t, Future<?> f, Set<Task<?>> out) {
    boolean shield = f instanceof Shield.Outer;
    if (shield) {
      f = ((Shield.Outer<?>) f).inner;
    }
    if (f instanceof Task && !f.isDone()) {
      out.add((Task<?>) f);
      if (shield) {
        shielded
            .computeIfAbsent(t, k -> Collections.newSetFromMap(new IdentityHashMap<>()))
            .add((Task<?>) f);
      }
    }
  }

  /** The futures behind {@code w}: a gather's children, the futures of wait and waitFor. */
  private static Collection<? extends Future<?>> awaitedFutures(Task<?> t, Future<?> w) {
    if (w instanceof Gather) {
      return new LinkedHashSet<>(((Gather<?>) w).children());
    }
    Coroutine<?> c = t.currentCoroutine();
    if (c instanceof Wait) {
      return ((Wait<?>) c).awaitedFutures();
    }
    if (c instanceof WaitFor) {
      Future<?> f = ((WaitFor<?>) c).awaitedFuture();
      return f == null ? Collections.emptyList() : Collections.singletonList(f);
    }
    if (c instanceof TaskGroup.Exit) {
      return new ArrayList<>(((TaskGroup.Exit) c).awaitedTasks());
    }
    return Collections.emptyList();
  }
}
