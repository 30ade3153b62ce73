package org.asyncio4j;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.sleep;
import static org.asyncio4j.SyncCoros.VT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Attacks on the reuse of finished blocked {@link Queue#get()}/{@link Queue#put} and contended
 * {@link Lock#acquire()} coroutines (with their waiter futures): every scenario first makes the
 * queue or lock hold a spare, so the operation under attack runs on a reused object. Each test
 * states the asyncio behaviour it checks.
 */
@Timeout(20)
class ReuseAttackTest {

  /** A coroutine that waits once in q.get() and is then dropped: leaves a spare Getting. */
  private static Coroutine<Object> primeSpareGet(Queue<Integer> q) {
    return Coros.steps(
            Coros.run(() -> createTask(Coros.after(() -> sleep(0), v -> {
                  q.putNowait(-1);
                  return null;
                }))),
            Coros.await(() -> q.get(), v -> assertEquals(-1, v)))
        .returning(() -> null);
  }

  /**
   * asyncio: a finished task's repr names its own coroutine ({@code <Task finished ...
   * coro=<Queue.get() ...> result=7>}), never another task's await chain.
   */
  @Test
  void aFinishedTaskWhoseGetWasReusedDescribesOnlyItsOwnCoroutine() {
    Queue<Integer> q = new Queue<>();
    List<String> seen = new ArrayList<>();
    Task<?>[] first = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> first[0] = createTask((Coroutine<Integer>) q.get())),
            Coros.await(() -> sleep(0)),
            Coros.run(() -> q.putNowait(7)),
            Coros.await(() -> first[0]),
            Coros.run(
                () ->
                    createTask(
                        Coros.steps(
                                Coros.run(() -> {}),
                                Coros.await(() -> q.get()))
                            .returning(() -> null),
                        "other")),
            Coros.await(() -> sleep(0)), // "other" now waits in a get
            Coros.run(() -> seen.add(first[0].toString())),
            Coros.run(() -> q.putNowait(8))),
        VT);
    String repr = seen.get(0);
    assertTrue(repr.startsWith("<Task finished"), repr);
    assertTrue(repr.contains("coro=Queue.get() result=7"), repr);
  }

  /**
   * asyncio (Queue.get): a getter woken for an item but cancelled before it runs does not take
   * the item: the next getter gets it. Here both getters run reused Getting coroutines.
   */
  @Test
  void aReusedGetterCancelledAfterItsWakeUpPassesTheItemToTheNextGetter() {
    Queue<Integer> q = new Queue<>();
    List<Object> log = new ArrayList<>();
    Task<?>[] t = new Task<?>[2];
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> primeSpareGet(q)),
            Coros.run(
                () -> {
                  t[0] = createTask(Coros.after(() -> q.get(), v -> log.add("a " + v)));
                }),
            Coros.await(() -> sleep(0)), // a waits (on the reused Getting)
            Coros.run(
                () -> {
                  t[1] = createTask(Coros.after(() -> q.get(), v -> log.add("b " + v)));
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  q.putNowait(5); // wakes a
                  t[0].cancel(); // before a runs
                }),
            Coros.await(() -> sleep(0)),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  log.add("a cancelled " + t[0].isCancelled());
                  log.add("size " + q.qsize());
                })),
        VT);
    assertEquals(List.of("b 5", "a cancelled true", "size 0"), log);
  }

  /**
   * asyncio (3.12+ wait_for): when the timeout and the item arrive in the same iteration, the item
   * is either returned by wait_for or left for the next getter, never lost; the next (reused) get
   * works while the timed-out one's cancellation is delivered.
   */
  @Test
  void waitForGetTimingOutAsTheItemArrivesNeverLosesIt() {
    for (int order = 0; order < 2; order++) {
      Queue<Integer> q = new Queue<>();
      List<Object> log = new ArrayList<>();
      int putFirst = order;
      Asyncio.run(
          Coros.steps(
              Coros.await(() -> primeSpareGet(q)),
              Coros.run(
                  () -> {
                    if (putFirst == 1) {
                      EventLoop.current().callLater(1, () -> q.putNowait(9));
                    }
                  }),
              Coros.run(
                  () ->
                      createTask(
                          Coros.tryCatch(
                              () ->
                                  Coros.after(
                                      () -> Asyncio.waitFor(q.get(), 1), v -> log.add("w " + v)),
                              TimeoutError.class,
                              e -> log.add("timeout")))),
              Coros.run(
                  () -> {
                    if (putFirst == 0) {
                      EventLoop.current().callLater(1, () -> q.putNowait(9));
                    }
                  }),
              Coros.await(() -> sleep(1)),
              Coros.run(() -> createTask(Coros.after(() -> q.get(), v -> log.add("next " + v)))),
              Coros.await(() -> sleep(0.5)),
              Coros.run(() -> q.putNowait(10)),
              Coros.await(() -> sleep(0.5)),
              Coros.run(() -> log.add("left " + q.qsize()))),
          VT);
      assertTrue(
          log.equals(List.of("w 9", "next 10", "left 0"))
              || log.equals(List.of("timeout", "next 9", "left 1")),
          "order " + order + ": " + log);
    }
  }

  /**
   * asyncio (Queue.shutdown(immediate=True), 3.13): blocked getters and putters raise
   * QueueShutDown, join() returns; here the blocked get and put run on reused coroutines.
   */
  @Test
  void shutdownImmediateFailsReusedBlockedGetterAndPutter() {
    Queue<Integer> q = new Queue<>(1);
    Queue<Integer> full = new Queue<>(1);
    List<Object> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> primeSpareGet(q)),
            // a spare Putting: a put that waited once
            Coros.run(() -> full.putNowait(0)),
            Coros.run(() -> createTask(Coros.after(() -> sleep(0), v -> full.getNowait()))),
            Coros.await(() -> full.put(1)),
            Coros.run(
                () -> {
                  createTask(
                      Coros.tryCatch(
                          () -> Coros.after(() -> q.get(), v -> v),
                          QueueShutDown.class,
                          e -> log.add("get shut down")));
                  createTask(
                      Coros.tryCatch(
                          () -> Coros.after(() -> full.put(2), v -> v),
                          QueueShutDown.class,
                          e -> log.add("put shut down")));
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertEquals(1, q.waitingGetters());
                  assertEquals(1, full.waitingPutters());
                  q.shutdown(true);
                  full.shutdown(true);
                }),
            Coros.await(() -> sleep(0)),
            Coros.await(() -> sleep(0))),
        VT);
    assertEquals(Set.of("get shut down", "put shut down"), new HashSet<>(log));
    assertEquals(2, log.size());
  }

  /**
   * asyncio (Lock): waiters acquire in FIFO order; a waiter cancelled before or after it was woken
   * never holds the lock and the lock goes to the next waiter; cancel + uncancel before delivery
   * (3.13) withdraws the cancellation. Workers loop, so most contended acquires are reused ones.
   */
  @Test
  void reusedLockAcquiresStayFifoUnderInterleavedCancellations() {
    Lock lock = new Lock();
    int workers = 6;
    int rounds = 40;
    Task<?>[] tasks = new Task<?>[workers];
    Set<Integer> cancelled = new HashSet<>();
    ArrayDeque<Integer> line = new ArrayDeque<>();
    List<Integer> order = new ArrayList<>();
    int[] holder = {-1};
    int[] acquisitions = {0};
    Set<Object> acquireObjects = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    int[] contended = {0};
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  for (int w = 0; w < workers; w++) {
                    int me = w;
                    Object[] acq = new Object[1];
                    int[] round = {0};
                    tasks[w] =
                        createTask(
                            IoCoros.loop(
                                rounds * 3,
                                () -> {
                                  Coroutine<Boolean> a = lock.acquire();
                                  if (!a.isDone()) {
                                    line.addLast(me);
                                    contended[0]++;
                                    acquireObjects.add(a);
                                  }
                                  acq[0] = a;
                                  return Coros.steps(
                                          Coros.await(() -> a),
                                          Coros.run(
                                              () -> {
                                                assertFalse(cancelled.contains(me), "" + me);
                                                assertEquals(-1, holder[0]);
                                                assertTrue(lock.isLocked());
                                                if (!line.isEmpty() && line.peekFirst() == me) {
                                                  line.pollFirst();
                                                } else {
                                                  assertFalse(line.contains(me), "FIFO " + line);
                                                }
                                                holder[0] = me;
                                                order.add(me);
                                              }),
                                          Coros.await(() -> sleep(0)),
                                          Coros.run(
                                              () -> {
                                                holder[0] = -1;
                                                lock.release();
                                                int k = ++acquisitions[0];
                                                Integer woken = line.peekFirst();
                                                if (woken != null && k % 7 == 3) {
                                                  // woken, not yet run
                                                  tasks[woken].cancel();
                                                  cancelled.add(woken);
                                                  line.remove(woken);
                                                } else if (woken != null && k % 7 == 5) {
                                                  tasks[woken].cancel();
                                                  tasks[woken].uncancel();
                                                } else if (line.size() > 1 && k % 11 == 6) {
                                                  Integer last = line.peekLast(); // not woken
                                                  tasks[last].cancel();
                                                  cancelled.add(last);
                                                  line.remove(last);
                                                }
                                              }))
                                      .returning(() -> null);
                                },
                                v -> ++round[0] < rounds));
                  }
                }),
            Coros.await(() -> Asyncio.gather(true, List.of(tasks)))),
        VT);
    assertFalse(lock.isLocked());
    assertTrue(order.size() > workers * 5, "" + order.size());
    for (int w = 0; w < workers; w++) {
      assertEquals(cancelled.contains(w), tasks[w].isCancelled(), "worker " + w);
    }
    assertTrue(cancelled.size() >= 2, "" + cancelled);
    assertTrue(acquireObjects.size() < contended[0], acquireObjects.size() + " " + contended[0]);
  }

  /**
   * Debug mode tracks every coroutine until it is awaited (asyncio's "never awaited" warning), so
   * the queue and the lock must not hand out a finished coroutine again there.
   */
  @Test
  void debugModeTurnsReuseOff() {
    Queue<Integer> q = new Queue<>();
    Lock lock = new Lock();
    List<Object> objs = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  Awaitable<Integer> g = q.get();
                  objs.add(g);
                  createTask(Coros.after(() -> sleep(0), v -> {
                  q.putNowait(1);
                  return null;
                }));
                }),
            Coros.await(() -> (Awaitable<?>) objs.get(0)),
            Coros.run(() -> objs.add(q.get())),
            Coros.run(() -> q.putNowait(2)),
            Coros.await(() -> (Awaitable<?>) objs.get(1))),
        RunOptions.create().virtualTime(true).debug(true));
    assertNotSame(objs.get(0), objs.get(1));
    assertInstanceOf(Coroutine.class, objs.get(0));
  }

  /**
   * asyncio: Task.get_stack() and the task dump show where each task waits. A task blocked in a
   * reused get shows its own await chain (the user frame that awaits the get), not the chain of
   * the task that used the coroutine before.
   */
  @Test
  void stacksAndDumpsOfTasksBlockedInReusedGetsNameTheirOwnAwait() {
    Queue<Integer> q = new Queue<>();
    Task<?>[] t = new Task<?>[2];
    List<Object> seen = new ArrayList<>();
    Object[] firstGet = new Object[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () ->
                    t[0] =
                        createTask(
                            DemoCoros.awaiting(
                                "first",
                                10,
                                12,
                                () -> {
                                  Awaitable<Integer> g = q.get();
                                  firstGet[0] = g;
                                  return g;
                                }),
                            "first")),
            Coros.await(() -> sleep(0)),
            Coros.run(() -> q.putNowait(1)),
            Coros.await(() -> t[0]), // its Getting is now the spare
            Coros.run(
                () -> {
                  Awaitable<Integer> g = q.get();
                  seen.add(g);
                  t[1] = createTask(DemoCoros.awaiting("second", 20, 23, () -> g), "second");
                }),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  seen.add(t[1].getStack());
                  seen.add(Asyncio.dumpTasks());
                  q.putNowait(2);
                }),
            Coros.await(() -> t[1])),
        VT);
    assertSame(firstGet[0], seen.get(0)); // the second task's get is the reused one
    String stack = seen.get(1).toString();
    assertTrue(stack.contains("demo.Shop.second(Shop.java:23)"), stack);
    assertFalse(stack.contains("first"), stack);
    String dump = seen.get(2).toString();
    assertTrue(dump.contains("second"), dump);
    assertTrue(dump.contains("Shop.java:23"), dump);
    assertFalse(dump.contains("Shop.java:12"), dump);
  }

  /**
   * asyncio (Queue.join/task_done, PriorityQueue, LifoQueue): join() returns once task_done() was
   * called for every item put; a cancelled blocked put does not add its item. The puts and gets
   * of a maxsize-1 queue all wait, so nearly all of them run on reused coroutines.
   */
  @Test
  void joinCountsAndCancelledPutsHoldAcrossReusedPutsAndGetsOfEveryQueueKind() {
    List<Queue<Integer>> queues =
        List.of(new Queue<>(1), new LifoQueue<>(1), new PriorityQueue<>(1));
    for (Queue<Integer> q : queues) {
      int n = 50;
      List<Integer> got = new ArrayList<>();
      List<Object> log = new ArrayList<>();
      int[] put = {0};
      Task<?>[] late = new Task<?>[1];
      Task<?>[] producer = new Task<?>[1];
      Asyncio.run(
          Coros.steps(
              Coros.run(
                  () -> {
                    producer[0] =
                        createTask(
                            IoCoros.loop(n + 1, () -> q.put((put[0] * 7) % n), v -> ++put[0] < n));
                    createTask(
                        IoCoros.loop(
                            n + 1,
                            () -> q.get(),
                            v -> {
                              got.add(v);
                              q.taskDone();
                              return got.size() < n;
                            }));
                  }),
              Coros.await(() -> producer[0]), // every item put; some not yet processed
              Coros.await(() -> q.join(), v -> log.add("joined after " + got.size())),
              Coros.run(() -> q.putNowait(-1)),
              Coros.run(() -> late[0] = createTask(q.put(99))),
              Coros.await(() -> sleep(0)), // waits for a slot
              Coros.run(
                  () -> {
                    late[0].cancel();
                    log.add("first " + q.getNowait()); // frees the slot: wakes the putter
                  }),
              Coros.await(() -> sleep(0)),
              Coros.await(() -> sleep(0)),
              Coros.run(() -> log.add("cancelled " + late[0].isCancelled() + " size " + q.qsize()))),
          VT);
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        expected.add((i * 7) % n);
      }
      assertEquals(expected, got, q.getClass().getSimpleName());
      assertEquals(
          List.of("joined after " + n, "first -1", "cancelled true size 0"),
          log,
          q.getClass().getSimpleName());
    }
  }

  /**
   * asyncio (3.12+ wait_for over Lock.acquire): when the lock is handed to a waiter in the same
   * iteration its timeout fires, either wait_for returns (the caller holds the lock) or it raises
   * TimeoutError and the lock is not held by anyone: never leaked. The acquire is a reused one.
   */
  @Test
  void waitForAcquireTimingOutAsTheLockIsHandedOverNeverLeaksIt() {
    for (int order = 0; order < 2; order++) {
      Lock lock = new Lock();
      List<Object> log = new ArrayList<>();
      int releaseFirst = order;
      Asyncio.run(
          Coros.steps(
              // a spare Acquiring: one contended acquire that completed
              Coros.await(() -> lock.acquire()),
              Coros.run(
                  () -> createTask(Coros.after(() -> lock.acquire(), v -> log.add("primed")))),
              Coros.await(() -> sleep(0)),
              Coros.run(lock::release),
              Coros.await(() -> sleep(0)),
              Coros.run(lock::release),
              Coros.await(() -> lock.acquire()), // main holds the lock again
              Coros.run(
                  () -> {
                    if (releaseFirst == 1) {
                      EventLoop.current().callLater(1, lock::release);
                    }
                    createTask(
                        Coros.tryCatch(
                            () ->
                                Coros.after(
                                    () -> Asyncio.waitFor(lock.acquire(), 1),
                                    v -> {
                                      log.add("acquired " + lock.isLocked());
                                      lock.release();
                                      return null;
                                    }),
                            TimeoutError.class,
                            e -> log.add("timeout")));
                    if (releaseFirst == 0) {
                      EventLoop.current().callLater(1, lock::release);
                    }
                  }),
              Coros.await(() -> sleep(2)),
              Coros.run(() -> log.add("locked " + lock.isLocked()))),
          VT);
      assertTrue(
          log.equals(List.of("primed", "acquired true", "locked false"))
              || log.equals(List.of("primed", "timeout", "locked false")),
          "order " + order + ": " + log);
    }
  }
}
