package org.asyncio4j;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.sleep;
import static org.asyncio4j.Asyncio.timeout;
import static org.asyncio4j.Asyncio.timeoutAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link Asyncio#timeout} / {@link Asyncio#timeoutAt} / {@link Timeout}: scenarios TO-01, 02, 03,
 * 04, 06, 09, 10 and 11 of asyncio-scenarios.md, plus TO-05 (nesting), TO-07 (an outside cancel at
 * expiry is not swallowed) and TO-08 (the task runs on normally afterwards) from
 * asyncio-semantics.md §2.5. All are expressible. {@code async with timeout(d) as cm:} is written
 * with {@link Coros#asyncWith}, which follows the processor's try-with-resources rules.
 */
class TimeoutTest {
  static final RunOptions VT = RunOptions.create().virtualTime(true);

  static double now() {
    return Asyncio.getRunningLoop().time();
  }

  @SuppressWarnings("unchecked")
  static Future<Object> any(Future<?> f) {
    return (Future<Object>) f;
  }

  /** {@code try: async with cm: await body; except TimeoutError as e: log}. */
  static Coroutine<Object> catchTimeout(
      Timeout cm, Supplier<? extends Coroutine<?>> body, List<String> log) {
    @SuppressWarnings("unchecked")
    Supplier<Coroutine<Object>> b = (Supplier<Coroutine<Object>>) (Supplier<?>) body;
    return Coros.tryCatch(
        () -> Coros.asyncWith(cm, b),
        TimeoutError.class,
        e -> {
          log.add("TimeoutError at " + now() + " cause=" + e.getCause().getClass().getSimpleName());
          return e;
        });
  }

  @Test
  @DisplayName("TO-01: the block sees CancelledError, the outside sees TimeoutError; expired")
  void to01Basic() {
    List<String> log = new ArrayList<>();
    Timeout[] cm = new Timeout[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> cm[0] = timeout(1)),
            Coros.await(
                () ->
                    catchTimeout(
                        cm[0],
                        () ->
                            Coros.tryCatch(
                                () -> Coros.sleepThen(10, "slept"),
                                CancelledError.class,
                                e -> {
                                  log.add("inner CancelledError at " + now());
                                  throw e;
                                }),
                        log))),
        VT);
    assertEquals(
        List.of("inner CancelledError at 1.0", "TimeoutError at 1.0 cause=CancelledError"), log);
    assertTrue(cm[0].isExpired());
  }

  @Test
  @DisplayName("TO-02: a timeout that does not fire: not expired, when() is absolute loop time")
  void to02NotCalled() {
    Timeout[] cm = new Timeout[1];
    Object r =
        Asyncio.run(
            Coros.steps(
                    Coros.await(() -> sleep(2)),
                    Coros.run(() -> cm[0] = timeout(10)),
                    Coros.await(() -> Coros.asyncWith(cm[0], () -> Coros.sleepThen(1, "ok"))))
                .returning(() -> now()),
            VT);
    assertEquals(3.0, r);
    assertFalse(cm[0].isExpired());
    assertEquals(12.0, cm[0].when());
  }

  @Test
  @DisplayName("TO-03: timeout(null) and timeoutAt(null) never expire; when() is null")
  void to03Disabled() {
    Timeout[] cm = new Timeout[3];
    double end =
        Asyncio.run(
            Coros.steps(
                    Coros.run(
                        () -> {
                          cm[0] = timeout((Duration) null);
                          cm[1] = timeoutAt((Double) null);
                          cm[2] = timeout(Double.POSITIVE_INFINITY);
                        }),
                    Coros.await(() -> Coros.asyncWith(cm[0], () -> Coros.sleepThen(1, "a"))),
                    Coros.await(() -> Coros.asyncWith(cm[1], () -> Coros.sleepThen(1, "b"))),
                    Coros.await(() -> Coros.asyncWith(cm[2], () -> Coros.sleepThen(1, "c"))))
                .returning(() -> now()),
            VT);
    assertEquals(3.0, end);
    for (Timeout t : cm) {
      assertFalse(t.isExpired());
      assertNull(t.when());
    }
  }

  @Test
  @DisplayName("TO-04: reschedule moves the deadline; reschedule(null) disables; outside cancel wins")
  void to04Reschedule() {
    List<String> log = new ArrayList<>();
    Timeout[] cm = new Timeout[1];
    Task<?>[] t = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  cm[0] = timeout(2);
                  t[0] =
                      createTask(
                          Coros.asyncWith(
                              cm[0],
                              () ->
                                  Coros.steps(
                                      Coros.run(() -> cm[0].reschedule(now() + 5)),
                                      Coros.run(() -> log.add("when=" + cm[0].when())),
                                      Coros.await(() -> sleep(3)),
                                      Coros.run(() -> log.add("survived at " + now())),
                                      Coros.run(() -> cm[0].reschedule(null)),
                                      Coros.run(() -> log.add("when=" + cm[0].when())),
                                      Coros.await(() -> sleep(10)))));
                }),
            Coros.await(() -> sleep(6)),
            Coros.run(() -> t[0].cancel()),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> Coros.after(() -> any(t[0]), v -> "no"),
                        CancelledError.class,
                        e -> {
                          log.add("CancelledError at " + now());
                          return "x";
                        }))),
        VT);
    assertEquals(List.of("when=5.0", "survived at 3.0", "when=null", "CancelledError at 6.0"), log);
    assertFalse(cm[0].isExpired());
    assertTrue(t[0].isCancelled());
  }

  @Test
  @DisplayName("TO-05: nested timeouts: the inner one expires first and is caught inside the outer")
  void to05NestedInnerFirst() {
    List<String> log = new ArrayList<>();
    Timeout[] cm = new Timeout[2];
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> cm[0] = timeout(5)),
            Coros.await(
                () ->
                    Coros.asyncWith(
                        cm[0],
                        () ->
                            Coros.steps(
                                Coros.run(() -> cm[1] = timeout(1)),
                                Coros.await(() -> catchTimeout(cm[1], () -> sleep(10), log)),
                                Coros.await(() -> sleep(2)),
                                Coros.run(() -> log.add("outer body done at " + now())))))),
        VT);
    assertEquals(
        List.of("TimeoutError at 1.0 cause=CancelledError", "outer body done at 3.0"), log);
    assertTrue(cm[1].isExpired());
    assertFalse(cm[0].isExpired());
  }

  @Test
  @DisplayName("TO-05: nested timeouts: the outer one expires first; the inner passes it through")
  void to05NestedOuterFirst() {
    List<String> log = new ArrayList<>();
    Timeout[] cm = new Timeout[2];
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> cm[0] = timeout(1)),
            Coros.await(
                () ->
                    catchTimeout(
                        cm[0],
                        () ->
                            Coros.steps(
                                Coros.run(() -> cm[1] = timeout(5)),
                                Coros.await(
                                    () ->
                                        Coros.tryCatch(
                                            () -> Coros.asyncWith(cm[1], () -> sleep(10)),
                                            CancelledError.class,
                                            e -> {
                                              log.add("inner block left with CancelledError");
                                              throw e;
                                            }))),
                        log))),
        VT);
    assertEquals(
        List.of("inner block left with CancelledError", "TimeoutError at 1.0 cause=CancelledError"),
        log);
    assertTrue(cm[0].isExpired());
    assertFalse(cm[1].isExpired());
  }

  @Test
  @DisplayName("TO-06: a foreign exception leaves the block unchanged; not expired")
  void to06ForeignException() {
    IllegalArgumentException keyError = new IllegalArgumentException("KeyError");
    Timeout[] cm = new Timeout[1];
    Object r =
        Asyncio.run(
            Coros.tryCatch(
                () -> {
                  cm[0] = timeout(1);
                  return Coros.asyncWith(cm[0], () -> Coros.raising(keyError));
                },
                IllegalArgumentException.class,
                e -> e),
            VT);
    assertSame(keyError, r);
    assertFalse(cm[0].isExpired());
  }

  @Test
  @DisplayName("TO-07: an outside cancel at the moment of expiry is not swallowed")
  void to07OutsideCancelNotSwallowed() {
    List<String> log = new ArrayList<>();
    Timeout[] cm = new Timeout[1];
    Task<?>[] t = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () ->
                    t[0] =
                        createTask(
                            Coros.tryCatch(
                                () ->
                                    Coros.steps(
                                        Coros.run(() -> cm[0] = timeout(1)),
                                        Coros.run(
                                            () ->
                                                Asyncio.getRunningLoop()
                                                    .callLater(1, () -> t[0].cancel("outside"))),
                                        Coros.await(() -> Coros.asyncWith(cm[0], () -> sleep(10)))),
                                TimeoutError.class,
                                e -> {
                                  log.add("swallowed into TimeoutError");
                                  return null;
                                }))),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> Coros.after(() -> any(t[0]), v -> "no"),
                        CancelledError.class,
                        e -> {
                          log.add("task cancelled at " + now());
                          return "x";
                        }))),
        VT);
    assertEquals(List.of("task cancelled at 1.0"), log);
    assertTrue(cm[0].isExpired());
    assertTrue(t[0].isCancelled());
  }

  @Test
  @DisplayName("TO-08: after its timeout expired, the task runs on normally (cancelling() == 0)")
  void to08TaskRunsOnAfterExpiry() {
    List<String> log = new ArrayList<>();
    String r =
        Asyncio.run(
            Coros.steps(
                    Coros.await(() -> catchTimeout(timeout(1), () -> sleep(10), log)),
                    Coros.run(() -> log.add("cancelling=" + Asyncio.currentTask().cancelling())),
                    Coros.await(() -> sleep(2)),
                    Coros.run(() -> log.add("slept on until " + now())))
                .returning(() -> "finished"),
            VT);
    assertEquals("finished", r);
    assertEquals(
        List.of("TimeoutError at 1.0 cause=CancelledError", "cancelling=0", "slept on until 3.0"),
        log);
  }

  @Test
  @DisplayName("TO-09: timeout(0) and timeout(-11) around sleep(0) raise TimeoutError")
  void to09ZeroAndPast() {
    List<String> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> catchTimeout(timeout(0), () -> sleep(0), log)),
            Coros.await(() -> catchTimeout(timeout(-11), () -> sleep(0), log)),
            Coros.await(() -> catchTimeout(timeoutAt(now() - 1), () -> sleep(0), log))),
        VT);
    assertEquals(
        List.of(
            "TimeoutError at 0.0 cause=CancelledError",
            "TimeoutError at 0.0 cause=CancelledError",
            "TimeoutError at 0.0 cause=CancelledError"),
        log);
  }

  @Test
  @DisplayName("TO-10: re-enter -> 'has already been entered'; reschedule expired/finished")
  void to10SingleUse() {
    List<String> messages = new ArrayList<>();
    Timeout[] cm = new Timeout[3];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  cm[0] = timeout(10);
                  IllegalStateException e =
                      assertThrows(IllegalStateException.class, () -> cm[0].reschedule(5.0));
                  messages.add(e.getMessage());
                }),
            Coros.await(
                () ->
                    Coros.asyncWith(
                        cm[0],
                        () ->
                            Coros.tryCatch(
                                () -> Coros.asyncWith(cm[0], () -> sleep(0)),
                                IllegalStateException.class,
                                e -> {
                                  messages.add(e.getMessage());
                                  return null;
                                }))),
            Coros.run(() -> cm[1] = timeout(1)),
            Coros.await(() -> catchTimeout(cm[1], () -> sleep(10), new ArrayList<>())),
            Coros.run(
                () ->
                    messages.add(
                        assertThrows(IllegalStateException.class, () -> cm[1].reschedule(100.0))
                            .getMessage())),
            Coros.run(
                () ->
                    messages.add(
                        assertThrows(IllegalStateException.class, () -> cm[0].reschedule(100.0))
                            .getMessage()))),
        VT);
    assertEquals(
        List.of(
            "Timeout has not been entered",
            "Timeout has already been entered",
            "Cannot change state of expired Timeout",
            "Cannot change state of finished Timeout"),
        messages);
  }

  @Test
  @DisplayName("TO-11: the TimeoutError's cause is the CancelledError the block saw")
  void to11Cause() {
    CancelledError[] seen = new CancelledError[1];
    Object r =
        Asyncio.run(
            Coros.tryCatch(
                () ->
                    Coros.asyncWith(
                        timeout(1),
                        () ->
                            Coros.tryCatch(
                                () -> Coros.sleepThen(1000, "x"),
                                CancelledError.class,
                                e -> {
                                  seen[0] = e;
                                  throw e;
                                })),
                TimeoutError.class,
                e -> e),
            VT);
    TimeoutError te = assertInstanceOf(TimeoutError.class, r);
    assertSame(seen[0], te.getCause());
  }

  @Test
  @DisplayName("timeoutAt(when) expires at that absolute loop time")
  void timeoutAtAbsolute() {
    List<String> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> sleep(2)),
            Coros.await(() -> catchTimeout(timeoutAt(5.0), () -> sleep(100), log))),
        VT);
    assertEquals(List.of("TimeoutError at 5.0 cause=CancelledError"), log);
  }

  @Test
  @DisplayName("a block that swallows the timeout's cancellation returns normally; still expired")
  void swallowedCancellation() {
    Timeout[] cm = new Timeout[1];
    Object r =
        Asyncio.run(
            Coros.steps(
                    Coros.run(() -> cm[0] = timeout(1)),
                    Coros.await(
                        () ->
                            Coros.asyncWith(
                                cm[0],
                                () ->
                                    Coros.tryCatch(
                                        () -> Coros.sleepThen(10, "x"),
                                        CancelledError.class,
                                        e -> "swallowed"))),
                    Coros.await(() -> sleep(1)))
                .returning(() -> now() + " cancelling=" + Asyncio.currentTask().cancelling()),
            VT);
    assertEquals("2.0 cancelling=0", r);
    assertTrue(cm[0].isExpired());
  }

  @Test
  @DisplayName("reschedule into the past expires at the next loop iteration")
  void rescheduleIntoThePast() {
    List<String> log = new ArrayList<>();
    Timeout[] cm = new Timeout[1];
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> sleep(2)),
            Coros.run(() -> cm[0] = timeout(Duration.ofSeconds(100))),
            Coros.await(
                () ->
                    catchTimeout(
                        cm[0],
                        () ->
                            Coros.steps(
                                Coros.await(() -> sleep(1)),
                                Coros.run(() -> cm[0].reschedule(0.5)),
                                Coros.run(() -> log.add("when=" + cm[0].when())),
                                Coros.await(() -> sleep(50))),
                        log))),
        VT);
    assertEquals(List.of("when=0.5", "TimeoutError at 3.0 cause=CancelledError"), log);
  }

  @Test
  @DisplayName("a timeout around a TaskGroup cancels the children and raises TimeoutError")
  void timeoutAroundTaskGroup() {
    List<String> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () ->
                    catchTimeout(
                        timeout(2),
                        () -> {
                          TaskGroup tg = new TaskGroup();
                          return Coros.asyncWith(
                              tg,
                              () ->
                                  Coros.steps(
                                      Coros.run(
                                          () ->
                                              tg.createTask(
                                                  Coros.tryFinally(
                                                      () -> Coros.sleepThen(10, "child"),
                                                      () -> log.add("child finally at " + now())))),
                                      Coros.await(() -> sleep(10))));
                        },
                        log)),
            Coros.run(() -> log.add("cancelling=" + Asyncio.currentTask().cancelling()))),
        VT);
    assertEquals(
        List.of(
            "child finally at 2.0", "TimeoutError at 2.0 cause=CancelledError", "cancelling=0"),
        log);
  }

  @Test
  @DisplayName("an exception the block raises from the timeout's cancellation gets a TimeoutError")
  void exceptionCausedByTheTimeoutsCancellation() {
    Object r =
        Asyncio.run(
            Coros.tryCatch(
                () ->
                    Coros.asyncWith(
                        timeout(1),
                        () ->
                            Coros.tryCatch(
                                () -> Coros.sleepThen(10, "x"),
                                CancelledError.class,
                                e -> {
                                  throw new IllegalStateException("cleanup", e);
                                })),
                IllegalStateException.class,
                e -> e),
            VT);
    IllegalStateException ise = assertInstanceOf(IllegalStateException.class, r);
    assertEquals("cleanup", ise.getMessage());
    assertInstanceOf(CancelledError.class, ise.getCause());
    assertEquals(1, ise.getSuppressed().length);
    TimeoutError te = assertInstanceOf(TimeoutError.class, ise.getSuppressed()[0]);
    assertSame(ise.getCause(), te.getCause());
  }
}
