package org.asyncio4j;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.sleep;
import static org.asyncio4j.SyncCoros.VT;
import static org.asyncio4j.SyncCoros.now;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Condition}: scenarios COND-01..04 of asyncio-scenarios.md and the lost-notification
 * regression of CPython's test_cancelled_wakeup (asyncio-semantics.md §4.7).
 *
 * <p>COND-01 is not listed in the scenario file; it is reconstructed from CPython's test_wait
 * (notify wakes waiters one lock hand-off at a time, FIFO). In COND-03 the Python predicate returns
 * a truthy list ({@code flag and [1, 2, 3]}) that {@code wait_for} returns; Java's {@code
 * waitFor(BooleanSupplier)} can only return the final {@code true}.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConditionTest {

  /** {@code await cond.acquire(); if await cond.wait(): result.append(tag)} (keeps the lock). */
  private static Coroutine<Boolean> waitThenAdd(Condition cond, List<Integer> result, int tag) {
    return Coros.steps(
            Coros.await(() -> cond.acquire()),
            Coros.await(() -> cond.waitAsync(), ok -> assertTrue(ok)),
            Coros.run(() -> result.add(tag)))
        .returning(() -> true);
  }

  @Test
  void cond01_notifyWakesWaitersInOrderThroughTheLock() {
    Condition cond = new Condition();
    List<Integer> result = new ArrayList<>();
    List<Task<Boolean>> t = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  for (int i = 1; i <= 3; i++) {
                    t.add(createTask(waitThenAdd(cond, result, i)));
                  }
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertEquals(List.of(), result);
                  assertFalse(cond.isLocked());
                  assertEquals("<Condition [unlocked, waiters:3]>", cond.toString());
                }),
            Coros.await(() -> cond.acquire(), ok -> assertTrue(ok)),
            Coros.run(cond::notifyWaiters),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertEquals(List.of(), result);
                  assertTrue(cond.isLocked());
                  cond.release();
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertEquals(List.of(1), result);
                  assertTrue(cond.isLocked());
                  cond.notifyWaiters(2);
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertEquals(List.of(1), result);
                  assertTrue(cond.isLocked());
                  cond.release();
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertEquals(List.of(1, 2), result);
                  assertTrue(cond.isLocked());
                  cond.release();
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertEquals(List.of(1, 2, 3), result);
                  assertTrue(cond.isLocked());
                  for (Task<Boolean> task : t) {
                    assertTrue(task.result());
                  }
                })),
        VT);
  }

  @Test
  void cond01_notifyAllWakesEveryWaiter() {
    Condition cond = new Condition();
    List<Integer> result = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  for (int i = 1; i <= 3; i++) {
                    int id = i;
                    createTask(
                        SyncCoros.with(
                            cond, x -> Coros.after(() -> cond.waitAsync(), ok -> result.add(id))));
                  }
                }),
            Coros.await(() -> sleep(0)),
            Coros.await(
                () -> SyncCoros.with(cond, x -> Coros.steps(Coros.run(cond::notifyAllWaiters)))),
            Coros.await(() -> sleep(1)),
            Coros.run(
                () -> {
                  assertEquals(List.of(1, 2, 3), result);
                  assertFalse(cond.isLocked());
                  assertEquals("<Condition [unlocked, waiters:0]>", cond.toString());
                })),
        VT);
  }

  @Test
  void cond02_waitAndNotifyWithoutTheLockFail() {
    Condition cond = new Condition();
    IllegalStateException e = assertThrows(IllegalStateException.class, cond::notifyWaiters);
    assertTrue(e.getMessage().contains("un-acquired"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> cond.notifyWaiters(2));
    assertThrows(IllegalStateException.class, cond::notifyAllWaiters);
    Throwable w = Asyncio.run(SyncCoros.failure(cond::waitAsync), VT);
    assertInstanceOf(IllegalStateException.class, w);
    assertTrue(w.getMessage().contains("un-acquired"), w.getMessage());
    // wait_for with a false predicate needs the lock too; a true one returns at once.
    Throwable wf = Asyncio.run(SyncCoros.failure(() -> cond.waitFor(() -> false)), VT);
    assertInstanceOf(IllegalStateException.class, wf);
    assertTrue(Asyncio.run(cond.waitFor(() -> true), VT));
    assertThrows(IllegalStateException.class, cond::release);
  }

  /** COND-03 (CPython test_wait_for): no result while the predicate is false, then true. */
  @Test
  void cond03_waitForReturnsWhenThePredicateHolds() {
    Condition cond = new Condition();
    boolean[] presult = {false};
    int[] calls = {0};
    List<Integer> result = new ArrayList<>();
    Task<?>[] t = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () ->
                    t[0] =
                        createTask(
                            Coros.steps(
                                    Coros.await(() -> cond.acquire()),
                                    Coros.await(
                                        () ->
                                            cond.waitFor(
                                                () -> {
                                                  calls[0]++;
                                                  return presult[0];
                                                }),
                                        ok -> {
                                          assertTrue(ok);
                                          result.add(1);
                                          cond.release();
                                        }))
                                .returning(() -> true))),
            Coros.await(() -> sleep(0)),
            Coros.run(() -> assertEquals(List.of(), result)),
            Coros.await(() -> cond.acquire()),
            Coros.run(
                () -> {
                  cond.notifyWaiters();
                  cond.release();
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertEquals(List.of(), result);
                  assertEquals(2, calls[0]);
                  presult[0] = true;
                }),
            Coros.await(() -> cond.acquire()),
            Coros.run(
                () -> {
                  cond.notifyWaiters();
                  cond.release();
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertEquals(List.of(1), result);
                  assertEquals(3, calls[0]);
                  assertTrue(t[0].isDone());
                  assertEquals(true, t[0].result());
                  assertFalse(cond.isLocked());
                })),
        VT);
  }

  /**
   * COND-04 (CPython test_wait_cancel): a wait cancelled through call_soon raises CancelledError,
   * leaves no waiter behind and holds the lock again.
   */
  @Test
  void cond04_cancelledWaitReacquiresTheLock() {
    Condition cond = new Condition();
    Task<?>[] w = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> cond.acquire()),
            Coros.run(
                () -> {
                  w[0] = createTask(cond.waitAsync());
                  Asyncio.getRunningLoop().callSoon(() -> w[0].cancel());
                }),
            Coros.await(
                () -> SyncCoros.failure(() -> w[0]),
                e -> assertInstanceOf(CancelledError.class, e)),
            Coros.run(
                () -> {
                  assertEquals("<Condition [locked, waiters:0]>", cond.toString());
                  assertTrue(cond.isLocked());
                })),
        VT);
  }

  /**
   * A waiter cancelled while the lock it must re-acquire is held by another task: the
   * CancelledError is raised only once the lock is re-acquired (the task holds it in its exit
   * code), and the lock's other waiters keep their order.
   */
  @Test
  void cond04_cancelWhileReacquiringWaitsForTheLock() {
    Condition cond = new Condition();
    List<String> log = new ArrayList<>();
    Task<?>[] w = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () ->
                    w[0] =
                        createTask(
                            Coros.tryCatch(
                                () ->
                                    Coros.steps(
                                        Coros.await(() -> cond.acquire()),
                                        Coros.await(() -> cond.waitAsync())),
                                CancelledError.class,
                                e -> {
                                  log.add("cancelled, locked=" + cond.isLocked());
                                  cond.release();
                                  throw e;
                                }))),
            Coros.await(() -> sleep(0)),
            Coros.await(() -> cond.acquire()),
            Coros.run(
                () -> {
                  cond.notifyWaiters();
                  w[0].cancel("stop");
                }),
            Coros.await(() -> sleep(1)),
            Coros.run(
                () -> {
                  assertEquals(List.of(), log); // still waiting for the lock we hold
                  assertFalse(w[0].isDone());
                  cond.release();
                }),
            Coros.await(
                () -> SyncCoros.failure(() -> w[0]), e -> assertEquals("stop", e.getMessage())),
            Coros.run(
                () -> {
                  assertEquals(List.of("cancelled, locked=true"), log);
                  assertFalse(cond.isLocked());
                })),
        VT);
  }

  /**
   * A notified waiter blocked re-acquiring the lock and cancelled there keeps re-acquiring: the
   * CancelledError surfaces only once the task holds the lock again (Python's re-acquire loop).
   */
  @Test
  void cond04_cancelDuringReacquireStillReacquires() {
    Condition cond = new Condition();
    List<String> log = new ArrayList<>();
    Task<?>[] w = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () ->
                    w[0] =
                        createTask(
                            Coros.tryCatch(
                                () ->
                                    Coros.steps(
                                        Coros.await(() -> cond.acquire()),
                                        Coros.await(() -> cond.waitAsync())),
                                CancelledError.class,
                                e -> {
                                  log.add(
                                      e.getMessage() + ", locked=" + cond.isLocked() + "@" + now());
                                  cond.release();
                                  throw e;
                                }))),
            Coros.await(() -> sleep(0)),
            Coros.await(() -> cond.acquire()),
            Coros.run(cond::notifyWaiters),
            Coros.await(() -> sleep(0)), // the waiter now waits for the lock we hold
            Coros.run(() -> w[0].cancel("first")),
            Coros.await(() -> sleep(1)),
            Coros.run(() -> w[0].cancel("second")),
            Coros.await(() -> sleep(1)),
            Coros.run(
                () -> {
                  assertEquals(List.of(), log);
                  assertFalse(w[0].isDone());
                  cond.release();
                }),
            Coros.await(
                () -> SyncCoros.failure(() -> w[0]), e -> assertEquals("second", e.getMessage())),
            Coros.run(
                () -> {
                  assertEquals(List.of("second, locked=true@2.0"), log);
                  assertFalse(cond.isLocked());
                })),
        VT);
  }

  /**
   * CPython test_cancelled_wakeup (lost notification, bpo-45997 family): two consumers wait for
   * state != 0; the producer adds one item and notifies one, and that consumer is cancelled before
   * it runs. The notification must pass to the other consumer, which consumes the item.
   */
  @Test
  void notificationOfACancelledWaiterIsPassedOn() {
    Condition cond = new Condition();
    int[] state = {0};
    List<Task<Void>> c = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  for (int i = 0; i < 2; i++) {
                    c.add(createTask(consumer(cond, state)));
                  }
                }),
            Coros.await(() -> sleep(0.1)),
            Coros.await(() -> cond.acquire()),
            Coros.run(
                () -> {
                  state[0]++;
                  cond.notifyWaiters(1);
                  c.get(0).cancel();
                  cond.release();
                }),
            Coros.await(() -> sleep(0.01)),
            Coros.run(
                () -> {
                  assertEquals(0, state[0], "the notification was lost with the cancelled waiter");
                  assertTrue(c.get(0).isCancelled());
                }),
            Coros.await(() -> cond.acquire()),
            Coros.run(
                () -> {
                  state[0] = -1;
                  cond.notifyAllWaiters();
                  cond.release();
                }),
            Coros.await(() -> c.get(1), v -> assertNull(v))),
        VT);
  }

  /**
   * {@code async with cond: while True: await cond.wait_for(state != 0); if state < 0: return;
   * state -= 1}.
   */
  private static Coroutine<Void> consumer(Condition cond, int[] state) {
    return SyncCoros.with(
        cond,
        x ->
            SyncCoros.loopUntil(
                () -> state[0] < 0,
                () ->
                    Coros.after(
                        () -> cond.waitFor(() -> state[0] != 0),
                        ok -> {
                          if (state[0] > 0) {
                            state[0]--;
                          }
                          return null;
                        })));
  }

  @Test
  void conditionsCanShareALock() {
    Lock lock = new Lock();
    Condition a = new Condition(lock);
    Condition b = new Condition(lock);
    List<String> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  createTask(SyncCoros.with(a, x -> Coros.after(a::waitAsync, ok -> log.add("a"))));
                  createTask(SyncCoros.with(b, x -> Coros.after(b::waitAsync, ok -> log.add("b"))));
                }),
            Coros.await(() -> sleep(0)),
            Coros.await(() -> lock.acquire()),
            Coros.run(
                () -> {
                  assertTrue(a.isLocked());
                  assertTrue(b.isLocked());
                  b.notifyAllWaiters();
                  lock.release();
                }),
            Coros.await(() -> sleep(1)),
            Coros.run(() -> assertEquals(List.of("b"), log)),
            Coros.await(() -> a.acquire()),
            Coros.run(
                () -> {
                  a.notifyAllWaiters();
                  a.release();
                }),
            Coros.await(() -> sleep(1)),
            Coros.run(() -> assertEquals(List.of("b", "a"), log))),
        VT);
  }

  @Test
  void acquireThroughTheConditionHasTheLockFastPath() {
    Condition cond = new Condition();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  Coroutine<Boolean> done = cond.acquire();
                  assertTrue(cond.isLocked());
                  cond.release();
                  assertSame(done, cond.enterAsync());
                  assertSame(LoopBound.FALSE, cond.exitAsync(null));
                  assertFalse(cond.isLocked());
                })),
        VT);
  }
}
