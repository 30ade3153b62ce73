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
 * {@link Semaphore} and {@link BoundedSemaphore}: scenarios SEM-01..04 of asyncio-scenarios.md and
 * the lost-wake-up regressions of python/cpython#90155 (asyncio-semantics.md §4.7). SEM-03 (the
 * seed's throttled API calls) is also run with the seed's output in {@link SeedProgramsSyncTest}.
 *
 * <p>SEM-02 is not listed in the scenario file (only its ID is cited in §2.8/§4.7); it is
 * reconstructed from CPython's test_acquire_fifo_order, _2 and _3 (FIFO order, and a successful or
 * failed acquire waking every waiter the free units allow).
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SemaphoreTest {

  @Test
  void sem01_initialValuesAndReleaseRules() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
    assertTrue(e.getMessage().contains(">= 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new BoundedSemaphore(-1));
    assertTrue(new Semaphore(0).isLocked());
    assertFalse(new Semaphore().isLocked());
    BoundedSemaphore bounded = new BoundedSemaphore(1);
    IllegalArgumentException over = assertThrows(IllegalArgumentException.class, bounded::release);
    assertTrue(over.getMessage().contains("released too many times"), over.getMessage());
    Semaphore plain = new Semaphore(1);
    plain.release(); // a plain semaphore may exceed its initial value
    assertEquals("<Semaphore [unlocked, value:2, waiters:0]>", plain.toString());
    assertSame(LoopBound.TRUE, plain.acquire());
    assertSame(LoopBound.TRUE, plain.acquire());
    assertTrue(plain.isLocked());
    assertEquals("<Semaphore [locked, waiters:0]>", plain.toString());
    // A bounded semaphore may be released back up to its initial value.
    BoundedSemaphore b2 = new BoundedSemaphore(2);
    b2.acquire();
    b2.acquire();
    b2.release();
    b2.release();
    assertThrows(IllegalArgumentException.class, b2::release);
    assertEquals("<BoundedSemaphore [unlocked, value:2, waiters:0]>", b2.toString());
  }

  /**
   * {@code await sem.acquire(); result.append(tag_1); sleep; release; acquire; tag_2; sleep;
   * release}.
   */
  private static Coroutine<Void> twice(Semaphore sem, List<String> result, String tag) {
    return Coros.steps(
        Coros.await(() -> sem.acquire()),
        Coros.run(() -> result.add(tag + "_1")),
        Coros.await(() -> sleep(0.01)),
        Coros.run(sem::release),
        Coros.await(() -> sem.acquire()),
        Coros.run(() -> result.add(tag + "_2")),
        Coros.await(() -> sleep(0.01)),
        Coros.run(sem::release));
  }

  @Test
  void sem02_fifoOrder() {
    Semaphore sem = new Semaphore(1);
    List<String> result = new ArrayList<>();
    List<Task<Void>> t = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  for (String tag : List.of("c1", "c2", "c3")) {
                    t.add(createTask(twice(sem, result, tag)));
                  }
                }),
            Coros.await(() -> t.get(0)),
            Coros.await(() -> t.get(1)),
            Coros.await(() -> t.get(2))),
        VT);
    assertEquals(List.of("c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2"), result);
  }

  /** CPython test_acquire_fifo_order_2: a successful acquire wakes the waiters queued behind it. */
  @Test
  void sem02_successfulAcquireWakesTheWaitersBehind() {
    Semaphore sem = new Semaphore(1);
    List<Integer> result = new ArrayList<>();
    List<Task<?>> t = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  t.add(createTask(Coros.after(() -> sem.acquire(), ok -> result.add(1))));
                  t.add(
                      createTask(
                          Coros.steps(
                              Coros.await(() -> sem.acquire()),
                              Coros.run(
                                  () -> {
                                    result.add(2);
                                    sem.release();
                                  }),
                              Coros.await(() -> sem.acquire()),
                              Coros.run(() -> result.add(4)))));
                  t.add(createTask(Coros.after(() -> sem.acquire(), ok -> result.add(3))));
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  sem.release();
                  sem.release();
                }),
            Coros.await(() -> t.get(0)),
            Coros.await(() -> t.get(1)),
            Coros.await(() -> t.get(2))),
        VT);
    assertEquals(List.of(1, 2, 3, 4), result);
  }

  /** CPython test_acquire_fifo_order_3: a woken waiter that is cancelled passes its unit on. */
  @Test
  void sem02_failedAcquireWakesTheWaitersBehind() {
    Semaphore sem = new Semaphore(0);
    List<Integer> result = new ArrayList<>();
    List<Task<Boolean>> t = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  for (int i = 1; i <= 3; i++) {
                    int id = i;
                    t.add(createTask(Coros.after(() -> sem.acquire(), ok -> result.add(id))));
                  }
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  sem.release();
                  sem.release();
                  t.get(0).cancel();
                }),
            Coros.await(
                () -> SyncCoros.failure(() -> t.get(0)),
                e -> assertInstanceOf(CancelledError.class, e)),
            Coros.await(() -> t.get(1)),
            Coros.await(() -> t.get(2))),
        VT);
    assertEquals(List.of(2, 3), result);
  }

  /**
   * SEM-04 (CPython test_acquire_hang, python/cpython#90155): Semaphore(0); t1 and t2 acquire; t1
   * is cancelled; one release. t2 acquires and the semaphore is locked again: the release is not
   * lost to the cancelled waiter.
   */
  @Test
  void sem04_releaseIsNotLostToACancelledWaiter() {
    Semaphore sem = new Semaphore(0);
    List<Task<Boolean>> t = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  t.add(createTask(sem.acquire()));
                  t.add(createTask(sem.acquire()));
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  t.get(0).cancel();
                  sem.release();
                }),
            Coros.await(() -> sleep(0)),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertTrue(t.get(0).isCancelled());
                  assertTrue(t.get(1).isDone(), "t2 hangs: the release went to the cancelled t1");
                  assertTrue(t.get(1).result());
                  assertTrue(sem.isLocked());
                  assertEquals("<Semaphore [locked, waiters:0]>", sem.toString());
                })),
        VT);
  }

  /**
   * The other order of SEM-04: the release wakes t1 first, and t1 is cancelled before it runs. The
   * unit goes back and on to t2.
   */
  @Test
  void sem04_wokenThenCancelledWaiterGivesTheUnitBack() {
    Semaphore sem = new Semaphore(0);
    List<Task<Boolean>> t = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  for (int i = 0; i < 3; i++) {
                    t.add(createTask(sem.acquire()));
                  }
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  sem.release(); // wakes t1 (the unit is handed over) ...
                  t.get(0).cancel(); // ... which is cancelled before it runs
                  assertTrue(sem.isLocked(), "no barging while woken waiters run");
                }),
            Coros.await(() -> sleep(1)),
            Coros.run(
                () -> {
                  assertTrue(t.get(0).isCancelled());
                  assertTrue(t.get(1).isDone(), "lost wake-up: t2 never got t1's unit");
                  assertFalse(t.get(2).isDone());
                  assertEquals("<Semaphore [locked, waiters:1]>", sem.toString());
                  sem.release();
                }),
            Coros.await(() -> t.get(2), ok -> assertTrue(ok)),
            Coros.run(() -> assertEquals("<Semaphore [locked, waiters:0]>", sem.toString()))),
        VT);
  }

  /**
   * Many waiters, many releases and cancellations interleaved in the same loop iterations: every
   * unit ends up held by exactly one surviving waiter (python/asyncio#270 family).
   */
  @Test
  void interleavedCancelsAndReleasesNeverLoseAUnit() {
    Semaphore sem = new Semaphore(0);
    List<Task<Boolean>> t = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  for (int i = 0; i < 10; i++) {
                    t.add(createTask(sem.acquire()));
                  }
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  // Cancel the even ones, some before and some after a release reached them.
                  t.get(0).cancel();
                  sem.release(); // -> t1
                  sem.release(); // -> t2
                  t.get(2).cancel(); // woken, then cancelled: gives the unit back
                  t.get(4).cancel();
                  sem.release(); // -> t3
                  t.get(6).cancel();
                  t.get(8).cancel();
                }),
            Coros.await(() -> sleep(1)),
            Coros.run(
                () -> {
                  List<Integer> acquired = new ArrayList<>();
                  for (int i = 0; i < 10; i++) {
                    if (t.get(i).isDone() && !t.get(i).isCancelled()) {
                      acquired.add(i);
                    }
                  }
                  // Three units, to the first three surviving waiters.
                  assertEquals(List.of(1, 3, 5), acquired);
                  assertTrue(sem.isLocked());
                  sem.release();
                  sem.release();
                }),
            Coros.await(() -> t.get(7)),
            Coros.await(() -> t.get(9))),
        VT);
  }

  @Test
  void asyncWithLimitsConcurrency() {
    Semaphore sem = new Semaphore(2);
    int[] active = {0};
    int[] peak = {0};
    List<Task<Void>> t = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  for (int i = 0; i < 6; i++) {
                    t.add(
                        createTask(
                            SyncCoros.with(
                                sem,
                                x ->
                                    Coros.steps(
                                        Coros.run(() -> peak[0] = Math.max(peak[0], ++active[0])),
                                        Coros.await(() -> sleep(1)),
                                        Coros.run(() -> active[0]--)))));
                  }
                }),
            Coros.await(() -> SyncCoros.repeat(6, i -> t.get(i))),
            Coros.run(
                () -> {
                  assertEquals(3.0, now());
                  assertEquals(2, peak[0]);
                  assertEquals("<Semaphore [unlocked, value:2, waiters:0]>", sem.toString());
                })),
        VT);
  }

  @Test
  void boundedSemaphoreExitOverReleaseFailsTheBlock() {
    BoundedSemaphore sem = new BoundedSemaphore(1);
    Throwable e =
        Asyncio.run(
            SyncCoros.failure(
                () ->
                    SyncCoros.with(
                        sem,
                        x ->
                            // releases inside, so the exit over-releases
                            Coros.steps(Coros.run(sem::release)))),
            VT);
    assertInstanceOf(IllegalArgumentException.class, e);
    assertNull(Asyncio.run(SyncCoros.failure(() -> SyncCoros.with(sem, x -> Coros.steps())), VT));
  }

  @Test
  void uncontendedAcquireAllocatesNothing() {
    Semaphore sem = new Semaphore(3);
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  assertSame(sem.acquire(), sem.acquire());
                  sem.release();
                  sem.release();
                  long bytes =
                      SyncCoros.allocatedBytes(
                          () -> {
                            for (int i = 0; i < 100_000; i++) {
                              sem.acquire();
                              sem.release();
                            }
                          });
                  assertTrue(bytes < 10_000, "allocated " + bytes + " bytes for 100000 acquires");
                }),
            Coros.await(
                () ->
                    SyncCoros.repeat(
                        1000,
                        i -> {
                          sem.release();
                          return sem.acquire();
                        })),
            Coros.run(() -> assertEquals(0.0, now()))),
        VT);
  }
}
