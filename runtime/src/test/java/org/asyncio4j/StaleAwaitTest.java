package org.asyncio4j;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.sleep;
import static org.asyncio4j.SyncCoros.VT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Awaiting a kept reference to a blocked {@link Queue#get()}, {@link Queue#put} or contended
 * {@link Lock#acquire()} a second time. Python raises {@code RuntimeError: cannot reuse already
 * awaited coroutine}. The queue and the lock hand the same object out again for a later blocked
 * call once it is done (so that they allocate nothing per wait), which leaves one case undetected.
 * These tests pin exactly which re-awaits fail with the already-awaited error and what the
 * undetected one does (docs/guide.md "Coroutines are awaited once", design.md §5): if reuse or
 * detection changes, they fail and the docs must change with them.
 */
@Timeout(10)
class StaleAwaitTest {

  /** The error of a second await: the same as for any coroutine awaited twice. */
  private static void assertAwaitedAgain(Object error, String what) {
    assertInstanceOf(IllegalStateException.class, error, String.valueOf(error));
    String m = ((Throwable) error).getMessage();
    assertTrue(m.startsWith("cannot await coroutine " + what + " again"), m);
  }

  /** A task that puts {@code item} into {@code q} after one loop iteration. */
  private static <T> Coroutine<Object> putSoon(Queue<T> q, T item) {
    return Coros.after(
        () -> sleep(0),
        v -> {
          q.putNowait(item);
          return null;
        });
  }

  /** A task that releases {@code lock} after one loop iteration. */
  private static Coroutine<Object> releaseSoon(Lock lock) {
    return Coros.after(
        () -> sleep(0),
        v -> {
          lock.release();
          return null;
        });
  }

  // ---------------------------------------------------------------------------------------------
  // Detected.

  /** Detected: the get finished (awaited directly) and was not handed out again. */
  @Test
  void reawaitingAFinishedGetFails() {
    Queue<Integer> q = new Queue<>();
    Object[] kept = new Object[1];
    List<Object> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> createTask(putSoon(q, 1))),
            Coros.await(
                () -> {
                  Awaitable<Integer> g = q.get(); // empty: a get that waits
                  kept[0] = g;
                  return g;
                },
                v -> log.add("got " + v)),
            Coros.await(() -> SyncCoros.failure(() -> (Awaitable<?>) kept[0]), log::add)),
        VT);
    assertEquals("got 1", log.get(0));
    assertAwaitedAgain(log.get(1), "Queue.get()");
  }

  /**
   * Detected: another task is still waiting in the get (awaited directly, the object is spent at
   * once: the wait is the task's, not the object's).
   */
  @Test
  void awaitingAGetAnotherTaskWaitsInFails() {
    Queue<Integer> q = new Queue<>();
    Object[] kept = new Object[1];
    List<Object> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  Awaitable<Integer> g = q.get();
                  kept[0] = g;
                  createTask(Coros.after(() -> g, v -> log.add("task got " + v)));
                }),
            Coros.await(() -> sleep(0)), // the task waits in the get
            Coros.await(() -> SyncCoros.failure(() -> (Awaitable<?>) kept[0]), log::add),
            Coros.run(() -> q.putNowait(5)),
            Coros.await(() -> sleep(0)),
            Coros.await(() -> sleep(0))),
        VT);
    assertAwaitedAgain(log.get(0), "Queue.get()");
    assertEquals("task got 5", log.get(1));
  }

  /** Detected: the get runs as a task (createTask, gather, waitFor ...) that still waits in it. */
  @Test
  void awaitingAGetRunningAsATaskFails() {
    Queue<Integer> q = new Queue<>();
    Object[] kept = new Object[1];
    List<Object> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  Coroutine<Integer> g = (Coroutine<Integer>) q.get();
                  kept[0] = g;
                  createTask(g);
                }),
            Coros.await(() -> sleep(0)),
            Coros.await(() -> SyncCoros.failure(() -> (Awaitable<?>) kept[0]), log::add),
            Coros.run(() -> q.putNowait(5))),
        VT);
    assertAwaitedAgain(log.get(0), "Queue.get()");
  }

  /** Detected: a finished put, and a put another task still waits in. */
  @Test
  void reawaitingAFinishedOrWaitingPutFails() {
    Queue<String> q = new Queue<>(1);
    Object[] kept = new Object[2];
    List<Object> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> q.putNowait("x")),
            Coros.run(() -> createTask(Coros.after(() -> sleep(0), v -> q.getNowait()))),
            Coros.await(
                () -> {
                  Coroutine<Void> p = q.put("a"); // full: waits
                  kept[0] = p;
                  return p;
                }),
            Coros.await(() -> SyncCoros.failure(() -> (Awaitable<?>) kept[0]), log::add),
            Coros.run(
                () -> {
                  Coroutine<Void> p = q.put("b"); // full again: waits in a task
                  kept[1] = p;
                  createTask(Coros.steps(Coros.await(() -> p)));
                }),
            Coros.await(() -> sleep(0)),
            Coros.await(() -> SyncCoros.failure(() -> (Awaitable<?>) kept[1]), log::add),
            Coros.run(() -> log.add(q.getNowait())),
            Coros.await(() -> sleep(0)),
            Coros.await(() -> sleep(0)),
            Coros.run(() -> log.add(q.getNowait() + " " + q.qsize()))),
        VT);
    // A spent put does not keep its item (the first one's is in the queue, the second's in the
    // waiter its task waits on).
    assertAwaitedAgain(log.get(0), "Queue.put(...)");
    assertAwaitedAgain(log.get(1), "Queue.put(...)");
    assertEquals(List.of("a", "b 0"), log.subList(2, 4));
  }

  /** Detected: a finished contended acquire, and one another task is still waiting in. */
  @Test
  void reawaitingAFinishedOrWaitingAcquireFails() {
    Lock lock = new Lock();
    Object[] kept = new Object[2];
    List<Object> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> lock.acquire()),
            Coros.run(() -> createTask(releaseSoon(lock))),
            Coros.await(
                () -> {
                  Coroutine<Boolean> a = lock.acquire(); // held: waits
                  kept[0] = a;
                  return a;
                }),
            Coros.await(() -> SyncCoros.failure(() -> (Awaitable<?>) kept[0]), log::add),
            Coros.run(
                () -> {
                  Coroutine<Boolean> a = lock.acquire(); // still held by main: waits in a task
                  kept[1] = a;
                  createTask(Coros.after(() -> a, v -> log.add("task acquired")));
                }),
            Coros.await(() -> sleep(0)),
            Coros.await(() -> SyncCoros.failure(() -> (Awaitable<?>) kept[1]), log::add),
            Coros.run(lock::release),
            Coros.await(() -> sleep(0)),
            Coros.await(() -> sleep(0))),
        VT);
    assertAwaitedAgain(log.get(0), "Lock.acquire()");
    assertAwaitedAgain(log.get(1), "Lock.acquire()");
    assertEquals("task acquired", log.get(2));
    assertTrue(lock.isLocked());
  }

  /** Debug mode reuses nothing: every re-await fails, including the case below. */
  @Test
  void inDebugModeAReawaitAfterALaterBlockedGetStillFails() {
    Queue<Integer> q = new Queue<>();
    Object[] kept = new Object[2];
    List<Object> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> createTask(putSoon(q, 1))),
            Coros.await(
                () -> {
                  Awaitable<Integer> g = q.get();
                  kept[0] = g;
                  return g;
                }),
            Coros.run(
                () -> {
                  kept[1] = q.get(); // a later blocked get, not awaited yet
                  q.putNowait(2);
                }),
            Coros.await(() -> SyncCoros.failure(() -> (Awaitable<?>) kept[0]), log::add),
            Coros.await(() -> (Awaitable<?>) kept[1], v -> log.add("later got " + v))),
        RunOptions.create().virtualTime(true).debug(true));
    assertNotSame(kept[0], kept[1]);
    assertAwaitedAgain(log.get(0), "Queue.get()");
    assertEquals("later got 2", log.get(1));
  }

  // ---------------------------------------------------------------------------------------------
  // Not detected: the object was handed out again by a later blocked call not yet awaited.

  /**
   * Not detected: after a later blocked get() handed the same object out again, and before its
   * holder awaits it, a re-await of the kept reference performs that later get (taking the next
   * item, in the getters' order); the holder's own await then fails with the already-awaited
   * error. No item is lost or taken twice.
   */
  @Test
  void aReawaitAfterALaterBlockedGetPerformsThatGetAndTheHolderFails() {
    Queue<Integer> q = new Queue<>();
    Object[] kept = new Object[2];
    List<Object> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> createTask(putSoon(q, 1))),
            Coros.await(
                () -> {
                  Awaitable<Integer> g = q.get();
                  kept[0] = g;
                  return g;
                },
                v -> log.add("got " + v)),
            Coros.run(
                () ->
                    createTask(
                        Coros.steps(
                            Coros.run(() -> kept[1] = q.get()), // the same object, handed out again
                            Coros.await(() -> sleep(0)), // held across a suspension
                            Coros.await(
                                () -> SyncCoros.failure(() -> (Awaitable<?>) kept[1]),
                                e -> log.add(e))))),
            Coros.await(() -> sleep(0)), // the other task holds its get
            Coros.run(() -> createTask(putSoon(q, 2))),
            Coros.await(() -> (Awaitable<?>) kept[0], v -> log.add("stale await got " + v)),
            Coros.await(() -> sleep(0)),
            Coros.run(() -> log.add("size " + q.qsize() + " getters " + q.waitingGetters()))),
        VT);
    assertSame(kept[0], kept[1]);
    // The holder awaits first (its sleep ends) and fails; the stale await then gets the item.
    assertEquals("got 1", log.get(0));
    assertAwaitedAgain(log.get(1), "Queue.get()");
    assertEquals(List.of("stale await got 2", "size 0 getters 0"), log.subList(2, 4));
  }

  /**
   * Not detected, put: the re-await adds the later put's item (the reference's own item was added
   * by its first await), and that put's holder then fails although its item is in the queue.
   */
  @Test
  void aReawaitAfterALaterBlockedPutAddsThatPutsItemAndTheHolderFails() {
    Queue<String> q = new Queue<>(1);
    Object[] kept = new Object[2];
    List<Object> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> q.putNowait("x")),
            Coros.run(() -> createTask(Coros.after(() -> sleep(0), v -> q.getNowait()))),
            Coros.await(
                () -> {
                  Coroutine<Void> p = q.put("a");
                  kept[0] = p;
                  return p;
                }),
            Coros.run(
                () ->
                    createTask(
                        Coros.steps(
                            Coros.run(() -> kept[1] = q.put("b")), // full: handed out again
                            Coros.await(() -> sleep(0)),
                            Coros.await(
                                () -> SyncCoros.failure(() -> (Awaitable<?>) kept[1]),
                                e -> log.add(e))))),
            Coros.await(() -> sleep(0)),
            Coros.run(() -> createTask(Coros.after(() -> sleep(0), v -> log.add(q.getNowait())))),
            Coros.await(() -> (Awaitable<?>) kept[0]), // the stale await: waits, then adds "b"
            Coros.await(() -> sleep(0)),
            Coros.run(() -> log.add(q.getNowait() + " " + q.qsize()))),
        VT);
    assertSame(kept[0], kept[1]);
    assertAwaitedAgain(log.get(0), "Queue.put(...)"); // the holder, whose item is added below
    assertEquals(List.of("a", "b 0"), log.subList(1, 3));
  }

  /**
   * Not detected, lock: a re-await of a kept contended acquire after a later contended acquire()
   * handed it out again (and before that one is awaited) acquires the lock for the re-awaiting
   * task; the holder's await then fails.
   */
  @Test
  void aReawaitAfterALaterContendedAcquireAcquiresAndTheHolderFails() {
    Lock lock = new Lock();
    Object[] kept = new Object[2];
    List<Object> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> lock.acquire()),
            Coros.run(() -> createTask(releaseSoon(lock))),
            Coros.await(
                () -> {
                  Coroutine<Boolean> a = lock.acquire();
                  kept[0] = a;
                  return a;
                }),
            Coros.await(() -> sleep(0)), // the trampoline has dropped the finished acquire
            Coros.run(
                () ->
                    createTask(
                        Coros.steps(
                            Coros.run(() -> kept[1] = lock.acquire()), // held: handed out again
                            Coros.await(() -> sleep(0)),
                            Coros.await(
                                () -> SyncCoros.failure(() -> (Awaitable<?>) kept[1]),
                                e -> log.add(e))))),
            Coros.await(() -> sleep(0)),
            Coros.run(() -> createTask(releaseSoon(lock))),
            Coros.await(() -> (Awaitable<?>) kept[0], v -> log.add("stale await acquired " + v)),
            Coros.await(() -> sleep(0)),
            Coros.run(() -> log.add("locked " + lock.isLocked()))),
        VT);
    assertSame(kept[0], kept[1]);
    assertAwaitedAgain(log.get(0), "Lock.acquire()");
    assertEquals(List.of("stale await acquired true", "locked true"), log.subList(1, 3));
  }
}
