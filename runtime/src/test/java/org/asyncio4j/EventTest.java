package org.asyncio4j;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.sleep;
import static org.asyncio4j.SyncCoros.VT;
import static org.asyncio4j.SyncCoros.now;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Event}: scenarios EV-01 and EV-02 of asyncio-scenarios.md, cancellation of a waiter, the
 * allocation-free wait on a set event. EV-01 is not listed in the scenario file (only its ID is
 * cited in asyncio-semantics.md §2.8); it is reconstructed from CPython's test_wait: every waiter
 * blocks until set(), then all complete with true, in the order they started waiting.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EventTest {

  @Test
  void ev01_setWakesEveryWaiterInOrder() {
    Event ev = new Event();
    List<String> log = new ArrayList<>();
    List<Task<Boolean>> t = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  assertFalse(ev.isSet());
                  for (int i = 1; i <= 3; i++) {
                    int id = i;
                    t.add(
                        createTask(
                            Coros.after(
                                () -> ev.waitAsync(),
                                ok -> {
                                  log.add(id + ":" + ok + "@" + now());
                                  return ok;
                                })));
                  }
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertEquals(List.of(), log);
                  assertEquals("<Event [unset, waiters:3]>", ev.toString());
                  Asyncio.getRunningLoop().callLater(1.5, ev::set);
                }),
            Coros.await(() -> sleep(2)),
            Coros.run(
                () -> {
                  assertEquals(List.of("1:true@1.5", "2:true@1.5", "3:true@1.5"), log);
                  assertTrue(ev.isSet());
                  assertEquals("<Event [set, waiters:0]>", ev.toString());
                  for (Task<Boolean> task : t) {
                    assertTrue(task.result());
                  }
                }),
            // A second set() is harmless.
            Coros.run(ev::set),
            Coros.await(() -> ev.waitAsync(), ok -> assertTrue(ok))),
        VT);
  }

  /**
   * EV-02 (CPython test_wait_on_set, test_clear_with_waiters): a wait on a set event returns true
   * at once; after clear() a waiter blocks; set() then clear() before it runs still wakes it.
   */
  @Test
  void ev02_waitOnSetThenClearWithWaiters() {
    Event ev = new Event();
    List<Integer> result = new ArrayList<>();
    Task<?>[] t = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(ev::set),
            Coros.await(() -> ev.waitAsync(), ok -> assertTrue(ok)),
            Coros.run(
                () -> {
                  ev.clear();
                  assertFalse(ev.isSet());
                  t[0] = createTask(Coros.after(() -> ev.waitAsync(), ok -> ok && result.add(1)));
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertEquals(List.of(), result);
                  ev.set();
                  ev.clear();
                  assertFalse(ev.isSet());
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertEquals(List.of(1), result);
                  assertTrue(t[0].isDone());
                  assertFalse(ev.isSet());
                })),
        VT);
  }

  /** A cancelled waiter leaves the event (CPython test_wait_cancel); the others still wake. */
  @Test
  void cancelledWaiterIsRemoved() {
    Event ev = new Event();
    List<Task<Boolean>> t = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  t.add(createTask(ev.waitAsync()));
                  t.add(createTask(ev.waitAsync()));
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(() -> t.get(0).cancel()),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertTrue(t.get(0).isCancelled());
                  assertEquals("<Event [unset, waiters:1]>", ev.toString());
                  ev.set();
                }),
            Coros.await(() -> t.get(1), ok -> assertTrue(ok))),
        VT);
  }

  @Test
  void waitOnSetEventAllocatesNothing() {
    Event ev = new Event();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  ev.set();
                  assertSame(ev.waitAsync(), ev.waitAsync());
                  long bytes =
                      SyncCoros.allocatedBytes(
                          () -> {
                            for (int i = 0; i < 100_000; i++) {
                              ev.waitAsync();
                            }
                          });
                  assertTrue(bytes < 10_000, "allocated " + bytes + " bytes for 100000 waits");
                }),
            Coros.await(() -> SyncCoros.repeat(1000, i -> ev.waitAsync())),
            Coros.run(() -> assertEquals(0.0, now()))),
        VT);
  }
}
