package org.asyncio4j;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link Asyncio#gather}: scenarios GATHER-01, 03, 05, 07, 08, 09, 10 of asyncio-scenarios.md,
 * plus GATHER-02, 04 and 06, which asyncio-semantics.md §2.4 describes without a table entry. All
 * of them can be expressed in Java. Times are exact virtual-clock times; delays are whole seconds
 * so that sums stay exact doubles.
 */
class GatherTest {
  static final RunOptions VT = RunOptions.create().virtualTime(true);

  static double now() {
    return Asyncio.getRunningLoop().time();
  }

  /** Collects what the loop reports through its exception handler (unretrieved exceptions...). */
  static List<Map<String, Object>> captureReports() {
    List<Map<String, Object>> reports = new ArrayList<>();
    Asyncio.getRunningLoop().setExceptionHandler((loop, ctx) -> reports.add(ctx));
    return reports;
  }

  @Test
  @DisplayName("GATHER-01: results come back in argument order, not finish order")
  void gather01ArgumentOrder() {
    double[] end = new double[1];
    List<String> r =
        Asyncio.run(
            Coros.after(
                () ->
                    gather(
                        createTask(Coros.sleepThen(2, "Task 1 result")),
                        createTask(Coros.sleepThen(1, "Task 2 result")),
                        createTask(Coros.sleepThen(3, "Task 3 result"))),
                v -> {
                  end[0] = now();
                  return v;
                }),
            VT);
    assertEquals(List.of("Task 1 result", "Task 2 result", "Task 3 result"), r);
    assertEquals(3.0, end[0]);
  }

  @Test
  @DisplayName("GATHER-01 (coroutines): coroutines are wrapped in tasks and run concurrently")
  void gather01Coroutines() {
    double[] end = new double[1];
    List<String> r =
        Asyncio.run(
            Coros.after(
                () -> gather(Coros.sleepThen(2, "a"), Coros.sleepThen(1, "b")),
                v -> {
                  end[0] = now();
                  return v;
                }),
            VT);
    assertEquals(List.of("a", "b"), r);
    assertEquals(2.0, end[0]);
  }

  @Test
  @DisplayName("GATHER-02: the first exception propagates at once; siblings are not cancelled")
  void gather02FirstExceptionSiblingsKeepRunning() {
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    List<String> log = new ArrayList<>();
    @SuppressWarnings("unchecked")
    Task<String>[] slow = new Task[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> slow[0] = createTask(Coros.sleepThen(3, "slow done"))),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> Coros.after(() -> gather(Coros.sleepThenThrow(1, boom), slow[0]), v -> "no"),
                        IllegalArgumentException.class,
                        e -> {
                          assertSame(boom, e);
                          log.add("caught at " + now() + ", slow done=" + slow[0].isDone());
                          return "yes";
                        })),
            Coros.await(() -> slow[0], v -> log.add(v + " at " + now()))),
        VT);
    assertEquals(List.of("caught at 1.0, slow done=false", "slow done at 3.0"), log);
    assertFalse(slow[0].isCancelled());
  }

  @Test
  @DisplayName("GATHER-03: returnExceptions=true returns exceptions as results, in argument order")
  void gather03ReturnExceptions() {
    ArithmeticException zero = new ArithmeticException("/ by zero");
    IllegalStateException runtime = new IllegalStateException("runtime");
    double[] end = new double[1];
    List<Object> r =
        Asyncio.run(
            Coros.after(
                () ->
                    gather(
                        true,
                        Coros.sleepThen(2, 3),
                        Coroutine.of(1),
                        Coros.sleepThenThrow(1, zero),
                        Coros.sleepThenThrow(3, runtime)),
                v -> {
                  end[0] = now();
                  return v;
                }),
            VT);
    assertEquals(4, r.size());
    assertEquals(3, r.get(0));
    assertEquals(1, r.get(1));
    assertSame(zero, r.get(2));
    assertSame(runtime, r.get(3));
    assertEquals(3.0, end[0]);
  }

  @Test
  @DisplayName("GATHER-04: a cancelled child counts as raising CancelledError; gather not cancelled")
  void gather04CancelledChild() {
    List<String> log = new ArrayList<>();
    @SuppressWarnings("unchecked")
    Future<List<String>>[] g = new Future[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  Task<String> a = createTask(Coros.sleepThen(5, "a"));
                  Task<String> b = createTask(Coros.sleepThen(5, "b"));
                  g[0] = gather(a, b);
                  Asyncio.getRunningLoop().callLater(1, () -> b.cancel("child msg"));
                }),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> Coros.after(() -> g[0], v -> "no"),
                        CancelledError.class,
                        e -> {
                          log.add("cancelled at " + now() + ": " + e.getMessage());
                          return "x";
                        }))),
        VT);
    assertEquals(List.of("cancelled at 1.0: child msg"), log);
    assertFalse(g[0].isCancelled());
    assertInstanceOf(CancelledError.class, g[0].exception());
  }

  @Test
  @DisplayName("GATHER-05: returnExceptions=true: [1, ZeroDivisionError, CancelledError, 3]")
  void gather05OneCancellation() {
    ArithmeticException zero = new ArithmeticException();
    List<Object> r =
        Asyncio.run(
            Coros.after(
                () -> {
                  EventLoop loop = Asyncio.getRunningLoop();
                  Future<Integer> a = loop.createFuture();
                  Future<Integer> b = loop.createFuture();
                  Future<Integer> c = loop.createFuture();
                  Future<Integer> d = loop.createFuture();
                  Future<List<Object>> g = gather(true, a, b, c, d);
                  a.setResult(1);
                  b.setException(zero);
                  c.cancel("c gone");
                  d.setResult(3);
                  return g;
                },
                v -> v),
            VT);
    assertEquals(4, r.size());
    assertEquals(1, r.get(0));
    assertSame(zero, r.get(1));
    assertInstanceOf(CancelledError.class, r.get(2));
    assertEquals("c gone", ((CancelledError) r.get(2)).getMessage());
    assertEquals(3, r.get(3));
  }

  @Test
  @DisplayName("GATHER-06: cancelling gather cancels unfinished children (either returnExceptions)")
  void gather06CancelGatherCancelsChildren() {
    for (boolean returnExceptions : new boolean[] {false, true}) {
      List<String> log = new ArrayList<>();
      Asyncio.run(
          Coros.steps(
              Coros.run(
                  () -> {
                    Task<String> done = createTask(Coroutine.of("early"));
                    Task<String> t1 = createTask(Coros.sleepThen(10, "t1"));
                    Task<String> t2 = createTask(Coros.sleepThen(10, "t2"));
                    Future<List<Object>> g = gather(returnExceptions, done, t1, t2);
                    Asyncio.getRunningLoop()
                        .callLater(
                            1,
                            () -> {
                              log.add("cancel=" + g.cancel("stop"));
                              g.addDoneCallback(
                                  f ->
                                      log.add(
                                          "g at " + now() + " cancelled=" + f.isCancelled()
                                              + " exception=" + f.exception().getClass().getSimpleName()
                                              + "(" + f.exception().getMessage() + ")"
                                              + " t1=" + t1.isCancelled() + " t2=" + t2.isCancelled()
                                              + " done=" + done.isCancelled()));
                            });
                  }),
              Coros.await(() -> sleep(2))),
          VT);
      assertEquals(
          List.of(
              "cancel=true",
              "g at 1.0 cancelled=false exception=CancelledError(stop) t1=true t2=true done=false"),
          log,
          "returnExceptions=" + returnExceptions);
    }
  }

  @Test
  @DisplayName("GATHER-07: a duplicate awaitable runs once and fills every position")
  void gather07Duplicates() {
    int[] runs = new int[1];
    List<String> r =
        Asyncio.run(
            Coros.after(
                () -> {
                  Coroutine<String> c =
                      Coros.steps(Coros.run(() -> runs[0]++), Coros.await(() -> sleep(1)))
                          .returning(() -> "abc");
                  return gather(c, c, Coros.sleepThen(1, "def"), c);
                },
                v -> v),
            VT);
    assertEquals(List.of("abc", "abc", "def", "abc"), r);
    assertEquals(1, runs[0]);
  }

  @Test
  @DisplayName("GATHER-08: gather() with no arguments is a done future with []")
  void gather08Empty() {
    boolean[] doneAtOnce = new boolean[1];
    List<Object> r =
        Asyncio.run(
            Coros.after(
                () -> {
                  Future<List<Object>> g = gather();
                  doneAtOnce[0] = g.isDone();
                  return g;
                },
                v -> v),
            VT);
    assertEquals(List.of(), r);
    assertTrue(doneAtOnce[0]);
  }

  /** {@code while True: await gather(sleep(1), return_exceptions=True)}; counts iterations. */
  static final class GatherForever extends Coroutine<Void> {
    int iterations;

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            if (!await(gather(true, sleep(1)), 1)) {
              return;
            }
            // fall through
          case 1:
            awaitResult();
            iterations++;
            label = 0;
            continue;
          default:
            throw new AssertionError(label);
        }
      }
    }
  }

  @Test
  @DisplayName("GATHER-09: cancelling a task awaiting gather(returnExceptions=true) cancels it")
  void gather09CancelPropagatesThroughReturnExceptions() {
    GatherForever forever = new GatherForever();
    List<String> log = new ArrayList<>();
    @SuppressWarnings("unchecked")
    Task<Void>[] t = new Task[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> t[0] = createTask(forever)),
            Coros.await(() -> sleep(3.5)),
            Coros.run(() -> log.add("cancel=" + t[0].cancel())),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> Coros.after(() -> t[0], v -> "no"),
                        CancelledError.class,
                        e -> {
                          log.add("CancelledError at " + now());
                          return "x";
                        }))),
        VT);
    assertEquals(List.of("cancel=true", "CancelledError at 3.5"), log);
    assertTrue(t[0].isCancelled());
    assertEquals(3, forever.iterations);
  }

  @Test
  @DisplayName("GATHER-10: cancel() after gather propagated an exception is false; sibling runs on")
  void gather10CancelAfterDone() {
    List<String> log = new ArrayList<>();
    @SuppressWarnings("unchecked")
    Task<String>[] slow = new Task[1];
    @SuppressWarnings("unchecked")
    Future<List<String>>[] g = new Future[1];
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  slow[0] = createTask(Coros.sleepThen(2, "done"));
                  g[0] = gather(Coros.<String>raising(boom), slow[0]);
                }),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> Coros.after(() -> g[0], v -> "no"),
                        IllegalArgumentException.class,
                        e -> {
                          log.add("ValueError " + (e == boom) + " at " + now());
                          return "x";
                        })),
            Coros.run(() -> log.add("cancel=" + g[0].cancel())),
            Coros.await(() -> slow[0], v -> log.add("slow " + v + " at " + now()))),
        VT);
    assertEquals(List.of("ValueError true at 0.0", "cancel=false", "slow done at 2.0"), log);
    assertFalse(slow[0].isCancelled());
  }

  @Test
  @DisplayName("gather retrieves the exceptions it consumed: nothing reported as never retrieved")
  void exceptionsConsumedByGatherAreNotReported() {
    List<Map<String, Object>>[] reports = newReports();
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> reports[0] = captureReports()),
            Coros.await(
                () ->
                    gather(
                        true,
                        createTask(Coros.sleepThenThrow(1, new IllegalStateException("a"))),
                        createTask(Coros.sleepThenThrow(2, new IllegalStateException("b"))))),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () ->
                            Coros.after(
                                () ->
                                    gather(
                                        createTask(Coros.sleepThenThrow(1, new IllegalStateException("c"))),
                                        createTask(Coros.sleepThenThrow(2, new IllegalStateException("d")))),
                                v -> "no"),
                        IllegalStateException.class,
                        e -> e.getMessage())),
            // let the second failure finish while the gather is already done
            Coros.await(() -> sleep(5))),
        VT);
    assertEquals(List.of(), reports[0]);
  }

  @Test
  @DisplayName("control: a failed task nobody awaits is still reported at loop close")
  void unawaitedFailureIsReported() {
    List<Map<String, Object>>[] reports = newReports();
    IllegalStateException lost = new IllegalStateException("lost");
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> reports[0] = captureReports()),
            Coros.run(() -> createTask(Coros.sleepThenThrow(1, lost))),
            Coros.await(() -> sleep(2))),
        VT);
    assertEquals(1, reports[0].size());
    assertSame(lost, reports[0].get(0).get("exception"));
  }

  @Test
  @DisplayName("gather of futures that are all done is done at once; errors are unwrapped")
  void allDoneFuturesAndExceptionIdentity() {
    IllegalStateException err = new IllegalStateException("err");
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  EventLoop loop = Asyncio.getRunningLoop();
                  Future<String> a = loop.createFuture();
                  a.setResult("a");
                  Future<String> b = loop.createFuture();
                  b.setResult("b");
                  Future<List<String>> g = gather(List.of(a, b));
                  assertTrue(g.isDone());
                  assertEquals(List.of("a", "b"), g.result());
                  Future<String> c = loop.createFuture();
                  c.setException(err);
                  Future<List<String>> g2 = gather(a, c);
                  assertTrue(g2.isDone());
                  assertSame(err, assertThrows(IllegalStateException.class, g2::result));
                  assertNull(gather(true, List.of(a)).exception());
                })),
        VT);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>>[] newReports() {
    return new List[1];
  }
}
