package org.asyncio4j;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.shield;
import static org.asyncio4j.Asyncio.sleep;
import static org.asyncio4j.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link Asyncio#waitFor}: scenarios WF-01, 03, 04, 05, 08 and 09 of asyncio-scenarios.md (WF-09:
 * {@code waitFor(queue.get(), t)} leaves no stale getter; QueueTest checks more of the queue's
 * side), plus WF-02 (a result in time), WF-06 (a swallowed cancellation's value is returned) and
 * WF-07 (an exception raised while cancelling propagates), which asyncio-semantics.md §2.5
 * describes without a table entry. All are expressible in Java.
 */
class WaitForTest {
  static final RunOptions VT = RunOptions.create().virtualTime(true);

  static double now() {
    return Asyncio.getRunningLoop().time();
  }

  @SuppressWarnings("unchecked")
  static Future<Object> any(Future<?> f) {
    return (Future<Object>) f;
  }

  /** A coroutine that sleeps {@code delay} and records its finally block in {@code log}. */
  static Coroutine<String> sleeperWithFinally(double delay, List<String> log) {
    return Coros.tryFinally(
        () -> Coros.sleepThen(delay, "slept"), () -> log.add("finally at " + now()));
  }

  /** {@code try: return await aw; except TimeoutError as e: log; return e}. */
  static Coroutine<Object> catchTimeout(Coroutine<?> aw, List<String> log) {
    @SuppressWarnings("unchecked")
    Coroutine<Object> body = (Coroutine<Object>) aw;
    return Coros.tryCatch(
        () -> body,
        TimeoutError.class,
        e -> {
          log.add("TimeoutError at " + now());
          return e;
        });
  }

  @Test
  @DisplayName("WF-01: waitFor(task, t) cancels the task and waits for it; TimeoutError")
  void wf01Task() {
    List<String> log = new ArrayList<>();
    Task<?>[] t = new Task<?>[1];
    Object r =
        Asyncio.run(
            Coros.after(
                () -> {
                  t[0] = createTask(sleeperWithFinally(10, log));
                  return catchTimeout(waitFor(t[0], 1), log);
                },
                v -> v),
            VT);
    assertEquals(List.of("finally at 1.0", "TimeoutError at 1.0"), log);
    assertTrue(t[0].isCancelled());
    TimeoutError te = assertInstanceOf(TimeoutError.class, r);
    assertInstanceOf(CancelledError.class, te.getCause());
  }

  @Test
  @DisplayName("WF-01 (coroutine): the coroutine's finally ran before TimeoutError; count restored")
  void wf01Coroutine() {
    List<String> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> catchTimeout(waitFor(sleeperWithFinally(10, log), 2), log)),
            Coros.run(() -> log.add("cancelling=" + Asyncio.currentTask().cancelling()))),
        VT);
    assertEquals(List.of("finally at 2.0", "TimeoutError at 2.0", "cancelling=0"), log);
  }

  @Test
  @DisplayName("WF-02: a result that arrives in time is returned at once")
  void wf02InTime() {
    String r =
        Asyncio.run(
            Coros.after(() -> waitFor(Coros.sleepThen(1, "r"), 5), v -> v + "@" + now()), VT);
    assertEquals("r@1.0", r);
  }

  @Test
  @DisplayName("WF-02: an exception raised in time propagates unchanged")
  void wf02ExceptionInTime() {
    IllegalStateException err = new IllegalStateException("inner");
    Object r =
        Asyncio.run(
            Coros.tryCatch(
                () -> waitFor(Coros.sleepThenThrow(1, err), 5), IllegalStateException.class, e -> e),
            VT);
    assertSame(err, r);
  }

  @Test
  @DisplayName("WF-03: waitFor(coroutine, 0) raises TimeoutError; the body never starts")
  void wf03ZeroTimeoutCoroutineNeverStarts() {
    List<String> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () ->
                    catchTimeout(
                        waitFor(
                            Coros.steps(Coros.run(() -> log.add("body started"))).returning(() -> 1),
                            0),
                        log)),
            Coros.await(
                () ->
                    catchTimeout(
                        waitFor(
                            Coros.steps(Coros.run(() -> log.add("body started"))).returning(() -> 2),
                            -5),
                        log)),
            Coros.await(() -> sleep(1))),
        VT);
    assertEquals(List.of("TimeoutError at 0.0", "TimeoutError at 0.0"), log);
  }

  @Test
  @DisplayName("WF-04: waitFor(done future, 0) and waitFor(coroutine, no limit) return 'done'")
  void wf04DoneFutureAndNoLimit() {
    List<Object> r = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () -> {
                  Future<String> f = Asyncio.getRunningLoop().createFuture();
                  f.setResult("done");
                  return waitFor(f, 0);
                },
                r::add),
            Coros.await(() -> waitFor(Coros.sleepThen(100, "done"), (Duration) null), r::add),
            Coros.await(
                () -> waitFor(Coros.sleepThen(100, "done"), Double.POSITIVE_INFINITY), r::add),
            Coros.run(() -> r.add(now()))),
        VT);
    assertEquals(List.of("done", "done", "done", 200.0), r);
  }

  @Test
  @DisplayName("WF-05: cancelling the task awaiting waitFor cancels the inner task")
  void wf05CancelWaiterCancelsInner() {
    List<String> log = new ArrayList<>();
    Task<?>[] inner = new Task<?>[1];
    Task<?>[] w = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  inner[0] = createTask(sleeperWithFinally(3600, log));
                  w[0] = createTask(waitFor(inner[0], 60));
                }),
            Coros.await(() -> sleep(1)),
            Coros.run(() -> w[0].cancel()),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> Coros.after(() -> any(w[0]), v -> "no"),
                        CancelledError.class,
                        e -> {
                          log.add("waiter CancelledError at " + now());
                          return "x";
                        }))),
        VT);
    assertEquals(List.of("finally at 1.0", "waiter CancelledError at 1.0"), log);
    assertTrue(inner[0].isCancelled());
    assertTrue(w[0].isCancelled());
  }

  @Test
  @DisplayName("WF-06: if the inner awaitable swallows the cancellation, its value is returned")
  void wf06SwallowedCancellationValue() {
    String r =
        Asyncio.run(
            Coros.after(
                () ->
                    waitFor(
                        Coros.tryCatch(
                            () -> Coros.sleepThen(10, "slept"),
                            CancelledError.class,
                            e -> "swallowed"),
                        1),
                v -> v + "@" + now() + " cancelling=" + Asyncio.currentTask().cancelling()),
            VT);
    assertEquals("swallowed@1.0 cancelling=0", r);
  }

  @Test
  @DisplayName("WF-06 (task): a task that swallows the cancellation gives its value")
  void wf06Task() {
    String r =
        Asyncio.run(
            Coros.after(
                () ->
                    waitFor(
                        createTask(
                            Coros.tryCatch(
                                () -> Coros.sleepThen(10, "slept"),
                                CancelledError.class,
                                e -> "swallowed")),
                        1),
                v -> v + "@" + now()),
            VT);
    assertEquals("swallowed@1.0", r);
  }

  @Test
  @DisplayName("WF-07: an exception raised while the inner awaitable is cancelled propagates")
  void wf07ExceptionDuringCancellation() {
    IllegalStateException cleanup = new IllegalStateException("cleanup failed");
    Object r =
        Asyncio.run(
            Coros.tryCatch(
                () ->
                    waitFor(
                        Coros.tryCatch(
                            () -> Coros.sleepThen(10, "slept"),
                            CancelledError.class,
                            e -> {
                              throw cleanup;
                            }),
                        1),
                IllegalStateException.class,
                e -> e),
            VT);
    assertSame(cleanup, r);
  }

  @Test
  @DisplayName("WF-08: waitFor(shield(task), t): TimeoutError, the task runs on and finishes")
  void wf08Shielded() {
    List<String> log = new ArrayList<>();
    Task<?>[] t = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> t[0] = createTask(Coros.sleepThen(5, "done"))),
            Coros.await(() -> catchTimeout(waitFor(shield(any(t[0])), 1), log)),
            Coros.run(() -> log.add("task cancelled=" + t[0].isCancelled())),
            Coros.await(() -> any(t[0]), v -> log.add(v + " at " + now()))),
        VT);
    assertEquals(List.of("TimeoutError at 1.0", "task cancelled=false", "done at 5.0"), log);
  }

  @Test
  @DisplayName("waitFor(pending future, 0) cancels the future and raises TimeoutError")
  void zeroTimeoutPendingFuture() {
    Future<?>[] f = new Future<?>[1];
    List<String> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> f[0] = Asyncio.getRunningLoop().createFuture()),
            Coros.await(() -> catchTimeout(waitFor(any(f[0]), 0), log))),
        VT);
    assertEquals(List.of("TimeoutError at 0.0"), log);
    assertTrue(f[0].isCancelled());
  }

  @Test
  @DisplayName("waitFor rejects a NaN timeout")
  void nanTimeout() {
    assertThrows(IllegalArgumentException.class, () -> waitFor(Coroutine.of(1), Double.NaN));
  }

  @Test
  @DisplayName("waitFor with a Duration times out like the double form")
  void durationOverload() {
    List<String> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () -> catchTimeout(waitFor(Coros.sleepThen(10, "x"), Duration.ofMillis(1500)), log))),
        VT);
    assertEquals(List.of("TimeoutError at 1.5"), log);
  }

  @Test
  @DisplayName("WF-09: waitFor(queue.get(), t) on an empty queue leaves no stale getter")
  void wf09QueueGetNoStaleGetter() {
    List<String> log = new ArrayList<>();
    @SuppressWarnings("unchecked")
    Queue<String>[] q = new Queue[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> q[0] = new Queue<>()),
            Coros.await(() -> catchTimeout(waitFor(q[0].get(), 1), log)),
            Coros.run(() -> log.add(q[0].toString())),
            Coros.run(() -> q[0].putNowait("x")),
            Coros.await(() -> q[0].get(), v -> log.add("got " + v + " at " + now()))),
        VT);
    assertEquals(List.of("TimeoutError at 1.0", "<Queue maxsize=0>", "got x at 1.0"), log);
  }
}
