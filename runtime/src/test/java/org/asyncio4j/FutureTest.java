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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Scenarios FUT-01..05 of asyncio-scenarios.md and the rest of the {@link Future} contract.
 *
 * <p>FUT-05 depends on CPython's garbage collector; it is ported as a test of asyncio4j's
 * deterministic policy (SPEC §4): the unretrieved exception is reported when the loop closes at the
 * latest (the prompt report on collection is tested in EventLoopTest).
 */
class FutureTest {

  @Test
  void fut01_awaitAFutureSetByAnotherTask() {
    Object[] got = new Object[2];
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () -> {
                  Future<String> f = new Future<>();
                  createTask(
                      Coros.steps(
                          Coros.await(() -> sleep(0.05)),
                          Coros.run(() -> f.setResult("Future result"))));
                  return f;
                },
                v -> {
                  got[0] = v;
                  got[1] = getRunningLoop().time();
                })),
        vt());
    assertEquals("Future result", got[0]);
    assertEquals(0.05, got[1]);
  }

  @Test
  void fut02_aDoneFutureCannotBeCompletedAgainNorCancelled() {
    Object[] r = new Object[4];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  Future<String> f = new Future<>();
                  f.setResult("first");
                  r[0] = assertThrows(InvalidStateError.class, () -> f.setResult("second"));
                  r[1] =
                      assertThrows(
                          InvalidStateError.class, () -> f.setException(new RuntimeException()));
                  r[2] = f.cancel();
                  r[3] = f.result();
                })),
        vt());
    assertTrue(((Throwable) r[0]).getMessage().contains("already done"));
    assertEquals(false, r[2]);
    assertEquals("first", r[3]);
  }

  @Test
  void fut03_cancelWithAMessage() {
    Object[] r = new Object[7];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  Future<String> f = new Future<>();
                  r[0] = f.cancel("bye");
                  r[1] = f.isCancelled();
                  r[2] = f.isDone();
                  r[3] = assertThrows(CancelledError.class, f::result);
                  r[4] = assertThrows(CancelledError.class, f::exception);
                  Future<String> g = new Future<>();
                  g.cancel();
                  r[5] = assertThrows(CancelledError.class, g::result);
                  r[6] = g.toString();
                })),
        vt());
    assertEquals(true, r[0]);
    assertEquals(true, r[1]);
    assertEquals(true, r[2]);
    assertEquals("bye", ((CancelledError) r[3]).getMessage());
    assertSame(r[3], r[4]); // created once, when first needed
    assertNull(((CancelledError) r[5]).getMessage());
    assertEquals("<Future cancelled>", r[6]);
  }

  @Test
  void fut03_theMessageReachesTheAwaiter() {
    String[] msg = new String[1];
    Asyncio.run(
        Coros.tryCatch(
            () ->
                Coros.after(
                    () -> {
                      Future<String> f = new Future<>();
                      getRunningLoop().callLater(1, () -> f.cancel("bye"));
                      return f;
                    },
                    v -> "not cancelled"),
            CancelledError.class,
            e -> msg[0] = e.getMessage()),
        vt());
    assertEquals("bye", msg[0]);
  }

  @Test
  void fut04_removeDoneCallbackRemovesEveryRegistration() {
    List<String> log = new ArrayList<>();
    int[] removed = new int[2];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  Future<String> f = new Future<>();
                  Consumer<Future<String>> cb = x -> log.add("cb");
                  Consumer<Future<String>> other = x -> log.add("other");
                  f.addDoneCallback(cb);
                  f.addDoneCallback(other);
                  f.addDoneCallback(cb);
                  removed[0] = f.removeDoneCallback(cb);
                  removed[1] = f.removeDoneCallback(cb);
                  f.setResult("x");
                }),
            Coros.await(() -> sleep(0))),
        vt());
    assertEquals(2, removed[0]);
    assertEquals(0, removed[1]);
    assertEquals(List.of("other"), log);
  }

  @Test
  void removeTheOnlyDoneCallback() {
    List<String> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  Future<String> f = new Future<>();
                  Consumer<Future<String>> cb = x -> log.add("cb");
                  assertEquals(0, f.removeDoneCallback(cb));
                  f.addDoneCallback(cb);
                  assertEquals(1, f.removeDoneCallback(cb));
                  f.setResult("x");
                }),
            Coros.await(() -> sleep(0))),
        vt());
    assertEquals(List.of(), log);
  }

  /** FUT-05 as asyncio4j's policy: reported at loop close at the latest. */
  @Test
  void fut05_unretrievedFutureExceptionIsReportedAtClose() {
    LoopTesting.Reports reports = new LoopTesting.Reports();
    IllegalStateException boom = new IllegalStateException("never retrieved");
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  getRunningLoop().setExceptionHandler(reports);
                  new Future<String>().setException(boom);
                  Future<String> retrieved = new Future<>();
                  retrieved.setException(new IllegalStateException("retrieved"));
                  retrieved.exception();
                }),
            Coros.await(() -> sleep(1))),
        vt());
    assertEquals(1, reports.size(), reports.contexts.toString());
    assertTrue(
        reports.message(0).startsWith("Future exception was never retrieved"), reports.message(0));
    assertSame(boom, reports.get(0).get("exception"));
  }

  @Test
  void resultAndExceptionStates() {
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  Future<String> f = new Future<>();
                  assertFalse(f.isDone());
                  assertThrows(InvalidStateError.class, f::result);
                  assertThrows(InvalidStateError.class, f::exception);
                  f.setResult("r");
                  assertTrue(f.isDone());
                  assertFalse(f.isCancelled());
                  assertEquals("r", f.result());
                  assertNull(f.exception());
                  assertSame(getRunningLoop(), f.getLoop());
                  assertEquals("<Future finished result=r>", f.toString());

                  Future<String> g = new Future<>();
                  assertEquals("<Future pending>", g.toString());
                  IllegalStateException e = new IllegalStateException("e");
                  g.setException(e);
                  assertSame(e, assertThrows(IllegalStateException.class, g::result));
                  assertSame(e, g.exception());
                  assertThrows(
                      NullPointerException.class, () -> new Future<String>().setException(null));
                  IllegalArgumentException iae =
                      assertThrows(
                          IllegalArgumentException.class,
                          () -> new Future<String>().setException(new CancelledError("no")));
                  assertTrue(iae.getMessage().contains("cancel()"), iae.getMessage());
                })),
        vt());
  }

  @Test
  void aFutureNeedsARunningLoop() {
    IllegalStateException e = assertThrows(IllegalStateException.class, Future::new);
    assertTrue(e.getMessage().contains("no running event loop"), e.getMessage());
  }

  @Test
  void doneCallbacksAreNeverCalledSynchronouslyAndRunInOrder() {
    List<String> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  Future<String> f = new Future<>();
                  f.addDoneCallback(x -> log.add("1:" + x.result()));
                  f.addDoneCallback(x -> log.add("2:" + x.result()));
                  f.setResult("v");
                  log.add("after setResult");
                  f.addDoneCallback(x -> log.add("3:" + x.result()));
                  log.add("after late add");
                  Future<String> c = new Future<>();
                  c.addDoneCallback(x -> log.add("cancelled:" + x.isCancelled()));
                  c.cancel();
                }),
            Coros.await(() -> sleep(0))),
        vt());
    assertEquals(
        List.of("after setResult", "after late add", "1:v", "2:v", "3:v", "cancelled:true"), log);
  }

  @Test
  void awaitingAFutureOfAnotherLoopFails() {
    EventLoop other = EventLoop.create(vt());
    try {
      Future<String> foreign = other.createFuture();
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> Asyncio.run(Coros.steps(Coros.await(() -> foreign)), vt()));
      assertTrue(e.getMessage().contains("different event loop"), e.getMessage());
    } finally {
      other.close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // toCompletableFuture (on the loop thread; other threads are in ThreadsTest).

  @Test
  void toCompletableFutureMirrorsResultExceptionAndCancellation() throws Exception {
    List<CompletableFuture<String>> cfs = new ArrayList<>();
    IllegalStateException boom = new IllegalStateException("boom");
    LoopTesting.Reports reports = new LoopTesting.Reports();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  getRunningLoop().setExceptionHandler(reports);
                  Future<String> ok = new Future<>();
                  Future<String> failed = new Future<>();
                  Future<String> cancelled = new Future<>();
                  Future<String> alreadyDone = new Future<>();
                  alreadyDone.setResult("early");
                  cfs.add(ok.toCompletableFuture());
                  cfs.add(failed.toCompletableFuture());
                  cfs.add(cancelled.toCompletableFuture());
                  cfs.add(alreadyDone.toCompletableFuture());
                  assertTrue(
                      cfs.get(3).isDone(), "a done future completes the CompletableFuture at once");
                  assertFalse(cfs.get(0).isDone());
                  ok.setResult("ok");
                  failed.setException(boom);
                  cancelled.cancel();
                }),
            Coros.await(() -> sleep(0))),
        vt());
    assertEquals("ok", cfs.get(0).get());
    ExecutionException ee = assertThrows(ExecutionException.class, () -> cfs.get(1).get());
    assertSame(boom, ee.getCause());
    assertTrue(cfs.get(2).isCancelled());
    assertEquals("early", cfs.get(3).get());
    assertEquals(0, reports.size(), "handing the exception out counts as retrieving it");
  }

  @Test
  void cancellingTheCompletableFutureCancelsTheTask() {
    Task<?>[] t = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  t[0] = createTask(Coros.sleepThen(10, "late"));
                  t[0].toCompletableFuture().cancel(false);
                }),
            Coros.await(() -> sleep(1))),
        vt());
    assertTrue(t[0].isCancelled());
  }

  @Test
  void toCompletableFutureAfterTheLoopClosed() throws Exception {
    Task<?>[] t = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> t[0] = createTask(Coroutine.of("v"))), Coros.await(() -> sleep(0))),
        vt());
    assertTrue(t[0].getLoop().isClosed());
    assertEquals("v", t[0].toCompletableFuture().get());
  }
}
