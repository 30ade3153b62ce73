package org.asyncio4j;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.getRunningLoop;
import static org.asyncio4j.Asyncio.sleep;
import static org.asyncio4j.LoopTesting.vt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scenarios LOOP-01..16 of asyncio-scenarios.md, and the loop's own contract (SPEC §3, §4,
 * docs/design.md §1): timer ordering, virtual time, the exception handler, debug mode, closing.
 *
 * <p>Not ported here:
 *
 * <ul>
 *   <li>LOOP-12 (the "coroutine was never awaited" warning, with its creation site in debug mode)
 *       is tested with debug mode's coroutine tracking in {@link DebugModeTest}.
 *   <li>LOOP-17 (Ctrl-C / SIGINT) is tested with the signal handling that implements it.
 *   <li>LOOP-11 and LOOP-16 depend on CPython's garbage collector; they become tests of asyncio4j's
 *       deterministic policy (SPEC §4): an unretrieved task exception is reported with the task's
 *       name and creation site at loop close at the latest (and when the task is collected), and
 *       the loop holds running tasks strongly, so a pending task is never destroyed.
 * </ul>
 */
class EventLoopTest {

  // ---------------------------------------------------------------------------------------------
  // Scheduling callbacks and timers.

  @Test
  void loop01_callSoonIsFifoAndRunsEachCallbackOnce() {
    List<Integer> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  EventLoop loop = getRunningLoop();
                  loop.callSoon(() -> log.add(1));
                  loop.callSoon(() -> log.add(2));
                  loop.callSoon(() -> log.add(3));
                  assertEquals(List.of(), log, "callSoon never runs the callback synchronously");
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(() -> assertEquals(List.of(1, 2, 3), log)),
            Coros.await(() -> sleep(1))),
        vt());
    assertEquals(List.of(1, 2, 3), log);
  }

  @Test
  void loop02_callLaterRunsInDeadlineOrder() {
    List<String> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  EventLoop loop = getRunningLoop();
                  loop.callLater(0.03, () -> log.add("c@" + loop.time()));
                  loop.callLater(0.01, () -> log.add("a@" + loop.time()));
                  loop.callLater(0.02, () -> log.add("b@" + loop.time()));
                }),
            Coros.await(() -> sleep(0.06))),
        vt());
    assertEquals(List.of("a@0.01", "b@0.02", "c@0.03"), log);
  }

  /** Informative in CPython; asyncio4j does the same, and its design doc states it. */
  @Test
  void loop03_zeroDelayTimerRunsAfterCallbacksAlreadyReady() {
    List<String> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  EventLoop loop = getRunningLoop();
                  loop.callLater(0, () -> log.add("later0"));
                  loop.callSoon(() -> log.add("soon"));
                }),
            Coros.await(() -> sleep(0.001))),
        vt());
    assertEquals(List.of("soon", "later0"), log);
  }

  @Test
  void loop04_cancelledTimerNeverRuns() {
    List<String> log = new ArrayList<>();
    TimerHandle[] h = new TimerHandle[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  h[0] = getRunningLoop().callLater(0.01, () -> log.add("x"));
                  assertFalse(h[0].isCancelled());
                  h[0].cancel();
                }),
            Coros.await(() -> sleep(0.03))),
        vt());
    assertEquals(List.of(), log);
    assertTrue(h[0].isCancelled());
  }

  @Test
  void loop05_callAtUsesTheLoopClock() {
    double[] t = new double[2];
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> sleep(1.5)),
            Coros.run(() -> t[0] = getRunningLoop().time()),
            Coros.await(
                () -> {
                  EventLoop loop = getRunningLoop();
                  Future<Double> f = loop.createFuture();
                  TimerHandle th = loop.callAt(t[0] + 0.05, () -> f.setResult(loop.time()));
                  assertEquals(t[0] + 0.05, th.when());
                  return f;
                },
                v -> t[1] = v)),
        vt());
    assertEquals(1.5, t[0]);
    assertEquals(t[0] + 0.05, t[1], 0.0);
  }

  @Test
  void loop06_sleepZeroYieldsExactlyOneIterationAndPassesTheResult() {
    int[] counter = {0};
    Object[] r = new Object[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> getRunningLoop().callSoon(() -> counter[0]++)),
            Coros.await(() -> sleep(0, 10), v -> r[0] = v),
            Coros.run(() -> assertEquals(1, counter[0]))),
        vt());
    assertEquals(10, r[0]);
  }

  @Test
  void sleepZeroInterleavesTasksOneIterationAtATime() {
    List<String> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  for (String name : List.of("a", "b")) {
                    createTask(
                        Coros.steps(
                            Coros.run(() -> log.add(name + 0)),
                            Coros.await(() -> sleep(0)),
                            Coros.run(() -> log.add(name + 1)),
                            Coros.await(() -> sleep(0)),
                            Coros.run(() -> log.add(name + 2))));
                  }
                }),
            Coros.await(() -> sleep(1))),
        vt());
    assertEquals(List.of("a0", "b0", "a1", "b1", "a2", "b2"), log);
  }

  @Test
  void loop07_sleepAndTimersRejectNaN() {
    assertThrows(IllegalArgumentException.class, () -> sleep(Double.NaN));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Asyncio.run(
                    Coros.steps(Coros.run(() -> getRunningLoop().callLater(Double.NaN, () -> {}))),
                    vt()));
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Asyncio.run(
                Coros.steps(Coros.run(() -> getRunningLoop().callAt(Double.NaN, () -> {}))), vt()));
  }

  @Test
  void cancelledHandlesDoNotRunEvenWhenAlreadyDue() {
    List<String> log = new ArrayList<>();
    Object[] handles = new Object[3];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  EventLoop loop = getRunningLoop();
                  Handle soon = loop.callSoon(() -> log.add("soon"));
                  soon.cancel();
                  handles[0] = soon;
                  // Both timers are due in the same iteration: the first cancels the second.
                  loop.callAt(
                      1,
                      () -> {
                        log.add("t1");
                        ((TimerHandle) handles[1]).cancel();
                      });
                  handles[1] = loop.callAt(1, () -> log.add("t2"));
                  handles[2] = loop.callSoonThreadsafe(() -> log.add("threadsafe"));
                  ((Handle) handles[2]).cancel();
                }),
            Coros.await(() -> sleep(2))),
        vt());
    assertEquals(List.of("t1"), log);
    assertTrue(((Handle) handles[0]).isCancelled());
    assertTrue(((TimerHandle) handles[1]).isCancelled());
  }

  @Test
  void timersWithEqualDeadlinesFireInSchedulingOrder() {
    List<Integer> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  EventLoop loop = getRunningLoop();
                  for (int i = 0; i < 100; i++) {
                    int n = i;
                    loop.callAt(5, () -> log.add(n));
                  }
                }),
            Coros.await(() -> sleep(10))),
        vt());
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      expected.add(i);
    }
    assertEquals(expected, log);
  }

  /**
   * Many timers with repeated deadlines and cancellations: fire order is (deadline, scheduling).
   */
  @Test
  void timerHeapKeepsDeadlineThenSchedulingOrderUnderCancellation() {
    Random random = new Random(42);
    List<String> fired = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  EventLoop loop = getRunningLoop();
                  List<TimerHandle> handles = new ArrayList<>();
                  List<String> names = new ArrayList<>();
                  for (int i = 0; i < 2000; i++) {
                    int when = random.nextInt(50);
                    String name = when + "/" + i;
                    names.add(name);
                    handles.add(loop.callAt(when, () -> fired.add(name)));
                  }
                  List<int[]> kept = new ArrayList<>();
                  for (int i = 0; i < handles.size(); i++) {
                    if (random.nextInt(3) == 0) {
                      handles.get(i).cancel();
                    } else {
                      kept.add(new int[] {(int) handles.get(i).when(), i});
                    }
                  }
                  kept.sort(
                      (a, b) ->
                          a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
                  for (int[] k : kept) {
                    expected.add(names.get(k[1]));
                  }
                }),
            Coros.await(() -> sleep(100))),
        vt());
    assertEquals(expected, fired);
  }

  @Test
  void allDueTimersRunBeforeTheCallbacksTheySchedule() {
    List<String> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  EventLoop loop = getRunningLoop();
                  loop.callAt(
                      1,
                      () -> {
                        log.add("t1");
                        loop.callSoon(() -> log.add("soon-from-t1"));
                        loop.callLater(0, () -> log.add("later0-from-t1"));
                      });
                  loop.callAt(1, () -> log.add("t2"));
                  loop.callAt(1, () -> log.add("t3"));
                }),
            Coros.await(() -> sleep(2))),
        vt());
    assertEquals(List.of("t1", "t2", "t3", "soon-from-t1", "later0-from-t1"), log);
  }

  // ---------------------------------------------------------------------------------------------
  // Virtual time.

  @Test
  @Timeout(10)
  void virtualTimeJumpsToTheNextTimer() {
    double[] t = new double[3];
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> t[0] = getRunningLoop().time()),
            Coros.await(() -> sleep(3600)),
            Coros.run(() -> t[1] = getRunningLoop().time()),
            Coros.await(() -> sleep(86_400 * 365.0)),
            Coros.run(() -> t[2] = getRunningLoop().time())),
        vt());
    assertEquals(0.0, t[0]);
    assertEquals(3600.0, t[1]);
    assertEquals(3600.0 + 86_400 * 365.0, t[2]);
  }

  @Test
  void virtualTimeIsOffByDefault() {
    assertFalse(RunOptions.create().isVirtualTime());
    EventLoop loop = EventLoop.create();
    try {
      assertFalse(loop.isVirtualTime());
      assertTrue(EventLoop.create(vt()).isVirtualTime());
    } finally {
      loop.close();
    }
  }

  /**
   * An infinite sleep never ends by itself, virtual time or not: the clock must not jump to
   * infinity. Another thread wakes the idle loop to check.
   */
  @Test
  @Timeout(20)
  void virtualTimeNeverJumpsToAnInfiniteDeadline() {
    EventLoop loop = EventLoop.create(vt());
    Task<?>[] forever = new Task<?>[1];
    Object[] seen = new Object[2];
    try {
      loop.runUntilComplete(
          Coros.steps(
              Coros.run(() -> forever[0] = createTask(sleep(Double.POSITIVE_INFINITY))),
              Coros.await(
                  () -> {
                    Future<Double> woken = loop.createFuture();
                    Thread loopThread = Thread.currentThread();
                    Thread waker =
                        new Thread(
                            () -> {
                              try {
                                LoopTesting.awaitBlockedInSelect(loopThread);
                              } catch (InterruptedException e) {
                                return;
                              }
                              loop.callSoonThreadsafe(() -> woken.setResult(loop.time()));
                            });
                    waker.setDaemon(true);
                    waker.start();
                    return woken;
                  },
                  v -> {
                    seen[0] = v;
                    seen[1] = forever[0].isDone();
                    forever[0].cancel();
                  }),
              Coros.await(() -> sleep(0))));
    } finally {
      loop.close();
    }
    assertEquals(0.0, seen[0]);
    assertEquals(false, seen[1]);
    assertTrue(forever[0].isCancelled());
  }

  // ---------------------------------------------------------------------------------------------
  // Asyncio.run.

  @Test
  void loop08_runReturnsTheResult() {
    assertEquals(42, Asyncio.run(Coros.sleepThen(0.01, 42), vt()));
    assertEquals("now", Asyncio.run(Coroutine.of("now"), vt()));
  }

  @Test
  void loop08_runRethrowsTheExceptionUnwrapped() {
    IllegalArgumentException spam = new IllegalArgumentException("spam");
    assertSame(
        spam,
        assertThrows(
            IllegalArgumentException.class,
            () -> Asyncio.run(Coros.sleepThenThrow(0.01, spam), vt())));
    IOException checked = new IOException("checked");
    assertSame(
        checked, assertThrows(IOException.class, () -> Asyncio.run(Coros.raising(checked), vt())));
  }

  @Test
  void loop08_runCancelsLeftoverTasksAndWaitsForThem() {
    List<String> log = new ArrayList<>();
    Task<?>[] leftover = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () ->
                    leftover[0] =
                        createTask(
                            Coros.tryFinally(
                                () -> Coros.sleepThen(10, "slept"),
                                () -> log.add("cleanup at " + getRunningLoop().time())))),
            Coros.await(() -> sleep(0.01)),
            Coros.run(() -> log.add("main returns"))),
        vt());
    assertTrue(leftover[0].isDone());
    assertTrue(leftover[0].isCancelled());
    assertEquals(List.of("main returns", "cleanup at 0.01"), log);
  }

  @Test
  void loop08_aFailingMainStillCancelsLeftoversAndKeepsItsException() {
    IllegalStateException mainError = new IllegalStateException("main failed");
    Task<?>[] leftover = new Task<?>[1];
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                Asyncio.run(
                    Coros.steps(
                        Coros.run(() -> leftover[0] = createTask(sleep(3600))),
                        Coros.await(() -> sleep(1)),
                        Coros.run(
                            () -> {
                              throw mainError;
                            })),
                    vt()));
    assertSame(mainError, thrown);
    assertTrue(leftover[0].isCancelled());
  }

  @Test
  void runReportsLeftoverTasksThatFailWhileBeingCancelled() {
    LoopTesting.Reports reports = new LoopTesting.Reports();
    IllegalStateException boom = new IllegalStateException("boom in cleanup");
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  getRunningLoop().setExceptionHandler(reports);
                  createTask(
                      Coros.tryCatch(
                          () -> Coros.sleepThen(10, "x"),
                          CancelledError.class,
                          e -> {
                            throw boom;
                          }),
                      "stubborn");
                }),
            Coros.await(() -> sleep(0))),
        vt());
    assertEquals(1, reports.size(), reports.contexts.toString());
    assertTrue(reports.message(0).contains("Asyncio.run() shutdown"), reports.message(0));
    assertSame(boom, reports.get(0).get("exception"));
    assertEquals("stubborn", ((Task<?>) reports.get(0).get("task")).getName());
  }

  /** LOOP-15: a step that blocks (never awaits) starves every other task until it ends. */
  @Test
  void loop15_aBlockingStepStarvesOtherTasks() {
    List<String> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () -> {
                  Task<Void> a =
                      createTask(
                          Coros.steps(
                              Coros.run(() -> log.add("A start")),
                              Coros.run(
                                  () -> LoopTesting.busyFor(TimeUnit.MILLISECONDS.toNanos(20))),
                              Coros.run(() -> log.add("A end"))));
                  Task<Void> b =
                      createTask(
                          Coros.steps(
                              Coros.run(() -> log.add("B start")),
                              Coros.await(() -> sleep(0.01)),
                              Coros.run(() -> log.add("B end"))));
                  return Coros.steps(Coros.await(() -> a), Coros.await(() -> b));
                })),
        vt());
    assertEquals(List.of("A start", "A end", "B start", "B end"), log);
  }

  @Test
  void loop09_runRefusesToRunInsideARunningLoop() {
    List<String> log = new ArrayList<>();
    IllegalStateException[] caught = new IllegalStateException[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () ->
                    caught[0] =
                        assertThrows(
                            IllegalStateException.class,
                            () ->
                                Asyncio.run(Coros.steps(Coros.run(() -> log.add("inner ran"))))))),
        vt());
    assertTrue(
        caught[0].getMessage().contains("cannot be called from a running event loop"),
        caught[0].getMessage());
    assertEquals(List.of(), log);
  }

  @Test
  void loop14_runHonoursTheDebugOption() {
    assertEquals(
        true,
        Asyncio.run(
            Coros.after(() -> sleep(0), v -> getRunningLoop().getDebug()),
            RunOptions.create().virtualTime(true).debug(true)));
    assertEquals(
        false,
        Asyncio.run(
            Coros.after(() -> sleep(0), v -> getRunningLoop().getDebug()),
            RunOptions.create().virtualTime(true).debug(false)));
  }

  @Test
  void debugEnvironmentValueParsing() {
    assertFalse(RunOptions.debugFromEnvironment(null));
    assertFalse(RunOptions.debugFromEnvironment(""));
    assertFalse(RunOptions.debugFromEnvironment("0"));
    assertTrue(RunOptions.debugFromEnvironment("1"));
    assertTrue(RunOptions.debugFromEnvironment("yes"));
  }

  /** ASYNCIO4J_DEBUG=1 turns debug mode on through RunOptions.create(): checked in a child JVM. */
  @Test
  @Timeout(60)
  void loop14_debugModeFromTheEnvironment() throws Exception {
    assertEquals("options=true loop=true", runDebugEnvMain("1"));
    assertEquals("options=false loop=false", runDebugEnvMain("0"));
    assertEquals("options=false loop=false", runDebugEnvMain(null));
  }

  /** Entry point of the child JVM of {@link #loop14_debugModeFromTheEnvironment}. */
  static final class DebugEnvMain {
    public static void main(String[] args) {
      boolean options = RunOptions.create().isDebug();
      boolean loop =
          Asyncio.run(
              Coros.after(() -> sleep(0), v -> getRunningLoop().getDebug()),
              // A cold JVM's first steps load classes: no slow-step warnings in the output.
              RunOptions.create().virtualTime(true).slowCallbackDuration(60));
      System.out.println("options=" + options + " loop=" + loop);
    }
  }

  private static String runDebugEnvMain(String value) throws Exception {
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    String cp =
        new File(Asyncio.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            + File.pathSeparator
            + new File(
                EventLoopTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", cp, DebugEnvMain.class.getName());
    pb.redirectErrorStream(true);
    if (value == null) {
      pb.environment().remove("ASYNCIO4J_DEBUG");
    } else {
      pb.environment().put("ASYNCIO4J_DEBUG", value);
    }
    Process p = pb.start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = p.getInputStream()) {
      in.transferTo(out);
    }
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    String text = out.toString(StandardCharsets.UTF_8).trim();
    assertEquals(0, p.exitValue(), text);
    return text;
  }

  // ---------------------------------------------------------------------------------------------
  // The exception handler.

  @Test
  void loop10_callbackExceptionGoesToTheHandlerAndTheLoopContinues() {
    LoopTesting.Reports reports = new LoopTesting.Reports();
    List<String> log = new ArrayList<>();
    Handle[] h = new Handle[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  EventLoop loop = getRunningLoop();
                  loop.setExceptionHandler(reports);
                  assertSame(reports, loop.getExceptionHandler());
                  h[0] = loop.callSoon(() -> log.add("result " + 1 / (log.size() - log.size())));
                  loop.callSoon(() -> log.add("next callback runs"));
                  loop.callLater(0.01, () -> log.add("timer runs"));
                }),
            Coros.await(() -> sleep(0.02)),
            Coros.run(() -> log.add("main continues"))),
        vt());
    assertEquals(List.of("next callback runs", "timer runs", "main continues"), log);
    assertEquals(1, reports.size());
    Map<String, Object> ctx = reports.get(0);
    assertTrue(reports.message(0).startsWith("Exception in callback"), reports.message(0));
    assertTrue(ctx.get("exception") instanceof ArithmeticException);
    assertSame(h[0], ctx.get("handle"));
  }

  @Test
  void exceptionsInTimersAndDoneCallbacksGoToTheHandlerWithPythonKeys() {
    LoopTesting.Reports reports = new LoopTesting.Reports();
    IllegalStateException fromTimer = new IllegalStateException("timer");
    IllegalStateException fromDone = new IllegalStateException("done callback");
    TimerHandle[] th = new TimerHandle[1];
    Future<?>[] f = new Future<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  EventLoop loop = getRunningLoop();
                  loop.setExceptionHandler(reports);
                  th[0] =
                      loop.callLater(
                          0.01,
                          () -> {
                            throw fromTimer;
                          });
                  Future<String> fut = loop.createFuture();
                  f[0] = fut;
                  fut.addDoneCallback(
                      x -> {
                        throw fromDone;
                      });
                  fut.setResult("ok");
                }),
            Coros.await(() -> sleep(0.02))),
        vt());
    assertEquals(2, reports.size());
    assertSame(fromDone, reports.get(0).get("exception"));
    assertTrue(reports.message(0).startsWith("Exception in callback"));
    assertTrue(reports.get(0).get("handle") instanceof Runnable);
    assertSame(f[0], reports.get(0).get("future"));
    assertSame(fromTimer, reports.get(1).get("exception"));
    assertSame(th[0], reports.get(1).get("handle"));
  }

  @Test
  void defaultHandlerLogsThroughSystemLogger() {
    IllegalStateException boom = new IllegalStateException("logged");
    try (LoopTesting.CapturedLog log = new LoopTesting.CapturedLog()) {
      Asyncio.run(
          Coros.steps(
              Coros.run(
                  () -> {
                    assertNull(getRunningLoop().getExceptionHandler());
                    getRunningLoop()
                        .callSoon(
                            () -> {
                              throw boom;
                            });
                  }),
              Coros.await(() -> sleep(0))),
          vt());
      List<LogRecord> errors = new ArrayList<>();
      for (LogRecord r : log.records) {
        if (r.getLevel() == Level.SEVERE) {
          errors.add(r);
        }
      }
      assertEquals(1, errors.size(), log.records.toString());
      assertTrue(errors.get(0).getMessage().startsWith("Exception in callback"));
      assertTrue(
          errors.get(0).getMessage().contains("handle: <Handle"), errors.get(0).getMessage());
      assertSame(boom, errors.get(0).getThrown());
    }
  }

  @Test
  void aFailingHandlerFallsBackToTheDefaultHandler() {
    IllegalStateException boom = new IllegalStateException("callback");
    IllegalStateException handlerBug = new IllegalStateException("handler");
    List<String> log = new ArrayList<>();
    try (LoopTesting.CapturedLog captured = new LoopTesting.CapturedLog()) {
      Asyncio.run(
          Coros.steps(
              Coros.run(
                  () -> {
                    EventLoop loop = getRunningLoop();
                    loop.setExceptionHandler(
                        (l, ctx) -> {
                          throw handlerBug;
                        });
                    loop.callSoon(
                        () -> {
                          throw boom;
                        });
                    loop.callSoon(() -> log.add("still running"));
                  }),
              Coros.await(() -> sleep(0))),
          vt());
      assertEquals(List.of("still running"), log);
      assertEquals(1, captured.records.size());
      LogRecord r = captured.records.get(0);
      assertTrue(r.getMessage().startsWith("Unhandled error in exception handler"), r.getMessage());
      assertSame(handlerBug, r.getThrown());
      assertTrue(r.getMessage().contains("Exception in callback"), r.getMessage());
    }
  }

  @Test
  void callExceptionHandlerWithACustomContext() {
    LoopTesting.Reports reports = new LoopTesting.Reports();
    EventLoop loop = EventLoop.create(vt());
    try {
      loop.setExceptionHandler(reports);
      loop.callExceptionHandler(Map.of("message", "custom"));
      assertEquals(1, reports.size());
      assertEquals("custom", reports.message(0));
      loop.setExceptionHandler(null);
      assertNull(loop.getExceptionHandler());
    } finally {
      loop.close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Unretrieved exceptions (LOOP-11, FUT-05 in FutureTest) and strong task references (LOOP-16).

  /** LOOP-11 as asyncio4j's policy: reported at loop close at the latest, with name and creator. */
  @Test
  void loop11_unretrievedTaskExceptionIsReportedAtCloseWithTheTaskName() {
    LoopTesting.Reports reports = new LoopTesting.Reports();
    IllegalArgumentException boom = new IllegalArgumentException("never retrieved");
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  getRunningLoop().setExceptionHandler(reports);
                  createTask(Coros.raising(boom), "doomed");
                }),
            Coros.await(() -> sleep(1)),
            Coros.run(() -> assertEquals(0, reports.size(), "reported before the loop closed"))),
        vt());
    assertEquals(1, reports.size(), reports.contexts.toString());
    String msg = reports.message(0);
    assertTrue(msg.startsWith("Task exception was never retrieved"), msg);
    assertTrue(msg.contains("'doomed'"), msg);
    // The creation site without debug mode: the creating task and the coroutine that created it.
    assertTrue(msg.contains("created by task 'Task-1' in Coros$Steps"), msg);
    assertTrue(msg.contains("when the event loop closed"), msg);
    assertSame(boom, reports.get(0).get("exception"));
  }

  /** In debug mode the report carries the full creation stack (this test method is in it). */
  @Test
  void loop11_debugModeReportsTheCreationSite() {
    LoopTesting.Reports reports = new LoopTesting.Reports();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  getRunningLoop().setExceptionHandler(reports);
                  createTask(Coros.raising(new IllegalStateException("x")), "doomed");
                }),
            Coros.await(() -> sleep(1))),
        RunOptions.create().virtualTime(true).debug(true));
    assertEquals(1, reports.size());
    String msg = reports.message(0);
    assertTrue(msg.contains("Task created at:"), msg);
    assertTrue(msg.contains("loop11_debugModeReportsTheCreationSite"), msg);
  }

  @Test
  void loop11_retrievedExceptionsAreNotReported() {
    LoopTesting.Reports reports = new LoopTesting.Reports();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  EventLoop loop = getRunningLoop();
                  loop.setExceptionHandler(reports);
                  Task<Object> viaResult =
                      createTask(Coros.raising(new IllegalStateException("a")));
                  Task<Object> viaException =
                      createTask(Coros.raising(new IllegalStateException("b")));
                  Task<Object> viaCallback =
                      createTask(Coros.raising(new IllegalStateException("c")));
                  viaCallback.addDoneCallback(Future::exception);
                  loop.callLater(
                      0.5,
                      () -> {
                        assertThrows(IllegalStateException.class, viaResult::result);
                        assertEquals("b", viaException.exception().getMessage());
                      });
                  Task<Object> viaAwait = createTask(Coros.raising(new IllegalStateException("d")));
                  createTask(
                      Coros.tryCatch(
                          () -> Coros.after(() -> viaAwait, v -> "no"),
                          IllegalStateException.class,
                          e -> "caught"));
                }),
            Coros.await(() -> sleep(1))),
        vt());
    assertEquals(0, reports.size(), reports.contexts.toString());
  }

  @Test
  void loop11_closingAnEventLoopReportsOnceAndIdempotently() {
    LoopTesting.Reports reports = new LoopTesting.Reports();
    EventLoop loop = EventLoop.create(vt());
    loop.setExceptionHandler(reports);
    Task<Object> t = loop.createTask(Coros.raising(new IllegalStateException("x")), "t");
    loop.runUntilComplete(sleep(1));
    assertTrue(t.isDone());
    assertEquals(0, reports.size());
    loop.close();
    assertEquals(1, reports.size());
    loop.close();
    assertEquals(1, reports.size());
    assertTrue(loop.isClosed());
  }

  /**
   * CPython reports "Task was destroyed but it is pending!" when the GC collects a pending task;
   * asyncio4j never drops a running task, but a loop closed under a pending task abandons it, and
   * close() says so, deterministically.
   */
  @Test
  void closingALoopUnderAPendingTaskReportsIt() {
    LoopTesting.Reports reports = new LoopTesting.Reports();
    List<String> log = new ArrayList<>();
    EventLoop loop = EventLoop.create(vt());
    loop.setExceptionHandler(reports);
    Task<String> pending =
        loop.createTask(
            Coros.tryFinally(() -> Coros.sleepThen(10, "late"), () -> log.add("finally")),
            "abandoned");
    Task<String> finished = loop.createTask(Coroutine.of("done"), "finished");
    loop.runUntilComplete(sleep(1));
    loop.close();
    assertEquals(1, reports.size(), reports.contexts.toString());
    assertTrue(
        reports.message(0).startsWith("Task was destroyed but it is pending!"), reports.message(0));
    assertTrue(reports.message(0).contains("'abandoned'"), reports.message(0));
    assertSame(pending, reports.get(0).get("task"));
    assertFalse(pending.isDone());
    assertTrue(finished.isDone());
    assertEquals(List.of(), log);
  }

  /**
   * The prompt path: once the failed task is garbage-collected, the next loop iteration reports it.
   * Uses System.gc() only to get there; if this JVM ignores explicit GC (the task stays reachable
   * through a weak reference), the test is skipped rather than guessing. Once the weak reference is
   * cleared the phantom reference is cleared in the same cycle, so the wait below is only for the
   * JVM's reference handler thread.
   */
  @Test
  @Timeout(60)
  void loop11_collectedTaskIsReportedPromptly() throws InterruptedException {
    LoopTesting.Reports reports = new LoopTesting.Reports();
    EventLoop loop = EventLoop.create(vt());
    try {
      loop.setExceptionHandler(reports);
      WeakReference<Task<?>> ref = failInBackground(loop);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (ref.get() != null && System.nanoTime() < deadline) {
        System.gc();
        Thread.sleep(10);
      }
      assumeTrue(ref.get() == null, "this JVM did not collect the task on System.gc()");
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (reports.size() == 0 && System.nanoTime() < deadline) {
        loop.runUntilComplete(sleep(0));
        Thread.sleep(1);
      }
      assertEquals(1, reports.size());
      assertTrue(reports.message(0).contains("'collected'"), reports.message(0));
      assertTrue(reports.message(0).contains("was garbage-collected"), reports.message(0));
    } finally {
      loop.close();
    }
    assertEquals(1, reports.size(), "reported once, not again at close");
  }

  /**
   * An idle loop (blocked in select, nothing scheduled) still reports a collected failed task
   * promptly: while unretrieved exceptions are tracked it wakes periodically to check. The handler
   * stops the loop; a helper thread drives the GC and, if this JVM ignores System.gc(), stops the
   * loop itself so that the test is skipped.
   */
  @Test
  @Timeout(60)
  void loop11_anIdleLoopReportsACollectedTaskPromptly() throws InterruptedException {
    LoopTesting.Reports reports = new LoopTesting.Reports();
    EventLoop loop = EventLoop.create(vt());
    boolean[] gcIgnored = {false};
    try {
      loop.setExceptionHandler(
          (l, ctx) -> {
            reports.accept(l, ctx);
            l.stop();
          });
      WeakReference<Task<?>> ref = failInBackground(loop);
      Thread gc =
          new Thread(
              () -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (ref.get() != null && System.nanoTime() < deadline) {
                  System.gc();
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
                if (ref.get() != null) {
                  gcIgnored[0] = true;
                  loop.callSoonThreadsafe(loop::stop);
                }
              });
      gc.setDaemon(true);
      gc.start();
      loop.runForever();
      gc.join();
      assumeTrue(!gcIgnored[0], "this JVM did not collect the task on System.gc()");
      assertEquals(1, reports.size());
      assertTrue(reports.message(0).contains("was garbage-collected"), reports.message(0));
    } finally {
      loop.close();
    }
  }

  /** An interrupted loop thread cannot block in select: the run ends instead of spinning. */
  @Test
  @Timeout(30)
  void interruptingTheLoopThreadStopsAnIdleLoop() throws InterruptedException {
    LoopTesting.assertInterruptStopsTheLoop(
        EventLoop.create(vt()),
        loopThread -> {
          LoopTesting.awaitBlockedInSelect(loopThread);
          return true;
        });
  }

  private static WeakReference<Task<?>> failInBackground(EventLoop loop) {
    Task<?> t = loop.createTask(Coros.raising(new IllegalStateException("lost")), "collected");
    loop.runUntilComplete(sleep(0));
    assertTrue(t.isDone());
    return new WeakReference<>(t);
  }

  /**
   * LOOP-16 as asyncio4j's policy: a task waiting on a future that only the task references (in
   * CPython, garbage that destroys the pending task) stays alive, listed by allTasks(), and
   * completes once its future does.
   */
  @Test
  void loop16_unreferencedPendingTaskIsNeverDestroyed() {
    List<String> log = new ArrayList<>();
    int[] live = new int[2];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () ->
                    createTask(
                        Coros.after(
                            () -> getRunningLoop().<String>createFuture(),
                            v -> log.add("got " + v)),
                        "orphan")),
            Coros.await(() -> sleep(1)),
            Coros.run(
                () -> {
                  for (int i = 0; i < 3; i++) {
                    System.gc();
                  }
                }),
            Coros.await(() -> sleep(1)),
            Coros.run(
                () -> {
                  live[0] = Asyncio.allTasks().size();
                  for (Task<?> t : Asyncio.allTasks()) {
                    if (t.getName().equals("orphan")) {
                      @SuppressWarnings("unchecked")
                      Future<String> privateFuture = (Future<String>) t.waitingOn();
                      privateFuture.setResult("value");
                    }
                  }
                }),
            Coros.await(() -> sleep(1)),
            Coros.run(() -> live[1] = Asyncio.allTasks().size())),
        vt());
    assertEquals(List.of("got value"), log);
    assertEquals(2, live[0]);
    assertEquals(1, live[1]);
  }

  // ---------------------------------------------------------------------------------------------
  // Debug mode.

  /** A coroutine whose single step busy-waits: a blocking call inside a coroutine. */
  static final class Busy extends Coroutine<String> {
    final long nanos;

    Busy(long nanos) {
      this.nanos = nanos;
    }

    @Override
    protected void resume() {
      LoopTesting.busyFor(nanos);
      complete("done");
    }

    @Override
    protected String describe() {
      return "EventLoopTest.busy(EventLoopTest.java:42)";
    }
  }

  /**
   * stop() from another thread is handed to the loop's thread, which it wakes: a loop waiting for
   * I/O with nothing scheduled stops instead of waiting on (and reads every flag on its own thread).
   */
  @Test
  @Timeout(10)
  void stopFromAnotherThreadWakesAWaitingLoop() throws Exception {
    EventLoop loop = EventLoop.create(RunOptions.create().virtualTime(false));
    try {
      Thread stopper =
          new Thread(
              () -> {
                try {
                  Thread.sleep(100); // the loop is waiting in its selector by then
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                loop.stop();
              });
      stopper.start();
      loop.runForever(); // returns only if the stop reached the waiting loop
      stopper.join();
      assertFalse(loop.isRunning());
    } finally {
      loop.close();
    }
  }

  /** setDebug(true) from another thread reaches a running loop: its next slow step is reported. */
  @Test
  @Timeout(10)
  void debugModeSetFromAnotherThreadTakesEffect() throws Exception {
    List<String> warnings = new CopyOnWriteArrayList<>();
    EventLoop loop =
        EventLoop.create(RunOptions.create().virtualTime(false).slowCallbackDuration(0.001));
    loop.warningSink = warnings::add;
    try {
      java.util.concurrent.CountDownLatch set = new java.util.concurrent.CountDownLatch(1);
      loop.callSoon(
          () ->
              new Thread(
                      () -> {
                        loop.setDebug(true);
                        set.countDown();
                      })
                  .start());
      Future<String> done = loop.createFuture();
      loop.callSoon(new Runnable() {
        @Override
        public void run() {
          if (set.getCount() > 0) {
            loop.callSoon(this); // keep the loop iterating until the other thread has set it
            return;
          }
          // The mode reaches the loop through its own thread, as a callback queued behind this
          // iteration's: the slow callback runs the iteration after that one.
          loop.callSoon(
              () ->
                  loop.callSoon(
                      () -> {
                        LoopTesting.busyFor(TimeUnit.MILLISECONDS.toNanos(5)); // a slow callback
                        done.setResult("slow");
                      }));
        }
      });
      assertEquals("slow", loop.runUntilComplete(done));
    } finally {
      loop.close();
    }
    assertTrue(
        warnings.stream().anyMatch(w -> w.startsWith("Executing ")), warnings.toString());
  }

  @Test
  void loop13_debugModeReportsSlowStepsNamingTheTask() {
    List<String> warnings = new CopyOnWriteArrayList<>(); // the watchdog thread reports too
    EventLoop loop =
        EventLoop.create(
            RunOptions.create().virtualTime(true).debug(true).slowCallbackDuration(0.001));
    try {
      loop.warningSink = warnings::add;
      assertTrue(loop.getDebug());
      assertEquals(0.001, loop.getSlowCallbackDuration());
      Task<String> t = loop.createTask(new Busy(TimeUnit.MILLISECONDS.toNanos(5)), "slowpoke");
      assertEquals("done", loop.runUntilComplete(t));
    } finally {
      loop.close();
    }
    String report = null;
    for (String w : warnings) {
      // The loop's report after the step; the watchdog thread's "Event loop blocked" report during
      // it may come before or, when that thread is descheduled, after it.
      if (w.startsWith("Executing <Task") && w.contains("name='slowpoke'")) {
        report = w;
      }
    }
    assertTrue(report != null, warnings.toString());
    assertTrue(
        report.matches(
            "Executing <Task \\w+ name='slowpoke'"
                + " coro=EventLoopTest\\.busy\\(EventLoopTest\\.java:42\\).*> took \\d+\\.\\d{3}"
                + " seconds: started at EventLoopTest\\.busy\\(EventLoopTest\\.java:42\\), it"
                + " finished"),
        report);
  }

  /** The report names the whole await chain: the slow coroutine, not only where it now waits. */
  @Test
  void loop13_theSlowStepReportNamesTheAwaitChain() {
    List<String> warnings = new CopyOnWriteArrayList<>(); // the watchdog thread reports too
    EventLoop loop =
        EventLoop.create(
            RunOptions.create().virtualTime(true).debug(true).slowCallbackDuration(0.001));
    Coroutine<String> inner =
        new Coroutine<>() {
          @Override
          protected void resume() {
            switch (label) {
              case 0:
                LoopTesting.busyFor(TimeUnit.MILLISECONDS.toNanos(5));
                if (!await(sleep(1), 1)) {
                  return;
                }
                // fall through
              case 1:
                awaitResult();
                complete("inner");
                return;
              default:
                throw new AssertionError(label);
            }
          }

          @Override
          protected String describe() {
            return "Worker.inner(Worker.java:7)";
          }
        };
    Coroutine<String> outer =
        new Coroutine<>() {
          @Override
          protected void resume() {
            switch (label) {
              case 0:
                if (!await(inner, 1)) {
                  return;
                }
                // fall through
              case 1:
                complete(awaitResult());
                return;
              default:
                throw new AssertionError(label);
            }
          }

          @Override
          protected String describe() {
            return "Worker.outer(Worker.java:3)";
          }
        };
    try {
      loop.warningSink = warnings::add;
      assertEquals("inner", loop.runUntilComplete(loop.createTask(outer, "worker")));
    } finally {
      loop.close();
    }
    String expected =
        "Executing <Task pending name='worker' coro=Worker.outer(Worker.java:3) ->"
            + " Worker.inner(Worker.java:7) -> sleep(1.0) wait_for=<Future pending>> took ";
    assertTrue(warnings.stream().anyMatch(w -> w.startsWith(expected)), warnings.toString());
  }

  @Test
  void loop13_slowCallbacksAreReportedThroughSystemLoggerByDefault() {
    try (LoopTesting.CapturedLog log = new LoopTesting.CapturedLog()) {
      EventLoop loop =
          EventLoop.create(
              RunOptions.create().virtualTime(true).debug(true).slowCallbackDuration(0.001));
      try {
        loop.callSoon(() -> LoopTesting.busyFor(TimeUnit.MILLISECONDS.toNanos(5)));
        loop.runUntilComplete(sleep(0));
      } finally {
        loop.close();
      }
      boolean found = false;
      for (LogRecord r : log.records) {
        found |= r.getLevel() == Level.WARNING && r.getMessage().startsWith("Executing <Handle");
      }
      assertTrue(found, log.records.toString());
    }
  }

  @Test
  void loop13_defaultThresholdIsOneHundredMillisecondsAndFastOrNonDebugStepsAreNotReported() {
    assertEquals(0.1, RunOptions.create().getSlowCallbackDuration());
    List<String> warnings = new CopyOnWriteArrayList<>(); // the watchdog thread reports too
    EventLoop debugOff =
        EventLoop.create(
            RunOptions.create().virtualTime(true).debug(false).slowCallbackDuration(0.001));
    EventLoop highThreshold =
        EventLoop.create(
            RunOptions.create().virtualTime(true).debug(true).slowCallbackDuration(30));
    try {
      EventLoop defaults = EventLoop.create(vt());
      assertEquals(0.1, defaults.getSlowCallbackDuration());
      defaults.close();
      for (EventLoop loop : List.of(debugOff, highThreshold)) {
        loop.warningSink = warnings::add;
        loop.runUntilComplete(new Busy(TimeUnit.MILLISECONDS.toNanos(5)));
      }
    } finally {
      debugOff.close();
      highThreshold.close();
    }
    assertEquals(List.of(), warnings);
    assertThrows(
        IllegalArgumentException.class, () -> RunOptions.create().slowCallbackDuration(-1));
    assertThrows(
        IllegalArgumentException.class, () -> debugOff.setSlowCallbackDuration(Double.NaN));
  }

  @Test
  @Timeout(10)
  void debugModeRejectsLoopCallsFromOtherThreads() throws Exception {
    EventLoop loop = EventLoop.create(RunOptions.create().virtualTime(true).debug(true));
    Throwable[] fromOtherThread = new Throwable[3];
    try {
      loop.runUntilComplete(
          Coros.steps(
              Coros.await(
                  () ->
                      Asyncio.toThread(
                          () -> {
                            fromOtherThread[0] = catching(() -> loop.callSoon(() -> {}));
                            fromOtherThread[1] = catching(() -> loop.callLater(1, () -> {}));
                            fromOtherThread[2] = catching(() -> loop.createTask(sleep(0)));
                            return null;
                          }))));
    } finally {
      loop.close();
    }
    for (Throwable t : fromOtherThread) {
      assertTrue(t instanceof IllegalStateException, String.valueOf(t));
      assertTrue(t.getMessage().contains("callSoonThreadsafe"), t.getMessage());
    }
  }

  private static Throwable catching(Runnable r) {
    try {
      r.run();
      return null;
    } catch (Throwable t) {
      return t;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Running, stopping, closing.

  @Test
  void closedLoopOperationsFailClearly() {
    EventLoop loop = EventLoop.create(vt());
    Future<String> done = loop.createFuture();
    done.setResult("x");
    loop.close();
    List<Runnable> ops =
        List.of(
            () -> loop.callSoon(() -> {}),
            () -> loop.callLater(1, () -> {}),
            () -> loop.callAt(1, () -> {}),
            () -> loop.callSoonThreadsafe(() -> {}),
            () -> loop.createTask(sleep(0)),
            () -> loop.runInExecutor(null, () -> 1),
            () -> loop.runUntilComplete(sleep(0)),
            loop::runForever,
            () -> done.addDoneCallback(f -> {}));
    for (Runnable op : ops) {
      IllegalStateException e = assertThrows(IllegalStateException.class, op::run);
      assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
    assertTrue(loop.isClosed());
    assertFalse(loop.isRunning());
  }

  @Test
  void aRunningLoopCannotBeRunAgainOrClosed() {
    EventLoop loop = EventLoop.create(vt());
    Throwable[] errors = new Throwable[3];
    try {
      loop.runUntilComplete(
          Coros.steps(
              Coros.run(
                  () -> {
                    assertTrue(loop.isRunning());
                    errors[0] = catching(() -> loop.runUntilComplete(sleep(0)));
                    errors[1] = catching(loop::close);
                    EventLoop other = EventLoop.create(vt());
                    errors[2] = catching(other::runForever);
                    other.close();
                  })));
    } finally {
      loop.close();
    }
    for (Throwable e : errors) {
      assertTrue(e instanceof IllegalStateException, String.valueOf(e));
    }
    assertTrue(errors[0].getMessage().contains("already running"));
    assertTrue(errors[1].getMessage().contains("running"));
  }

  @Test
  void runUntilCompleteRejectsAFutureOfAnotherLoop() {
    EventLoop a = EventLoop.create(vt());
    EventLoop b = EventLoop.create(vt());
    try {
      Future<String> f = a.createFuture();
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> b.runUntilComplete(f));
      assertTrue(e.getMessage().contains("different event loop"), e.getMessage());
    } finally {
      a.close();
      b.close();
    }
  }

  /**
   * A loop stopped before the awaited future completes fails runUntilComplete; the future's later
   * completion must not stop the next run of the loop (its stop callback was removed).
   */
  @Test
  void stopBeforeCompletionFailsRunUntilCompleteWithoutAStaleStop() {
    EventLoop loop = EventLoop.create(vt());
    try {
      Future<String> f = loop.createFuture();
      loop.callSoon(loop::stop);
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(f));
      assertTrue(e.getMessage().contains("stopped before"), e.getMessage());
      assertFalse(loop.isRunning());
      loop.callSoon(() -> f.setResult("late"));
      loop.callLater(5, loop::stop);
      loop.runForever();
      assertEquals(5.0, loop.time());
      assertEquals("late", loop.runUntilComplete(f));
    } finally {
      loop.close();
    }
  }

  @Test
  void stopBeforeRunForeverRunsOneIteration() {
    EventLoop loop = EventLoop.create(vt());
    AtomicInteger ran = new AtomicInteger();
    try {
      loop.callSoon(ran::incrementAndGet);
      loop.stop();
      loop.runForever();
      assertEquals(1, ran.get());
      loop.callSoon(() -> loop.callSoon(ran::incrementAndGet));
      loop.callSoon(loop::stop);
      loop.runForever();
      assertEquals(
          1, ran.get(), "callbacks scheduled during the last iteration wait for the next run");
      loop.callSoon(loop::stop);
      loop.runForever();
      assertEquals(2, ran.get());
    } finally {
      loop.close();
    }
  }

  @Test
  void runUntilCompleteOfAFutureAndOfACoroutine() {
    EventLoop loop = EventLoop.create(vt());
    try {
      Future<String> f = loop.createFuture();
      loop.callLater(2, () -> f.setResult("timer"));
      assertEquals("timer", loop.runUntilComplete(f));
      assertEquals(2.0, loop.time());
      IllegalStateException boom = new IllegalStateException("boom");
      assertSame(
          boom,
          assertThrows(
              IllegalStateException.class, () -> loop.runUntilComplete(Coros.raising(boom))));
      assertFalse(loop.isRunning());
      assertEquals(7, loop.runUntilComplete(Coros.sleepThen(1, 7)));
      assertEquals(3.0, loop.time());
    } finally {
      loop.close();
    }
  }
}
