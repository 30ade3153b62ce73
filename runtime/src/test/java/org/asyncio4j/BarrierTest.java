package org.asyncio4j;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.sleep;
import static org.asyncio4j.SyncCoros.VT;
import static org.asyncio4j.SyncCoros.now;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Barrier}: scenarios BAR-01..04 of asyncio-scenarios.md, reuse across cycles, arrivals
 * during a drain. BAR-03 is not listed in the scenario file (only its ID range is cited in
 * asyncio-semantics.md §2.8); it is reconstructed from CPython's test_reset_barrier*,
 * test_abort_barrier*: reset releases waiters with BrokenBarrierError and leaves a usable barrier,
 * abort breaks it until reset.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BarrierTest {

  /** {@code try: return await barrier.wait() except BrokenBarrierError: return -1}. */
  private static Coroutine<Integer> waitOrMinusOne(Barrier barrier) {
    return Coros.tryCatch(barrier::waitAsync, BrokenBarrierError.class, e -> -1);
  }

  @Test
  void bar01_asyncWithGivesDistinctIndices() {
    Barrier barrier = new Barrier(3);
    Set<Object> indices = new TreeSet<>();
    List<Task<Object>> t = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  for (int i = 0; i < 3; i++) {
                    t.add(
                        createTask(
                            SyncCoros.with(
                                barrier,
                                index -> Coros.after(() -> sleep(0), v -> indices.add(index)))));
                  }
                }),
            Coros.await(() -> sleep(0)),
            Coros.await(() -> SyncCoros.repeat(3, i -> t.get(i))),
            Coros.run(
                () -> {
                  assertEquals(Set.of(0, 1, 2), indices);
                  assertEquals(0, barrier.nWaiting());
                  assertFalse(barrier.isBroken());
                  assertEquals(3, barrier.parties());
                  assertEquals("<Barrier [filling, waiters:0/3]>", barrier.toString());
                })),
        VT);
  }

  @Test
  void bar01_allReleasedWhenTheLastPartyArrives() {
    Barrier barrier = new Barrier(3);
    List<String> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  for (int i = 1; i <= 3; i++) {
                    int id = i;
                    createTask(
                        Coros.steps(
                            Coros.await(() -> sleep(id)),
                            Coros.await(
                                () -> barrier.waitAsync(),
                                index -> log.add(id + ":" + index + "@" + now()))));
                  }
                }),
            Coros.await(() -> sleep(2.5)),
            Coros.run(
                () -> {
                  assertEquals(List.of(), log);
                  assertEquals(2, barrier.nWaiting());
                  assertEquals("<Barrier [filling, waiters:2/3]>", barrier.toString());
                }),
            Coros.await(() -> sleep(1)),
            Coros.run(() -> assertEquals(List.of("3:2@3.0", "1:0@3.0", "2:1@3.0"), log))),
        VT);
  }

  @Test
  void bar02_partiesMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Barrier(-4));
    assertTrue(e.getMessage().contains(">= 1"), e.getMessage());
    assertEquals(1, new Barrier(1).parties());
  }

  /** BAR-03 (CPython test_reset_barrier, test_reset_barrier_while_tasks_waiting). */
  @Test
  void bar03_resetReleasesWaitersWithBrokenBarrierError() {
    Barrier idle = new Barrier(1);
    assertNull(Asyncio.run(idle.reset(), VT));
    assertEquals(0, idle.nWaiting());
    assertFalse(idle.isBroken());

    Barrier barrier = new Barrier(5);
    List<Task<Integer>> t = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  for (int i = 0; i < 4; i++) {
                    t.add(createTask(waitOrMinusOne(barrier)));
                  }
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertEquals(4, barrier.nWaiting());
                  createTask(barrier.reset());
                  assertEquals(0, barrier.nWaiting()); // resetting
                  assertEquals("<Barrier [resetting, waiters:0/5]>", barrier.toString());
                }),
            Coros.await(() -> SyncCoros.repeat(4, i -> t.get(i))),
            Coros.run(
                () -> {
                  for (Task<Integer> task : t) {
                    assertEquals(-1, task.result());
                  }
                  assertEquals(0, barrier.nWaiting());
                  assertFalse(barrier.toString().contains("resetting"), barrier.toString());
                  assertFalse(barrier.isBroken());
                }),
            // Usable again.
            Coros.run(
                () -> {
                  for (int i = 0; i < 4; i++) {
                    createTask(barrier.waitAsync());
                  }
                }),
            Coros.await(() -> sleep(0)),
            Coros.await(() -> barrier.waitAsync(), index -> assertEquals(4, index))),
        VT);
  }

  /** BAR-03 (CPython test_abort_barrier, test_abort_barrier_when_tasks_waiting). */
  @Test
  void bar03_abortBreaksTheBarrierUntilReset() {
    Barrier idle = new Barrier(1);
    Asyncio.run(Coros.steps(Coros.await(idle::abort)), VT);
    assertTrue(idle.isBroken());
    assertEquals(0, idle.nWaiting());
    assertEquals("<Barrier [broken]>", idle.toString());

    Barrier barrier = new Barrier(3);
    List<Task<Integer>> t = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  t.add(createTask(waitOrMinusOne(barrier)));
                  t.add(createTask(waitOrMinusOne(barrier)));
                }),
            Coros.await(() -> sleep(0)),
            Coros.await(barrier::abort),
            Coros.await(() -> t.get(0), i -> assertEquals(-1, i)),
            Coros.await(() -> t.get(1), i -> assertEquals(-1, i)),
            Coros.await(
                () -> SyncCoros.failure(barrier::waitAsync),
                e -> {
                  assertInstanceOf(BrokenBarrierError.class, e);
                  assertInstanceOf(IllegalStateException.class, e); // Python: a RuntimeError
                }),
            Coros.run(
                () -> {
                  assertTrue(barrier.isBroken());
                  assertEquals(0, barrier.nWaiting());
                }),
            Coros.await(barrier::reset),
            Coros.run(() -> assertFalse(barrier.isBroken())),
            Coros.run(
                () -> {
                  createTask(barrier.waitAsync());
                  createTask(barrier.waitAsync());
                }),
            Coros.await(() -> sleep(0)),
            Coros.await(() -> barrier.waitAsync(), index -> assertEquals(2, index))),
        VT);
  }

  /** BAR-04 (CPython test_filling_tasks_cancel_one): a cancelled filler leaves the barrier. */
  @Test
  void bar04_cancellingAFillingWaiterLetsItLeave() {
    Barrier barrier = new Barrier(3);
    List<Task<Integer>> t = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  t.add(createTask(barrier.waitAsync()));
                  t.add(createTask(barrier.waitAsync()));
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertEquals(2, barrier.nWaiting());
                  t.get(0).cancel();
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertTrue(t.get(0).isCancelled());
                  assertEquals(1, barrier.nWaiting());
                  t.add(createTask(barrier.waitAsync()));
                  t.add(createTask(barrier.waitAsync()));
                }),
            Coros.await(() -> SyncCoros.repeat(3, i -> t.get(i + 1))),
            Coros.run(
                () -> {
                  // Indices are arrival counts, as in Python: the cancelled task's index is reused.
                  assertEquals(
                      List.of(1, 1, 2),
                      List.of(t.get(1).result(), t.get(2).result(), t.get(3).result()));
                  assertEquals(0, barrier.nWaiting());
                  assertFalse(barrier.isBroken());
                })),
        VT);
  }

  /**
   * The barrier is reusable: six tasks arriving together on a Barrier(3) trip it twice; the second
   * three arrive while the first trip drains and wait for the next cycle.
   */
  @Test
  void reusableAcrossCycles() {
    Barrier barrier = new Barrier(3);
    List<String> log = new ArrayList<>();
    List<Task<Boolean>> t = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  for (int i = 0; i < 6; i++) {
                    int id = i;
                    t.add(
                        createTask(
                            Coros.steps(
                                    Coros.await(() -> sleep(id < 3 ? 0 : 1)),
                                    Coros.await(
                                        () -> barrier.waitAsync(),
                                        index -> log.add(id + ":" + index + "@" + now())))
                                .returning(() -> true)));
                  }
                }),
            Coros.await(() -> SyncCoros.repeat(6, i -> t.get(i))),
            Coros.run(
                () -> {
                  assertEquals(
                      List.of("2:2@0.0", "0:0@0.0", "1:1@0.0", "5:2@1.0", "3:0@1.0", "4:1@1.0"),
                      log);
                  assertEquals(0, barrier.nWaiting());
                  assertEquals("<Barrier [filling, waiters:0/3]>", barrier.toString());
                })),
        VT);
  }

  @Test
  void arrivalDuringDrainWaitsForTheNextCycle() {
    Barrier barrier = new Barrier(2);
    List<String> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  createTask(Coros.after(barrier::waitAsync, i -> log.add("a" + i)));
                }),
            Coros.await(() -> sleep(0)), // a waits
            Coros.run(
                () -> {
                  assertEquals(1, barrier.nWaiting());
                  createTask(Coros.after(barrier::waitAsync, i -> log.add("b" + i)));
                }),
            Coros.await(() -> sleep(0)), // b trips: draining until a has left
            Coros.run(
                () -> {
                  assertEquals(List.of("b1"), log);
                  assertEquals("<Barrier [draining, waiters:0/2]>", barrier.toString());
                  createTask(Coros.after(barrier::waitAsync, i -> log.add("c" + i)));
                  createTask(Coros.after(barrier::waitAsync, i -> log.add("d" + i)));
                }),
            Coros.await(() -> sleep(1)),
            Coros.run(() -> assertEquals(List.of("b1", "a0", "d1", "c0"), log))),
        VT);
  }

  @Test
  void cancelledWhileDrainingStillLetsTheOthersPass() {
    Barrier barrier = new Barrier(3);
    List<Task<Integer>> t = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  for (int i = 0; i < 3; i++) {
                    t.add(createTask(barrier.waitAsync()));
                  }
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(() -> t.get(0).cancel()), // woken by the trip, cancelled before it ran
            Coros.await(() -> sleep(1)),
            Coros.run(
                () -> {
                  assertTrue(t.get(0).isCancelled());
                  assertEquals(1, t.get(1).result());
                  assertEquals(2, t.get(2).result());
                  assertEquals("<Barrier [filling, waiters:0/3]>", barrier.toString());
                })),
        VT);
  }
}
