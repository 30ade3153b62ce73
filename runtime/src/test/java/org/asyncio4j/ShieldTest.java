package org.asyncio4j;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.shield;
import static org.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link Asyncio#shield}: scenarios SH-02 and SH-03 of asyncio-scenarios.md, plus SH-01, which
 * asyncio-semantics.md §2.4 describes without a table entry. WF-08 (waitFor of a shield) is in
 * {@link WaitForTest}. All are expressible in Java.
 */
class ShieldTest {
  static final RunOptions VT = RunOptions.create().virtualTime(true);

  static double now() {
    return Asyncio.getRunningLoop().time();
  }

  @Test
  @DisplayName("SH-01: cancelling the awaiter does not cancel the shielded task")
  void sh01AwaiterCancelledInnerRuns() {
    List<String> log = new ArrayList<>();
    @SuppressWarnings("unchecked")
    Task<String>[] inner = new Task[1];
    @SuppressWarnings("unchecked")
    Task<String>[] waiter = new Task[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  inner[0] = createTask(Coros.sleepThen(3, "inner done"));
                  waiter[0] =
                      createTask(
                          Coros.tryCatch(
                              () -> Coros.after(() -> shield(inner[0]), v -> "waiter got " + v),
                              CancelledError.class,
                              e -> {
                                log.add("waiter cancelled at " + now() + ": " + e.getMessage());
                                throw e;
                              }));
                }),
            Coros.await(() -> sleep(1)),
            Coros.run(() -> waiter[0].cancel("stop waiting")),
            Coros.await(() -> inner[0], v -> log.add(v + " at " + now()))),
        VT);
    assertEquals(List.of("waiter cancelled at 1.0: stop waiting", "inner done at 3.0"), log);
    assertTrue(waiter[0].isCancelled());
    assertFalse(inner[0].isCancelled());
  }

  @Test
  @DisplayName("SH-01 (coroutine): a shielded coroutine becomes a task that survives the awaiter")
  void sh01Coroutine() {
    List<String> log = new ArrayList<>();
    @SuppressWarnings("unchecked")
    Task<String>[] waiter = new Task[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () ->
                    waiter[0] =
                        createTask(
                            Coros.after(
                                () ->
                                    shield(
                                        Coros.steps(
                                                Coros.await(() -> sleep(2)),
                                                Coros.run(() -> log.add("inner finished at " + now())))
                                            .returning(() -> "r")),
                                v -> "got " + v))),
            Coros.await(() -> sleep(1)),
            Coros.run(() -> waiter[0].cancel()),
            Coros.await(() -> sleep(5))),
        VT);
    assertEquals(List.of("inner finished at 2.0"), log);
    assertTrue(waiter[0].isCancelled());
  }

  @Test
  @DisplayName("SH-02: shield(f) with f cancelled directly is cancelled; shield(done 42) is 42 now")
  void sh02InnerCancelledAndShortcut() {
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  EventLoop loop = Asyncio.getRunningLoop();
                  Future<Integer> f = loop.createFuture();
                  Future<Integer> outer = shield(f);
                  f.cancel();
                  assertFalse(outer.isDone()); // the inner's callbacks have not run yet
                  Future<Integer> done = loop.createFuture();
                  done.setResult(42);
                  Future<Integer> s = shield(done);
                  assertSame(done, s);
                  assertEquals(42, s.result());
                }),
            Coros.await(() -> sleep(0)),
            Coros.await(() -> sleep(0))),
        VT);
  }

  @Test
  @DisplayName("SH-02: the outer future is cancelled once the inner one is")
  void sh02OuterCancelled() {
    @SuppressWarnings("unchecked")
    Future<Integer>[] outer = new Future[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  Future<Integer> f = Asyncio.getRunningLoop().createFuture();
                  outer[0] = shield(f);
                  f.cancel();
                }),
            Coros.await(() -> sleep(0))),
        VT);
    assertTrue(outer[0].isCancelled());
  }

  @Test
  @DisplayName("SH-03: gather(shield(c1), shield(c2)).cancel(): shields cancelled, c1/c2 not")
  void sh03GatherOfShields() {
    List<String> log = new ArrayList<>();
    @SuppressWarnings("unchecked")
    Future<List<String>>[] g = new Future[1];
    @SuppressWarnings("unchecked")
    Task<String>[] c = new Task[2];
    @SuppressWarnings("unchecked")
    Future<String>[] s = new Future[2];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  c[0] = createTask(Coros.sleepThen(1, "c1"));
                  c[1] = createTask(Coros.sleepThen(2, "c2"));
                  s[0] = shield(c[0]);
                  s[1] = shield(c[1]);
                  g[0] = gather(s[0], s[1]);
                  log.add("cancel=" + g[0].cancel());
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () ->
                    log.add(
                        "g done=" + g[0].isDone() + " cancelled=" + g[0].isCancelled()
                            + " exception=" + g[0].exception().getClass().getSimpleName())),
            Coros.await(() -> c[0], v -> log.add(v + " at " + now())),
            Coros.await(() -> c[1], v -> log.add(v + " at " + now()))),
        VT);
    assertEquals(
        List.of("cancel=true", "g done=true cancelled=false exception=CancelledError", "c1 at 1.0", "c2 at 2.0"),
        log);
    assertTrue(s[0].isCancelled());
    assertTrue(s[1].isCancelled());
    assertFalse(c[0].isCancelled());
    assertFalse(c[1].isCancelled());
    assertInstanceOf(CancelledError.class, g[0].exception());
  }

  @Test
  @DisplayName("shield passes the inner result and exception (identity) through")
  void resultAndExceptionPassThrough() {
    IllegalStateException err = new IllegalStateException("inner failed");
    List<Object> r =
        Asyncio.run(
            Coros.after(
                () ->
                    gather(
                        true,
                        shield(Coros.sleepThen(1, "ok")),
                        shield(Coros.sleepThenThrow(2, err))),
                v -> v),
            VT);
    assertEquals("ok", r.get(0));
    assertSame(err, r.get(1));
  }
}
