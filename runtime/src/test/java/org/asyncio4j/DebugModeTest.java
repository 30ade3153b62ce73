package org.asyncio4j;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Debug mode (issue #8, asyncio-semantics.md §2.1): slow steps name the coroutine and the source
 * lines they ran between; coroutines never awaited are reported with their creation site; a task
 * exception never retrieved is reported with the task's creation site, async frames included; a
 * loop blocked longer than the threshold is reported, while still blocked, with the loop thread's
 * stack. Exact texts, with line numbers of test files normalized where they appear.
 */
class DebugModeTest {

  static RunOptions debugVt() {
    return RunOptions.create().virtualTime(true).debug(true);
  }

  /** demo.Shop.work: sleeps at line 51, then runs 5 ms of blocking code, then sleeps at line 53. */
  static final class Work extends Coroutine<String> {
    @Override
    protected void resume() {
      switch (label) {
        case 0:
          if (!await(sleep(1), 1)) {
            return;
          }
          // fall through
        case 1:
          awaitResult();
          LoopTesting.busyFor(TimeUnit.MILLISECONDS.toNanos(5));
          if (!await(sleep(1), 2)) {
            return;
          }
          // fall through
        case 2:
          awaitResult();
          complete("worked");
          return;
        default:
          throw new AssertionError(label);
      }
    }

    @Override
    protected StackTraceElement sourceFrame(int label) {
      return new StackTraceElement("demo.Shop", "work", "Shop.java", new int[] {50, 51, 53}[label]);
    }

    @Override
    protected String describe() {
      return "Shop.work(Shop.java:50)";
    }
  }

  @Test
  void aSlowStepNamesTheCoroutineAndTheLinesItRanBetween() {
    List<String> warnings = new CopyOnWriteArrayList<>(); // the watchdog thread reports too
    EventLoop loop = EventLoop.create(debugVt().slowCallbackDuration(0.001));
    try {
      loop.warningSink = warnings::add;
      assertEquals("worked", loop.runUntilComplete(loop.createTask(new Work(), "worker")));
    } finally {
      loop.close();
    }
    List<String> slow = new ArrayList<>();
    for (String w : warnings) {
      if (w.startsWith("Executing <Task")) {
        slow.add(w.replaceAll("took \\d+\\.\\d{3} seconds", "took T seconds"));
      }
    }
    assertTrue(
        slow.contains(
            "Executing <Task pending name='worker' coro=Shop.work(Shop.java:50) -> sleep(1.0)"
                + " wait_for=<Future pending>> took T seconds: resumed at"
                + " demo.Shop.work(Shop.java:51), now at demo.Shop.work(Shop.java:53)"),
        slow.toString());
  }

  @Test
  void aCoroutineNeverAwaitedIsReportedWithItsCreationSiteWhenTheLoopCloses() {
    List<String> warnings = new CopyOnWriteArrayList<>(); // the watchdog thread reports too
    EventLoop loop = EventLoop.create(debugVt());
    List<Coroutine<?>> kept = new ArrayList<>();
    Coroutine<Object> main =
        DemoCoros.awaiting(
            "main",
            10,
            12,
            () -> {
              kept.add(DemoCoros.awaiting("helper", 90, 91, () -> sleep(1, null))); // forgotten
              kept.add(sleep(5)); // forgotten too
              kept.add(DemoCoros.awaiting("unused", 95, 96, () -> sleep(1, null))); // never run
              return createTask(DemoCoros.awaiting("used", 95, 96, () -> sleep(1, null)));
            });
    try {
      loop.warningSink = warnings::add;
      loop.runUntilComplete(loop.createTask(main));
    } finally {
      loop.close();
    }
    List<String> reports = new ArrayList<>();
    for (String w : warnings) {
      if (w.contains("was never awaited")) {
        reports.add(w.replaceAll("\\((?!Shop\\.java)(\\w+\\.java):\\d+\\)", "($1:N)"));
      }
    }
    assertEquals(3, reports.size(), reports.toString());
    String helper = reports.get(0);
    assertTrue(
        helper.startsWith(
            "coroutine Shop.helper(Shop.java:90) was never awaited: it had not run when the event"
                + " loop closed (await it with Await.of, or schedule it with createTask)."
                + " Coroutine created at:\n"
                + "\tat org.asyncio4j.DemoCoros.awaiting(DemoCoros.java:N)\n"
                + "\tat org.asyncio4j.DebugModeTest.lambda$"),
        helper);
    assertTrue(
        helper.contains(
            "\tat org.asyncio4j.DemoCoros$Method.resume(DemoCoros.java:N)\n"
                + "\tat asyncio4j.await(task 'Task-1')\n"
                + "\tat demo.Shop.main(Shop.java:10)\n"
                + "\tat org.asyncio4j.Task.step(Task.java:N)\n"),
        helper);
    assertTrue(
        reports.get(1).startsWith(
            "coroutine sleep(5.0) was never awaited: it had not run when the event loop closed"
                + " (await it with Await.of, or schedule it with createTask). Coroutine created"
                + " at:\n\tat org.asyncio4j.Asyncio.sleep(Asyncio.java:N)\n"),
        reports.get(1));
    assertTrue(reports.get(2).startsWith("coroutine Shop.unused(Shop.java:95) was never awaited"));
    assertEquals(0, EventLoop.debugLoopsRunning);
  }

  @Test
  void aCoroutineStartedByAnotherLoopIsNotReported() throws Exception {
    List<String> warnings = new CopyOnWriteArrayList<>(); // the watchdog thread reports too
    EventLoop other = EventLoop.create(LoopTesting.realTime());
    Thread otherThread = new Thread(other::runForever, "other-loop");
    otherThread.start();
    EventLoop loop = EventLoop.create(debugVt());
    try {
      loop.warningSink = warnings::add;
      Object result =
          loop.runUntilComplete(
              loop.createTask(
                  DemoCoros.awaiting(
                      "main",
                      10,
                      12,
                      () -> {
                        Coroutine<Object> handedOver =
                            DemoCoros.awaiting("elsewhere", 40, 41, () -> Coroutine.of("there"));
                        return Asyncio.wrapFuture(
                            Asyncio.runCoroutineThreadsafe(handedOver, other));
                      })));
      assertEquals("there", result);
    } finally {
      loop.close();
      other.callSoonThreadsafe(other::stop);
      otherThread.join(10_000);
      other.close();
    }
    assertEquals(List.of(), warnings);
  }

  @Test
  void aCollectedCoroutineIsReportedAtTheNextIteration() {
    List<String> warnings = new CopyOnWriteArrayList<>(); // the watchdog thread reports too
    EventLoop loop = EventLoop.create(debugVt().slowCallbackDuration(60)); // System.gc() is slow
    Coroutine<Void> main =
        new Coroutine<>() {
          int i;

          @Override
          protected void resume() {
            for (; ; ) {
              switch (label) {
                case 0:
                  DemoCoros.awaiting("dropped", 90, 91, () -> sleep(1, null)); // garbage at once
                  if (!await(sleep(0), 1)) { // the loop describes it at the end of the iteration
                    return;
                  }
                  // fall through
                case 1:
                  awaitResult();
                  if (warnings.isEmpty() && i++ < 200) {
                    System.gc();
                    if (!await(sleep(0), 1)) {
                      return;
                    }
                    continue;
                  }
                  complete(null);
                  return;
                default:
                  throw new AssertionError(label);
              }
            }
          }
        };
    try {
      loop.warningSink = warnings::add;
      loop.runUntilComplete(loop.createTask(main));
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(
          warnings
              .get(0)
              .startsWith(
                  "coroutine Shop.dropped(Shop.java:90) was never awaited: it was"
                      + " garbage-collected without running"),
          warnings.get(0));
    } finally {
      loop.close();
    }
    assertEquals(1, warnings.size(), warnings.toString());
  }

  @Test
  void withoutDebugModeCreatingACoroutineAllocatesOnlyTheCoroutine() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
    assumeTrue(mx.isThreadAllocatedMemorySupported());
    mx.setThreadAllocatedMemoryEnabled(true);
    int n = 100_000;
    Coroutine<?>[] made = new Coroutine<?>[n];
    Supplier<Coroutine<?>> factory = Tiny::new;
    EventLoop loop = EventLoop.create(LoopTesting.vt());
    try {
      long[] perCoroutine = new long[1];
      loop.runUntilComplete(
          Coros.after(
              () -> sleep(0),
              v -> {
                for (int round = 0; round < 2; round++) { // the first round warms up
                  long before = mx.getCurrentThreadAllocatedBytes();
                  for (int i = 0; i < n; i++) {
                    made[i] = factory.get();
                  }
                  perCoroutine[0] = (mx.getCurrentThreadAllocatedBytes() - before) / n;
                }
                return null;
              }));
      // A Tiny is 48 bytes with compressed oops: no tracking entry, no creation stack.
      assertTrue(perCoroutine[0] <= 56, perCoroutine[0] + " bytes per coroutine");
    } finally {
      loop.close();
    }
  }

  /** The smallest coroutine. */
  static final class Tiny extends Coroutine<Void> {
    @Override
    protected void resume() {
      complete(null);
    }
  }

  @Test
  void anUnretrievedTaskExceptionNamesTheTaskCreationSiteWithAsyncFrames() {
    LoopTesting.Reports reports = new LoopTesting.Reports();
    EventLoop loop = EventLoop.create(debugVt());
    Coroutine<Object> main =
        DemoCoros.awaiting(
            "main",
            10,
            12,
            () -> {
              createTask(DemoCoros.throwingAfterSleep("orphan", 70, 71, 1, "lost"), "orphan");
              return sleep(5, null);
            });
    try {
      loop.setExceptionHandler(reports);
      loop.runUntilComplete(loop.createTask(main));
    } finally {
      loop.close();
    }
    assertEquals(1, reports.size());
    String msg = reports.message(0).replaceAll("\\((?!Shop\\.java)(\\w+\\.java):\\d+\\)", "($1:N)");
    assertTrue(
        msg.startsWith(
            "Task exception was never retrieved: task 'orphan' (coro=Shop.orphan(Shop.java:70))"
                + " was still unretrieved when the event loop closed; created by task 'Task-1' in"
                + " Shop.main(Shop.java:10). Await the task, or call result() or exception(), to"
                + " handle its exception.\nTask created at:\n"
                + "\tat org.asyncio4j.Asyncio.createTask(Asyncio.java:N)\n"),
        msg);
    assertTrue(
        msg.contains(
            "\tat asyncio4j.await(task 'Task-1')\n"
                + "\tat demo.Shop.main(Shop.java:10)\n"
                + "\tat org.asyncio4j.Task.step(Task.java:N)\n"),
        msg);
    Throwable e = (Throwable) reports.get(0).get("exception");
    assertEquals(
        List.of(
            "asyncio4j.await(task 'orphan')", "demo.Shop.orphan(Shop.java:71)"),
        AsyncStackTraceTest.asyncFrames(e));
  }

  /** demo.Shop.block: a blocking call on the loop thread, until the watchdog has reported it. */
  static final class Block extends Coroutine<String> {
    final java.util.concurrent.atomic.AtomicBoolean reported;

    Block(java.util.concurrent.atomic.AtomicBoolean reported) {
      this.reported = reported;
    }

    @Override
    protected void resume() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(900);
      while (!reported.get() && System.nanoTime() < deadline) {
        Thread.sleep(5); // the blocking call the watchdog finds on the loop thread's stack
      }
      complete("unblocked");
    }

    @Override
    protected String describe() {
      return "Shop.block(Shop.java:80)";
    }
  }

  @Test
  void aBlockedLoopIsReportedWhileBlockedWithTheLoopThreadsStack() {
    List<String> warnings = new CopyOnWriteArrayList<>(); // the watchdog thread reports too
    EventLoop loop =
        EventLoop.create(RunOptions.create().virtualTime(false).debug(true).slowCallbackDuration(0.02));
    try {
      java.util.concurrent.atomic.AtomicBoolean reported =
          new java.util.concurrent.atomic.AtomicBoolean();
      loop.warningSink =
          w -> {
            warnings.add(w);
            reported.set(reported.get() || w.startsWith("Event loop blocked"));
          };
      assertEquals(
          "unblocked", loop.runUntilComplete(loop.createTask(new Block(reported), "blocker")));
    } finally {
      loop.close();
    }
    List<String> blocked = new ArrayList<>();
    synchronized (warnings) {
      for (String w : warnings) {
        if (w.startsWith("Event loop blocked")) {
          blocked.add(w);
        }
      }
    }
    assertEquals(1, blocked.size(), warnings.toString()); // once per blocked callback
    String report = blocked.get(0);
    String thread = Thread.currentThread().getName();
    assertTrue(
        report.matches(
            "(?s)Event loop blocked: executing <Task name='blocker' coro=Shop\\.block\\(Shop\\.java:80\\)>"
                + " for \\d+\\.\\d{3} seconds so far \\(slowCallbackDuration 0\\.020\\); the loop"
                + " thread '\\Q" + thread + "\\E' is at:\n\tat .*"),
        report);
    assertTrue(report.contains("org.asyncio4j.DebugModeTest$Block.resume(DebugModeTest.java:"), report);
    assertTrue(report.contains("org.asyncio4j.EventLoop.runForever(EventLoop.java:"), report);
    assertTrue(report.matches("(?s).*\n\t\\.\\.\\. \\d+ more"), report);
    assertEquals(0, EventLoop.debugLoopsRunning);
  }
}
