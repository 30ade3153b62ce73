package org.asyncio4j;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.sleep;
import static org.asyncio4j.SyncCoros.VT;
import static org.asyncio4j.SyncCoros.now;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Queue}, {@link LifoQueue}, {@link PriorityQueue}: scenarios Q-01..Q-12 of
 * asyncio-scenarios.md (Q-13, the seed's producer/consumer, is in {@link SeedProgramsSyncTest}),
 * CPython's cancellation-race and "why are getters/putters waiting" regressions (the lost-wake-up
 * checklist of asyncio-semantics.md §4.7), and the allocation-free fast paths.
 *
 * <p>Q-07 and Q-11 are not listed in the scenario file (only cited in asyncio-semantics.md §2.7):
 * Q-07 is reconstructed from CPython's test_get_cancelled_race / test_put_cancelled_race /
 * test_cancelled_getters_not_being_held_in_self_getters, Q-11 from test_shutdown_nonempty,
 * test_shutdown_put and friends (non-immediate shutdown). Python's {@code wait_for(q.get(), t)} in
 * those tests is written with an explicit cancel, so that these tests do not depend on {@code
 * Asyncio.waitFor}.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class QueueTest {

  @Test
  void q01_orderOfQueueLifoAndPriority() {
    List<Queue<Integer>> queues = List.of(new Queue<>(), new LifoQueue<>(), new PriorityQueue<>());
    List<List<Integer>> got = new ArrayList<>();
    for (Queue<Integer> q : queues) {
      for (int i : new int[] {1, 3, 2}) {
        q.putNowait(i);
      }
      got.add(Arrays.asList(q.getNowait(), q.getNowait(), q.getNowait()));
    }
    assertEquals(List.of(List.of(1, 3, 2), List.of(2, 3, 1), List.of(1, 2, 3)), got);
  }

  @Test
  void q01_priorityQueueWithAComparatorAndToString() {
    PriorityQueue<String> q = new PriorityQueue<>(Comparator.comparing(String::length));
    q.putNowait("ccc");
    q.putNowait("a");
    q.putNowait("bb");
    assertEquals("<PriorityQueue maxsize=0 _queue=[a, ccc, bb] tasks=3>", q.toString());
    assertEquals(List.of("a", "bb", "ccc"), List.of(q.getNowait(), q.getNowait(), q.getNowait()));
    assertThrows(NullPointerException.class, () -> q.putNowait(null));
    assertEquals(0, q.qsize());
    PriorityQueue<Object> natural = new PriorityQueue<>(1);
    assertThrows(ClassCastException.class, () -> natural.putNowait(new Object()));
    assertEquals(0, natural.qsize());
    LifoQueue<Integer> lifo = new LifoQueue<>();
    lifo.putNowait(1);
    lifo.putNowait(2);
    assertEquals("<LifoQueue maxsize=0 _queue=[2, 1] tasks=2>", lifo.toString());
  }

  /** Q-02 (CPython test_maxsize): a putter blocks after two items and resumes after a get. */
  @Test
  void q02_putBlocksAtMaxsize() {
    Queue<Integer> q = new Queue<>(2);
    List<Integer> haveBeenPut = new ArrayList<>();
    Task<?>[] t = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  assertEquals(2, q.maxsize());
                  t[0] =
                      createTask(
                          Coros.steps(
                                  Coros.await(
                                      () ->
                                          SyncCoros.repeat(
                                              3,
                                              i ->
                                                  Coros.after(
                                                      () -> q.put(i), v -> haveBeenPut.add(i)))))
                              .returning(() -> true));
                }),
            Coros.await(() -> sleep(0)),
            Coros.await(() -> sleep(0)),
            Coros.run(() -> assertEquals(List.of(0, 1), haveBeenPut)),
            Coros.await(() -> q.get(), v -> assertEquals(0, v)),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertEquals(List.of(0, 1, 2), haveBeenPut);
                  assertEquals(1, q.getNowait());
                  assertEquals(2, q.getNowait());
                  assertTrue(t[0].isDone());
                  assertEquals(true, t[0].result());
                })),
        VT);
  }

  @Test
  void q03_nowaitOperationsRaise() {
    Queue<Integer> q = new Queue<>(1);
    q.putNowait(1);
    assertThrows(QueueFull.class, () -> q.putNowait(2));
    assertEquals(1, q.getNowait());
    assertThrows(QueueEmpty.class, q::getNowait);
    assertThrows(QueueEmpty.class, () -> new LifoQueue<>().getNowait());
    assertThrows(QueueEmpty.class, () -> new PriorityQueue<>().getNowait());
  }

  @Test
  void q04_emptyFullQsizeMaxsize() {
    Queue<Integer> unbounded = new Queue<>();
    assertTrue(unbounded.isEmpty());
    assertFalse(unbounded.isFull());
    Queue<Integer> one = new Queue<>(1);
    one.putNowait(1);
    assertEquals(1, one.qsize());
    assertTrue(one.isFull());
    assertFalse(one.isEmpty());
    Queue<Integer> zero = new Queue<>(0);
    assertEquals(0, zero.maxsize());
    Queue<Integer> negative = new Queue<>(-3); // <= 0 is unbounded, as in Python
    for (int i = 0; i < 10; i++) {
      negative.putNowait(i);
    }
    assertFalse(negative.isFull());
    assertEquals(10, negative.qsize());
    assertEquals(
        List.of(true, false, 1, true, false, 0),
        List.of(
            unbounded.isEmpty(),
            unbounded.isFull(),
            one.qsize(),
            one.isFull(),
            zero.isFull(),
            zero.maxsize()));
  }

  @Test
  void q05_taskDoneUnderflowAndJoinOnEmptyQueue() {
    Queue<Integer> q = new Queue<>();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, q::taskDone);
    assertTrue(e.getMessage().contains("too many times"), e.getMessage());
    assertSame(Coroutine.done(), q.join());
    Asyncio.run(
        Coros.steps(
            Coros.await(q::join), Coros.await(q::join), Coros.run(() -> assertEquals(0.0, now()))),
        VT);
  }

  /** Q-06 (CPython test_task_done): two workers process 100 items; join() returns after all. */
  @Test
  void q06_joinWaitsForEveryTaskDone() {
    Queue<Integer> q = new Queue<>();
    for (int i = 0; i < 100; i++) {
      q.putNowait(i);
    }
    int[] accumulator = {0};
    boolean[] running = {true};
    List<Task<Void>> workers = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  for (int w = 0; w < 2; w++) {
                    workers.add(
                        createTask(
                            SyncCoros.loopUntil(
                                () -> !running[0],
                                () ->
                                    Coros.after(
                                        q::get,
                                        item -> {
                                          accumulator[0] += item;
                                          q.taskDone();
                                          return null;
                                        }))));
                  }
                }),
            Coros.await(q::join),
            Coros.run(
                () -> {
                  assertEquals(4950, accumulator[0]);
                  assertEquals(0, q.qsize());
                  running[0] = false;
                  q.putNowait(0);
                  q.putNowait(0);
                }),
            Coros.await(() -> workers.get(0)),
            Coros.await(() -> workers.get(1))),
        VT);
  }

  /**
   * Q-07 (CPython test_get_cancelled_race): two getters, the first cancelled; a put goes to the
   * second.
   */
  @Test
  void q07_cancelledGetterDoesNotTakeTheItem() {
    Queue<String> q = new Queue<>();
    List<Task<String>> t = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  t.add(createTask(Coros.after(q::get, v -> v)));
                  t.add(createTask(Coros.after(q::get, v -> v)));
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(() -> t.get(0).cancel()),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertTrue(t.get(0).isCancelled());
                  q.putNowait("a");
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(() -> assertEquals("a", t.get(1).result()))),
        VT);
  }

  /** Q-07, the same race with the put before the cancelled getter has run. */
  @Test
  void q07_putReachesTheLiveGetterWhenTheFirstIsCancelledInTheSameIteration() {
    Queue<String> q = new Queue<>();
    List<Task<String>> t = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  for (int i = 0; i < 3; i++) {
                    t.add(createTask(Coros.after(q::get, v -> v)));
                  }
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  q.putNowait("a"); // wakes getter 0 ...
                  t.get(0).cancel(); // ... which is cancelled before it runs
                  t.get(1).cancel(); // a waiting getter cancelled
                }),
            Coros.await(() -> sleep(1)),
            Coros.run(
                () -> {
                  assertTrue(t.get(0).isCancelled());
                  assertTrue(t.get(1).isCancelled());
                  assertEquals("a", t.get(2).result(), "the item or its wake-up was lost");
                  assertEquals(0, q.qsize());
                  assertEquals("<Queue maxsize=0 tasks=1>", q.toString());
                })),
        VT);
  }

  /** Q-07 (CPython test_put_cancelled_race): a cancelled putter adds nothing, order is kept. */
  @Test
  void q07_cancelledPutterAddsNothing() {
    Queue<String> q = new Queue<>(1);
    List<Task<Void>> t = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  t.add(createTask(q.put("a")));
                  t.add(createTask(Coros.steps(Coros.await(() -> q.put("b")))));
                  t.add(createTask(Coros.steps(Coros.await(() -> q.put("X")))));
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertTrue(t.get(0).isDone());
                  assertFalse(t.get(1).isDone());
                  t.get(2).cancel();
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertTrue(t.get(2).isCancelled());
                  assertEquals("a", q.getNowait());
                }),
            Coros.await(() -> t.get(1)),
            Coros.run(
                () -> {
                  assertEquals("b", q.getNowait());
                  assertEquals(0, q.qsize());
                })),
        VT);
  }

  /**
   * Q-07 (CPython test_cancelled_getters_not_being_held_in_self_getters and the putter twin):
   * getters and putters given up on leave no waiter behind.
   */
  @Test
  void q07_cancelledWaitersAreNotKept() {
    Queue<Integer> q = new Queue<>(1);
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  Task<Integer> g = createTask(Coros.after(q::get, v -> v));
                  Asyncio.getRunningLoop().callLater(0.1, () -> g.cancel());
                }),
            Coros.await(() -> sleep(0.2)),
            Coros.run(
                () -> {
                  assertEquals(0, q.waitingGetters());
                  q.putNowait(1);
                  Task<Void> p = createTask(q.put(2));
                  Asyncio.getRunningLoop().callLater(0.1, () -> p.cancel());
                }),
            Coros.await(() -> sleep(0.2)),
            Coros.run(
                () -> {
                  assertEquals(0, q.waitingPutters());
                  assertEquals(1, q.qsize());
                  assertEquals(1, q.getNowait());
                })),
        VT);
  }

  /**
   * Q-08 (CPython test_put_cancel_drop): a putter woken by get_nowait and then cancelled adds
   * nothing; retrying the put adds the value once.
   */
  @Test
  void q08_putCancelDropNoLossNoDuplicate() {
    Queue<Integer> q = new Queue<>(1);
    List<Object> values = new ArrayList<>();
    Task<?>[] writer = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  q.putNowait(1);
                  writer[0] = createTask(q.put(2));
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  values.add(q.getNowait());
                  writer[0].cancel();
                }),
            Coros.await(
                () -> SyncCoros.failure(() -> writer[0]),
                e -> {
                  assertInstanceOf(CancelledError.class, e);
                  writer[0] = createTask(q.put(2)); // try again
                }),
            Coros.await(() -> writer[0]),
            Coros.run(
                () -> {
                  values.add(q.getNowait());
                  assertEquals(0, q.qsize());
                })),
        VT);
    assertEquals(List.of(1, 2), values);
  }

  /** Q-09 (CPython test_get_with_waiting_putters). */
  @Test
  void q09_getWithWaitingPuttersKeepsOrder() {
    Queue<String> q = new Queue<>(1);
    List<String> got = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  createTask(q.put("a"));
                  createTask(Coros.steps(Coros.await(() -> q.put("b"))));
                }),
            Coros.await(() -> sleep(0)),
            Coros.await(q::get, got::add),
            Coros.await(q::get, got::add)),
        VT);
    assertEquals(List.of("a", "b"), got);
  }

  /** Q-10 (CPython test_put_with_waiting_getters): getters are served FIFO. */
  @Test
  void q10_waitingGettersServedFifo() {
    Queue<String> q = new Queue<>();
    List<Task<String>> t = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  t.add(createTask(Coros.after(q::get, v -> v)));
                  t.add(createTask(Coros.after(q::get, v -> v)));
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(() -> assertEquals("<Queue maxsize=0 _getters[2]>", q.toString())),
            Coros.await(() -> q.put("a")),
            Coros.await(() -> q.put("b")),
            Coros.await(() -> t.get(0), v -> assertEquals("a", v)),
            Coros.await(() -> t.get(1), v -> assertEquals("b", v))),
        VT);
  }

  /**
   * A getter woken for an item that a non-waiting get took first waits again at the head, ahead of
   * getters that were queued behind it (Python re-queues it at the tail).
   */
  @Test
  void q10_wokenGetterWhoseItemWasTakenKeepsItsPlace() {
    Queue<String> q = new Queue<>();
    List<String> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  createTask(Coros.after(q::get, v -> log.add("first " + v)));
                  createTask(Coros.after(q::get, v -> log.add("second " + v)));
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertEquals(2, q.waitingGetters());
                  q.putNowait("a"); // wakes the first getter
                  assertEquals("a", q.getNowait()); // but the item is taken before it runs
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertEquals(2, q.waitingGetters());
                  q.putNowait("b");
                  q.putNowait("c");
                }),
            Coros.await(() -> sleep(1)),
            Coros.run(() -> assertEquals(List.of("first b", "second c"), log))),
        VT);
  }

  /** The putter twin: a putter woken for a slot that a putNowait filled first keeps its place. */
  @Test
  void q09_wokenPutterWhoseSlotWasTakenKeepsItsPlace() {
    Queue<String> q = new Queue<>(1);
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  q.putNowait("x");
                  createTask(q.put("first"));
                  createTask(Coros.steps(Coros.await(() -> q.put("second"))));
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertEquals(2, q.waitingPutters());
                  assertEquals("x", q.getNowait()); // wakes the first putter
                  q.putNowait("y"); // but the slot is taken before it runs
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertEquals(2, q.waitingPutters());
                  assertEquals("y", q.getNowait());
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(() -> assertEquals("first", q.getNowait())),
            Coros.await(() -> sleep(0)),
            Coros.run(() -> assertEquals("second", q.getNowait()))),
        VT);
  }

  /**
   * Q-08's lost-wake-up twin: a putter woken by a get and cancelled before it runs passes the free
   * slot to the next putter.
   */
  @Test
  void q08_wokenThenCancelledPutterPassesTheSlotOn() {
    Queue<String> q = new Queue<>(1);
    List<Task<Void>> t = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  q.putNowait("x");
                  t.add(createTask(q.put("a")));
                  t.add(createTask(Coros.steps(Coros.await(() -> q.put("b")))));
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertEquals("x", q.getNowait()); // wakes the putter of "a" ...
                  t.get(0).cancel(); // ... which is cancelled before it runs
                }),
            Coros.await(() -> sleep(1)),
            Coros.run(
                () -> {
                  assertTrue(t.get(0).isCancelled());
                  assertTrue(t.get(1).isDone(), "lost wake-up: the putter of b still waits");
                  assertEquals("b", q.getNowait());
                  assertEquals(0, q.qsize());
                })),
        VT);
  }

  /** shutdown() (not immediate): puts fail, remaining items drain, then gets fail. */
  @Test
  void q11_shutdownDrainsThenRaises() {
    Queue<Integer> q = new Queue<>(2);
    List<Task<Void>> putters = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  q.putNowait(1);
                  q.putNowait(2);
                  putters.add(createTask(q.put(3))); // blocked: full
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  q.shutdown();
                  assertEquals("<Queue maxsize=2 _queue=[1, 2] tasks=2 shutdown>", q.toString());
                  assertThrows(QueueShutDown.class, () -> q.putNowait(4));
                }),
            Coros.await(
                () -> SyncCoros.failure(() -> putters.get(0)),
                e -> assertInstanceOf(QueueShutDown.class, e)),
            Coros.await(
                () -> SyncCoros.failure(() -> q.put(5)),
                e -> assertInstanceOf(QueueShutDown.class, e)),
            Coros.await(q::get, v -> assertEquals(1, v)),
            Coros.run(() -> assertEquals(2, q.getNowait())),
            Coros.await(
                () -> SyncCoros.failure(q::get), e -> assertInstanceOf(QueueShutDown.class, e)),
            Coros.run(
                () -> {
                  assertThrows(QueueShutDown.class, q::getNowait);
                  // join still needs one taskDone per item put.
                  q.taskDone();
                  Task<Void> joiner = createTask(q.join());
                  Asyncio.getRunningLoop().callLater(1, q::taskDone);
                }),
            Coros.await(() -> sleep(0)),
            Coros.await(() -> SyncCoros.repeat(1, i -> q.join())),
            Coros.run(() -> assertEquals(1.0, now()))),
        VT);
  }

  /** shutdown wakes blocked getters of an empty queue with QueueShutDown. */
  @Test
  void q11_shutdownWakesBlockedGetters() {
    Queue<Integer> q = new Queue<>();
    List<Task<Integer>> getters = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  getters.add(createTask(Coros.after(q::get, v -> v)));
                  getters.add(createTask(Coros.after(q::get, v -> v)));
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(() -> Asyncio.getRunningLoop().callLater(2, q::shutdown)),
            Coros.await(
                () -> SyncCoros.failure(() -> getters.get(0)),
                e -> {
                  assertInstanceOf(QueueShutDown.class, e);
                  assertEquals(2.0, now());
                }),
            Coros.await(
                () -> SyncCoros.failure(() -> getters.get(1)),
                e -> assertInstanceOf(QueueShutDown.class, e))),
        VT);
  }

  /**
   * Q-12 (CPython test_shutdown_immediate, test_shutdown_empty): immediate shutdown empties the
   * queue, releases join(), fails blocked getters; an extra taskDone is a ValueError.
   */
  @Test
  void q12_immediateShutdown() {
    Queue<Integer> q = new Queue<>();
    Queue<Integer> empty = new Queue<>();
    Task<?>[] joiner = new Task<?>[1];
    Task<?>[] getter = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  q.putNowait(1);
                  joiner[0] = createTask(q.join());
                  getter[0] = createTask(Coros.after(empty::get, v -> v));
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertFalse(joiner[0].isDone());
                  q.shutdown(true);
                  empty.shutdown(true);
                  assertEquals(0, q.qsize());
                }),
            Coros.await(() -> joiner[0]),
            Coros.await(
                () -> SyncCoros.failure(() -> getter[0]),
                e -> assertInstanceOf(QueueShutDown.class, e)),
            Coros.run(
                () -> {
                  assertThrows(IllegalArgumentException.class, q::taskDone);
                  assertThrows(QueueShutDown.class, q::getNowait);
                  assertThrows(QueueShutDown.class, () -> q.putNowait(2));
                  assertEquals(0.0, now());
                })),
        VT);
  }

  /**
   * CPython test_why_are_putters_waiting: four putters on a Queue(2); a getter drains what is there
   * with get_nowait, which must wake the blocked putters one per item.
   */
  @Test
  void getNowaitWakesBlockedPutters() {
    Queue<Integer> q = new Queue<>(2);
    List<Task<Void>> t = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  t.add(
                      createTask(
                          Coros.steps(
                              Coros.await(() -> sleep(0)),
                              Coros.run(
                                  () -> {
                                    int n = q.qsize();
                                    for (int i = 0; i < n; i++) {
                                      q.getNowait();
                                    }
                                  }))));
                  for (int i = 0; i < 4; i++) {
                    int item = i;
                    t.add(createTask(Coros.steps(Coros.await(() -> q.put(item)))));
                  }
                }),
            Coros.await(() -> SyncCoros.repeat(5, i -> t.get(i))),
            Coros.run(
                () -> {
                  assertEquals(2, q.qsize());
                  assertEquals(2, q.getNowait());
                  assertEquals(3, q.getNowait());
                })),
        VT);
  }

  /** CPython test_why_are_getters_waiting: one consumer gets every item a producer puts. */
  @Test
  void putWakesBlockedGetters() {
    Queue<Integer> q = new Queue<>();
    List<Integer> got = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  createTask(SyncCoros.repeat(5, i -> Coros.after(q::get, got::add)));
                  createTask(SyncCoros.repeat(5, i -> q.put(i)));
                }),
            Coros.await(() -> sleep(1)),
            Coros.run(() -> assertEquals(List.of(0, 1, 2, 3, 4), got))),
        VT);
  }

  /**
   * Many getters and putters on a small queue with cancellations sprinkled in: every item put by a
   * putter that was not cancelled is got exactly once, by a getter that was not cancelled.
   */
  @Test
  void cancellationStressNeverLosesOrDuplicatesItems() {
    Queue<Integer> q = new Queue<>(2);
    List<Task<Integer>> getters = new ArrayList<>();
    List<Task<Void>> putters = new ArrayList<>();
    List<Integer> got = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  for (int i = 0; i < 20; i++) {
                    int item = i;
                    putters.add(createTask(Coros.steps(Coros.await(() -> q.put(item)))));
                    getters.add(createTask(Coros.after(q::get, v -> v)));
                  }
                  for (int i = 0; i < 20; i += 3) {
                    int k = i;
                    Asyncio.getRunningLoop().callSoon(() -> putters.get(k).cancel());
                    Asyncio.getRunningLoop().callSoon(() -> getters.get((k + 1) % 20).cancel());
                  }
                }),
            Coros.await(() -> sleep(1)),
            Coros.run(
                () -> {
                  List<Integer> putOk = new ArrayList<>();
                  for (int i = 0; i < 20; i++) {
                    if (putters.get(i).isDone() && !putters.get(i).isCancelled()) {
                      putOk.add(i);
                    }
                  }
                  for (Task<Integer> g : getters) {
                    if (g.isDone() && !g.isCancelled()) {
                      got.add(g.result());
                    }
                  }
                  while (!q.isEmpty()) {
                    got.add(q.getNowait());
                  }
                  got.sort(null);
                  assertEquals(putOk, got);
                  // No live getter is left waiting while items were available.
                  for (Task<Integer> g : getters) {
                    if (!g.isDone()) {
                      assertEquals(0, q.qsize());
                    }
                  }
                })),
        VT);
  }

  @Test
  void nullItemsAreAllowedInFifoAndLifoQueues() {
    Queue<String> q = new Queue<>();
    q.putNowait(null);
    q.putNowait("x");
    assertEquals("<Queue maxsize=0 _queue=[null, x] tasks=2>", q.toString());
    assertNull(q.getNowait());
    LifoQueue<String> lifo = new LifoQueue<>();
    lifo.putNowait("x");
    lifo.putNowait(null);
    assertNull(lifo.getNowait());
    assertEquals("x", lifo.getNowait());
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> q.put(null)),
            Coros.await(q::get, v -> assertEquals("x", v)),
            Coros.await(q::get, v -> assertNull(v))),
        VT);
  }

  /**
   * Every put that added its item at once returns the queue's one done put: awaited any number of
   * times, generally or by the await of its type, and run as a task (a new coroutine runs), it
   * stays as it was.
   */
  @Test
  void theDonePutIsSharedAwaitableAgainAndNeverChanged() {
    Queue<Integer> q = new Queue<>();
    Object[] done = new Object[2];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  done[0] = q.put(1);
                  assertSame(done[0], q.put(2), "one done put");
                  assertEquals("Queue.put(...)", ((Coroutine<?>) done[0]).describe());
                }),
            Coros.await(() -> (Coroutine<?>) done[0], v -> assertNull(v)),
            Coros.await(() -> (Coroutine<?>) done[0], v -> assertNull(v)),
            Coros.run(() -> done[1] = Asyncio.ensureFuture(q.put(3))),
            Coros.await(() -> (Task<?>) done[1], v -> assertNull(v)),
            Coros.await(
                () ->
                    new Coroutine<Void>() {
                      @Override
                      protected void resume() {
                        readyResult(awaitReady(q.put(4), 1));
                        readyResult(awaitReady(q.put(5), 1));
                        complete(null);
                      }
                    }),
            Coros.run(
                () -> {
                  assertSame(done[0], q.put(6));
                  assertNotSame(done[0], ((Task<?>) done[1]).getCoroutine());
                  List<Integer> items = new ArrayList<>();
                  while (!q.isEmpty()) {
                    items.add(q.getNowait());
                  }
                  assertEquals(List.of(1, 2, 3, 4, 5, 6), items);
                })),
        VT);
  }

  @Test
  void immediatePutsAndGetsAllocateNothing() {
    Queue<Integer> q = new Queue<>(4);
    Integer item = 12345;
    long[] bytes = {-1};
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () ->
            new Coroutine<Void>() {
              /** Awaits as generated code does: Await.of(q.put(item)); Await.of(q.get()). */
              private void putAndGet(int times) {
                for (int i = 0; i < times; i++) {
                  readyResult(awaitReady(q.put(item), 1));
                  Integer got = readyResult(awaitReady(q.get(), 2));
                  assertEquals(item, got);
                }
              }

              @Override
              protected void resume() {
                Queue<Integer>.Putting first = q.put(item);
                readyResult(awaitReady(first, 1));
                readyResult(awaitReady(q.get(), 2));
                assertSame(first, q.put(item), "the awaited put is reused");
                putAndGet(1000);
                bytes[0] = SyncCoros.allocatedBytes(() -> putAndGet(100_000));
                complete(null);
              }
            }),
            Coros.run(
                () ->
                    assertTrue(
                        bytes[0] < 10_000, "allocated " + bytes[0] + " bytes for 100000 put+get")),
            // Awaited through the general await: never suspends either (no loop iteration).
            Coros.await(
                () ->
                    SyncCoros.repeat(
                        1000, i -> Coros.steps(Coros.await(() -> q.put(i)), Coros.await(q::get)))),
            Coros.await(
                () ->
                    SyncCoros.repeat(
                        1000,
                        i -> {
                          q.putNowait(i);
                          return Coros.after(q::get, v -> v == i);
                        })),
            Coros.run(() -> assertEquals(0.0, now()))),
        VT);
  }

  /** Producer and consumer of a queue of maxsize 1: every put and every get waits. */
  private static Coroutine<Object> blockedPipe(Queue<Integer> q, int n, long[] sum) {
    int[] put = {0};
    int[] got = {0};
    return Coros.steps(
            Coros.run(
                () ->
                    createTask(
                        IoCoros.loop(n + 1, () -> q.put(put[0] & 127), v -> ++put[0] < n))),
            Coros.await(
                () ->
                    IoCoros.loop(
                        n + 1,
                        q::get,
                        v -> {
                          sum[0] += v;
                          return ++got[0] < n;
                        })))
        .returning(() -> null);
  }

  @Test
  void blockedPutsAndGetsReuseTheirCoroutinesAndWaitersAllocatingNothingPerItem() {
    Queue<Integer> warm = new Queue<>(1);
    Asyncio.run(blockedPipe(warm, 1000, new long[1]), VT);
    int n = 50_000;
    long[] sum = new long[1];
    Queue<Integer> q = new Queue<>(1);
    long bytes = SyncCoros.allocatedBytes(() -> Asyncio.run(blockedPipe(q, n, sum), VT));
    long expected = 0;
    for (int i = 0; i < n; i++) {
      expected += i & 127;
    }
    assertEquals(expected, sum[0]);
    // Before the reuse: a coroutine and a waiter future per blocked put and get, 192 B per item.
    assertTrue(bytes < 16L * n, "allocated " + bytes + " bytes for " + n + " items");
  }

  /** A stale reference to a finished blocked get is not the coroutine a later get hands out. */
  @Test
  void aFinishedBlockedGetIsReusedOnlyAfterItsTaskDroppedIt() {
    Queue<Integer> q = new Queue<>(1);
    List<Object> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  Awaitable<Integer> first = q.get(); // empty: a coroutine that will wait
                  Task<Integer> t = createTask((Coroutine<Integer>) first);
                  log.add(t);
                }),
            Coros.await(() -> sleep(0)), // the task waits in the get
            Coros.run(() -> q.putNowait(7)),
            Coros.await(() -> (Task<?>) log.get(0), v -> log.add("got " + v)),
            Coros.run(
                () -> {
                  Task<?> t = (Task<?>) log.get(0);
                  Awaitable<Integer> next = q.get(); // empty again: reuses the finished one
                  assertSame(t.getCoroutine(), next);
                  log.add(Asyncio.ensureFuture(next));
                  q.putNowait(8);
                }),
            Coros.await(() -> (Future<?>) log.get(2), v -> log.add("then " + v)),
            // The task kept its own result.
            Coros.run(() -> log.add("task still has " + ((Task<?>) log.get(0)).result()))),
        VT);
    assertEquals(
        List.of("got 7", "then 8", "task still has 7"),
        List.of(log.get(1), log.get(3), log.get(4)));
  }

  /**
   * The coroutine of an immediate get is reused only after it was awaited, so gets taken before any
   * is awaited (for example passed together to gather) keep their own items; ensureFuture runs one
   * as a task, as Python's does.
   */
  @Test
  void unreadImmediateGetsKeepTheirOwnItems() {
    Queue<Integer> q = new Queue<>();
    Object[] c = new Object[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  q.putNowait(1);
                  q.putNowait(2);
                  q.putNowait(3);
                  Awaitable<Integer> a = q.get();
                  Awaitable<Integer> b = q.get();
                  assertNotSame(a, b);
                  createTask(Coros.after(() -> a, v -> v == 1 ? v : fail()));
                  createTask(Coros.after(() -> b, v -> v == 2 ? v : fail()));
                  c[0] = Asyncio.ensureFuture(q.get());
                  assertInstanceOf(Task.class, c[0]);
                  assertEquals(0, q.qsize(), "the third item was taken by get() itself");
                }),
            Coros.await(() -> (Future<?>) c[0], v -> assertEquals(3, v))),
        VT);
    // Outside a running loop an immediate get holds its item the same way.
    q.putNowait(4);
    assertEquals(4, (int) Asyncio.run(Coros.after(() -> q.get(), v -> v), VT));
    q.putNowait(5);
    assertInstanceOf(Coroutine.class, q.get());
    assertTrue(q.isEmpty());
  }

  /** Immediate and waiting gets passed together to gather keep their own items, in order. */
  @Test
  void getsPassedToGatherKeepTheirItems() {
    Queue<Integer> q = new Queue<>();
    List<Integer> got =
        Asyncio.run(
            Coros.after(
                () -> {
                  q.putNowait(1);
                  q.putNowait(2);
                  Asyncio.getRunningLoop().callLater(1, () -> q.putNowait(3));
                  return Asyncio.gather(q.get(), q.get(), q.get());
                },
                results -> {
                  assertEquals(1.0, now());
                  return results;
                }),
            VT);
    assertEquals(List.of(1, 2, 3), got);
  }

  /**
   * Python's "no timeout parameters: use wait_for" (asyncio-semantics.md §2.7, CPython
   * test_get_cancelled and test_cancelled_getters_not_being_held_in_self_getters): a get under
   * waitFor returns the item put in time; one that times out takes nothing and leaves no getter.
   */
  @Test
  void getUnderWaitForTimesOutCleanly() {
    Queue<Integer> q = new Queue<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> Asyncio.getRunningLoop().callLater(1, () -> q.putNowait(1))),
            Coros.await(
                () -> Asyncio.waitFor(q.get(), 1.5),
                v -> {
                  assertEquals(1, v);
                  assertEquals(1.0, now());
                }),
            Coros.await(
                () -> SyncCoros.failure(() -> Asyncio.waitFor(q.get(), 1)),
                e -> {
                  assertInstanceOf(TimeoutError.class, e);
                  assertEquals(2.0, now());
                  assertEquals(0, q.waitingGetters());
                }),
            Coros.run(
                () -> {
                  q.putNowait(2);
                  assertEquals(1, q.qsize()); // nobody took it
                })),
        VT);
  }

  @Test
  void bindsToTheFirstLoopThatWaits() {
    Queue<Integer> q = new Queue<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> Asyncio.getRunningLoop().callLater(1, () -> q.putNowait(1))),
            Coros.await(q::get)),
        VT);
    Throwable e = Asyncio.run(SyncCoros.failure(q::get), VT);
    assertInstanceOf(IllegalStateException.class, e);
    assertTrue(e.getMessage().contains("different event loop"), e.getMessage());
    // Uncontended use from another loop is fine.
    q.putNowait(7);
    assertEquals(7, (int) Asyncio.run(Coros.after(q::get, v -> v), VT));
  }
}
