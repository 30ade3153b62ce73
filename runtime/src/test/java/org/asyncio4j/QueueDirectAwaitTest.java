package org.asyncio4j;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.sleep;
import static org.asyncio4j.SyncCoros.VT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A blocked {@link Queue#get()} / {@link Queue#put} awaited directly ({@code Await.of(q.get())})
 * runs in the awaiting coroutine's await, and its wait in a {@code Queue.Waiter} that re-checks the
 * queue at the task's turn (design.md §5). These are the asyncio rules that path must keep on its
 * own; the shared rules are in {@link QueueTest} and {@link ReuseAttackTest}, whose scenarios run
 * on both paths (a get or put scheduled as a task runs as an ordinary coroutine).
 */
@Timeout(10)
class QueueDirectAwaitTest {

  /**
   * asyncio 3.13: a getter woken for an item whose task is cancelled and then uncancelled before
   * it runs (the cancellation withdrawn before delivery) takes the item as if nothing happened.
   */
  @Test
  void aWokenGetCancelledThenUncancelledBeforeItsTurnStillTakesTheItem() {
    Queue<Integer> q = new Queue<>();
    List<Object> log = new ArrayList<>();
    Task<?>[] a = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> a[0] = createTask(Coros.after(() -> q.get(), v -> log.add("a " + v)))),
            Coros.await(() -> sleep(0)), // a waits
            Coros.run(
                () -> {
                  q.putNowait(1); // wakes a
                  assertTrue(a[0].cancel()); // the waiter is done: a pending cancellation
                  assertEquals(0, a[0].uncancel()); // withdrawn before a runs
                  assertEquals(1, q.qsize()); // counted until the getter takes it
                }),
            Coros.await(() -> sleep(0)),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  log.add("cancelled " + a[0].isCancelled());
                  log.add("size " + q.qsize());
                })),
        VT);
    assertEquals(List.of("a 1", "cancelled false", "size 0"), log);
  }

  /** The putter twin: the woken putter's item is added. */
  @Test
  void aWokenPutCancelledThenUncancelledBeforeItsTurnStillAddsItsItem() {
    Queue<String> q = new Queue<>(1);
    Task<?>[] a = new Task<?>[1];
    List<Object> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> q.putNowait("x")),
            Coros.run(() -> a[0] = createTask(Coros.steps(Coros.await(() -> q.put("a"))))),
            Coros.await(() -> sleep(0)), // a waits for a slot
            Coros.run(
                () -> {
                  assertEquals("x", q.getNowait()); // wakes a
                  a[0].cancel();
                  a[0].uncancel();
                }),
            Coros.await(() -> sleep(0)),
            Coros.await(() -> sleep(0)),
            Coros.run(() -> log.add(a[0].isCancelled() + " " + q.getNowait() + " " + q.qsize()))),
        VT);
    assertEquals(List.of("false a 0"), log);
  }

  /**
   * Python's get() and put() start when awaited: an item (or a slot, or a shutdown) that arrives
   * between the call and its await is seen at the await, without waiting.
   */
  @Test
  void whatChangesBetweenABlockedCallAndItsAwaitIsSeenAtTheAwait() {
    Queue<Integer> q = new Queue<>(1);
    Queue<Integer> shut = new Queue<>();
    List<Object> log = new ArrayList<>();
    Object[] kept = new Object[3];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  kept[0] = q.get(); // empty now
                  q.putNowait(3);
                }),
            Coros.await(() -> (Awaitable<?>) kept[0], v -> log.add("got " + v)),
            Coros.run(
                () -> {
                  q.putNowait(4);
                  kept[1] = q.put(5); // full now
                  log.add("took " + q.getNowait());
                }),
            Coros.await(() -> (Awaitable<?>) kept[1]),
            Coros.run(() -> log.add("then " + q.getNowait())),
            Coros.run(
                () -> {
                  kept[2] = shut.get();
                  shut.shutdown();
                }),
            Coros.await(
                () -> SyncCoros.failure(() -> (Awaitable<?>) kept[2]),
                e -> log.add(e.getClass().getSimpleName()))),
        VT);
    assertEquals(List.of("got 3", "took 4", "then 5", "QueueShutDown"), log);
    assertEquals(0, q.waitingGetters() + q.waitingPutters() + shut.waitingGetters());
  }

  /**
   * A put that waited and whose item the queue then refuses (a PriorityQueue holds no null; Python:
   * heappush's TypeError) fails at its await; the queue keeps working.
   */
  @Test
  void aWaitingPutWhoseItemIsRefusedFailsAtItsAwait() {
    PriorityQueue<Integer> q = new PriorityQueue<>(1);
    List<Object> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> q.putNowait(1)),
            Coros.run(
                () ->
                    createTask(
                        Coros.after(
                            () -> SyncCoros.failure(() -> q.put(null)),
                            e -> log.add(e == null ? "added" : e.getClass().getSimpleName())))),
            Coros.await(() -> sleep(0)), // the put of null waits for a slot
            Coros.run(() -> log.add("took " + q.getNowait())), // frees it
            Coros.await(() -> sleep(0)),
            Coros.await(() -> sleep(0)),
            Coros.await(() -> q.put(2)),
            Coros.run(() -> log.add("size " + q.qsize() + " head " + q.getNowait()))),
        VT);
    assertEquals(List.of("took 1", "NullPointerException", "size 1 head 2"), log);
  }

  /** Task dumps say the task waits in a queue put (and get: DumpTasksTest), with the item. */
  @Test
  void aTaskBlockedInADirectPutIsDumpedAsWaitingInIt() {
    Queue<String> q = new Queue<>(1);
    List<String> dumps = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> q.putNowait("x")),
            Coros.run(
                () ->
                    createTask(
                        DemoCoros.awaiting("produce", 30, 31, () -> q.put("y")), "producer")),
            Coros.await(() -> sleep(0)),
            Coros.run(() -> dumps.add(Asyncio.dumpTasks())),
            Coros.run(q::getNowait),
            Coros.await(() -> sleep(0))),
        VT);
    String dump = dumps.get(0);
    assertTrue(dump.contains("Task 'producer' waiting for Queue.put(y) <Future pending>\n"), dump);
    assertTrue(dump.contains("Shop.java:31"), dump);
  }

  /** Shutdown wakes getters waiting directly; each fails with QueueShutDown at its await. */
  @Test
  void shutdownFailsEveryDirectGetterAtItsAwait() {
    Queue<Integer> q = new Queue<>();
    List<Object> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  for (int i = 0; i < 3; i++) {
                    createTask(
                        Coros.after(
                            () -> SyncCoros.failure(() -> q.get()),
                            e -> log.add(e.getClass().getSimpleName())));
                  }
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertEquals(3, q.waitingGetters());
                  q.shutdown();
                }),
            Coros.await(() -> sleep(0)),
            Coros.await(() -> sleep(0))),
        VT);
    assertEquals(List.of("QueueShutDown", "QueueShutDown", "QueueShutDown"), log);
  }

  /** A getter cancelled while it waits leaves the getters at once and takes nothing. */
  @Test
  void aDirectGetterCancelledWhileWaitingLeavesAndTakesNothing() {
    Queue<Integer> q = new Queue<>();
    Task<?>[] t = new Task<?>[2];
    List<Object> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  t[0] = createTask(Coros.after(() -> q.get(), v -> log.add("a " + v)));
                  t[1] = createTask(Coros.after(() -> q.get(), v -> log.add("b " + v)));
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  t[0].cancel("stop");
                  assertEquals(1, q.waitingGetters());
                  q.putNowait(9);
                }),
            Coros.await(() -> sleep(0)),
            Coros.await(() -> sleep(0)),
            Coros.run(() -> log.add("a cancelled " + t[0].isCancelled()))),
        VT);
    assertEquals(List.of("b 9", "a cancelled true"), log);
    assertFalse(t[1].isCancelled());
  }
}
